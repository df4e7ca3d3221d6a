import { describe, expect, it } from 'vitest';
import { announce } from './announcement';
import { Announcer, VoiceBlockedError, type Voice } from './announcer';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A voice whose plays finish when the test says so, recording overlap. */
class FakeVoice implements Voice {
  readonly mode = 'clips' as const;
  started: string[] = [];
  active = 0;
  maxActive = 0;
  blockNext = false;
  failNext = false;
  private finishers: (() => void)[] = [];
  play(a: { text: string }): Promise<void> {
    if (this.blockNext) {
      this.blockNext = false;
      return Promise.reject(new VoiceBlockedError());
    }
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('decode failed'));
    }
    this.started.push(a.text);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) =>
      this.finishers.push(() => {
        this.active--;
        resolve();
      }),
    );
  }
  async finishOne(): Promise<void> {
    this.finishers.shift()?.();
    await tick();
  }
}

const call = (n: string, counter = 'Loket 1', recall = 0) => ({
  key: `${n}:${recall}`,
  meta: { number: n, counterId: counter, recall },
  a: announce({ number: n }, { name: counter }, 'cardinal'),
});

describe('Announcer', () => {
  it('speaks calls one at a time in arrival order', async () => {
    const v = new FakeVoice();
    const an = new Announcer({ pickVoice: () => v });
    for (const c of [call('A-001'), call('A-002', 'Loket 2'), call('B-003')]) an.enqueue(c.key, c.meta, c.a);
    await tick();
    expect(v.started).toEqual(['Nomor antrean A satu, silakan menuju loket satu']);
    await v.finishOne();
    await v.finishOne();
    await v.finishOne();
    expect(v.started.map((t) => t.split(',')[0])).toEqual(['Nomor antrean A satu', 'Nomor antrean A dua', 'Nomor antrean B tiga']);
    expect(v.maxActive).toBe(1);
    expect(an.log.map((r) => r.outcome)).toEqual(['played', 'played', 'played']);
    for (let i = 1; i < an.log.length; i++) expect(an.log[i]!.startedAt!).toBeGreaterThanOrEqual(an.log[i - 1]!.endedAt!);
  });

  it('ignores a duplicate delivery but speaks a recall again', async () => {
    const v = new FakeVoice();
    const an = new Announcer({ pickVoice: () => v });
    const first = call('A-007');
    expect(an.enqueue(first.key, first.meta, first.a)).toBe(true);
    expect(an.enqueue(first.key, first.meta, first.a)).toBe(false);
    const recall = call('A-007', 'Loket 1', 1);
    expect(an.enqueue(recall.key, recall.meta, recall.a)).toBe(true);
    await v.finishOne();
    await v.finishOne();
    expect(v.started).toHaveLength(2);
    expect(an.log.map((r) => r.recall)).toEqual([0, 1]);
  });

  it('holds the queue while sound is blocked and resumes in order when unblocked', async () => {
    const v = new FakeVoice();
    const an = new Announcer({ pickVoice: () => v });
    const seen: boolean[] = [];
    an.onBlocked((b) => seen.push(b));
    v.blockNext = true;
    const [a, b] = [call('A-001'), call('A-002')];
    an.enqueue(a.key, a.meta, a.a);
    an.enqueue(b.key, b.meta, b.a);
    await tick();
    expect(an.isBlocked).toBe(true);
    expect(an.pending).toBe(2);
    expect(v.started).toEqual([]);
    an.setBlocked(false);
    await tick();
    await v.finishOne();
    await v.finishOne();
    expect(v.started.map((t) => t.split(',')[0])).toEqual(['Nomor antrean A satu', 'Nomor antrean A dua']);
    expect(seen).toEqual([true, false]);
  });

  it('skips calls that waited too long and keeps going after a failure', async () => {
    let now = 0;
    const v = new FakeVoice();
    const an = new Announcer({ pickVoice: () => v, now: () => now, staleMs: 1000 });
    an.setBlocked(true);
    const old = call('A-001');
    an.enqueue(old.key, old.meta, old.a);
    now = 5000;
    const fresh = call('A-002');
    an.enqueue(fresh.key, fresh.meta, fresh.a);
    v.failNext = true;
    const third = call('A-003');
    an.enqueue(third.key, third.meta, third.a);
    an.setBlocked(false);
    await tick();
    await v.finishOne();
    expect(an.log.map((r) => r.outcome)).toEqual(['stale', 'failed', 'played']);
  });

  it('bounds the queue and the log', async () => {
    const v = new FakeVoice();
    const an = new Announcer({ pickVoice: () => v, maxQueue: 3, maxLog: 5 });
    for (let i = 1; i <= 8; i++) {
      const c = call(`A-00${i}`);
      an.enqueue(c.key, c.meta, c.a);
    }
    await tick();
    expect(an.pending).toBe(3);
    expect(an.log).toHaveLength(5);
    expect(an.log[0]!.number).toBe('A-004');
    // The call being spoken is never the one pushed out.
    expect(v.started[0]).toContain('A satu');
  });
});
