import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newRequestId } from './request-id.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('new request ids', () => {
  it('are version 4 UUIDs, all different, across many refills of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => newRequestId());
    for (const id of ids) assert.match(id, UUID_V4);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('use every hex digit in every random position', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let count = 0; count < 4_000; count++) {
      const id = newRequestId();
      for (let index = 0; index < 36; index++) seen[index]!.add(id[index]!);
    }
    const fixed = new Map([
      [8, 1],
      [13, 1],
      [14, 1],
      [18, 1],
      [19, 4],
      [23, 1],
    ]);
    seen.forEach((digits, index) => assert.equal(digits.size, fixed.get(index) ?? 16, `position ${index}`));
  });
});
