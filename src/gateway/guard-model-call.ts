/**
 * How the guard-model scanner reaches its model: through the router, like any client request, so the guard
 * model may be embedded or upstream, load-balanced and failed over. Short answers only (a verdict is a few
 * tokens), greedy, no stream. Every call reports itself (tokens, deployment, latency, outcome), so the ledger
 * shows it as its own row and the request's budget pays for it.
 */
import type { ChatRequest, ChatResponse } from '../engines/engine.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { GuardTurn } from '../guardrails/guard-model/conversation.ts';
import type { Router, Routed } from '../router/router.ts';
import type { GuardCallRecord } from './request-record.ts';
import { usageCounts } from './usage-counts.ts';

/** Tokens a verdict may take: `unsafe\nS1,S10` or Qwen3Guard's three lines. */
const VERDICT_TOKENS = 48;

/**
 * Sends the turns to the guard model and resolves with its answer's text; `record` is called once, before the
 * promise settles, with what the call cost and how it ended.
 */
export type MeteredGuardModelCall = (
  turns: readonly GuardTurn[],
  signal: AbortSignal,
  record: (call: GuardCallRecord) => void,
) => Promise<string>;

/** The call for `model` (a public model name the router serves). */
export function createGuardModelCall(router: Router, model: string): MeteredGuardModelCall {
  return async (turns, signal, record) => {
    const at = Date.now();
    const startedAt = performance.now();
    let routed: Routed<ChatResponse>;
    try {
      const route = router.resolve(model);
      if (route === undefined)
        throw new GatewayError('model_not_found', `guard model '${model}' is not served by any deployment`);
      const request: ChatRequest = {
        model,
        messages: turns.map((turn) => ({ role: turn.role, content: turn.content })),
        stream: false,
        includeUsage: false,
        maxTokens: VERDICT_TOKENS,
        temperature: 0,
        extra: {},
      };
      routed = await router.execute(
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
    } catch (error) {
      record({
        ...failure(error, signal),
        ...base(model, at, startedAt),
        attempts: 0,
        deployment: undefined,
      });
      throw error;
    }
    record({
      ...base(model, at, startedAt),
      ...usageCounts(routed.value.usage),
      deployment: routed.target.deployment.name,
      location: routed.target.deployment.location,
      outcome: 'ok',
      attempts: routed.attempts.length,
    });
    return routed.value.choices[0]?.content ?? '';
  };
}

function base(model: string, at: number, startedAt: number) {
  return { model, at, latencyMs: performance.now() - startedAt };
}

/**
 * How a failed call ended. The scanner aborts its own calls with a GatewayError when its `timeout_ms` passes
 * (an error); any other abort is the client leaving (cancelled).
 */
function failure(
  error: unknown,
  signal: AbortSignal,
): Pick<
  GuardCallRecord,
  'outcome' | 'errorCode' | 'promptTokens' | 'completionTokens' | 'cachedPromptTokens' | 'reasoningTokens'
> {
  const tokens = usageCounts(undefined);
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof GatewayError
      ? { ...tokens, outcome: 'error', errorCode: reason.code }
      : { ...tokens, outcome: 'cancelled', errorCode: 'client_closed' };
  }
  const code = toGatewayError(error).code;
  return { ...tokens, outcome: code === 'client_closed' ? 'cancelled' : 'error', errorCode: code };
}
