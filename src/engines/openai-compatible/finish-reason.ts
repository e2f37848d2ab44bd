/**
 * Maps an OpenAI-compatible server's `finish_reason` to Daulat's `{ unified, raw }`.
 */
import type { FinishReason } from '../engine.ts';

// Shared frozen results: a finish reason is produced for every choice, so the common ones allocate nothing.
const KNOWN: ReadonlyMap<string, FinishReason> = new Map(
  (
    [
      ['stop', 'stop'],
      ['length', 'length'],
      ['tool_calls', 'tool-calls'],
      ['function_call', 'tool-calls'],
      ['content_filter', 'content-filter'],
      // TGI's OpenAI layer has sent its native reasons in some versions.
      ['eos_token', 'stop'],
      ['stop_sequence', 'stop'],
    ] as const
  ).map(([raw, unified]) => [raw, Object.freeze({ unified, raw })]),
);

const NONE: FinishReason = Object.freeze({ unified: 'other', raw: null });

/** Maps a raw `finish_reason` (any JSON value) to a FinishReason; unknown strings become `other`. */
export function mapFinishReason(raw: unknown): FinishReason {
  if (typeof raw !== 'string') return NONE;
  return KNOWN.get(raw) ?? { unified: 'other', raw };
}
