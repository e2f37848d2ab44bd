/**
 * Remembers what an input scanner found in a text it has seen before. Chat clients resend the whole
 * conversation on every turn — the same system prompt, tool definitions and earlier messages — so most of a
 * request's input was already screened by an earlier request. Scanners are pure functions of (text, source),
 * so their findings can be reused as they are.
 *
 * The cache holds a SHA-256 digest of each text, never the text: findings carry spans, categories and
 * scores, not values, so nothing sensitive stays in memory after the request that brought it. Only within one
 * turn of the event loop are texts themselves the keys (see `#turn`).
 */
import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Finding, ScanContext, TextScanner } from './scanner.ts';

/** What the scanners found in one text from one source, by wrapped scanner; a hole where one has not scanned it yet. */
type Entry = (readonly Finding[] | undefined)[];

/** Texts remembered as themselves in one turn of the event loop, at most. */
const MAX_TURN_TEXTS = 256;

/** Shared between the scanners of one gateway, bounded by entry count (findings are small). */
export class ScanCache {
  readonly #entries: LRUCache<string, Entry>;
  #wrapped = 0;
  /**
   * The entries of texts already looked up in this turn of the event loop, by source and then by the text itself;
   * emptied when the turn ends (`setImmediate`). Requests that arrive together are screened in one turn, and
   * those of one application mostly share texts — its system prompt, its tool definitions — so under load most
   * lookups are answered here, without a digest or an LRU lookup: the digest went through OpenSSL's generic
   * digest machinery, a few µs a text on a loaded machine (docs/benchmarks-history.md). A text is held only
   * in the turn that screened it, while its request is in memory anyway.
   */
  #turn = new Map<string, Map<string, Entry>>();
  #turnTexts = 0;
  /**
   * The text looked up last in this turn, its source and entry: a request's input scanners run one after another
   * over each of its texts, and all but the first find it here without a lookup.
   */
  #lastText: string | undefined;
  #lastSource: string | undefined;
  #lastEntry: Entry | undefined;
  readonly #endTurn = (): void => {
    this.#turn = new Map();
    this.#turnTexts = 0;
    this.#remember(undefined, undefined, undefined);
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
    if (this.#lastText === text && this.#lastSource === source && this.#lastEntry !== undefined)
      return this.#lastEntry;
    let texts = this.#turn.get(source);
    const known = texts?.get(text);
    if (known !== undefined) {
      this.#remember(text, source, known);
      return known;
    }
    const key = `${source}\u0000${hash('sha256', text, 'base64')}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = [];
      this.#entries.set(key, entry);
    }
    if (this.#turnTexts < MAX_TURN_TEXTS) {
      if (this.#turnTexts++ === 0) setImmediate(this.#endTurn);
      if (texts === undefined) this.#turn.set(source, (texts = new Map<string, Entry>()));
      texts.set(text, entry);
      this.#remember(text, source, entry);
    }
    return entry;
  }

  #remember(text: string | undefined, source: string | undefined, entry: Entry | undefined): void {
    this.#lastText = text;
    this.#lastSource = source;
    this.#lastEntry = entry;
  }
}
