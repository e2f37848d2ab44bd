/** Token counts for the record from an upstream's usage, including OpenAI's nested cached and reasoning counts. */
import type { Usage } from '../engines/engine.ts';
import type { RequestRecord } from './request-record.ts';
import { tokenCount } from '../store/rows.ts';

type Counts = Pick<
  RequestRecord,
  'promptTokens' | 'completionTokens' | 'cachedPromptTokens' | 'reasoningTokens'
>;

/**
 * Counts from `usage` (all 0 when the upstream reported none), each a whole number from 0 to the most a ledger
 * row holds whatever the upstream wrote: a fraction is rounded, a negative count is 0. The client still gets the
 * usage as the upstream sent it; these are what limits, budgets, metrics and the ledger count.
 */
export function usageCounts(usage: Usage | undefined): Counts {
  if (usage === undefined)
    return { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, reasoningTokens: 0 };
  const extra = usage.extra as
    | {
        prompt_tokens_details?: { cached_tokens?: unknown };
        completion_tokens_details?: { reasoning_tokens?: unknown };
      }
    | undefined;
  const promptTokens = tokenCount(usage.promptTokens);
  const completionTokens = tokenCount(usage.completionTokens);
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: count(extra?.prompt_tokens_details?.cached_tokens, promptTokens),
    reasoningTokens: count(extra?.completion_tokens_details?.reasoning_tokens, completionTokens),
  };
}

/** A nested count, trusted only when it is a whole number no larger than its total. */
function count(value: unknown, total: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, total) : 0;
}
