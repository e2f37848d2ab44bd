/**
 * Indonesian NPWP (taxpayer number). The 15-digit form ST.SSS.SSS.C-KKK.BBB carries a Luhn check digit C over
 * the first nine digits; the DJP does not publish the algorithm, but python-stdnum (id/npwp) and the Perl
 * Business::ID::NPWP module validate it this way and published examples pass it. Since 2024 the NPWP is
 * 16 digits: an individual's NIK, or 0 followed by the old 15 digits.
 */
import { TextContext } from './context-words.ts';
import { digitsOf, eachMatch, HAS_DIGIT, NUMBER_END, NUMBER_START } from './digits.ts';
import { isLuhnValid } from './luhn.ts';
import { isValidNik } from './nik.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

/** True for 15 digits with a valid check digit and a non-zero serial. */
export function isValidNpwp15(digits: string): boolean {
  return /^\d{15}$/.test(digits) && digits.slice(2, 8) !== '000000' && isLuhnValid(digits.slice(0, 9));
}

/** True for a 16-digit NPWP: a valid NIK, or 0 and a valid 15-digit NPWP. */
export function isValidNpwp16(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  return digits.startsWith('0') ? isValidNpwp15(digits.slice(1)) : isValidNik(digits);
}

// The formatted forms are distinctive enough without context; bare 15 or 16 digits are not.
const FORMATTED = String.raw`0?\d{2}\.\d{3}\.\d{3}\.\d[.-]\d{3}\.\d{3}`;
const NPWP = new RegExp(String.raw`${NUMBER_START}(?:(${FORMATTED})|\d{15,16})${NUMBER_END}`, 'g');

/**
 * Scores: formatted and valid 0.9; bare digits only when the nearest context word is an NPWP word, 0.95
 * (which outranks the NIK reading of the same 16 digits).
 */
export const npwpRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 21,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(NPWP, text, (match) => {
      const value = match[0];
      const digits = digitsOf(value);
      if (!(digits.length === 15 ? isValidNpwp15(digits) : isValidNpwp16(digits))) return false;
      const start = match.index;
      const end = start + value.length;
      const isNpwpContext = context.nearest(start, end) === 'npwp';
      if (match[1] === undefined && !isNpwpContext) return false;
      const score = isNpwpContext ? 0.95 : 0.9;
      out.push({ category: 'id_npwp', dataClass: 'national_id', start, end, score });
      return true;
    });
  },
};
