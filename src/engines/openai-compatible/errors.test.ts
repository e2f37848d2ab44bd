import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { openAICompatibleDeploymentSchema } from '../../config/schema.ts';
import { GatewayError } from '../../errors.ts';
import {
  ERROR_BODY_LIMIT,
  parseRetryAfter,
  readErrorBody,
  statusError,
  transportError,
  upstreamMessage,
  type CallState,
} from './errors.ts';

const deployment = openAICompatibleDeploymentSchema.parse({
  name: 'vllm-a',
  engine: 'openai-compatible',
  base_url: 'http://127.0.0.1:8000/v1',
  models: ['m'],
  timeouts: { connect_ms: 1, first_byte_ms: 2, idle_ms: 3, total_ms: 4 },
});

function call(overrides: Partial<CallState> = {}): CallState {
  return { client: new AbortController().signal, expired: undefined, deadlineMs: 4, ...overrides };
}

function codedError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

void describe('statusError', () => {
  const cases: [number, string, boolean, boolean, number][] = [
    [500, 'upstream_error', true, true, 502],
    [503, 'upstream_error', true, true, 502],
    [408, 'upstream_error', true, true, 502],
    [401, 'upstream_error', true, true, 502],
    [403, 'upstream_error', true, true, 502],
    [404, 'upstream_error', true, true, 502],
    [429, 'upstream_rate_limited', true, false, 429],
    [400, 'upstream_rejected', false, false, 400],
    [413, 'upstream_rejected', false, false, 413],
    [422, 'upstream_rejected', false, false, 422],
  ];
  for (const [status, code, isRetryable, isDeploymentFault, httpStatus] of cases) {
    void it(`maps ${status} to ${code}`, () => {
      const error = statusError('vllm-a', status, {}, '{"error":{"message":"nope"}}');
      assert.equal(error.code, code);
      assert.equal(error.isRetryable, isRetryable);
      assert.equal(error.isDeploymentFault, isDeploymentFault);
      assert.equal(error.status, httpStatus);
      assert.equal(error.upstreamStatus, status);
      assert.equal(error.message, `deployment 'vllm-a' returned ${status}: nope`);
    });
  }

  void it('reads Retry-After on 429', () => {
    assert.equal(statusError('a', 429, { 'retry-after': '2' }, '').retryAfterMs, 2000);
  });
});

void describe('upstreamMessage', () => {
  const cases: [string, string][] = [
    ['{"error":{"message":"bad model","type":"x"}}', 'bad model'],
    ['{"object":"error","message":"too long","code":400}', 'too long'],
    ['{"error":"model \\"x\\" not found"}', 'model "x" not found'],
    ['{"detail":"Not Found"}', 'Not Found'],
    ['{"detail":[{"loc":["body"],"msg":"field required"}]}', '[{"loc":["body"],"msg":"field required"}]'],
    ['Internal Server Error\n', 'Internal Server Error'],
    ['', 'empty response body'],
    ['{"other":1}', '{"other":1}'],
  ];
  for (const [body, expected] of cases) {
    void it(`extracts ${JSON.stringify(expected)}`, () => assert.equal(upstreamMessage(body), expected));
  }
});

void describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const cases: [Record<string, string>, number | undefined][] = [
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '250', 'retry-after': '3' }, 250],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-1' }, undefined],
    [{ 'retry-after': '' }, undefined],
    [{}, undefined],
  ];
  for (const [headers, expected] of cases) {
    void it(`reads ${JSON.stringify(headers)} as ${expected}`, () =>
      assert.equal(parseRetryAfter(headers, now), expected));
  }
});

void describe('transportError', () => {
  void it('names the timeout phase from the undici error code', () => {
    const phases: [string, string][] = [
      ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
      ['UND_ERR_HEADERS_TIMEOUT', 'first_byte'],
      ['UND_ERR_BODY_TIMEOUT', 'idle'],
    ];
    for (const [code, phase] of phases) {
      const error = transportError(deployment, codedError(code), call(), 'request');
      assert.equal(error.code, 'upstream_timeout');
      assert.equal(error.phase, phase);
      assert.equal(error.isRetryable, true);
      assert.equal(error.isDeploymentFault, true);
    }
  });

  void it('reports network failures as a retryable unreachable deployment', () => {
    const error = transportError(
      deployment,
      codedError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
      call(),
      'request',
    );
    assert.equal(error.code, 'upstream_error');
    assert.equal(error.message, "deployment 'vllm-a' unreachable: connect ECONNREFUSED 127.0.0.1:9");
    assert.equal(error.isRetryable, true);
    assert.equal(error.isDeploymentFault, true);
  });

  void it('spells out the inner errors of an empty AggregateError', () => {
    const aggregate = Object.assign(
      new AggregateError(
        [new Error('connect ECONNREFUSED ::1:9'), new Error('connect ECONNREFUSED 127.0.0.1:9')],
        '',
      ),
      { code: 'ECONNREFUSED' },
    );
    assert.equal(
      transportError(deployment, aggregate, call(), 'request').message,
      "deployment 'vllm-a' unreachable: connect ECONNREFUSED ::1:9; connect ECONNREFUSED 127.0.0.1:9",
    );
  });

  void it('reports a socket error inside a stream as stream_interrupted', () => {
    const error = transportError(
      deployment,
      codedError('UND_ERR_SOCKET', 'other side closed'),
      call(),
      'stream',
    );
    assert.equal(error.code, 'stream_interrupted');
    assert.equal(error.message, "deployment 'vllm-a' stream interrupted: other side closed");
  });

  void it("names the phase of the call's own timeout, whatever undici reported", () => {
    for (const phase of ['first_byte', 'idle'] as const) {
      const error = transportError(deployment, new Error('aborted'), call({ expired: phase }), 'stream');
      assert.equal(error.code, 'upstream_timeout');
      assert.equal(error.phase, phase);
      assert.equal(error.isRetryable, true);
    }
    const idle = transportError(deployment, new Error('aborted'), call({ expired: 'idle' }), 'body');
    assert.equal(idle.message, "deployment 'vllm-a' sent nothing for 3 ms");
  });

  void it('tells a client abort from a total timeout', () => {
    const client = new AbortController();
    const timedOut = transportError(
      deployment,
      new Error('aborted'),
      call({ client: client.signal, expired: 'total' }),
      'request',
    );
    assert.equal(timedOut.code, 'upstream_timeout');
    assert.equal(timedOut.phase, 'total');
    assert.equal(timedOut.isRetryable, false);
    client.abort();
    const closed = transportError(
      deployment,
      new Error('aborted'),
      call({ client: client.signal, expired: 'total' }),
      'request',
    );
    assert.equal(closed.code, 'client_closed');
    assert.equal(closed.isRetryable, false);
  });

  void it('relays a GatewayError given as the abort reason', () => {
    const client = new AbortController();
    const reason = new GatewayError('upstream_timeout', 'deadline', { phase: 'total' });
    client.abort(reason);
    assert.equal(
      transportError(deployment, new Error('x'), call({ client: client.signal }), 'request'),
      reason,
    );
  });
});

void describe('readErrorBody', () => {
  void it('reads a small body whole', async () => {
    assert.equal(await readErrorBody(Readable.from([Buffer.from('a'), Buffer.from('b')])), 'ab');
  });

  void it('stops at the limit and destroys the rest', async () => {
    const body = Readable.from([
      Buffer.alloc(ERROR_BODY_LIMIT - 1, 97),
      Buffer.alloc(10, 98),
      Buffer.alloc(10, 99),
    ]);
    const text = await readErrorBody(body);
    assert.equal(text.length, ERROR_BODY_LIMIT);
    assert.equal(text.at(-1), 'b');
    assert.equal(body.destroyed, true);
  });
});
