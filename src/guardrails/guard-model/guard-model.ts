/**
 * The guard-model scanner: asks a guard model (Llama Guard 3, Qwen3Guard) served by any configured
 * deployment whether a conversation is safe, and turns its verdict into findings the policy decides on like
 * any other scanner's. Unlike the built-in scanners it is asynchronous and costs a model call, so it runs
 * once per request, only when some policy in play uses it, and has its own timeout.
 */
import { GatewayError } from '../../errors.ts';
import type { Finding } from '../scanner.ts';
import type { GuardTurn } from './conversation.ts';
import { parseVerdict, type GuardModelFormat } from './verdict.ts';
import { toAbortSignal, type CancelSignal } from '../../client-signal.ts';

/** Sends the turns to the guard model and resolves with its answer's text. */
export type GuardModelCall = (turns: readonly GuardTurn[], signal: AbortSignal) => Promise<string>;

/** The scanner id its findings carry. */
export const GUARD_MODEL_SCANNER = 'guard_model';
/** The category of the finding that says the guard model could not give a verdict. */
export const GUARD_UNAVAILABLE = 'unavailable';

/** Judges conversations. */
export interface GuardModel {
  /** Findings for the verdict: one per violated category, or one `unavailable` finding when none came. */
  judge(turns: readonly GuardTurn[], signal: CancelSignal): Promise<Finding[]>;
}

/** How to reach the guard model and read it. */
export interface GuardModelOptions {
  readonly format: GuardModelFormat;
  readonly call: GuardModelCall;
  readonly timeoutMs: number;
}

/** Builds the scanner. */
export function createGuardModel(options: GuardModelOptions): GuardModel {
  return {
    async judge(turns, signal) {
      if (turns.length === 0) return [];
      let text: string;
      const deadline = new AbortController();
      // A GatewayError reason tells the call's metering this timeout from the client leaving.
      const timer = setTimeout(() => deadline.abort(timedOut(options.timeoutMs)), options.timeoutMs);
      try {
        text = await options.call(turns, AbortSignal.any([toAbortSignal(signal), deadline.signal]));
      } catch {
        return [finding(GUARD_UNAVAILABLE, 0)];
      } finally {
        clearTimeout(timer);
      }
      const verdict = parseVerdict(options.format, text);
      switch (verdict.verdict) {
        case 'safe':
          return [];
        case 'unknown':
          return [finding(GUARD_UNAVAILABLE, 0)];
        case 'unsafe':
        case 'controversial': {
          // Controversial (Qwen3Guard) scores half: the policy decides it separately from unsafe.
          const score = verdict.verdict === 'unsafe' ? 1 : 0.5;
          const categories = verdict.categories.length > 0 ? verdict.categories : [verdict.verdict];
          return categories.map((category) => finding(category, score));
        }
      }
    },
  };
}

function finding(category: string, score: number): Finding {
  return { scanner: GUARD_MODEL_SCANNER, category, start: 0, end: 0, score };
}

function timedOut(timeoutMs: number): GatewayError {
  return new GatewayError('upstream_timeout', `the guard model gave no verdict within ${timeoutMs} ms`, {
    phase: 'total',
  });
}
