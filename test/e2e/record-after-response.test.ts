/** Bookkeeping runs after the response: a recorder that fails is logged, and the client still gets its answer. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { pino } from 'pino';
import { parseConfig } from '../../src/config/load.ts';
import { buildServer, type DaulatServer } from '../../src/server/app.ts';
import { mockDeployment } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

describe('recording a finished request', () => {
  let upstream: MockUpstream;
  let server: DaulatServer;
  let client: OpenAI;
  const lines: { msg?: string; err?: { message?: string } }[] = [];
  let calls = 0;

  before(async () => {
    upstream = await startMockUpstream('up');
    const config = parseConfig(
      { store: { url: ':memory:' }, deployments: [mockDeployment('up', upstream.baseUrl)] },
      'test config',
    );
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as (typeof lines)[number]);
        done();
      },
    });
    server = await buildServer(config, {
      logger: pino({ level: 'error' }, sink),
      recorder: () => {
        calls += 1;
        throw new Error(`recorder broke on call ${calls}`);
      },
    });
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await upstream.close();
  });

  it('logs a recorder that throws and keeps answering, JSON and streams alike', async () => {
    const messages = [{ role: 'user' as const, content: 'hello' }];
    const first = await client.chat.completions.create({ model: 'test-model', messages });
    assert.equal(first.choices[0]?.finish_reason, 'stop');
    const stream = await client.chat.completions.create({ model: 'test-model', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.ok(text.length > 0);
    const again = await client.chat.completions.create({ model: 'test-model', messages });
    assert.equal(again.choices[0]?.finish_reason, 'stop');
    while (calls < 3) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const failures = lines.filter((line) => line.msg === 'recording a finished request failed');
    assert.deepEqual(
      failures.map((line) => line.err?.message),
      ['recorder broke on call 1', 'recorder broke on call 2', 'recorder broke on call 3'],
    );
  });
});
