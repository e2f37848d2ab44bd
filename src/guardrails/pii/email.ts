/**
 * E-mail addresses: an RFC 5321-sized local part, dot-separated domain labels and an alphabetic top-level
 * domain; also addresses written `budi [at] example [dot] com`. Each match is anchored on its `@` (or `[at]`):
 * the local part is found by walking back at most 64 characters, then a sticky regex reads the rest, so the
 * cost follows the number of `@` signs, not the length of the text.
 */
import type { Candidate, Recognizer } from './recognizer.ts';

const ADDRESS =
  /[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;
// Only bracketed words, since a bare "at" and "dot" occur in every sentence.
const AT_WORD = /[[(]\s?at\s?[\])]/gi;
const OBFUSCATED =
  /[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?\s?[[(]\s?at\s?[\])]\s?[A-Za-z0-9-]{1,63}(?:\s?(?:\.|[[(]\s?dot\s?[\])])\s?[A-Za-z0-9-]{1,63}){1,8}(?![A-Za-z0-9-])/iy;

function isLocalCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 || // .
    code === 95 || // _
    code === 37 || // %
    code === 43 || // +
    code === 45 // -
  );
}

/** Where the local part ending at `end` starts, or -1 when it is longer than 64 characters. */
function localStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && end - start <= 64 && isLocalCode(text.charCodeAt(start - 1))) start--;
  if (end - start > 64) return -1;
  while (start < end && text.charCodeAt(start) === 46) start++;
  return start;
}

/** A sticky regex's match starting exactly at `start`, if any. */
function execAt(pattern: RegExp, text: string, start: number): RegExpExecArray | null {
  if (start < 0) return null;
  pattern.lastIndex = start;
  return pattern.exec(text);
}

function push(out: Candidate[], start: number, end: number, score: number): void {
  out.push({ category: 'email', dataClass: 'personal', start, end, score });
}

/** Score 0.9: the shape alone is distinctive; 0.8 for an address written with [at] and [dot]. */
export const emailRecognizer: Recognizer = {
  maxLength: 254,
  find(text: string, out: Candidate[]): void {
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      const match = execAt(ADDRESS, text, localStart(text, at));
      if (match !== null && !match[0].includes('..'))
        push(out, match.index, match.index + match[0].length, 0.9);
    }
    AT_WORD.lastIndex = 0;
    for (let word = AT_WORD.exec(text); word !== null; word = AT_WORD.exec(text)) {
      const end = word.index > 0 && text.charCodeAt(word.index - 1) === 32 ? word.index - 1 : word.index;
      const match = execAt(OBFUSCATED, text, localStart(text, end));
      if (match !== null) push(out, match.index, match.index + match[0].length, 0.8);
    }
  },
};
