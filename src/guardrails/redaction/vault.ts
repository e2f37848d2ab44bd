/**
 * The per-request vault of reversible redaction: placeholder → original value. Values live only in #private
 * maps, so neither JSON.stringify nor a logger's inspection of the vault can reveal them; `restore` is the one
 * way out, towards the caller who sent them.
 */
import { placeholderLabel } from './placeholder-label.ts';

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/** The placeholder-shaped words a text already contains, which new placeholders must not reuse. */
export function writtenPlaceholders(text: string): ReadonlySet<string> {
  return new Set(text.includes('[') ? text.match(PLACEHOLDER) : []);
}

/** Placeholders and their originals for one request; create one per request with `createVault`. */
export class RedactionVault {
  // Made on the first redaction: most requests redact nothing, and each gets two vaults (input and output).
  #placeholderByValue: Map<string, string> | undefined;
  #valueByPlaceholder: Map<string, string> | undefined;
  #countByLabel: Map<string, number> | undefined;

  /**
   * The placeholder for `value` (`[EMAIL_2]`: numbered per category): the same value always gets the same
   * placeholder. Numbers in `written` (see writtenPlaceholders) are skipped, so restoring never rewrites words
   * the sender wrote.
   */
  placeholderFor(category: string, value: string, written: ReadonlySet<string> = new Set()): string {
    const placeholderByValue = (this.#placeholderByValue ??= new Map<string, string>());
    const valueByPlaceholder = (this.#valueByPlaceholder ??= new Map<string, string>());
    const countByLabel = (this.#countByLabel ??= new Map<string, number>());
    const existing = placeholderByValue.get(value);
    if (existing !== undefined) return existing;
    const label = placeholderLabel(category);
    let count = countByLabel.get(label) ?? 0;
    let placeholder: string;
    do placeholder = `[${label}_${++count}]`;
    while (written.has(placeholder) || valueByPlaceholder.has(placeholder));
    countByLabel.set(label, count);
    placeholderByValue.set(value, placeholder);
    valueByPlaceholder.set(placeholder, value);
    return placeholder;
  }

  /** How many values the vault holds. */
  get size(): number {
    return this.#valueByPlaceholder?.size ?? 0;
  }

  /**
   * True when `fragment` may still grow into one of this vault's placeholders: `[`, `[EM`, `[EMAIL_`, `[EMAIL_1`.
   * Numbers run 1…count per label, so a digit prefix fits when it is at most the count (a skipped number only
   * holds a tail back one chunk longer).
   */
  isPlaceholderPrefix(fragment: string): boolean {
    if (this.#countByLabel === undefined) return false;
    for (const [label, count] of this.#countByLabel) {
      const head = `[${label}_`;
      if (head.startsWith(fragment)) return true;
      if (!fragment.startsWith(head)) continue;
      const digits = fragment.slice(head.length);
      if (/^[1-9]\d{0,8}$/.test(digits) && Number(digits) <= count) return true;
    }
    return false;
  }

  /**
   * `text` with every known placeholder replaced by its original; unknown bracketed words stay. `encode`
   * transforms each original first, e.g. to escape it inside a JSON string of tool-call arguments.
   */
  restore(text: string, encode?: (original: string) => string): string {
    const valueByPlaceholder = this.#valueByPlaceholder;
    if (valueByPlaceholder === undefined || valueByPlaceholder.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER, (placeholder) => {
      const original = valueByPlaceholder.get(placeholder);
      if (original === undefined) return placeholder;
      return encode === undefined ? original : encode(original);
    });
  }
}

/** A new, empty vault for one request. */
export function createVault(): RedactionVault {
  return new RedactionVault();
}
