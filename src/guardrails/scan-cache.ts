/**
 * Remembers what an input scanner found in a text it has seen before. Chat clients resend the whole
 * conversation on every turn — the same system prompt, tool definitions and earlier messages — so most of a
 * request's input was already screened by an earlier request. Scanners are pure functions of (text, source),
 * so their findings can be reused as they are.
 *
 * The cache holds a SHA-256 digest of each text, never the text: findings carry spans, categories and
 * scores, not values, so nothing sensitive stays in memory after the request that brought it.
 */
import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Finding, ScanContext, TextScanner } from './scanner.ts';

/** What the scanners found in one text from one source, by wrapped scanner; a hole where one has not scanned it yet. */
type Entry = (readonly Finding[] | undefined)[];

/** Shared between the scanners of one gateway, bounded by entry count (findings are small). */
export class ScanCache {
  readonly #entries: LRUCache<string, Entry>;
  #wrapped = 0;
  // The input pipeline runs every scanner on one text before the next, synchronously: the text's entry is
  // looked up once for all of them (one digest, one key, one LRU lookup), and the text is let go as soon as that
  // synchronous run is over.
  #lastText: string | undefined;
  #lastSource = '';
  #lastEntry: Entry = [];
  readonly #forget = (): void => {
    this.#lastText = undefined;
    this.#lastEntry = [];
  };

  /** `entries` > 0: at most that many (source, text) entries are kept, least recently used dropped. */
  constructor(entries: number) {
    this.#entries = new LRUCache({ max: entries });
  }

  /** `scanner` with this cache in front of it; the same id, cost and look-back as the scanner. */
  wrap(scanner: TextScanner): TextScanner {
    // One slot per wrapped scanner: two scanners may share an id (injection at two thresholds).
    const slot = this.#wrapped++;
    return {
      id: scanner.id,
      cost: scanner.cost,
      maxMatchLength: scanner.maxMatchLength,
      scan: (text: string, context: ScanContext): readonly Finding[] => {
        const entry = this.#entryFor(text, context.source);
        const known = entry[slot];
        if (known !== undefined) return known;
        // Frozen, as every later request with this text is handed the same array.
        const findings = Object.freeze(scanner.scan(text, context));
        entry[slot] = findings;
        return findings;
      },
    };
  }

  #entryFor(text: string, source: string): Entry {
    if (text === this.#lastText && source === this.#lastSource) return this.#lastEntry;
    if (this.#lastText === undefined) queueMicrotask(this.#forget);
    const key = `${source}\u0000${hash('sha256', text, 'base64')}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = [];
      this.#entries.set(key, entry);
    }
    this.#lastText = text;
    this.#lastSource = source;
    this.#lastEntry = entry;
    return entry;
  }
}
