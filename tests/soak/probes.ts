import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** Seconds a process's main thread (the event loop) ran, and sat runnable waiting for a CPU, from /proc/<pid>/schedstat. */
function schedSeconds(pid: number): { ran: number; waited: number } {
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { ran: ran! / 1e9, waited: waited! / 1e9 };
  } catch {
    return { ran: NaN, waited: NaN };
  }
}

/** Resident memory of a process in MB (what the RSS check is about). */
export function vmRssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/** Shares of one core over the load, to tell a slow server from a machine that gave it no CPU. */
export interface CpuShares {
  server: number;
  /** All screens processes together. */
  screens: number;
  /** This process: the load generator. */
  generator: number;
  /** The server's event loop: running, and runnable but waiting for a core. */
  serverLoopRan: number;
  serverLoopWaited: number;
  /** The boards' main threads, summed over their processes: running, and runnable but waiting for a core. */
  screensLoopRan: number;
  screensLoopWaited: number;
  loadavg: number[];
}

/** Starts counting CPU for the server and the screens processes; the returned function ends it. */
export function cpuMeter(serverPid: number, screenPids: number[]): (seconds: number) => CpuShares {
  const sched0 = schedSeconds(serverPid);
  const server0 = cpuSeconds(serverPid);
  const screens0 = screenPids.map(cpuSeconds);
  const screensSched0 = screenPids.map(schedSeconds);
  const gen0 = process.cpuUsage();
  return (seconds) => {
    const sched = schedSeconds(serverPid);
    const gen = process.cpuUsage(gen0);
    return {
      server: (cpuSeconds(serverPid) - server0) / seconds,
      screens: screenPids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - screens0[i]!, 0) / seconds,
      generator: (gen.user + gen.system) / 1e6 / seconds,
      serverLoopRan: (sched.ran - sched0.ran) / seconds,
      serverLoopWaited: (sched.waited - sched0.waited) / seconds,
      ...screenPids.map(schedSeconds).reduce(
        (sum, x, i) => ({
          screensLoopRan: sum.screensLoopRan + (x.ran - screensSched0[i]!.ran) / seconds,
          screensLoopWaited: sum.screensLoopWaited + (x.waited - screensSched0[i]!.waited) / seconds,
        }),
        { screensLoopRan: 0, screensLoopWaited: 0 },
      ),
      loadavg: loadavg(),
    };
  };
}

/**
 * How late this process's event loop runs, from now (or the last restart) until read (ms): a
 * process that cannot get to its sockets makes what it sends or hears late.
 */
export function loopDelayMeter(): { restart(): void; read(): { p99: number; max: number } } {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return {
    restart: () => h.reset(),
    read: () => {
      h.disable();
      return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    },
  };
}
