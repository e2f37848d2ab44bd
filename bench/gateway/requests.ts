/**
 * The one request every target is measured with: a small chat completion for `bench-model`, answered as JSON
 * or streamed with usage. Shared by the load generators, the probe and the TTFT client so all see the same bytes.
 */

/** `json` is a non-streaming completion, `stream` the 32-chunk SSE stream. */
export type Mode = 'json' | 'stream';

/** Both modes, in report order. */
export const MODES: readonly Mode[] = ['json', 'stream'];

/** The model name the mock and the Daulat config serve. */
export const BENCH_MODEL = 'bench-model';

/** The path every target answers chat completions on. */
export const CHAT_PATH = '/v1/chat/completions';

/** The request body for `mode`, as sent on the wire. */
export function chatBody(mode: Mode): string {
  const base = {
    model: BENCH_MODEL,
    messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
    max_tokens: 64,
  };
  const body = mode === 'stream' ? { ...base, stream: true, stream_options: { include_usage: true } } : base;
  return JSON.stringify(body);
}

/** The request headers for a target, with its own routing headers added. */
export function chatHeaders(targetHeaders: Readonly<Record<string, string>>): Record<string, string> {
  return { 'content-type': 'application/json', authorization: 'Bearer x', ...targetHeaders };
}
