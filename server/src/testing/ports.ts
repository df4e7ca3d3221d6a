import { execFileSync } from 'node:child_process';

/** A loopback port that nothing listens on right now (for a printer that refuses connections). */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, ['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"]);
  return Number(String(out).trim());
}
