/**
 * Phone numbers: Indonesian mobile and landline numbers written with +62, 62 or 0 (or, after a phone word,
 * mobile numbers without the 0), and international numbers written with +. A loose shape finds candidates; libphonenumber-js with full metadata validates them (number
 * ranges per country, not only lengths), ~12 µs per candidate.
 */
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { TextContext } from './context-words.ts';
import { eachMatch, HAS_DIGIT, isInsideGroupedIban, NUMBER_END, NUMBER_START } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

// A leading +, (+62) or (021), or a bare 0; then 8–18 digits with single separators or parentheses. A bare 62
// is taken only unseparated (wa.me/62812…): with separators people write +62. Not after a digit and a space,
// which would start inside a grouped number.
const PHONE = new RegExp(
  String.raw`(?<![A-Za-z0-9_+(])(?<![0-9][ .,/-])(?:(?:\+|\(\+?(?=\d)|(?=0))\d(?:[ .-]?\(?\d|\)[ .-]?\d){7,17}|62\d{8,13})${NUMBER_END}`,
  'g',
);
/** A mobile number without its trunk 0 (`WA 812-3456-7890`), taken only after a phone word. */
const MOBILE_WITHOUT_TRUNK = new RegExp(
  String.raw`${NUMBER_START}(?<![0-9] )8\d{2}(?:[ .-]?\d){6,9}${NUMBER_END}`,
  'g',
);
/** A one-digit group after the first (the `.2-` of an NPWP) is not how phone numbers are written. */
const SINGLE_DIGIT_GROUP = /[ .)-]\d(?:[ .-]|$)/;
const DATE = /^\d{2}([-./])\d{2}\1\d{4}$/;

const SEPARATOR = /[ .)-](?=[^ .)-]*$)/;

/**
 * Indonesian significant numbers start with 2–9 (area codes, 8 for mobiles) and have 7–12 digits: checking that
 * first spares most non-numbers the library's ~12 µs.
 */
const INDONESIAN_SIGNIFICANT = /^[2-9]\d{6,11}$/;

/** True when libphonenumber-js accepts the number: as dialled in Indonesia, or international with +. */
export function isValidPhone(value: string): boolean {
  const compact = value.replace(/[^\d+]/g, '');
  const significant = compact.startsWith('+62')
    ? compact.slice(3)
    : compact.startsWith('62')
      ? compact.slice(2)
      : compact.startsWith('0')
        ? compact.slice(1)
        : undefined;
  if (significant !== undefined && !INDONESIAN_SIGNIFICANT.test(significant)) return false;
  if (compact.startsWith('+')) return isValidPhoneNumber(compact);
  if (compact.startsWith('62')) return isValidPhoneNumber(`+${compact}`);
  return isValidPhoneNumber(compact, 'ID');
}

/** Two numbers separated by a space look like one: drop up to two trailing groups before giving up. */
function longestValidPrefix(value: string): string | undefined {
  if (DATE.test(value) || SINGLE_DIGIT_GROUP.test(value.replace(/^\+\d /, ''))) return undefined;
  let candidate = value;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (isValidPhone(candidate)) return candidate;
    const cut = candidate.search(SEPARATOR);
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
  return undefined;
}

/**
 * Scores: valid 0.7, nearest word a phone word 0.9; none when the nearest word labels an order or code. A mobile
 * number written without its 0 counts only after a phone word (0.85).
 */
export const phoneRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 32,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(PHONE, text, (match) => {
      const start = match.index;
      const value = isInsideGroupedIban(text, start) ? undefined : longestValidPrefix(match[0]);
      if (value === undefined) return false;
      const end = start + value.length;
      const family = context.nearest(start, end);
      if (family === 'other') return false;
      const score = family === 'phone' ? 0.9 : 0.7;
      out.push({ category: 'phone', dataClass: 'personal', start, end, score });
      return true;
    });
    eachMatch(MOBILE_WITHOUT_TRUNK, text, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      if (!isValidPhone(`0${match[0]}`) || context.nearest(start, end) !== 'phone') return false;
      out.push({ category: 'phone', dataClass: 'personal', start, end, score: 0.85 });
      return true;
    });
  },
};
