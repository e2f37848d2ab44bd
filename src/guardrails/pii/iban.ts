/**
 * IBANs: two letters, two check digits and a country-specific BBAN, in electronic form or in groups of four.
 * ibantools checks the country's length and format and the ISO 7064 mod-97 checksum.
 */
import { isValidIBAN } from 'ibantools';
import { eachMatch, HAS_DIGIT } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

const IBAN = /(?<![A-Za-z0-9_])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9_])/g;

/** A trailing word in capitals can be mistaken for a last group: drop up to two groups before giving up. */
function longestValidPrefix(value: string): string | undefined {
  let candidate = value;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (isValidIBAN(candidate.replace(/ /g, ''))) return candidate;
    const cut = candidate.lastIndexOf(' ');
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
  return undefined;
}

/** Score 0.95: the checksum leaves a one-in-97 chance of a false match. */
export const ibanRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 42,
  find(text: string, out: Candidate[]): void {
    eachMatch(IBAN, text, (match) => {
      const value = longestValidPrefix(match[0]);
      if (value === undefined) return false;
      const start = match.index;
      out.push({ category: 'iban', dataClass: 'financial', start, end: start + value.length, score: 0.95 });
      return true;
    });
  },
};
