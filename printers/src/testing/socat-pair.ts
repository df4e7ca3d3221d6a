// Two linked pseudo-terminals from socat, for testing the serial transport against a real tty.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import tty from 'node:tty';

export interface PtyPair {
  /** The end the transport opens (the "computer" side). */
  hostPath: string;
  /** The end the test reads and writes (the "printer" side). */
  printerPath: string;
  /** Stops socat. */
  stop(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and resolves once both ptys exist. */
export function startPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`socat did not start: ${log}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      for (const m of chunk.toString().matchAll(/PTY is (\S+)/g)) paths.push(m[1]!);
      if (paths.length === 2 && /starting data transfer loop/.test(log)) {
        clearTimeout(timer);
        resolve({
          hostPath: paths[0]!,
          printerPath: paths[1]!,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** Opens the printer end of a pty pair for reading and writing. */
export function openPtyEnd(path: string): { input: tty.ReadStream; output: tty.WriteStream; close(): void } {
  const input = new tty.ReadStream(fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOCTTY));
  const output = new tty.WriteStream(fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_NOCTTY));
  input.on('error', () => undefined);
  output.on('error', () => undefined);
  return {
    input,
    output,
    close: () => {
      input.destroy();
      output.destroy();
    },
  };
}
