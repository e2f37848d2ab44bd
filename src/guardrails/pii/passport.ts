/**
 * Passport numbers, only after a passport word (paspor, passport): the Indonesian form is one letter and seven
 * digits (A1234567); other countries use up to two letters, six to nine digits and sometimes a final letter.
 */
import { TextContext } from './context-words.ts';
import { eachMatch, HAS_DIGIT } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

const PASSPORT =
  /(?<![A-Za-z0-9_+])(?<![0-9][.,/-])(?:([A-Z]\d{7})|[A-Z]{0,2}\d{6,9}[A-Z]?)(?![A-Za-z0-9_])(?![.,/-][0-9])/g;

/** Scores: Indonesian form 0.9, other forms 0.8; nothing without a passport word nearest. */
export const passportRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 12,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(PASSPORT, text, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      if (context.nearest(start, end) !== 'passport') return false;
      const score = match[1] === undefined ? 0.8 : 0.9;
      out.push({ category: 'passport', dataClass: 'national_id', start, end, score });
      return true;
    });
  },
};
