/**
 * Indonesian NIK (Nomor Induk Kependudukan): 16 digits PPKKCC DDMMYY SSSS — province, regency and district of
 * registration, birth date (women's day + 40) and a serial. There is no check digit, so validity is structure:
 * a real province code, non-zero regency and district, a date that exists, a serial other than 0000.
 */
import { TextContext } from './context-words.ts';
import { digitsOf, eachMatch, HAS_DIGIT, isInsideGroupedIban, NUMBER_END, NUMBER_START } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

/**
 * Province codes of Kemendagri (Dukcapil issues NIKs with them), including the four Papua provinces of 2022
 * (93–96). BPS statistics codes differ for Papua and are not used in NIKs.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19', '21'],
  ...['31', '32', '33', '34', '35', '36', '51', '52', '53'],
  ...['61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76'],
  ...['81', '82', '91', '92', '93', '94', '95', '96'],
]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for 16 digits that form a structurally valid NIK. */
export function isValidNik(digits: string): boolean {
  if (digits.length !== 16 || !/^\d{16}$/.test(digits)) return false;
  if (!PROVINCE_CODES.has(digits.slice(0, 2))) return false;
  if (digits.slice(2, 4) === '00' || digits.slice(4, 6) === '00' || digits.slice(12) === '0000') return false;
  return isValidBirthDate(
    Number(digits.slice(6, 8)),
    Number(digits.slice(8, 10)),
    Number(digits.slice(10, 12)),
  );
}

/** Day may carry +40 for women; the century is unknown, so 29 February is allowed in any year divisible by 4. */
function isValidBirthDate(rawDay: number, month: number, year: number): boolean {
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

// Written contiguously, or in groups of four or 6-6-4 (read aloud from a card).
const NIK = new RegExp(
  String.raw`${NUMBER_START}(?:\d{16}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4}|\d{6}([ .-])\d{6}\2\d{4})${NUMBER_END}`,
  'g',
);

/**
 * Scores: contiguous 0.75, grouped 0.6 (a grouped number is more often a card), nearest word NIK/KTP 0.95; none
 * when the nearest word labels an order, invoice or code.
 */
export const nikRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 19,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(NIK, text, (match) => {
      const value = match[0];
      const digits = value.length === 16 ? value : digitsOf(value);
      const start = match.index;
      if (!isValidNik(digits) || (value.length > 16 && isInsideGroupedIban(text, start))) return false;
      const end = start + value.length;
      const base = value.length === 16 ? 0.75 : 0.6;
      const family = context.nearest(start, end);
      if (family === 'other') return false;
      const score = family === 'nik' ? 0.95 : base;
      out.push({ category: 'id_nik', dataClass: 'national_id', start, end, score });
      return true;
    });
  },
};
