import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { routingSchema } from '../config/schema.ts';
import { GatewayError, type ErrorCode } from '../errors.ts';
import { backoffDelay, exhaustedError, retryDelay, type TargetOutcome } from './retry.ts';

const routing = routingSchema.parse({ backoff_ms: 100, max_backoff_ms: 1_000, max_retry_after_ms: 5_000 });

const bad502 = new GatewayError('upstream_error', 'bad gateway', { upstreamStatus: 502, isRetryable: true });
const timeout = new GatewayError('upstream_timeout', 'no first byte in 60 s', {
  phase: 'first_byte',
  isRetryable: true,
});
const limited = (retryAfterMs?: number): GatewayError =>
  new GatewayError('upstream_rate_limited', 'slow down', {
    upstreamStatus: 429,
    isRetryable: true,
    retryAfterMs,
  });

const failed = (deployment: string, error: GatewayError, attempts = 1): TargetOutcome => ({
  kind: 'failed',
  deployment,
  error,
  attempts,
});

void describe('backoffDelay', () => {
  const cases: readonly { attempt: number; random: number; expected: number }[] = [
    { attempt: 0, random: 0.5, expected: 50 },
    { attempt: 1, random: 0.5, expected: 100 },
    { attempt: 2, random: 0.999, expected: 399 },
    { attempt: 5, random: 0.5, expected: 500 },
    { attempt: 30, random: 0.5, expected: 500 },
    { attempt: 3, random: 0, expected: 0 },
  ];
  for (const { attempt, random, expected } of cases) {
    void it(`waits ${expected} ms before retry ${attempt} when random is ${random}`, () => {
      assert.equal(
        backoffDelay(attempt, routing, () => random),
        expected,
      );
    });
  }
});

void describe('retryDelay', () => {
  const cases: readonly { name: string; error: GatewayError; expected: number | undefined }[] = [
    { name: 'backs off after a 502', error: bad502, expected: 50 },
    { name: 'honours a short Retry-After', error: limited(2_000), expected: 2_000 },
    { name: 'honours a Retry-After equal to the maximum', error: limited(5_000), expected: 5_000 },
    { name: 'moves on when Retry-After exceeds the maximum', error: limited(5_001), expected: undefined },
    { name: 'backs off after a 429 without Retry-After', error: limited(), expected: 50 },
  ];
  for (const { name, error, expected } of cases) {
    void it(name, () =>
      assert.equal(
        retryDelay(0, error, routing, () => 0.5),
        expected,
      ),
    );
  }
});

void describe('exhaustedError', () => {
  const cases: readonly {
    name: string;
    outcomes: TargetOutcome[];
    code: ErrorCode;
    status: number;
    message: string;
    retryAfterMs?: number;
  }[] = [
    {
      name: 'upstream_error when failures are mixed',
      outcomes: [failed('a', bad502, 2), failed('b', timeout)],
      code: 'upstream_error',
      status: 502,
      message:
        "model 'qwen': all 2 deployments failed: a: upstream_error (502 bad gateway) after 2 attempts; b: upstream_timeout (first_byte)",
    },
    {
      name: 'upstream_timeout when every failure timed out',
      outcomes: [failed('a', timeout), { kind: 'skipped', deployment: 'b', reason: 'circuit open' }],
      code: 'upstream_timeout',
      status: 504,
      message: "model 'qwen': all 2 deployments failed: a: upstream_timeout (first_byte); b: circuit open",
    },
    {
      name: 'upstream_rate_limited with Retry-After when the last failure was a 429',
      outcomes: [failed('a', bad502), failed('b', limited(9_000))],
      code: 'upstream_rate_limited',
      status: 429,
      retryAfterMs: 9_000,
      message:
        "model 'qwen': all 2 deployments failed: a: upstream_error (502 bad gateway); b: upstream_rate_limited (429 slow down)",
    },
    {
      name: 'a single deployment reads naturally',
      outcomes: [failed('a', bad502)],
      code: 'upstream_error',
      status: 502,
      message: "model 'qwen': 1 deployment failed: a: upstream_error (502 bad gateway)",
    },
    {
      name: 'upstream_unavailable when every breaker is open or deployment unhealthy',
      outcomes: [
        { kind: 'skipped', deployment: 'a', reason: 'circuit open' },
        { kind: 'skipped', deployment: 'b', reason: 'unhealthy' },
      ],
      code: 'upstream_unavailable',
      status: 503,
      message: "model 'qwen': no deployment available (a: circuit open; b: unhealthy)",
    },
    {
      name: 'deployment_busy when every deployment is at capacity',
      outcomes: [
        { kind: 'busy', deployment: 'a', inFlight: 64, queued: 1024 },
        { kind: 'skipped', deployment: 'b', reason: 'circuit open' },
      ],
      code: 'deployment_busy',
      status: 429,
      retryAfterMs: 1_000,
      message:
        "model 'qwen': every deployment is at capacity (a: 64 in flight, 1024 queued; b: circuit open)",
    },
    {
      name: 'upstream_unavailable for a route without targets',
      outcomes: [],
      code: 'upstream_unavailable',
      status: 503,
      message: "model 'qwen': no deployment available (it has no deployments)",
    },
  ];
  for (const { name, outcomes, code, status, message, retryAfterMs } of cases) {
    void it(name, () => {
      const error = exhaustedError('qwen', outcomes);
      assert.equal(error.code, code);
      assert.equal(error.status, status);
      assert.equal(error.message, message);
      assert.equal(error.retryAfterMs, retryAfterMs);
    });
  }

  void it('shortens a long upstream message', () => {
    const long = new GatewayError('upstream_error', 'x'.repeat(500), { upstreamStatus: 500 });
    const error = exhaustedError('m', [failed('a', long)]);
    assert.ok(error.message.length < 250);
    assert.ok(error.message.endsWith('…)'));
  });
});
