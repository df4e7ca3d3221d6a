/**
 * Which class the next call takes, when both lines may be waiting.
 * Priority visitors go first up to `ratio` in a row, then one regular, so neither line starves.
 */
export function nextClass(priorityWaiting: number, regularWaiting: number, streak: number, ratio: number): 'priority' | 'regular' | null {
  if (priorityWaiting > 0 && (regularWaiting === 0 || streak < ratio)) return 'priority';
  if (regularWaiting > 0) return 'regular';
  return null;
}

/** The streak after a call of the given class (regular resets it). */
export function nextStreak(cls: 'priority' | 'regular', regularWaitingBefore: number, streak: number): number {
  if (cls === 'regular') return 0;
  return regularWaitingBefore > 0 ? streak + 1 : streak;
}

/** The predicted call order of a service's waiting lines, as the interleave rule would play it. */
export function predictedOrder<T>(priority: readonly T[], regular: readonly T[], streak: number, ratio: number): T[] {
  const out: T[] = [];
  let p = 0;
  let r = 0;
  let s = streak;
  for (;;) {
    const cls = nextClass(priority.length - p, regular.length - r, s, ratio);
    if (!cls) return out;
    s = nextStreak(cls, regular.length - r, s);
    out.push(cls === 'priority' ? priority[p++]! : regular[r++]!);
  }
}

/** How many would be called before a newcomer of a class joining the end of its line. */
export function aheadOfNewcomer(priorityWaiting: number, regularWaiting: number, streak: number, ratio: number, cls: 'priority' | 'regular'): number {
  let p = priorityWaiting + (cls === 'priority' ? 1 : 0);
  let r = regularWaiting + (cls === 'regular' ? 1 : 0);
  let s = streak;
  let ahead = 0;
  for (;;) {
    const next = nextClass(p, r, s, ratio);
    if (!next) return ahead;
    const isNewcomer = next === cls && (cls === 'priority' ? p === 1 : r === 1);
    if (isNewcomer) return ahead;
    s = nextStreak(next, r, s);
    if (next === 'priority') p--;
    else r--;
    ahead++;
  }
}
