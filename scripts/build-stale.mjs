/* global console, process, URL */
// Builds only the workspaces whose sources changed since their last build, so that `npm start`
// after a power cut is back in seconds instead of rebuilding every screen. Each build leaves a
// stamp (a hash of its inputs' paths, sizes and modification times) in its dist folder; a
// workspace is rebuilt when the stamp is missing or differs. A content hash of a few hundred
// files is cheap; a build cache tool (turbo, nx) would be a large dependency for this one job.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
/** In build order: the server type-checks against the printers' output. Arguments name others (the hub's). */
const WORKSPACES = process.argv.length > 2 ? process.argv.slice(2) : ['printers', 'server', 'kiosk-ui', 'display-ui', 'counter-ui'];
const INPUTS = ['src', 'public', 'venues', 'index.html', 'package.json', 'tsconfig.json', 'vite.config.ts'];
const SHARED = ['package-lock.json', 'tsconfig.base.json'];
const STAMP = '.build-stamp';

/** Every input file under `path` with its size and modification time (tests are not inputs). */
function files(path, out = []) {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isDirectory()) for (const name of readdirSync(path).sort()) files(join(path, name), out);
  else if (!/\.test\.tsx?$/.test(path)) out.push(`${path}\t${st.size}\t${st.mtimeMs}`);
  return out;
}

/** The stamp of a workspace's inputs, including those it builds on (an earlier workspace rebuilt means this one too). */
function stampOf(ws, upstream) {
  const h = createHash('sha256');
  for (const f of [...SHARED.map((s) => join(ROOT, s)), ...INPUTS.map((i) => join(ROOT, ws, i))].flatMap((p) => files(p))) h.update(f + '\n');
  h.update(upstream);
  return h.digest('hex');
}

let upstream = '';
for (const ws of WORKSPACES) {
  const stampPath = join(ROOT, ws, 'dist', STAMP);
  const want = stampOf(ws, ws === 'server' ? upstream : '');
  const have = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : null;
  if (have !== want) {
    console.log(`Building ${ws} (sources changed since its last build)…`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', ws], { cwd: ROOT, stdio: 'inherit' });
    writeFileSync(stampPath, want);
  }
  if (ws === 'printers') upstream = want;
}
