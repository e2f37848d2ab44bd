/**
 * Most secrets are tokens with a documented prefix (AKIA…, ghp_…, xoxb-…). One table-driven recognizer serves
 * them all: a cheap `includes` on the prefix skips the regex for texts without it, and an entropy floor drops
 * placeholders such as `ghp_xxxxxxxx…` that documentation is full of.
 */
import type { Candidate, Recognizer, SecretCategory } from '../recognizer.ts';
import { shannonEntropy } from './entropy.ts';

/** One kind of prefixed token. */
export interface TokenRule {
  /** The category, or a function naming it from the matched value (undefined drops the match). */
  readonly category:
    SecretCategory | ((value: string, text: string, start: number) => SecretCategory | undefined);
  /** A global regex whose whole match is the secret. */
  readonly pattern: RegExp;
  /** Case-sensitive literals; the regex runs only when the text contains one of them. */
  readonly keywords: readonly string[];
  readonly score: number;
  /** Minimum Shannon entropy of the matched value, in bits per character. */
  readonly minEntropy: number;
  readonly maxLength: number;
  /** Extra validation of the matched value. */
  readonly validate?: (value: string, text: string, start: number) => boolean;
}

/** Each token recognizer's keywords, for `sharingOneTrigger`. */
const keywordsOf = new WeakMap<Recognizer, readonly string[]>();

/** A recognizer for one token rule. */
export function createTokenRecognizer(rule: TokenRule): Recognizer {
  const recognizer: Recognizer = {
    maxLength: rule.maxLength,
    find(text: string, out: Candidate[]): void {
      if (!containsAny(text, rule.keywords)) return;
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
        const value = match[0];
        const start = match.index;
        if (shannonEntropy(value) < rule.minEntropy) continue;
        if (rule.validate !== undefined && !rule.validate(value, text, start)) continue;
        const category =
          typeof rule.category === 'function' ? rule.category(value, text, start) : rule.category;
        if (category === undefined) continue;
        out.push({ category, dataClass: 'secret', start, end: start + value.length, score: rule.score });
      }
    },
  };
  keywordsOf.set(recognizer, rule.keywords);
  return recognizer;
}

/**
 * The same token recognizers behind one trigger: a regex of all their keywords, tested once per text (one
 * pass, ~6x faster than an `includes` per keyword), so a text with none of them — most answers, every
 * streamed window — skips them all. Each still checks its own keywords when the trigger fires.
 */
export function sharingOneTrigger(recognizers: readonly Recognizer[]): Recognizer[] {
  const keywords = recognizers.flatMap((recognizer) => {
    const own = keywordsOf.get(recognizer);
    if (own === undefined) throw new Error('sharingOneTrigger takes token recognizers only');
    return own;
  });
  const trigger = new RegExp(
    keywords.map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  );
  return recognizers.map((recognizer) => ({
    maxLength: recognizer.maxLength,
    trigger,
    find: (text, out, context) => recognizer.find(text, out, context),
  }));
}

/** A loop, not `some` with a closure: it runs for every rule on every scanned text. */
function containsAny(text: string, keywords: readonly string[]): boolean {
  for (const keyword of keywords) if (text.includes(keyword)) return true;
  return false;
}
