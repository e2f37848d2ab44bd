/** Bad requests get OpenAI error JSON with the right status, never a crash or a hang. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

describe('request errors', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      server: { api_key: 'test-key', body_limit_bytes: 4096 },
      deployments: [mockDeployment('a', upstream.baseUrl)],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json', ...headers },
      body,
    });
    const json = (await response.json()) as {
      error: { message: string; type: string; param: string | null; code: string };
    };
    return { status: response.status, error: json.error, headers: response.headers };
  }

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const { status, error } = await post('/v1/chat/completions', '{"model": "test-model", ');
    assert.equal(status, 400);
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.type, 'invalid_request_error');
  });

  it("refuses a '__proto__' key, written plainly or escaped, anywhere in the body, instead of dropping it", async () => {
    const bodies = [
      '{"model": "test-model", "__proto__": {"admin": true}, "messages": [{"role": "user", "content": "hi"}]}',
      '{"model": "test-model", "messages": [{"role": "user", "content": "hi", "\\u005f_proto__": {}}]}',
    ];
    for (const body of bodies) {
      const { status, error } = await post('/v1/chat/completions', body);
      assert.equal(status, 400, body);
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.param, '__proto__');
    }
    // A key that merely contains the word, and a value that is the word, are ordinary: the body parses and
    // validation goes on to the next problem (no messages), without reaching the upstream.
    const fine = await post(
      '/v1/chat/completions',
      '{"model": "test-model", "x__proto__x": 1, "user": "__proto__"}',
    );
    assert.equal(fine.status, 400);
    assert.equal(fine.error.param, 'messages');
  });

  it('rejects a body that is not an object', async () => {
    const { status, error } = await post('/v1/chat/completions', '[1, 2]');
    assert.equal(status, 400);
    assert.match(error.message, /JSON object/);
  });

  it('rejects a missing model with 400 naming the field', async () => {
    const { status, error } = await post(
      '/v1/chat/completions',
      JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    );
    assert.equal(status, 400);
    assert.equal(error.param, 'model');
    assert.match(error.message, /'model' is required/);
  });

  it('says a field of the wrong type has the wrong type, not that it is missing', async () => {
    for (const [body, param] of [
      [{ model: 1, messages: [{ role: 'user', content: 'hi' }] }, 'model'],
      [{ model: 'test-model', messages: [{ role: 'user', content: null }], stream: 'yes' }, 'stream'],
    ] as const) {
      const { status, error } = await post('/v1/chat/completions', JSON.stringify(body));
      assert.equal(status, 400);
      assert.equal(error.param, param);
      assert.doesNotMatch(error.message, /required/, error.message);
      assert.match(error.message, /expected/, error.message);
    }
  });

  for (const [field, body, param] of [
    ['messages', { model: 'test-model', messages: 'hi' }, 'messages'],
    [
      'message content',
      { model: 'test-model', messages: [{ role: 'user', content: 42 }] },
      'messages[0].content',
    ],
    ['role', { model: 'test-model', messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
    [
      'temperature',
      { model: 'test-model', messages: [{ role: 'user', content: 'hi' }], temperature: 'hot' },
      'temperature',
    ],
    [
      'max_tokens',
      { model: 'test-model', messages: [{ role: 'user', content: 'hi' }], max_tokens: 1.5 },
      'max_tokens',
    ],
    ['stream', { model: 'test-model', messages: [{ role: 'user', content: 'hi' }], stream: 'yes' }, 'stream'],
    ['empty messages', { model: 'test-model', messages: [] }, 'messages'],
  ] as const) {
    it(`rejects a wrong ${field} with 400 naming ${param}`, async () => {
      const { status, error } = await post('/v1/chat/completions', JSON.stringify(body));
      assert.equal(status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.param, param);
      assert.ok(error.message.includes(param), error.message);
    });
  }

  it('returns 404 model_not_found for an unknown model, through the SDK', async () => {
    await assert.rejects(
      gateway.client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError);
        assert.equal(error.code, 'model_not_found');
        assert.match(error.message, /model 'nope' not found/);
        return true;
      },
    );
    const response = await fetch(`${gateway.url}/v1/models/nope`, {
      headers: { authorization: 'Bearer test-key' },
    });
    assert.equal(response.status, 404);
  });

  it('rejects a body over the limit with 413', async () => {
    const { status, error } = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
    );
    assert.equal(status, 413);
    assert.equal(error.code, 'request_too_large');
  });

  it('rejects a chunked body that grows past the limit with 413, and closes that connection', async () => {
    const chunks = [`{"model":"test-model","messages":[{"role":"user","content":"`, 'x'.repeat(5000), '"}]}'];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.get('connection'), 'close');
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'request_too_large');
  });

  it('rejects a POST without a body as not a JSON object', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key' },
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'invalid_request');
    assert.match(body.error.message, /JSON object/);
  });

  it('rejects a missing or wrong key with 401 in OpenAI format', async () => {
    const missing = await post('/v1/chat/completions', '{}', { authorization: '' });
    assert.equal(missing.status, 401);
    assert.equal(missing.error.code, 'invalid_api_key');
    const wrong = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), OpenAI.AuthenticationError);
    assert.equal(upstream.requests.length, 0);
  });

  it('answers unknown routes with 404 in OpenAI format', async () => {
    const response = await fetch(`${gateway.url}/v1/nothing`, {
      headers: { authorization: 'Bearer test-key' },
    });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'route_not_found');
  });

  it('answers a /v1 route asked with the wrong method as an unknown route, and HEAD as GET without a body', async () => {
    const wrongMethod = await fetch(`${gateway.url}/v1/chat/completions`, {
      headers: { authorization: 'Bearer test-key' },
    });
    assert.equal(wrongMethod.status, 404);
    assert.equal(((await wrongMethod.json()) as { error: { code: string } }).error.code, 'route_not_found');
    const head = await fetch(`${gateway.url}/v1/models?limit=5`, {
      method: 'HEAD',
      headers: { authorization: 'Bearer test-key' },
    });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(await head.text(), '');
  });

  it('serves the health probes without a key', async () => {
    assert.equal((await fetch(`${gateway.url}/healthz`)).status, 200);
    const ready = await fetch(`${gateway.url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { deployments: { name: string }[] };
    assert.equal(body.deployments[0]?.name, 'a');
  });

  it('lists models, and finds one whose id contains a slash', async () => {
    const models = await gateway.client.models.list();
    assert.deepEqual(
      models.data.map((model) => model.id),
      ['test-model'],
    );
    const slashed = await startGateway({
      deployments: [mockDeployment('s', upstream.baseUrl, { models: ['Qwen/Qwen3-8B'] })],
    });
    try {
      const model = await slashed.client.models.retrieve('Qwen/Qwen3-8B');
      assert.equal(model.id, 'Qwen/Qwen3-8B');
      const escaped = await fetch(`${slashed.url}/v1/models/Qwen%2FQwen3-8B`);
      assert.equal(((await escaped.json()) as { id: string }).id, 'Qwen/Qwen3-8B');
    } finally {
      await slashed.close();
    }
  });
});

describe('a gateway with no configuration', () => {
  it('starts and serves an empty model list', async () => {
    const gateway = await startGateway({});
    try {
      const models = await gateway.client.models.list();
      assert.deepEqual(models.data, []);
      assert.equal((await fetch(`${gateway.url}/readyz`)).status, 200);
    } finally {
      await gateway.close();
    }
  });
});
