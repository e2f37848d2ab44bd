/** The headers every answered /v1 request carries: the deployment, the guard summary, the rate limits. */
import type { GatewayResult } from '../gateway/gateway.ts';

/** `x-daulat-deployment`, `x-daulat-guard` when the guardrails acted, and `x-ratelimit-*` when limits apply. */
export function resultHeaders(result: GatewayResult<unknown>): Record<string, string> {
  const headers: Record<string, string> = result.headers === undefined ? {} : { ...result.headers };
  headers['x-daulat-deployment'] = result.deployment;
  if (result.guard !== undefined) headers['x-daulat-guard'] = result.guard;
  return headers;
}
