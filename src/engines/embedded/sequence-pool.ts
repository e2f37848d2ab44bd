/**
 * The context's sequences, lent to one request at a time. A request gets the idle sequence whose cached
 * tokens share the longest prefix with its prompt, so the next turn of a conversation re-evaluates only
 * what is new (KV-cache reuse). The router's limiter keeps requests ≤ sequences; a FIFO wait covers races.
 */
import type { LlamaContext, LlamaContextSequence, Token } from 'node-llama-cpp';

/** A borrowed sequence, with the prompt tokens still to evaluate after the reused prefix. */
export interface SequenceLease {
  readonly sequence: LlamaContextSequence;
  /** Prompt tokens already in the sequence's KV cache. */
  readonly reusedTokens: number;
  /** The rest of the prompt, to evaluate now (never empty: the last token yields the first logits). */
  readonly input: Token[];
  release(): void;
}

/** Lends a context's sequences by longest cached prefix. */
export class SequencePool {
  readonly #idle: LlamaContextSequence[];
  readonly #waiting: (() => void)[] = [];

  constructor(context: LlamaContext) {
    this.#idle = Array.from({ length: context.totalSequences }, () => context.getSequence());
  }

  /** Waits for an idle sequence, picks the best cached prefix for `prompt` and trims the rest away. */
  async acquire(prompt: readonly Token[], signal: AbortSignal): Promise<SequenceLease> {
    while (this.#idle.length === 0) await this.#wait(signal);
    let best = 0;
    let bestLength = -1;
    this.#idle.forEach((sequence, index) => {
      const length = commonPrefixLength(sequence.contextTokens, prompt);
      if (length > bestLength) [best, bestLength] = [index, length];
    });
    const [sequence] = this.#idle.splice(best, 1) as [LlamaContextSequence];
    try {
      const keep = Math.min(bestLength, prompt.length - 1);
      if (keep < sequence.nextTokenIndex) {
        await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
      }
      let released = false;
      return {
        sequence,
        reusedTokens: keep,
        input: prompt.slice(keep),
        release: () => {
          if (released) return;
          released = true;
          this.#giveBack(sequence);
        },
      };
    } catch (error) {
      // A sequence whose cache could not be trimmed is cleared, so it never serves a stale prefix.
      await sequence.clearHistory().catch(() => undefined);
      this.#giveBack(sequence);
      throw error;
    }
  }

  #giveBack(sequence: LlamaContextSequence): void {
    this.#idle.push(sequence);
    this.#waiting.shift()?.();
  }

  #wait(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(wake);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal.reason as Error);
      };
      const wake = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiting.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** How many leading tokens two token lists share. */
export function commonPrefixLength(a: readonly Token[], b: readonly Token[]): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}
