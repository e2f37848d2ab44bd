/**
 * How the guard-model scanner reaches its model: through the router, like any client request, so the guard
 * model may be embedded or upstream, load-balanced and failed over. Short answers only (a verdict is a few
 * tokens), greedy, no stream.
 */
import type { ChatRequest } from '../engines/engine.ts';
import type { GuardModelCall } from '../guardrails/guard-model/guard-model.ts';
import type { Router } from '../router/router.ts';

/** Tokens a verdict may take: `unsafe\nS1,S10` or Qwen3Guard's three lines. */
const VERDICT_TOKENS = 48;

/** The call for `model` (a public model name the router serves). */
export function createGuardModelCall(router: Router, model: string): GuardModelCall {
  return async (turns, signal) => {
    const route = router.resolve(model);
    if (route === undefined) throw new Error(`guard model '${model}' is not served by any deployment`);
    const request: ChatRequest = {
      model,
      messages: turns.map((turn) => ({ role: turn.role, content: turn.content })),
      stream: false,
      includeUsage: false,
      maxTokens: VERDICT_TOKENS,
      temperature: 0,
      extra: {},
    };
    const routed = await router.execute(
      route,
      (target) =>
        target.engine.chat(request, {
          signal,
          requestId: 'guard-model',
          upstreamModel: target.upstreamModel,
        }),
      signal,
    );
    routed.release();
    return routed.value.choices[0]?.content ?? '';
  };
}
