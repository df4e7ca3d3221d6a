import { describe, expect, it } from 'vitest';
import { API_V1, ROUTE_IDS, ROUTES } from '../../server/src/contract/api/routes.ts';
import { API_SPEC } from '../../server/src/contract/api/spec.ts';
import { POLICY } from '../../server/src/policy/policy.ts';
import { COUNTER_ACTIONS } from '@antre/server/contract';
import { DOOR_POLICY } from '../fuzz/policy-doors.ts';

/**
 * The API reference says who each route is for; the policy decides it. They must agree: for a
 * route no one without a token may use, the documented audience is exactly the roles and device
 * kinds the policy lets in; for an open one, the audience names the public or the visitor and
 * nobody the policy would refuse.
 */
describe("the API reference's audiences are the policy's", () => {
  it.each(ROUTE_IDS.map((id) => [id]))('%s', (id) => {
    const route = ROUTES[id];
    const door = DOOR_POLICY[`${route.method} ${API_V1}${route.path}`];
    expect(door, 'the route has a policy action').toBeTruthy();
    const actions =
      typeof door!.action === 'string' ? [door!.action] : COUNTER_ACTIONS.map((a) => (door!.action as (p: Record<string, string>) => string)({ action: a }));
    // A route that takes several actions (the counter commands) is for whoever any of them lets in.
    const allowed = new Set(actions.flatMap((a) => [...POLICY[a as keyof typeof POLICY].roles, ...POLICY[a as keyof typeof POLICY].devices]));
    const open = actions.some((a) => 'anyone' in POLICY[a as keyof typeof POLICY]);
    const audience = [...API_SPEC[id].audience];
    const named = audience.filter((a) => a !== 'public' && a !== 'visitor');
    expect(
      named.filter((a) => !allowed.has(a as never)),
      'documented for someone the policy refuses',
    ).toEqual([]);
    if (open)
      expect(
        audience.some((a) => a === 'public' || a === 'visitor'),
        'an open route names the public or the visitor',
      ).toBe(true);
    else {
      expect(
        audience.filter((a) => a === 'public' || a === 'visitor'),
        'a route that needs a token is not documented as public',
      ).toEqual([]);
      expect([...allowed].filter((k) => !named.includes(k)).sort(), 'the policy lets in someone the reference does not name').toEqual([]);
    }
  });
});
