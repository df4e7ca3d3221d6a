import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startFlags } from '../support/server-process.ts';

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
 * The built server as its own process with a simulated clock it is told to move over IPC, the
 * V8 flags of `npm start`, and a data folder that outlives it: killed with SIGKILL and started
 * again on the same port, like a power cut and a reboot of the building's server.
 */
export class SimServer {
  private child: ChildProcess | null = null;
  private out = '';
  private pending = new Map<number, (r: ClockReply) => void>();
  starts = 0;
  kills = 0;

  constructor(private readonly opts: SimServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  output(): string {
    return this.out;
  }

  async start(at: number): Promise<void> {
    const child = spawn(process.execPath, [...startFlags(), join(ROOT, 'server/dist/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env, NODE_ENV: 'production', PORT: String(this.opts.port), HOST: '127.0.0.1',
        ANTRE_DATA_DIR: this.opts.dataDir, ANTRE_VENUE: this.opts.venuePath, ANTRE_DEMO: '0', ANTRE_IGNORE_HOURS: '0',
        ANTRE_ADMIN_PASSWORD: this.opts.adminPassword, ANTRE_PUBLIC_URL: this.url, ANTRE_SIM_CLOCK: String(at), LOG_LEVEL: 'warn',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.starts++;
    child.stdout!.on('data', (d) => (this.out += d));
    child.stderr!.on('data', (d) => (this.out += d));
    child.on('message', (m: ClockReply) => {
      const done = this.pending.get(m.at);
      this.pending.delete(m.at);
      done?.(m);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.out}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not start in 30 s:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Moves the server's clock; resolves once the server has rolled the day and re-sent what time changed. */
  setClock(at: number): Promise<string> {
    const child = this.child;
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
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    await exited;
    this.child = null;
    for (const [, done] of this.pending) done({ type: 'sim:clock:error', at: 0, message: 'server stopped' });
    this.pending.clear();
  }
}
