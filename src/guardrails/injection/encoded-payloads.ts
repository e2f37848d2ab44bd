/**
 * Finds text hidden in base64, hex and Unicode tag characters, so it can be screened like the text around it.
 * Only plausible payloads count: long enough, and mostly printable text once decoded — hashes, images and
 * random identifiers decode to binary and are dropped.
 */

/** How a payload was hidden. */
export type PayloadEncoding = 'base64' | 'hex' | 'tags';

/** A decoded payload and the [start, end) span of its encoded form in the scanned text. */
export interface EncodedPayload {
  readonly encoding: PayloadEncoding;
  readonly start: number;
  readonly end: number;
  readonly decoded: string;
}

/** Limits that keep decoding linear and bounded whatever the input. */
export interface PayloadLimits {
  /** At most this many payloads per text. */
  readonly maxPayloads: number;
  /** Each payload is decoded from at most this many encoded characters. */
  readonly maxEncodedLength: number;
}

/** The default limits: 16 payloads, 16 KiB of encoded text each. */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxPayloads: 16, maxEncodedLength: 16_384 };

// 20 base64 characters carry 15 bytes: shorter strings are too often ordinary identifiers. The leading
// non-member (not a look-behind) fails at once inside a run, so each run is read once.
const BASE64 = /(?:^|[^A-Za-z0-9+/_-])([A-Za-z0-9+/_-]{20,}={0,2})/g;
// No trailing look-ahead (a failed one would backtrack through the whole run at every start) and no leading
// look-behind (tried at every position): a consumed non-member before the run, as for base64.
const HEX = /(?:^|[^0-9A-Za-z])((?:0x)?(?:[0-9A-Fa-f]{2}[ :]?){12,})|((?:\\x[0-9A-Fa-f]{2}){8,})/g;
const TAGS = /(?:\uDB40[\uDC20-\uDC7E])+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Mostly printable text: at least 85% letters, digits, punctuation or whitespace, and some letters. */
function isPlausibleText(text: string): boolean {
  if (text.length < 8) return false;
  let printable = 0;
  let letters = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x0d || code === 0x09 || code >= 0xa0) {
      printable += 1;
    }
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code >= 0xc0) letters += 1;
  }
  return printable >= text.length * 0.85 && letters >= text.length * 0.4;
}

function decodeBytes(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeBase64(encoded: string): string | undefined {
  // Real base64 of text mixes cases; a run of one case is a word or an identifier.
  if (!/[a-z]/.test(encoded) || !/[A-Z]/.test(encoded)) return undefined;
  const body = encoded.replace(/=+$/, '');
  return decodeBytes(Buffer.from(body.slice(0, body.length - (body.length % 4 === 1 ? 1 : 0)), 'base64'));
}

function decodeHex(encoded: string): string | undefined {
  const digits = encoded.replace(/\\x|0x|[ :]/g, '');
  return decodeBytes(Buffer.from(digits.slice(0, digits.length - (digits.length % 2)), 'hex'));
}

function decodeTags(encoded: string): string {
  let decoded = '';
  for (const character of encoded) decoded += String.fromCharCode((character.codePointAt(0) ?? 0) - 0xe0000);
  return decoded;
}

const DECODERS: readonly [PayloadEncoding, RegExp, (encoded: string) => string | undefined][] = [
  ['base64', BASE64, decodeBase64],
  ['hex', HEX, decodeHex],
  ['tags', TAGS, decodeTags],
];

/** Every plausible encoded payload in `text`, in the order of the encodings then of their position. */
export function findEncodedPayloads(
  text: string,
  limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS,
): EncodedPayload[] {
  const found: EncodedPayload[] = [];
  for (const [encoding, pattern, decode] of DECODERS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      // The payload is the last group that took part; a hex run may end on a separator, the payload does not.
      const group = match[2] ?? match[1] ?? match[0];
      const body = group.replace(/[ :]+$/, '');
      const start = match.index + match[0].length - group.length;
      const end = start + body.length;
      if (encoding === 'hex' && /[0-9A-Za-z]/.test(text.charAt(end))) continue;
      const decoded = decode(body.slice(0, limits.maxEncodedLength));
      if (decoded === undefined || (encoding !== 'tags' && !isPlausibleText(decoded))) continue;
      found.push({ encoding, start, end, decoded });
      if (found.length >= limits.maxPayloads) return found;
    }
  }
  return found;
}
