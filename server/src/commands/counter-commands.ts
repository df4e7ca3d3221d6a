import { AntreError } from '../contract/errors.js';
import type { CounterState, PublicCounter, Ticket } from '../contract/domain.js';
import type { CounterAction } from '../contract/events.js';
import { callNextBody, counterStatusBody, emptyBody, holdBody, resumeBody, transferBody } from '../contract/schemas.js';
import type { Principal } from '../auth/auth-service.js';
import type { AppContext } from '../context.js';
import { validate } from '../http/errors.js';
import { counterAccess, type CounterAccess } from '../policy/policy.js';
import { finishBody } from '../contract/plan.js';

/**
 * One counter command, whichever door it came through (HTTP or socket): who are you, is the
 * input valid, may you, run it in the engine. Unknown counters are 404 before access is judged.
 */
export async function counterCommand(
  ctx: AppContext,
  p: Principal | null,
  counterId: string,
  action: CounterAction,
  body: unknown,
): Promise<Ticket | PublicCounter> {
  ctx.queue.engine.counter(counterId);
  const who = counterAccess(p, counterId, action);
  const out = await run(ctx, counterId, action, body, who);
  // The audit line: who did what at which counter.
  ctx.log.info(
    {
      counterId,
      action,
      userId: who.userId,
      deviceId: p?.kind === 'device' ? p.device.id : undefined,
      ticket: 'number' in out ? out.number : undefined,
      status: out.status,
    },
    'counter command',
  );
  // A status change answers with the counter as every screen sees it, whichever door it came through (not the engine's record).
  return 'number' in out ? out : ctx.queue.engine.estimator.publicCounter(counterId);
}

function run(ctx: AppContext, counterId: string, action: CounterAction, body: unknown, who: CounterAccess): Promise<Ticket | CounterState> {
  const actor = { userId: who.userId, counterId };
  const q = ctx.queue;
  switch (action) {
    case 'call-next': {
      const b = validate(callNextBody, body);
      return q.run((e, now) => e.callNext(counterId, actor, now, b?.serviceId, { finishCalled: who.button }));
    }
    case 'undo-no-show': {
      const b = validate(resumeBody, body);
      return q.run((e, now) => e.undoNoShow(counterId, b.ticketId, actor, now, who.anyTime));
    }
    case 'recall':
      validate(emptyBody, body);
      return q.run((e, now) => e.recall(counterId, actor, now));
    case 'start':
      validate(emptyBody, body);
      return q.run((e, now) => e.start(counterId, actor, now));
    case 'finish': {
      const b = validate(finishBody, body);
      return q.run((e, now) => e.finish(counterId, actor, now, b));
    }
    case 'no-show':
      validate(emptyBody, body);
      return q.run((e, now) => e.noShow(counterId, actor, now));
    case 'hold': {
      const b = validate(holdBody, body);
      return q.run((e, now) => e.hold(counterId, actor, now, b?.note));
    }
    case 'resume': {
      const b = validate(resumeBody, body);
      return q.run((e, now) => e.resume(counterId, b.ticketId, actor, now));
    }
    case 'transfer': {
      const b = validate(transferBody, body);
      return q.run((e, now) => {
        const cs = e.counterState(counterId);
        if (!cs.ticketId) throw new AntreError('COUNTER_IDLE', { counterId });
        return e.transfer(cs.ticketId, b, actor, now);
      });
    }
    case 'status': {
      const b = validate(counterStatusBody, body);
      return q.run((e, now) => e.setCounterStatus(counterId, b, actor, now));
    }
    default:
      throw new AntreError('NOT_FOUND');
  }
}
