/**
 * Bank account numbers: 10–16 digits, possibly grouped, and only when the nearest context word is about an
 * account (rekening, no. rek, a/n, account number, a bank's name): nothing else tells an account from an order
 * number.
 */
import { TextContext } from './context-words.ts';
import { digitsOf, eachMatch, HAS_DIGIT, isInsideGroupedIban, NUMBER_END, NUMBER_START } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

const ACCOUNT = new RegExp(String.raw`${NUMBER_START}\d{2,16}(?:[ .-]\d{1,12}){0,4}${NUMBER_END}`, 'g');
/** Rp 1.500.000.000 is an amount, not an account. */
const AMOUNT = /^\d{1,3}(?:[.,]\d{3})+$/;

/** Score 0.9 when the nearest context word is an account word; nothing otherwise. */
export const bankAccountRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 24,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(ACCOUNT, text, (match) => {
      const digitCount = digitsOf(match[0]).length;
      if (digitCount < 10 || digitCount > 16 || AMOUNT.test(match[0])) return false;
      const start = match.index;
      const end = start + match[0].length;
      if (isInsideGroupedIban(text, start) || context.nearest(start, end) !== 'bank') return false;
      out.push({ category: 'bank_account', dataClass: 'financial', start, end, score: 0.9 });
      return true;
    });
  },
};
