/**
 * BPJS Kesehatan (JKN-KIS) card numbers: 13 digits with no public check digit, so only taken when the nearest
 * context word is a BPJS word or a bare "kartu". A health word nearby (diagnosis, patient, hospital …) makes the
 * finding `health` data rather than `national_id`.
 */
import { TextContext } from './context-words.ts';
import { eachMatch, HAS_DIGIT, NUMBER_END, NUMBER_START } from './digits.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

const BPJS = new RegExp(String.raw`${NUMBER_START}(?:\d{13}|\d{4}([ .-])\d{4}\1\d{5})${NUMBER_END}`, 'g');

/** Scores: 0.9 after a BPJS word, 0.65 after a bare "kartu" (below a valid phone number); nothing without context. */
export const bpjsRecognizer: Recognizer = {
  trigger: HAS_DIGIT,
  maxLength: 15,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    eachMatch(BPJS, text, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      const family = context.nearest(start, end);
      if (family !== 'bpjs' && family !== 'kartu') return false;
      const dataClass = context.hasHealth(start, end) ? 'health' : 'national_id';
      out.push({ category: 'bpjs', dataClass, start, end, score: family === 'bpjs' ? 0.9 : 0.65 });
      return true;
    });
  },
};
