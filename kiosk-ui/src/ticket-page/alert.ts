/** Beeps and vibrates a phone when its ticket is called; browsers allow sound only after a tap. */
export class CallAlert {
  private ctx: AudioContext | null = null;

  /** Called from a tap: browsers unlock audio only inside a user gesture. */
  unlock(): boolean {
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume();
      this.beep(1, 0.15);
      return true;
    } catch {
      return false;
    }
  }

  get ready(): boolean {
    return this.ctx?.state === 'running';
  }

  /** Three rising beeps and a long vibration: hard to miss in a noisy hall. */
  ring(): void {
    try {
      navigator.vibrate?.([400, 150, 400, 150, 800]);
    } catch {
      /* not allowed: the screen still shows the call */
    }
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state === 'suspended') void this.ctx.resume();
      this.beep(3, 0.25);
    } catch {
      /* no audio */
    }
  }

  private beep(times: number, length: number): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const t0 = ctx.currentTime + 0.05;
    for (let i = 0; i < times; i++) {
      const start = t0 + i * (length + 0.12);
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(660 + i * 220, start);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.6, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + length + 0.02);
    }
  }
}
