/** Cross-origin calls from browsers: preflights, the headers a web app may read, and the origins refused. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const CHAT = JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] });

/** undici's `request` (unlike fetch) sends Origin and the preflight headers exactly as given. */
async function call(
  url: string,
  method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE',
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const response = await request(url, { method, headers, body });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

function preflight(url: string, origin: string, method = 'POST') {
  return call(url, 'OPTIONS', {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': 'authorization, content-type, x-daulat-data-class',
  });
}

describe('CORS, with origins listed', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startMockUpstream();
    gateway = await startGateway({
      server: {
        api_key: 'test-key',
        cors: { origins: ['https://app.example.com', 'https://*.corp.example', 'http://localhost:5173'] },
      },
      deployments: [mockDeployment('a', upstream.baseUrl)],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('answers a preflight from an allowed origin without a key, on /v1 and on the admin routes', async () => {
    for (const path of ['/v1/chat/completions', '/v1/models/x', '/admin/keys', '/no/such/path']) {
      const answer = await preflight(`${gateway.url}${path}`, 'https://app.example.com');
      assert.equal(answer.status, 204, path);
      assert.equal(answer.text, '');
      assert.equal(answer.headers['access-control-allow-origin'], 'https://app.example.com');
      assert.match(String(answer.headers['access-control-allow-methods']), /POST/);
      assert.match(String(answer.headers['access-control-allow-methods']), /DELETE/);
      assert.equal(
        answer.headers['access-control-allow-headers'],
        'authorization, content-type, x-daulat-data-class',
      );
      assert.equal(answer.headers['access-control-max-age'], '600');
      assert.match(String(answer.headers['x-request-id']), /^[\w-]{36}$/);
    }
    assert.equal(upstream.requests.length, 0);
  });

  it('matches any subdomain of a starred host, and nothing that merely ends like it', async () => {
    for (const origin of ['https://chat.corp.example', 'https://a.b.corp.example', 'http://localhost:5173']) {
      const answer = await preflight(`${gateway.url}/v1/chat/completions`, origin);
      assert.equal(answer.headers['access-control-allow-origin'], origin, origin);
    }
    for (const origin of [
      'https://corp.example.evil.test',
      'https://evilcorp.example',
      'http://chat.corp.example',
      'https://app.example.com.evil.test',
      'http://localhost:5174',
      'null',
    ]) {
      const answer = await preflight(`${gateway.url}/v1/chat/completions`, origin);
      // The browser refuses the call: nothing allows the origin (the preflight itself still gets 204).
      assert.equal(answer.headers['access-control-allow-origin'], undefined, origin);
    }
  });

  it('lets an allowed page read the answer, its errors and the headers a client backs off by', async () => {
    const origin = 'https://app.example.com';
    const ok = await call(
      `${gateway.url}/v1/chat/completions`,
      'POST',
      { origin, authorization: 'Bearer test-key', 'content-type': 'application/json' },
      CHAT,
    );
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers['access-control-allow-origin'], origin);
    assert.match(String(ok.headers.vary), /Origin/);
    const exposed = String(ok.headers['access-control-expose-headers']).split(',');
    for (const name of ['x-request-id', 'x-daulat-guard', 'retry-after', 'x-ratelimit-remaining-requests'])
      assert.ok(exposed.includes(name), name);
    // A refusal is readable too, so the page can show the OpenAI error.
    const refused = await call(`${gateway.url}/v1/chat/completions`, 'POST', { origin }, CHAT);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['access-control-allow-origin'], origin);
    assert.equal((JSON.parse(refused.text) as { error: { code: string } }).error.code, 'invalid_api_key');
    // A stream and a Fastify route (the probe) carry the headers as well.
    const stream = await call(
      `${gateway.url}/v1/chat/completions`,
      'POST',
      { origin, authorization: 'Bearer test-key', 'content-type': 'application/json' },
      JSON.stringify({ ...(JSON.parse(CHAT) as object), stream: true }),
    );
    assert.equal(stream.status, 200);
    assert.match(stream.text, /data: \[DONE\]/);
    assert.equal(stream.headers['access-control-allow-origin'], origin);
    const probe = await call(`${gateway.url}/healthz`, 'GET', { origin });
    assert.equal(probe.headers['access-control-allow-origin'], origin);
  });

  it('adds nothing to a request without an Origin, or from an origin not listed', async () => {
    const plain = await call(
      `${gateway.url}/v1/chat/completions`,
      'POST',
      { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      CHAT,
    );
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['access-control-allow-origin'], undefined);
    assert.equal(plain.headers['access-control-expose-headers'], undefined);
    const other = await call(
      `${gateway.url}/v1/chat/completions`,
      'POST',
      { origin: 'https://evil.test', authorization: 'Bearer test-key', 'content-type': 'application/json' },
      CHAT,
    );
    // Served (CORS is the browser's check, not an authentication), but no page on that origin can read it.
    assert.equal(other.status, 200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});

describe('CORS, by default and with "*"', () => {
  let upstream: MockUpstream;
  const gateways: TestGateway[] = [];

  before(async () => {
    upstream = await startMockUpstream();
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    await upstream.close();
  });

  it('is off unless origins are listed: a preflight is an unknown route', async () => {
    const gateway = await startGateway({ deployments: [mockDeployment('a', upstream.baseUrl)] });
    gateways.push(gateway);
    const answer = await preflight(`${gateway.url}/v1/chat/completions`, 'https://app.example.com');
    assert.equal(answer.status, 404);
    assert.equal((JSON.parse(answer.text) as { error: { code: string } }).error.code, 'route_not_found');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    const served = await call(`${gateway.url}/v1/models`, 'GET', { origin: 'https://app.example.com' });
    assert.equal(served.status, 200);
    assert.equal(served.headers['access-control-allow-origin'], undefined);
  });

  it('allows every origin with "*", and a preflight may be cached as long as configured', async () => {
    const gateway = await startGateway({
      server: { cors: { origins: ['*'], max_age_seconds: 86_400 } },
      deployments: [mockDeployment('a', upstream.baseUrl)],
    });
    gateways.push(gateway);
    const answer = await preflight(`${gateway.url}/v1/embeddings`, 'https://anywhere.test');
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['access-control-allow-origin'], '*');
    assert.equal(answer.headers['access-control-max-age'], '86400');
    const models = await call(`${gateway.url}/v1/models`, 'GET', { origin: 'https://anywhere.test' });
    assert.equal(models.headers['access-control-allow-origin'], '*');
  });
});
