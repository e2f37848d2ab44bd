/**
 * Normalisation for matching: folds the tricks attackers use to slip past signatures (compatibility forms,
 * invisible characters, homoglyphs, leetspeak, spaced-out letters) into plain lowercase text, keeping for each
 * output character the span of the original it came from so findings point at the caller's text.
 */
import { foldCodePoint } from './fold-code-point.ts';

/** Normalised text plus, for each UTF-16 unit of `text`, the [start, end) span in the original it came from. */
export interface NormalizedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** A growable run of UTF-16 units, each with the original span it came from. */
class UnitBuffer {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Makes room for `count` more units. */
  reserve(count: number): void {
    while (this.codes.length < this.length + count) this.#grow();
  }

  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.#grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length += 1;
  }

  #grow(): void {
    const capacity = this.codes.length * 2 + 16;
    const codes = new Uint16Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const UTF16 = new TextDecoder('utf-16le');

function isWhitespace(code: number): boolean {
  return code === SPACE || (code >= 0x09 && code <= 0x0d);
}

function isAsciiLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Letters, digits, the leet symbols and any non-ASCII letter-like unit: what spaced-out words are made of. */
function isWordUnit(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x40 || code === 0x24 || code >= 0x80;
}

/** Characters attackers put between the letters of a spaced-out word: "i g n o r e", "i.g.n.o.r.e". */
function isSpacingSeparator(code: number): boolean {
  return code === SPACE || code === 0x2e || code === 0x2d || code === 0x5f || code === 0x2a || code === 0x2f;
}

// Pass 1 writes into one reused buffer: it is consumed by pass 2 before the next call.
const folded = new UnitBuffer(4096);

/** Pass 1: per code point, drop invisibles and fold compatibility forms, marks, homoglyphs and case. */
function foldAll(input: string): UnitBuffer {
  const out = folded;
  out.length = 0;
  out.reserve(input.length);
  for (let index = 0; index < input.length;) {
    const code = input.charCodeAt(index);
    if (code < 0x80) {
      // Reserved above: one unit per ASCII character.
      const at = out.length++;
      out.codes[at] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
      out.starts[at] = index;
      out.ends[at] = index + 1;
      index += 1;
      continue;
    }
    const codePoint = input.codePointAt(index) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const text = foldCodePoint(codePoint);
    for (let k = 0; k < text.length; k += 1) out.push(text.charCodeAt(k), index, index + width);
    index += width;
  }
  return out;
}

/** Marks the separators inside runs of single-character words ("i g n o r e", "a.s") for removal. */
function spacedSeparators(units: UnitBuffer): Uint8Array {
  const drop = new Uint8Array(units.length);
  const codes = units.codes;
  const n = units.length;
  // The buffer is reused and longer than the text: nothing past `n` may be read.
  const at = (p: number): number => (p >= 0 && p < n ? (codes[p] ?? 0) : 0);
  const single = (p: number): boolean =>
    isWordUnit(at(p)) && !isWordUnit(at(p - 1)) && !isWordUnit(at(p + 1));
  for (let p = 0; p < n; p += 1) {
    if (!single(p)) continue;
    let last = p;
    // One separator per run: in "r.e.v.e.a.l y.o.u.r" the space between the dotted words stays.
    const separator = at(p + 1);
    while (at(last + 1) === separator && isSpacingSeparator(separator) && single(last + 2)) last += 2;
    if (last > p) for (let q = p + 1; q < last; q += 2) drop[q] = 1;
    p = last;
  }
  return drop;
}

/** Pass 2: remove spaced-out separators and collapse whitespace runs to one space (or one newline). */
function collapse(units: UnitBuffer): UnitBuffer {
  const drop = spacedSeparators(units);
  const out = new UnitBuffer(units.length + 1);
  for (let p = 0; p < units.length; p += 1) {
    if (drop[p] === 1) continue;
    const code = units.codes[p] ?? 0;
    if (!isWhitespace(code)) {
      out.push(code, units.starts[p] ?? 0, units.ends[p] ?? 0);
      continue;
    }
    let end = p;
    let newline = false;
    while (end < units.length && isWhitespace(units.codes[end] ?? 0)) {
      if (units.codes[end] === NEWLINE) newline = true;
      end += 1;
    }
    out.push(newline ? NEWLINE : SPACE, units.starts[p] ?? 0, units.ends[end - 1] ?? 0);
    p = end - 1;
  }
  return out;
}

const LEET: Readonly<Record<number, number>> = {
  0x30: 0x6f, // 0 → o
  0x31: 0x69, // 1 → i (rules also accept i where they expect l)
  0x33: 0x65, // 3 → e
  0x34: 0x61, // 4 → a
  0x35: 0x73, // 5 → s
  0x37: 0x74, // 7 → t
  0x40: 0x61, // @ → a
  0x24: 0x73, // $ → s
};

function isLeetToken(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x40 || code === 0x24;
}

/** Pass 3, in place: undo leetspeak only inside tokens that mix letters and leet symbols, so "2024" stays. */
function undoLeet(units: UnitBuffer): void {
  const codes = units.codes;
  for (let p = 0; p < units.length;) {
    if (!isLeetToken(codes[p] ?? 0)) {
      p += 1;
      continue;
    }
    let end = p;
    let letters = false;
    let leet = false;
    for (; end < units.length && isLeetToken(codes[end] ?? 0); end += 1) {
      const code = codes[end] ?? 0;
      if (isAsciiLetter(code)) letters = true;
      else if (LEET[code] !== undefined) leet = true;
    }
    if (letters && leet) for (let q = p; q < end; q += 1) codes[q] = LEET[codes[q] ?? 0] ?? codes[q] ?? 0;
    p = end;
  }
}

/** Normalises text for matching (never for display): NFKC-style folding, no invisibles, no homoglyphs, no leet. */
export function normalizeForMatching(input: string): NormalizedText {
  const units = collapse(foldAll(input));
  undoLeet(units);
  const text = UTF16.decode(units.codes.subarray(0, units.length));
  return { text, starts: units.starts.subarray(0, units.length), ends: units.ends.subarray(0, units.length) };
}

/** Maps a [start, end) span of normalised text back to the span of the original text it came from. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): [number, number] {
  if (end <= start) return [normalized.starts[start] ?? 0, normalized.starts[start] ?? 0];
  return [normalized.starts[start] ?? 0, normalized.ends[end - 1] ?? 0];
}

/** The same text with every ASCII letter rotated by 13 places; spans are unchanged, so findings map back. */
export function rot13(normalized: NormalizedText): NormalizedText {
  const source = normalized.text;
  const codes = new Uint16Array(source.length);
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    codes[index] = code >= 0x61 && code <= 0x7a ? ((code - 0x61 + 13) % 26) + 0x61 : code;
  }
  return { text: UTF16.decode(codes), starts: normalized.starts, ends: normalized.ends };
}
