import { COUNTER_ACTIONS } from '@antre/server/contract';
import { can, decide } from '../../server/src/policy/policy.ts';
import { counterBodies } from './http-doors.ts';
import { assertAck, open } from './socket-clients.ts';
import { authFor, WHO } from './socket-events.ts';
import { POLICY_CODES } from './policy-doors.ts';
import type { SocketRun } from './socket-fuzz.ts';
import { fingerprintDiff, type World } from './world.ts';

/**
 * Counter commands over a socket, from every kind of principal (each live identity and a visitor's
 * ticket page) at their own desk and another: the answer is the policy's decision ('counter.socket'
 * for the door, then the action's rule for the desk), and a refusal changes nothing.
 */
export async function fuzzSocketPolicy(w: World, run: SocketRun): Promise<void> {
  const door = 'counter:command (policy)';
  for (const who of WHO) {
    const opened = await open(w, authFor(w, who));
    if (!opened.socket) throw new Error(`${who}: could not connect (${opened.error.message})`);
    const s = opened.socket;
    try {
      for (const counterId of ['loket-1', 'loket-3']) {
        for (const action of COUNTER_ACTIONS) {
          const p = who === 'visitor' ? null : w.principal(who);
          const verdict = can(p, 'counter.socket') ? decide(p, `counter:${action}`, { counterId }) : { ok: false as const, code: 'FORBIDDEN' as const };
          const before = w.fingerprint();
          const answer = await s.timeout(5000).emitWithAck('counter:command', { counterId, action, body: counterBodies[action](w)[0] });
          const where = `${who} ${action} at ${counterId}`;
          const { ok, code } = assertAck(answer, where);
          const count = run.tally.door(door);
          count.tried++;
          run.hit.add(`policy counter:${action}`);
          if (ok) count.accepted++;
          else count.refused++;
          if (!verdict.ok) {
            if (code !== verdict.code) throw new Error(`${where}: the policy refuses with ${verdict.code}, the socket answered ${code ?? 'ok'}`);
            const after = w.fingerprint();
            if (after !== before) {
              count.stateChanges++;
              throw new Error(`${where}: refused, yet changed ${fingerprintDiff(before, after)}`);
            }
          } else if (
            code &&
            POLICY_CODES.has(code) &&
            !(code === 'FORBIDDEN' && 'ticketId' in ((answer as { error?: { details?: object } }).error?.details ?? {}))
          ) {
            throw new Error(`${where}: the policy allows it, the socket refused with ${code}`);
          }
        }
      }
    } finally {
      s.close();
    }
  }
}
