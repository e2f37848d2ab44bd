/** GPT-2's byte-to-character table: token text spells each UTF-8 byte as one printable character. */
export const BYTE_TO_CHARACTER: readonly string[] = buildByteTable();

const CHARACTER_TO_BYTE = new Map(BYTE_TO_CHARACTER.map((character, byte) => [character, byte]));

/** The bytes in GPT-2 vocabulary order (printable bytes first), as the first 256 tokens of a byte-level BPE. */
export const BYTE_ORDER: readonly number[] = [
  ...range(0x21, 0x7e),
  ...range(0xa1, 0xac),
  ...range(0xae, 0xff),
  ...range(0, 0xff).filter((byte) => !isPrintable(byte)),
];

/** Spells text the way byte-level BPE token strings do (" hello" → "Ġhello"). */
export function toTokenText(text: string): string {
  let result = '';
  for (const byte of Buffer.from(text, 'utf8')) result += BYTE_TO_CHARACTER[byte];
  return result;
}

/** The raw bytes a byte-level token string stands for. */
export function fromTokenText(tokenText: string): Buffer {
  const bytes: number[] = [];
  for (const character of tokenText) {
    const byte = CHARACTER_TO_BYTE.get(character);
    if (byte === undefined) throw new Error(`'${character}' is not a byte-level character`);
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

function buildByteTable(): string[] {
  const table: string[] = [];
  let next = 256;
  for (let byte = 0; byte < 256; byte++)
    table[byte] = String.fromCodePoint(isPrintable(byte) ? byte : next++);
  return table;
}

function isPrintable(byte: number): boolean {
  return (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
