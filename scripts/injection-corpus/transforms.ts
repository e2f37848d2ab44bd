/**
 * Obfuscations attackers use, applied to corpus texts: look-alike characters, invisible characters, spacing,
 * leetspeak and case games keep the family; base64, hex, rot13 and Unicode tags hide the whole instruction and
 * make it an `encoded_payload`. Benign texts get some obfuscations too, so obfuscation alone is no signal.
 */
import { pick, type Random } from './expand.ts';

/** Transformations that leave the text readable. */
export type Obfuscation =
  'none' | 'leetspeak' | 'homoglyph' | 'zero_width' | 'spaced' | 'fullwidth' | 'diacritics' | 'case';

/** Transformations that hide the text in an encoding. */
export type Encoding = 'base64' | 'hex' | 'rot13' | 'tags';

const LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', l: '1' };
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
  j: 'ј',
  A: 'Α',
  E: 'Ε',
  O: 'Ο',
  T: 'Т',
  H: 'Н',
  M: 'М',
  K: 'К',
};
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202a', '\u202c'];

function mapLetters(
  text: string,
  random: Random,
  rate: number,
  map: (character: string) => string | undefined,
): string {
  let out = '';
  for (const character of text) {
    const mapped = random() < rate ? map(character) : undefined;
    out += mapped ?? character;
  }
  return out;
}

function spaced(text: string, random: Random): string {
  const separator = pick([' ', '.', '-', ' '], random);
  // Spacing the first sentence is what attackers do: the trigger words, not the whole message.
  const end = text.search(/[.!?\n]/);
  const head = end > 0 ? text.slice(0, end) : text;
  const spacedHead = head
    .split(/\s+/)
    .map((word) => [...word].join(separator))
    .join(separator === ' ' ? '   ' : ' ');
  return spacedHead + (end > 0 ? text.slice(end) : '');
}

/** Applies a readable obfuscation. */
export function obfuscate(text: string, kind: Obfuscation, random: Random): string {
  switch (kind) {
    case 'none':
      return text;
    case 'leetspeak':
      return mapLetters(text, random, 0.6, (character) => LEET[character.toLowerCase()]);
    case 'homoglyph':
      return mapLetters(text, random, 0.5, (character) => HOMOGLYPHS[character]);
    case 'zero_width':
      return mapLetters(text, random, 0.3, (character) =>
        /\p{L}/u.test(character) ? character + pick(INVISIBLE, random) : undefined,
      );
    case 'spaced':
      return spaced(text, random);
    case 'fullwidth':
      return mapLetters(text, random, 0.8, (character) =>
        character >= '!' && character <= '~'
          ? String.fromCodePoint(character.charCodeAt(0) + 0xfee0)
          : undefined,
      );
    case 'diacritics':
      return mapLetters(text, random, 0.5, (character) =>
        /[aeiouAEIOU]/.test(character)
          ? character + pick(['\u0301', '\u0308', '\u0302', '\u0300'], random)
          : undefined,
      );
    case 'case':
      return random() < 0.5
        ? text.toUpperCase()
        : [...text]
            .map((character, index) => (index % 2 === 0 ? character.toUpperCase() : character.toLowerCase()))
            .join('');
  }
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (letter) => {
    const base = letter <= 'Z' ? 65 : 97;
    return String.fromCharCode(((letter.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Encodes text (the payload only; the wrapper around it is chosen by the generator). */
export function encode(text: string, kind: Encoding, random: Random): string {
  switch (kind) {
    case 'base64':
      return Buffer.from(text, 'utf8').toString('base64');
    case 'hex': {
      const hex = Buffer.from(text, 'utf8').toString('hex');
      return random() < 0.5 ? hex : (hex.match(/../g) ?? []).map((pair) => `\\x${pair}`).join('');
    }
    case 'rot13':
      return rot13(text);
    case 'tags':
      // Tag characters exist only for printable ASCII; anything else stays visible.
      return [...text]
        .map((character) =>
          character >= ' ' && character <= '~'
            ? String.fromCodePoint(0xe0000 + character.charCodeAt(0))
            : character,
        )
        .join('');
  }
}
