/**
 * Boundaries shared by the numeric recognizers: a number is never taken from inside a longer number, a word or
 * a decimal, so `12345678901234567` holds no NIK and `v3171…` holds nothing.
 */

/** The trigger of every recognizer whose pattern needs an ASCII digit (`\\d` matches no other). */
export const HAS_DIGIT = /\d/;

/** Regex source: not preceded by an ASCII letter, digit, `_` or `+`, nor by a digit and a separator. */
export const NUMBER_START = String.raw`(?<![A-Za-z0-9_+])(?<![0-9][.,/-])`;

/** Regex source: not followed by an ASCII letter, digit or `_`, nor by a separator and a digit. */
export const NUMBER_END = String.raw`(?![A-Za-z0-9_])(?![.,/-][0-9])`;

const IBAN_HEAD = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){0,7} $/;

/**
 * True when the number starting at `start` continues an IBAN written in groups (`GB52 FEOC 0721 9528 …`): its
 * digit groups are not a phone or card number, even when the IBAN's checksum fails.
 */
export function isInsideGroupedIban(text: string, start: number): boolean {
  return start > 0 && text[start - 1] === ' ' && IBAN_HEAD.test(text.slice(Math.max(0, start - 40), start));
}

/** The digits of a matched number, separators dropped. */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/**
 * Runs a global regex over `text`, handing each match to `accept`. A rejected match is retried one character
 * later, since a valid number may start inside it (`3298 4548 9104 9357 5766` holds a card from its second
 * group); matches are bounded in length, so the scan stays linear.
 */
export function eachMatch(pattern: RegExp, text: string, accept: (match: RegExpExecArray) => boolean): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (!accept(match)) pattern.lastIndex = match.index + 1;
  }
}
