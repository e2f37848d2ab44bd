/**
 * Restores placeholders in streamed model output. A placeholder may arrive split across chunks (`[NI`, `K_1]`),
 * so the restorer holds back only a tail that is still a proper prefix of one of the vault's placeholders —
 * the think-splitter's partial-tag trick — and releases everything else at once.
 */
import type { RedactionVault } from './vault.ts';

/** Feeds one stream of text through the vault: `push` each chunk, then `end` once. */
export interface StreamRestorer {
  /** Takes the next chunk; returns the text that can be released now, placeholders restored. */
  push(chunk: string): string;
  /** Releases whatever is still held (the stream ended). */
  end(): string;
}

/** Options for a stream restorer. */
export interface StreamRestorerOptions {
  /** Transforms each original before insertion, e.g. JSON string escaping for tool-call arguments. */
  readonly encode?: (original: string) => string;
}

/** A restorer for one stream (one per choice and channel: content, each tool call's arguments). */
export function createStreamRestorer(
  vault: RedactionVault,
  options: StreamRestorerOptions = {},
): StreamRestorer {
  let held = '';
  return {
    push(chunk: string): string {
      const text = held + chunk;
      const cut = heldTailStart(text, vault);
      held = text.slice(cut);
      return vault.restore(text.slice(0, cut), options.encode);
    },
    end(): string {
      const text = held;
      held = '';
      return vault.restore(text, options.encode);
    },
  };
}

/** Placeholders contain no `[` after their first character, so only the tail from the last `[` can be partial. */
function heldTailStart(text: string, vault: RedactionVault): number {
  const bracket = text.lastIndexOf('[');
  if (bracket < 0 || vault.size === 0) return text.length;
  return vault.isPlaceholderPrefix(text.slice(bracket)) ? bracket : text.length;
}
