/** The headers every answered /v1 request carries: the deployment, the guard summary, the rate limits. */
import type { GatewayResult } from '../gateway/gateway.ts';

/** `x-daulat-deployment`, `x-daulat-guard` when the guardrails acted, and `x-ratelimit-*` when limits apply. */
export function resultHeaders(result: GatewayResult<unknown>): Record<string, string> {
  return {
    'x-daulat-deployment': result.deployment,
    ...(result.guard === undefined ? {} : { 'x-daulat-guard': result.guard }),
    ...result.headers,
  };
}
