/**
 * A gateway that is closing finishes what it has started and refuses what comes after, in OpenAI's error
 * format: a request that reaches a kept-alive connection during the drain — for the API or any other route —
 * gets 503 `shutting_down` with `connection: close`, so the client retries on another replica.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

/** A raw keep-alive connection that collects everything the gateway writes on it. */
interface RawConnection {
  readonly socket: Socket;
  readonly received: () => string;
  /** Resolves once some SSE data has arrived. */
  readonly streaming: Promise<void>;
  readonly closed: Promise<void>;
}

function open(url: string): RawConnection {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  const streaming = new Promise<void>((resolve) => {
    socket.on('data', (data: Buffer) => {
      received += data.toString('utf8');
      if (received.includes('data: ')) resolve();
    });
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => received, streaming, closed };
}

const STREAM_BODY = JSON.stringify({
  model: 'test-model',
  messages: [{ role: 'user', content: 'hello' }],
  stream: true,
});

function chatRequest(id: string): string {
  return (
    `POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\ncontent-type: application/json\r\n` +
    `x-request-id: ${id}\r\ncontent-length: ${Buffer.byteLength(STREAM_BODY)}\r\n\r\n${STREAM_BODY}`
  );
}

/** The status line, headers and JSON body of the response that starts with `HTTP/1.1 <status>`. */
function refusal(text: string): { head: string; error: { code: string; type: string } } {
  const at = text.indexOf('HTTP/1.1 503');
  assert.notEqual(at, -1, `no 503 in: ${text}`);
  const response = text.slice(at);
  const split = response.indexOf('\r\n\r\n');
  const body = JSON.parse(response.slice(split + 4)) as { error: { code: string; type: string } };
  return { head: response.slice(0, split + 2), error: body.error };
}

describe('a closing gateway', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      deployments: [
        mockDeployment('a', upstream.baseUrl, {
          timeouts: { connect_ms: 1_000, first_byte_ms: 2_000, idle_ms: 1_000, total_ms: 10_000 },
        }),
      ],
    });
  });
  after(async () => {
    await upstream.close();
  });

  it('ends the streams in flight and refuses requests pipelined behind them with 503 shutting_down', async () => {
    // Each stream sends some tokens and stalls until the deployment's idle timeout (1 s) ends it, so both
    // connections are busy, not idle, when the gateway starts closing.
    upstream.script.push(
      { kind: 'stall-mid-stream', afterChunks: 3 },
      { kind: 'stall-mid-stream', afterChunks: 3 },
    );
    const api = open(gateway.url);
    const other = open(gateway.url);
    api.socket.write(chatRequest('first'));
    other.socket.write(chatRequest('other-first'));
    await Promise.all([api.streaming, other.streaming]);

    const closed = gateway.close();
    api.socket.write(chatRequest('second'));
    other.socket.write('GET /readyz HTTP/1.1\r\nhost: gateway\r\nx-request-id: probe\r\n\r\n');
    await Promise.all([api.closed, other.closed]);
    await closed;

    for (const [connection, id] of [
      [api, 'second'],
      [other, 'probe'],
    ] as const) {
      const text = connection.received();
      assert.match(text, /^HTTP\/1\.1 200/);
      assert.match(text, /"code":"upstream_timeout"/, 'the stalled stream ends with an error event');
      const { head, error } = refusal(text);
      assert.match(head, /\r\nconnection: close\r\n/i);
      assert.match(head, new RegExp(`\\r\\nx-request-id: ${id}\\r\\n`, 'i'));
      assert.deepEqual(error, { ...error, code: 'shutting_down', type: 'api_error' });
    }
    assert.equal(upstream.requests.length, 2, 'the refused requests never reached the upstream');
  });
});
