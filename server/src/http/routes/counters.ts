import { Router } from 'express';
import { AntreError } from '../../contract/errors.js';
import { COUNTER_ACTIONS, type CounterAction } from '../../contract/events.js';
import type { AppContext } from '../../context.js';
import { counterCommand } from '../../commands/counter-commands.js';
import { principalOf } from '../principal.js';
import { presentCommandAnswer } from '../../presenters/tickets.js';
import { on } from '../route-map.js';

export function counterRoutes(ctx: AppContext): Router {
  const r = Router();
  on(r, 'counters.action', async (req, res) => {
    const action = req.params.action as CounterAction;
    if (!COUNTER_ACTIONS.includes(action)) throw new AntreError('NOT_FOUND');
    const p = principalOf(req, ctx);
    const out = await counterCommand(ctx, p, req.params.counterId, action, req.body);
    res.json(presentCommandAnswer(ctx.queue.engine, p, out));
  });
  return r;
}
