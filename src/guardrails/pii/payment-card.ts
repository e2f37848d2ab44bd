/**
 * Payment card numbers: Luhn plus issuer prefix and length. The international brands' prefix ranges and lengths
 * come from Braintree's credit-card-type, read once at load into a matcher (the library's own lookup clones its
 * tables on every call, ~25 µs); GPN, Indonesia's domestic network (prefix 9360), is not in it and is added here.
 */
import creditCardType from 'credit-card-type';
import { TextContext } from './context-words.ts';
import { digitsOf, eachMatch, HAS_DIGIT, isInsideGroupedIban, NUMBER_END, NUMBER_START } from './digits.ts';
import { isLuhnValid } from './luhn.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

/** The issuers Daulat recognizes. */
export type CardIssuer =
  'visa' | 'mastercard' | 'american-express' | 'jcb' | 'unionpay' | 'discover' | 'diners-club' | 'gpn';

interface IssuerRule {
  readonly issuer: CardIssuer;
  /** Inclusive prefix ranges, as digit strings of equal length per range. */
  readonly ranges: readonly (readonly [string, string])[];
  readonly lengths: ReadonlySet<number>;
}

const LIBRARY_ISSUERS = [
  'visa',
  'mastercard',
  'american-express',
  'jcb',
  'unionpay',
  'discover',
  'diners-club',
] as const;

function issuerRules(): IssuerRule[] {
  const rules: IssuerRule[] = LIBRARY_ISSUERS.map((issuer) => {
    const info = creditCardType.getTypeInfo(issuer);
    const ranges = info.patterns.map((pattern): readonly [string, string] =>
      Array.isArray(pattern) ? [String(pattern[0]), String(pattern[1])] : [String(pattern), String(pattern)],
    );
    // Visa's 13-digit numbers are still valid cards; the library lists only current lengths.
    const lengths = new Set(issuer === 'visa' ? [13, ...info.lengths] : info.lengths);
    return { issuer, ranges, lengths };
  });
  rules.push({ issuer: 'gpn', ranges: [['9360', '9360']], lengths: new Set([16, 18, 19]) });
  return rules;
}

const RULES = issuerRules();

/** The issuer whose prefix and length `digits` fits, if any (the Luhn check is separate). */
export function cardIssuer(digits: string): CardIssuer | undefined {
  for (const rule of RULES) {
    if (!rule.lengths.has(digits.length)) continue;
    for (const [low, high] of rule.ranges) {
      const prefix = digits.slice(0, low.length);
      if (prefix >= low && prefix <= high) return rule.issuer;
    }
  }
  return undefined;
}

/** True for a number that passes Luhn and fits an issuer's prefix and length. */
export function isValidCard(digits: string): boolean {
  return cardIssuer(digits) !== undefined && isLuhnValid(digits);
}

// Contiguous, or grouped 4-4-4-4(-3) or Amex/Diners 4-6-4/5, one separator kind throughout.
const CARD = new RegExp(
  String.raw`${NUMBER_START}(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})${NUMBER_END}`,
  'g',
);

/**
 * Scores: contiguous 0.7, grouped 0.85, nearest word a card word (or a bare kartu, card) 0.95; none when the
 * nearest word labels an order, invoice or code.
 */
export const cardRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 23,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(CARD, text, (match) => {
      const value = match[0];
      const isGrouped = match[1] !== undefined || match[2] !== undefined;
      const start = match.index;
      if (!isValidCard(isGrouped ? digitsOf(value) : value) || isInsideGroupedIban(text, start)) return false;
      const end = start + value.length;
      const family = context.nearest(start, end);
      if (family === 'other') return false;
      const score = family === 'card' || family === 'kartu' ? 0.95 : isGrouped ? 0.85 : 0.7;
      out.push({ category: 'card', dataClass: 'financial', start, end, score });
      return true;
    });
  },
};
