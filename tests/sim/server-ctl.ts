import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** The reply the server sends over IPC after moving its simulated clock (server/src/sim-clock.ts). */
type ClockReply = { type: 'sim:clock:ok'; at: number; day: string } | { type: 'sim:clock:error'; at: number; message: string };

export interface SimServerOptions {
  port: number;
  dataDir: string;
  venuePath: string;
  adminPassword: string;
  env?: Record<string, string>;
}

/**
 * The built server (with the V8 flags of `npm start`) as its own process, with a simulated clock
 * it is told to move over IPC and a data folder that outlives it: killed with SIGKILL and started
 * again on the same port, like a power cut and a reboot of the building's server.
 */
export class SimServer {
  private proc: ServerProcess | null = null;
  private outBefore = '';
  private pending = new Map<number, (r: ClockReply) => void>();
  starts = 0;
  kills = 0;

  constructor(private readonly opts: SimServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  /** What every run of the server printed so far. */
  output(): string {
    return this.outBefore + (this.proc?.output() ?? '');
  }

  async start(at: number): Promise<void> {
    this.proc = await startServerProcess({
      built: true,
      ipc: true,
      port: this.opts.port,
      dataDir: this.opts.dataDir,
      venue: this.opts.venuePath,
      env: { ANTRE_DEMO: '0', ANTRE_IGNORE_HOURS: '0', ANTRE_ADMIN_PASSWORD: this.opts.adminPassword, ANTRE_SIM_CLOCK: String(at), ...this.opts.env },
    });
    this.starts++;
    this.proc.child.on('message', (m: ClockReply) => {
      const done = this.pending.get(m.at);
      this.pending.delete(m.at);
      done?.(m);
    });
  }

  /** Moves the server's clock; resolves once the server has rolled the day and re-sent what time changed. */
  setClock(at: number): Promise<string> {
    const child = this.proc?.child;
    if (!child?.connected) return Promise.reject(new Error('server is not running'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not acknowledge the clock move to ${new Date(at).toISOString()}`)), 10_000);
      this.pending.set(at, (r) => {
        clearTimeout(timer);
        if (r.type === 'sim:clock:ok') resolve(r.day);
        else reject(new Error(r.message));
      });
      child.send({ type: 'sim:clock', at });
    });
  }

  /** Power cut: SIGKILL, no chance to flush anything. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
    this.kills++;
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    await proc.kill(sig);
    this.outBefore += proc.output();
    this.proc = null;
    for (const [, done] of this.pending) done({ type: 'sim:clock:error', at: 0, message: 'server stopped' });
    this.pending.clear();
  }
}
