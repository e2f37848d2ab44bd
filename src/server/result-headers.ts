/** The headers every answered /v1 request carries: the deployment, the guard summary, the rate limits. */
import type { GatewayResult } from '../gateway/gateway.ts';

/** `x-daulat-deployment`, `x-daulat-guard` when the guardrails acted, and `x-ratelimit-*` when limits apply. */
export function resultHeaders(result: GatewayResult<unknown>): Record<string, string> {
  // Copied field by field, not spread: adding to a spread copy is V8's slow path on Node 20 (see assign-extra.ts).
  const headers: Record<string, string> = {};
  const limits = result.headers;
  if (limits !== undefined) for (const name in limits) headers[name] = limits[name] as string;
  headers['x-daulat-deployment'] = result.deployment;
  if (result.guard !== undefined) headers['x-daulat-guard'] = result.guard;
  return headers;
}
