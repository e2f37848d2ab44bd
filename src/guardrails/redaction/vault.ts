/**
 * The per-request vault of reversible redaction: placeholder → original value. Values live only in #private
 * maps, so neither JSON.stringify nor a logger's inspection of the vault can reveal them; `restore` is the one
 * way out, towards the caller who sent them.
 */
import { placeholderLabel } from './placeholder-label.ts';

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/** Placeholders and their originals for one request; create one per request with `createVault`. */
export class RedactionVault {
  readonly #placeholderByValue = new Map<string, string>();
  readonly #valueByPlaceholder = new Map<string, string>();
  readonly #countByLabel = new Map<string, number>();
  /** Every proper prefix of every placeholder, for the stream restorer's hold-back decision. */
  readonly #prefixes = new Set<string>();

  /**
   * The placeholder for `value` (`[EMAIL_2]`: numbered per category): the same value always gets the same
   * placeholder. Numbers whose placeholder already appears in `text` are skipped, so restoring never rewrites
   * words the sender wrote.
   */
  placeholderFor(category: string, value: string, text = ''): string {
    const existing = this.#placeholderByValue.get(value);
    if (existing !== undefined) return existing;
    const label = placeholderLabel(category);
    let count = this.#countByLabel.get(label) ?? 0;
    let placeholder: string;
    do placeholder = `[${label}_${++count}]`;
    while (text.includes(placeholder) || this.#valueByPlaceholder.has(placeholder));
    this.#countByLabel.set(label, count);
    this.#placeholderByValue.set(value, placeholder);
    this.#valueByPlaceholder.set(placeholder, value);
    for (let length = 1; length < placeholder.length; length++)
      this.#prefixes.add(placeholder.slice(0, length));
    return placeholder;
  }

  /** How many values the vault holds. */
  get size(): number {
    return this.#valueByPlaceholder.size;
  }

  /** True when `fragment` is a proper prefix of one of this vault's placeholders. */
  isPlaceholderPrefix(fragment: string): boolean {
    return this.#prefixes.has(fragment);
  }

  /**
   * `text` with every known placeholder replaced by its original; unknown bracketed words stay. `encode`
   * transforms each original first, e.g. to escape it inside a JSON string of tool-call arguments.
   */
  restore(text: string, encode?: (original: string) => string): string {
    if (this.#valueByPlaceholder.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER, (placeholder) => {
      const original = this.#valueByPlaceholder.get(placeholder);
      if (original === undefined) return placeholder;
      return encode === undefined ? original : encode(original);
    });
  }
}

/** A new, empty vault for one request. */
export function createVault(): RedactionVault {
  return new RedactionVault();
}
