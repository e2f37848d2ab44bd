/**
 * Context words raise or gate a match (Presidio's context enhancement, reworked): the nearest context word
 * around a candidate names one family, and only that family's recognizer is boosted. The phrases of a text are
 * found per block of text, once per scan and only in blocks around candidates.
 */
import { CONTEXT_PHRASES, HEALTH_WORDS, type ContextFamily } from './context-phrases.ts';
import { createPhraseMatcher, type PhraseHit } from './phrase-matcher.ts';

export type { ContextFamily } from './context-phrases.ts';

function normalise(phrase: string): string {
  return phrase.toLowerCase().replace(/[.\s]+/g, '');
}

/** Words are matched whole, case-insensitively; a dot may stand between words (`no. rek`, `no.rek`, `no rek`). */
function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(String.raw`(?:\.\s{0,3}|\s{1,3})`);
}

const CONTEXT = createPhraseMatcher(
  Object.entries(CONTEXT_PHRASES).flatMap(([family, phrases]) =>
    phrases.map((phrase) => [phrase, family as ContextFamily] as const),
  ),
);
const HEALTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${[...HEALTH_WORDS]
    .sort((a, b) => b.length - a.length)
    .map(phraseSource)
    .join('|')})(?![\p{L}\p{N}])`,
  'iu',
);

/** How far, in UTF-16 code units, before and after a candidate a context word may stand. */
const BEFORE = 48;
const AFTER = 6;
/** Words that label the value before them; other words after a value count only in parentheses: `(NPWP)`. */
const FOLLOWING = new Set(['a/n', 'atasnama', 'exp', 'expiry', 'validthru']);
/** Health words may be a sentence or two away from the card number they make sensitive. */
const HEALTH_WINDOW = 200;
/** Another number (four digits, maybe separated) or a sentence end between a word and a span cuts them apart. */
const SEPARATION = /\d(?:[ .,/-]?\d){3}|[.!?;]\s/;

/** Context words are indexed in blocks of this many characters, only around the candidates that ask. */
const BLOCK = 256;
/** The longest phrase, so a phrase ending within reach of a candidate is found from the block it starts in. */
const LONGEST_PHRASE = 32;

/** The context words of one text, found on first use; create one per scan and share it across recognizers. */
export class TextContext {
  readonly #text: string;
  // Made on first use: most scans (text without digits) never ask.
  #blocks: Map<number, readonly PhraseHit<ContextFamily>[]> | undefined;
  /** Several recognizers ask about the same span (a 16-digit number is a NIK, card, NPWP and account candidate). */
  #answers: Map<number, ContextFamily | undefined> | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /**
   * The family of the context word nearest to the span [start, end): the last one within a short window before
   * it, or else one just after it that labels what precedes it (a/n, exp, or any word in parentheses). A word
   * with another number or a sentence end between it and the span labels something else.
   */
  nearest(start: number, end: number): ContextFamily | undefined {
    const key = start * (this.#text.length + 1) + end;
    const answers = (this.#answers ??= new Map<number, ContextFamily | undefined>());
    if (answers.has(key)) return answers.get(key);
    const family = this.#nearest(start, end);
    answers.set(key, family);
    return family;
  }

  #nearest(start: number, end: number): ContextFamily | undefined {
    const text = this.#text;
    let before: ContextFamily | undefined;
    let previousEnd = -1;
    for (const hit of this.#hitsBetween(start - BEFORE - LONGEST_PHRASE, end + AFTER)) {
      // A phrase running into the next block is found again from there: keep the first, longer reading.
      if (hit.start < previousEnd || hit.end < start - BEFORE) continue;
      previousEnd = hit.end;
      if (hit.end <= start) {
        if (!SEPARATION.test(text.slice(hit.end, start))) before = hit.label;
      } else if (hit.start >= end) {
        const gap = text.slice(end, hit.start);
        if (before !== undefined || hit.start > end + AFTER || SEPARATION.test(gap)) return before;
        return FOLLOWING.has(normalise(text.slice(hit.start, hit.end))) || gap.includes('(')
          ? hit.label
          : undefined;
      }
    }
    return before;
  }

  /** The hits of every block overlapping [from, to), in text order. */
  #hitsBetween(from: number, to: number): readonly PhraseHit<ContextFamily>[] {
    const first = Math.max(0, Math.floor(from / BLOCK));
    const last = Math.floor(Math.min(to, this.#text.length - 1) / BLOCK);
    if (first === last) return this.#block(first);
    const hits: PhraseHit<ContextFamily>[] = [];
    for (let block = first; block <= last; block++) hits.push(...this.#block(block));
    return hits;
  }

  #block(block: number): readonly PhraseHit<ContextFamily>[] {
    const blocks = (this.#blocks ??= new Map<number, readonly PhraseHit<ContextFamily>[]>());
    let hits = blocks.get(block);
    if (hits === undefined) {
      hits = CONTEXT(this.#text, block * BLOCK, Math.min(this.#text.length, (block + 1) * BLOCK));
      blocks.set(block, hits);
    }
    return hits;
  }

  /** True when a health word (diagnosis, patient, hospital …) stands near the span: the data becomes `health`. */
  hasHealth(start: number, end: number): boolean {
    const from = Math.max(0, start - HEALTH_WINDOW);
    return HEALTH.test(this.#text.slice(from, Math.min(this.#text.length, end + HEALTH_WINDOW)));
  }
}

/** `new TextContext(text).nearest(start, end)`, for a single question. */
export function nearestContext(text: string, start: number, end: number): ContextFamily | undefined {
  return new TextContext(text).nearest(start, end);
}

/** `new TextContext(text).hasHealth(start, end)`, for a single question. */
export function hasHealthContext(text: string, start: number, end: number): boolean {
  return new TextContext(text).hasHealth(start, end);
}
