/**
 * Phone numbers: Indonesian mobile and landline numbers written with +62, 62 or 0, and international numbers
 * written with +. A loose shape finds candidates; libphonenumber-js with full metadata validates them (number
 * ranges per country, not only lengths), ~12 µs per candidate.
 */
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { nearestContext } from './context-words.ts';
import { NUMBER_END } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

// A leading +, (+62) or (021), or a bare 0 or 62; then 8–18 digits with single separators or parentheses.
const PHONE = new RegExp(
  String.raw`(?<![A-Za-z0-9_+(])(?<![0-9][.,/-])(?:\+|\(\+?(?=\d)|(?=0|62))\d(?:[ .-]?\(?\d|\)[ .-]?\d){7,17}${NUMBER_END}`,
  'g',
);

const SEPARATOR = /[ .)-](?=[^ .)-]*$)/;

/** True when libphonenumber-js accepts the number: as dialled in Indonesia, or international with +. */
export function isValidPhone(value: string): boolean {
  const compact = value.replace(/[^\d+]/g, '');
  if (compact.startsWith('+')) return isValidPhoneNumber(compact);
  if (compact.startsWith('62')) return isValidPhoneNumber(`+${compact}`);
  return isValidPhoneNumber(compact, 'ID');
}

/** Two numbers separated by a space look like one: drop up to two trailing groups before giving up. */
function longestValidPrefix(value: string): string | undefined {
  let candidate = value;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (isValidPhone(candidate)) return candidate;
    const cut = candidate.search(SEPARATOR);
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
  return undefined;
}

/** Scores: valid 0.7, nearest word a phone word 0.9. */
export const phoneRecognizer: Recognizer = {
  maxLength: 32,
  find(text: string, out: Candidate[]): void {
    PHONE.lastIndex = 0;
    for (let match = PHONE.exec(text); match !== null; match = PHONE.exec(text)) {
      const value = longestValidPrefix(match[0]);
      if (value === undefined) continue;
      const start = match.index;
      const end = start + value.length;
      const score = nearestContext(text, start, end) === 'phone' ? 0.9 : 0.7;
      out.push({ category: 'phone', dataClass: 'personal', start, end, score });
    }
  },
};
