/**
 * Usage an upstream reports that no request could have — a fraction of a token, a negative count, more tokens
 * than the ledger's integer columns hold — is counted as a whole number in range, on both stores. On PostgreSQL
 * such a count used to fail the ledger batch that held it, for good, and every batch queued behind it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { gatewayStores } from '../helpers/gateway-stores.ts';

const ADMIN = 'admin-secret';
function answerWithUsage(usage: Record<string, number>): { kind: 'raw'; body: string } {
  return {
    kind: 'raw',
    body: JSON.stringify({
      id: 'chatcmpl-odd',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'qwen-7b',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage,
    }),
  };
}

for (const backend of await gatewayStores('usage_e2e')) {
  describe(`an upstream's impossible usage, ledger on ${backend.name}`, { skip: backend.skip }, () => {
    let upstream: MockUpstream;
    let gateway: TestGateway;

    before(async () => {
      upstream = await startMockUpstream('odd');
      gateway = await startGateway(
        {
          admin: { key: ADMIN },
          store: backend.store,
          deployments: [mockDeployment('gpu-a', upstream.baseUrl, { models: ['qwen-7b'] })],
          ledger: { flush_ms: 10 },
        },
        ADMIN,
      );
    });
    after(async () => {
      await gateway.close();
      await upstream.close();
      await backend.cleanup();
    });

    async function call(method: string, path: string, key: string, body?: unknown) {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('counts whole tokens in range, and the ledger goes on being written', async () => {
      const created = await call('POST', '/admin/keys', ADMIN, { team: 'odd' });
      const key = created.body.key as string;
      upstream.script.push(
        answerWithUsage({ prompt_tokens: 3.7, completion_tokens: -5, total_tokens: -1.3 }),
        answerWithUsage({ prompt_tokens: 3e9, completion_tokens: 7, total_tokens: 3e9 + 7 }),
        answerWithUsage({ prompt_tokens: 1e300, completion_tokens: 2, total_tokens: 1e300 }),
      );
      const chat = { model: 'qwen-7b', messages: [{ role: 'user', content: 'hi' }] };
      for (let index = 0; index < 4; index++)
        assert.equal((await call('POST', '/v1/chat/completions', key, chat)).status, 200);
      await gateway.server.services.ledger.flush();
      const usage = await call('GET', '/admin/usage?team=odd&since=1h', ADMIN);
      assert.equal(usage.status, 200);
      assert.equal(usage.body.requests, 4);
      // 4 (3.7 rounded) + the most a request is counted for, twice + the mock's usual 11.
      assert.deepEqual(usage.body.tokens, {
        input: 4 + 2 * 2_147_483_647 + 11,
        cached_input: 0,
        output: 0 + 7 + 2 + 7,
        reasoning: 0,
      });
    });
  });
}
