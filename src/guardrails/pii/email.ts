/**
 * E-mail addresses: an RFC 5321-sized local part, dot-separated domain labels and an alphabetic top-level
 * domain. Bounded repetitions and a start anchored at the beginning of a run keep the scan linear.
 */
import type { Candidate, Recognizer } from './recognizer.ts';

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;

// `budi [at] example [dot] com`: only bracketed words, since a bare "at" and "dot" occur in every sentence.
const OBFUSCATED =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?\s?[[(]\s?at\s?[\])]\s?[A-Za-z0-9-]{1,63}(?:\s?(?:\.|[[(]\s?dot\s?[\])])\s?[A-Za-z0-9-]{1,63}){1,8}(?![A-Za-z0-9-])/gi;

/** Score 0.9: the shape alone is distinctive; 0.8 for an address written with [at] and [dot]. */
export const emailRecognizer: Recognizer = {
  maxLength: 254,
  find(text: string, out: Candidate[]): void {
    if (text.includes('@')) {
      EMAIL.lastIndex = 0;
      for (let match = EMAIL.exec(text); match !== null; match = EMAIL.exec(text)) {
        if (match[0].includes('..')) continue;
        const start = match.index;
        out.push({
          category: 'email',
          dataClass: 'personal',
          start,
          end: start + match[0].length,
          score: 0.9,
        });
      }
    }
    if (!/[[(]\s?at\s?[\])]/i.test(text)) return;
    OBFUSCATED.lastIndex = 0;
    for (let match = OBFUSCATED.exec(text); match !== null; match = OBFUSCATED.exec(text)) {
      const start = match.index;
      out.push({ category: 'email', dataClass: 'personal', start, end: start + match[0].length, score: 0.8 });
    }
  },
};
