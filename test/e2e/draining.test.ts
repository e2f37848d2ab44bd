/**
 * A gateway that is closing finishes what it has started and refuses what comes after, in OpenAI's error
 * format: a request that reaches a kept-alive connection during the drain gets 503 `shutting_down` with
 * `connection: close`, so the client retries on another replica.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

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

  it('ends the stream in flight and refuses the request pipelined behind it with 503 shutting_down', async () => {
    // The first request streams some tokens and stalls until the deployment's idle timeout (1 s) ends it.
    upstream.script.push({ kind: 'stall-mid-stream', afterChunks: 3 });
    const { hostname: host, port } = new URL(gateway.url);
    const socket = connect(Number(port), host);
    let received = '';
    const firstChunk = new Promise<void>((resolve) => {
      socket.on('data', (data: Buffer) => {
        received += data.toString('utf8');
        if (received.includes('data: ')) resolve();
      });
    });
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const body = JSON.stringify({
      model: 'test-model',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    const request = (id: string) =>
      `POST /v1/chat/completions HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\n` +
      `x-request-id: ${id}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    socket.write(request('first'));
    await firstChunk;

    const closed = gateway.close();
    socket.write(request('second'));
    await ended;
    await closed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    assert.match(first ?? '', /^HTTP\/1\.1 200/);
    assert.match(first ?? '', /"code":"upstream_timeout"/, 'the stalled stream ends with an error event');
    assert.match(second ?? '', /^HTTP\/1\.1 503/);
    assert.match(second ?? '', /\r\nconnection: close\r\n/i);
    assert.match(second ?? '', /\r\nx-request-id: second\r\n/i);
    const json = JSON.parse((second ?? '').slice((second ?? '').indexOf('\r\n\r\n') + 4)) as {
      error: { code: string; type: string };
    };
    assert.deepEqual(json.error.code, 'shutting_down');
    assert.equal(json.error.type, 'api_error');
    assert.equal(upstream.requests.length, 1, 'the refused request never reached the upstream');
  });
});
