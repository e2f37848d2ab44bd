/**
 * Boundaries shared by the numeric recognizers: a number is never taken from inside a longer number, a word or
 * a decimal, so `12345678901234567` holds no NIK and `v3171…` holds nothing.
 */

/** Regex source: not preceded by an ASCII letter, digit or `_`, nor by a digit and a separator. */
export const NUMBER_START = String.raw`(?<![A-Za-z0-9_])(?<![0-9][.,/-])`;

/** Regex source: not followed by an ASCII letter, digit or `_`, nor by a separator and a digit. */
export const NUMBER_END = String.raw`(?![A-Za-z0-9_])(?![.,/-][0-9])`;

/** The digits of a matched number, separators dropped. */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}
