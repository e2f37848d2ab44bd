import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decimal, formatResetDuration, pushRateHeaders, rateHeaders } from './rate-headers.ts';

describe('formatResetDuration', () => {
  const cases = [
    [0, '0ms'],
    [20, '20ms'],
    [999.4, '999ms'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [8_640, '8.64s'],
    [360_000, '6m0s'],
    [83_040, '1m23.04s'],
    [59_930, '59.93s'],
    [1_005, '1.005s'],
    [1_050, '1.05s'],
    [10_090, '10.09s'],
    [12_345.6, '12.346s'],
    [3_723_007, '1h2m3.007s'],
    [3_600_000, '1h0m0s'],
    [-5, '0ms'],
  ] as const;
  for (const [ms, expected] of cases) {
    it(`writes ${ms} ms as ${expected}`, () => assert.equal(formatResetDuration(ms), expected));
  }
});

describe('decimal', () => {
  const wholes = [
    0, 7, 999, 1_000, 1_001, 10_010, 999_999, 1_000_000, 1_000_001, 100_020_003, 999_999_999, 1_000_000_000,
    1_999_999_929, 2_000_000_000, 999_999_999_999, 1_000_000_000_000, 123_456_789_012_345,
  ];
  for (const whole of wholes) {
    it(`writes ${whole} as String() does`, () => assert.equal(decimal(whole), String(whole)));
  }
  it('rounds what is not a whole number, as toFixed(0) does', () => {
    assert.equal(decimal(1_234.6), '1235');
    assert.equal(decimal(-3), '-3');
  });
});

describe('rateHeaders', () => {
  it("writes a limit's own text when the reading carries it", () => {
    const headers = rateHeaders([
      // A text unlike String(limit), to tell which one was written.
      { dimension: 'requests', limit: 1e9, limitText: 'made-by-the-check', used: 1, resetMs: 500 },
      { dimension: 'tokens', limit: 2_000, used: 10, resetMs: 500 },
    ]);
    assert.equal(headers['x-ratelimit-limit-requests'], 'made-by-the-check');
    assert.equal(headers['x-ratelimit-remaining-requests'], '999999999');
    assert.equal(headers['x-ratelimit-limit-tokens'], '2000');
  });

  it('reports, per dimension, the scope with the fewest points left', () => {
    const headers = rateHeaders([
      { dimension: 'requests', limit: 100, used: 10, resetMs: 30_000 },
      { dimension: 'requests', limit: 20, used: 15, resetMs: 12_000 },
      { dimension: 'tokens', limit: 1_000, used: 990, resetMs: 1_500 },
      { dimension: 'tokens', limit: 100_000, used: 0, resetMs: 60_000 },
    ]);
    assert.deepEqual(headers, {
      'x-ratelimit-limit-requests': '20',
      'x-ratelimit-remaining-requests': '5',
      'x-ratelimit-reset-requests': '12s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '10',
      'x-ratelimit-reset-tokens': '1.5s',
    });
  });

  it('omits a dimension no scope limits and never reports a negative remainder', () => {
    const headers = rateHeaders([{ dimension: 'requests', limit: 5, used: 7, resetMs: 60_000 }]);
    assert.deepEqual(headers, {
      'x-ratelimit-limit-requests': '5',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m0s',
    });
  });

  it('writes a reset both dimensions share in each, and a dimension alone its own', () => {
    const both = rateHeaders([
      { dimension: 'requests', limit: 10, used: 1, resetMs: 41_250 },
      { dimension: 'tokens', limit: 1_000, used: 50, resetMs: 41_250 },
    ]);
    assert.equal(both['x-ratelimit-reset-requests'], '41.25s');
    assert.equal(both['x-ratelimit-reset-tokens'], '41.25s');
    const tokensOnly = rateHeaders([{ dimension: 'tokens', limit: 1_000, used: 50, resetMs: 41_250 }]);
    assert.equal(tokensOnly['x-ratelimit-reset-tokens'], '41.25s');
    assert.equal(tokensOnly['x-ratelimit-reset-requests'], undefined);
  });
});

describe('pushRateHeaders', () => {
  it("appends the same headers to a response's list, name then value, after what it holds", () => {
    const readings = [
      { dimension: 'tokens', limit: 1_000, used: 990, resetMs: 1_500 },
      { dimension: 'requests', limit: 20, used: 15, resetMs: 12_000 },
    ] as const;
    const list = ['x-request-id', 'r1'];
    pushRateHeaders(list, readings);
    assert.deepEqual(list, [
      'x-request-id',
      'r1',
      'x-ratelimit-limit-requests',
      '20',
      'x-ratelimit-remaining-requests',
      '5',
      'x-ratelimit-reset-requests',
      '12s',
      'x-ratelimit-limit-tokens',
      '1000',
      'x-ratelimit-remaining-tokens',
      '10',
      'x-ratelimit-reset-tokens',
      '1.5s',
    ]);
    const pairs: Record<string, string> = {};
    for (let index = 2; index < list.length; index += 2) pairs[list[index]!] = list[index + 1]!;
    assert.deepEqual(pairs, rateHeaders(readings));
  });

  it('appends nothing when no reading limits anything', () => {
    const list: string[] = [];
    pushRateHeaders(list, []);
    assert.deepEqual(list, []);
  });
});
