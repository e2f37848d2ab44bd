/** The headers every answered /v1 request carries: the deployment, the guard summary, the rate limits. */
import type { OutgoingHttpHeader } from 'node:http';
import type { GatewayResult } from '../gateway/gateway.ts';

/**
 * Appends `x-ratelimit-*` when limits apply, `x-daulat-deployment`, and `x-daulat-guard` when the guardrails
 * acted, to a flat name/value list as `writeHead` takes it: straight from the result, with no object in between
 * for Node to walk again.
 */
export function pushResultHeaders(list: OutgoingHttpHeader[], result: GatewayResult<unknown>): void {
  result.limits?.pushHeaders(list);
  list.push('x-daulat-deployment', result.deployment);
  if (result.guard !== undefined) list.push('x-daulat-guard', result.guard);
}
