/** Pieces every OpenAI encoder shares: SSE framing, usage, finish reasons. */
import type { FinishReason, Usage, Extra } from '../../engines/engine.ts';
import type { GatewayError } from '../../errors.ts';

/** The line that ends a successful OpenAI stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** One SSE `data:` event holding a JSON value. */
export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** A stream failure as OpenAI SDKs read it: a data event with an `error` object (they throw on it). */
export function sseError(error: GatewayError): string {
  return sseData(error.toJSON());
}

/** Usage in OpenAI's wire shape, with the upstream's extra usage fields kept. */
export function encodeUsage(usage: Usage): Extra {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    ...usage.extra,
  };
}

const UNIFIED_TO_WIRE: Record<FinishReason['unified'], string | null> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'error',
  other: null,
};

/** The upstream's own finish reason when it gave one, else Daulat's unified reason in OpenAI's words. */
export function encodeFinishReason(reason: FinishReason): string | null {
  return reason.raw ?? UNIFIED_TO_WIRE[reason.unified];
}
