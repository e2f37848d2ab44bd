/** Token counts for the record from an upstream's usage, including OpenAI's nested cached and reasoning counts. */
import type { Usage } from '../engines/engine.ts';
import type { RequestRecord } from './request-record.ts';

type Counts = Pick<
  RequestRecord,
  'promptTokens' | 'completionTokens' | 'cachedPromptTokens' | 'reasoningTokens'
>;

/** Counts from `usage` (all 0 when the upstream reported none). */
export function usageCounts(usage: Usage | undefined): Counts {
  if (usage === undefined)
    return { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, reasoningTokens: 0 };
  const extra = usage.extra as
    | {
        prompt_tokens_details?: { cached_tokens?: unknown };
        completion_tokens_details?: { reasoning_tokens?: unknown };
      }
    | undefined;
  return {
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedPromptTokens: count(extra?.prompt_tokens_details?.cached_tokens, usage.promptTokens),
    reasoningTokens: count(extra?.completion_tokens_details?.reasoning_tokens, usage.completionTokens),
  };
}

/** A nested count, trusted only when it is a whole number no larger than its total. */
function count(value: unknown, total: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, total) : 0;
}
