import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanCache } from './scan-cache.ts';
import type { Finding, ScanContext, TextScanner } from './scanner.ts';

/** A scanner that finds every "secret" and counts its calls. */
function countingScanner(id = 'words'): TextScanner & { calls: number } {
  return {
    id,
    cost: 3,
    maxMatchLength: 6,
    calls: 0,
    scan(text: string, context: ScanContext): Finding[] {
      this.calls += 1;
      const findings: Finding[] = [];
      for (let at = text.indexOf('secret'); at >= 0; at = text.indexOf('secret', at + 1))
        findings.push({ scanner: id, category: context.source, start: at, end: at + 6, score: 1 });
      return findings;
    },
  };
}

/** Resolves once the current turn of the event loop is over (its immediates have run). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('ScanCache', () => {
  it('scans a text once per source and returns the same findings again', () => {
    const inner = countingScanner();
    const scanner = new ScanCache(100).wrap(inner);
    assert.deepEqual([scanner.id, scanner.cost, scanner.maxMatchLength], ['words', 3, 6]);
    const first = scanner.scan('a secret and a secret', { source: 'user' });
    const again = scanner.scan('a secret and a secret', { source: 'user' });
    assert.equal(inner.calls, 1);
    assert.deepEqual(again, first);
    assert.equal(first.length, 2);
    // Another source may be judged differently (indirect content): scanned on its own.
    assert.equal(scanner.scan('a secret and a secret', { source: 'tool' })[0]?.category, 'tool');
    assert.equal(inner.calls, 2);
    assert.deepEqual(scanner.scan('a secret!', { source: 'user' }), [
      { scanner: 'words', category: 'user', start: 2, end: 8, score: 1 },
    ]);
    assert.equal(inner.calls, 3);
  });

  it('hands out its findings frozen, so no caller can change what the next caller gets', () => {
    const scanner = new ScanCache(100).wrap(countingScanner());
    const first = scanner.scan('secret', { source: 'user' });
    assert.throws(
      () => (first as Finding[]).push({ scanner: 'x', category: 'x', start: 0, end: 1, score: 1 }),
      TypeError,
    );
    const again = scanner.scan('secret', { source: 'user' });
    assert.equal(again, first, 'the same array, not a copy');
    assert.equal(again.length, 1);
  });

  it('keeps scanners apart even when they share an id', () => {
    const cache = new ScanCache(100);
    const strict = countingScanner('injection');
    const lenient = countingScanner('injection');
    cache.wrap(strict).scan('secret', { source: 'user' });
    cache.wrap(lenient).scan('secret', { source: 'user' });
    assert.deepEqual([strict.calls, lenient.calls], [1, 1]);
  });

  it('counts a text once however many scanners screened it', () => {
    const cache = new ScanCache(1);
    const secrets = countingScanner('secrets');
    const pii = countingScanner('pii');
    const scanners = [cache.wrap(secrets), cache.wrap(pii)];
    for (let turn = 0; turn < 3; turn++)
      for (const scanner of scanners) scanner.scan('secret', { source: 'user' });
    assert.deepEqual([secrets.calls, pii.calls], [1, 1]);
  });

  it('tells texts and sources apart when each is screened by several scanners in turn', () => {
    const cache = new ScanCache(100);
    const secrets = countingScanner('secrets');
    const pii = countingScanner('pii');
    const scanners = [cache.wrap(secrets), cache.wrap(pii)];
    const screen = (text: string, source: 'user' | 'tool') =>
      scanners.map((scanner) => scanner.scan(text, { source }));
    screen('one', 'user');
    screen('two', 'user');
    screen('one', 'tool');
    screen('one', 'user');
    assert.deepEqual([secrets.calls, pii.calls], [3, 3]);
  });

  it('drops the least recently used text beyond its size', async () => {
    const inner = countingScanner();
    const scanner = new ScanCache(2).wrap(inner);
    for (const text of ['one', 'two', 'one', 'three', 'one', 'two']) {
      scanner.scan(text, { source: 'user' });
      await nextTurn();
    }
    // one, two, (one hit), three evicts two, (one hit), two again.
    assert.equal(inner.calls, 4);
  });

  it('answers a text seen earlier in the same turn without the LRU, and forgets it when the turn ends', async () => {
    const inner = countingScanner();
    const scanner = new ScanCache(1).wrap(inner);
    // 'two' evicts 'one' from the one-entry LRU, but this turn still knows 'one' by its text.
    for (const text of ['one', 'two', 'one', 'two']) scanner.scan(text, { source: 'user' });
    assert.equal(inner.calls, 2);
    // Another source is another entry, in a turn as across turns.
    scanner.scan('one', { source: 'tool' });
    assert.equal(inner.calls, 3);
    await nextTurn();
    // The turn is over: the texts are no longer held, and only the LRU's one entry ('one' from the tool) is left.
    scanner.scan('one', { source: 'user' });
    assert.equal(inner.calls, 4);
    scanner.scan('one', { source: 'tool' });
    assert.equal(inner.calls, 5, "the user's 'one' evicted the tool's from the LRU");
  });

  it('holds at most 256 texts in a turn, and still answers the rest from the LRU', async () => {
    const inner = countingScanner();
    const scanner = new ScanCache(1_000).wrap(inner);
    const texts = Array.from({ length: 300 }, (_, index) => `text ${index}`);
    for (const text of texts) scanner.scan(text, { source: 'user' });
    for (const text of texts) scanner.scan(text, { source: 'user' });
    assert.equal(inner.calls, 300);
    await nextTurn();
    for (const text of texts) scanner.scan(text, { source: 'user' });
    assert.equal(inner.calls, 300);
  });
});
