import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const HZ = 100;

function stat(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields start after its closing parenthesis.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (user + system). */
export function cpuSeconds(pid: number): number {
  const f = stat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / HZ : 0;
}

/**
 * CPU seconds of a PostgreSQL cluster: the postmaster, its reaped children (backends that
 * ended), and its live children (the hub's connections, background workers).
 */
export function clusterCpuSeconds(postmasterPid: number): number {
  const f = stat(postmasterPid);
  if (!f) return 0;
  let total = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / HZ;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const c = stat(Number(entry));
    if (c && Number(c[1]) === postmasterPid) total += (Number(c[11]) + Number(c[12])) / HZ;
  }
  return total;
}
