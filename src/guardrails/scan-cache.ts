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

/** Shared between the scanners of one gateway, bounded by entry count (findings are small). */
export class ScanCache {
  readonly #entries: LRUCache<string, readonly Finding[]>;
  #wrapped = 0;
  // The input pipeline runs every scanner on one text before the next, synchronously: the text's digest is
  // computed once for all of them, and the text is let go as soon as that synchronous run is over.
  #lastText: string | undefined;
  #lastDigest = '';
  readonly #forget = (): void => {
    this.#lastText = undefined;
  };

  /** `entries` > 0: at most that many (scanner, source, text) results are kept, least recently used dropped. */
  constructor(entries: number) {
    this.#entries = new LRUCache({ max: entries });
  }

  /** `scanner` with this cache in front of it; the same id, cost and look-back as the scanner. */
  wrap(scanner: TextScanner): TextScanner {
    const entries = this.#entries;
    // One tag per wrapped scanner: two scanners may share an id (injection at two thresholds).
    this.#wrapped += 1;
    const tag = `${scanner.id}#${this.#wrapped}`;
    const digest = (text: string): string => {
      if (text !== this.#lastText) {
        if (this.#lastText === undefined) queueMicrotask(this.#forget);
        this.#lastText = text;
        this.#lastDigest = hash('sha256', text, 'base64');
      }
      return this.#lastDigest;
    };
    return {
      id: scanner.id,
      cost: scanner.cost,
      maxMatchLength: scanner.maxMatchLength,
      scan(text: string, context: ScanContext): Finding[] {
        const key = `${tag}\u0000${context.source}\u0000${digest(text)}`;
        const known = entries.get(key);
        if (known !== undefined) return [...known];
        const findings = scanner.scan(text, context);
        entries.set(key, findings);
        return [...findings];
      },
    };
  }
}
