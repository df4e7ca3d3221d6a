// Preloaded into the soak's server process only (NODE_OPTIONS=--import): on SIGUSR2 it runs a full
// garbage collection and prints the heap in use after it, so the soak can tell the day's data from
// V8's reserve. No part of the product; plain JavaScript so the server runs without a compiler hook.
/* global process */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
process.on('SIGUSR2', () => {
  gc();
  const m = process.memoryUsage();
  process.stdout.write(`[gc-probe] ${JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss })}\n`);
});
