/**
 * Guard-model calls in the ledger, through the front door: each call is its own row (`purpose: "guard"`, the
 * request's id, team and key, the guard model's deployment, tokens, cost, latency, status), usage reports
 * include it and split it out, and the team's budget pays for it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { gatewayStores } from '../helpers/gateway-stores.ts';

const ADMIN = 'admin-secret';
const SCANNERS_OFF = {
  input: { injection: 'off', indirect_injection: 'off', pii: 'off', secrets: 'off' },
  output: { pii: 'off', secrets: 'off', prompt_leak: 'off' },
};

/** A ledger row as GET /admin/requests shows it (the fields these tests read). */
interface Row {
  request_id: string;
  purpose: string;
  team: string;
  key: string;
  model: string;
  deployment: string | null;
  status: string;
  error_code: string | null;
  tokens: { input: number; output: number };
  cost_usd: number;
  reference_cost_usd: number;
  latency_ms: number;
  stream: boolean;
}

interface Totals {
  requests: number;
  errors: number;
  tokens: { input: number; output: number };
  cost_usd: number;
}

for (const backend of await gatewayStores('guard_ledger_e2e'))
  describe(`guard-model calls in the ledger, on ${backend.name}`, { skip: backend.skip }, () => {
    let chat: MockUpstream;
    let guard: MockUpstream;
    let gateway: TestGateway;

    before(async () => {
      chat = await startMockUpstream('chat');
      guard = await startMockUpstream('guard');
      gateway = await startGateway(
        {
          admin: { key: ADMIN },
          deployments: [
            // One mock answer is 11 prompt + 7 completion tokens: $0.018 here, $0.0018 on the guard.
            mockDeployment('chat', chat.baseUrl, {
              models: ['chat-model'],
              cost: { per_million: { input: 1_000, output: 1_000 } },
            }),
            mockDeployment('guard', guard.baseUrl, {
              models: ['llama-guard-3'],
              cost: { per_million: { input: 100, output: 100 } },
            }),
          ],
          guardrails: {
            guard_model: { model: 'llama-guard-3', format: 'llama-guard-3', timeout_ms: 2_000 },
            input: { ...SCANNERS_OFF.input, guard_model: 'flag' },
            output: { ...SCANNERS_OFF.output, guard_model: 'flag' },
          },
          ledger: { flush_ms: 10 },
          store: backend.store,
        },
        ADMIN,
      );
    });
    after(async () => {
      await gateway.close();
      await Promise.all([chat.close(), guard.close()]);
      await backend.cleanup();
    });
    beforeEach(() => {
      guard.script.length = 0;
      guard.fallback = { kind: 'answer', content: 'safe' };
      chat.fallback = { kind: 'answer', content: 'Halo.' };
    });

    async function admin<T>(
      path: string,
      method = 'GET',
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as T };
    }

    async function teamKey(team: string): Promise<{ id: string; client: OpenAI }> {
      const created = await admin<{ id: string; key: string }>('/admin/keys', 'POST', { team });
      assert.equal(created.status, 201);
      return {
        id: created.body.id,
        client: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: created.body.key, maxRetries: 0 }),
      };
    }

    async function rows(query: string): Promise<Row[]> {
      await gateway.server.services.ledger.flush();
      return (await admin<{ data: Row[] }>(`/admin/requests?since=1h&${query}`)).body.data;
    }

    const ask = { model: 'chat-model', messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 10 };

    it("books each request under the id its response carries, a new one or the client's own", async () => {
      const created = await admin<{ id: string; key: string }>('/admin/keys', 'POST', { team: 'traced' });
      const send = (headers: Record<string, string>) =>
        fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${created.body.key}`,
            'content-type': 'application/json',
            ...headers,
          },
          body: JSON.stringify(ask),
        });
      const answers = [await send({}), await send({ 'x-request-id': 'client.trace:42' }), await send({})];
      const ids = answers.map((answer) => answer.headers.get('x-request-id'));
      assert.equal(ids[1], 'client.trace:42');
      const ledger = await rows('team=traced');
      const booked = ledger.filter((row) => row.purpose === 'request').map((row) => row.request_id);
      assert.deepEqual([...booked].sort(), [...ids].sort());
      // Each of the request's guard-model calls is booked under its id too.
      for (const id of ids)
        assert.equal(ledger.filter((row) => row.purpose === 'guard' && row.request_id === id).length, 2);
    });

    it("records each guard-model call as its own row of the request's team and key, marked purpose guard", async () => {
      const { id, client } = await teamKey('moderated');
      await client.chat.completions.create(ask);
      const stream = await client.chat.completions.create({ ...ask, stream: true });
      for await (const chunk of stream) void chunk;
      const ledger = await rows('team=moderated');
      const requests = ledger.filter((row) => row.purpose === 'request');
      const calls = ledger.filter((row) => row.purpose === 'guard');
      assert.equal(requests.length, 2);
      assert.equal(calls.length, 4, 'the prompt and the answer of each request');
      for (const request of requests) {
        const own = calls.filter((call) => call.request_id === request.request_id);
        assert.equal(own.length, 2, `guard calls of ${request.request_id}`);
        for (const call of own) {
          assert.deepEqual(
            {
              team: call.team,
              key: call.key,
              model: call.model,
              deployment: call.deployment,
              status: call.status,
              tokens: { input: call.tokens.input, output: call.tokens.output },
              cost_usd: call.cost_usd,
              reference_cost_usd: call.reference_cost_usd,
              stream: call.stream,
            },
            {
              team: 'moderated',
              key: id,
              model: 'llama-guard-3',
              deployment: 'guard',
              status: 'ok',
              tokens: { input: 11, output: 7 },
              cost_usd: 0.0018,
              reference_cost_usd: 0,
              stream: false,
            },
          );
          assert.ok(call.latency_ms > 0);
        }
      }
      assert.deepEqual(requests.map((row) => [row.model, row.deployment, row.stream, row.cost_usd]).sort(), [
        ['chat-model', 'chat', false, 0.018],
        ['chat-model', 'chat', true, 0.018],
      ]);
      const onlyGuard = await rows('team=moderated&purpose=guard');
      assert.deepEqual(
        onlyGuard.map((row) => row.purpose),
        ['guard', 'guard', 'guard', 'guard'],
      );
    });

    it('includes guard calls in usage totals and splits them out by purpose', async () => {
      const { client } = await teamKey('reported');
      await client.chat.completions.create(ask);
      await client.chat.completions.create(ask);
      await gateway.server.services.ledger.flush();
      type Usage = Totals & { by_purpose: { request: Totals; guard: Totals }; by_model: { model: string }[] };
      const usage = (await admin<Usage>('/admin/usage?team=reported&since=1h')).body;
      assert.equal(usage.requests, 6);
      assert.ok(Math.abs(usage.cost_usd - (2 * 0.018 + 4 * 0.0018)) < 1e-9, String(usage.cost_usd));
      assert.equal(usage.by_purpose.request.requests, 2);
      assert.ok(Math.abs(usage.by_purpose.request.cost_usd - 0.036) < 1e-9);
      assert.equal(usage.by_purpose.guard.requests, 4);
      assert.deepEqual(usage.by_purpose.guard.tokens, {
        input: 44,
        cached_input: 0,
        output: 28,
        reasoning: 0,
      });
      assert.ok(Math.abs(usage.by_purpose.guard.cost_usd - 0.0072) < 1e-9);
      assert.deepEqual(
        usage.by_model.map((row) => row.model),
        ['chat-model', 'llama-guard-3'],
      );
      const guardOnly = (await admin<Usage>('/admin/usage?team=reported&since=1h&purpose=guard')).body;
      assert.equal(guardOnly.requests, 4);
      const refused = await admin<{ error: { code: string; param: string } }>('/admin/usage?purpose=judge');
      assert.equal(refused.status, 400);
      assert.deepEqual([refused.body.error.code, refused.body.error.param], ['invalid_request', 'purpose']);
    });

    it('records a failed guard call with its status, and the request still answers (on_error: allow)', async () => {
      const { client } = await teamKey('unlucky');
      guard.script.push({ kind: 'status', status: 400 });
      const completion = await client.chat.completions.create(ask);
      assert.equal(completion.choices[0]?.message.content, 'Halo.');
      const calls = await rows('team=unlucky&purpose=guard');
      const failed = calls.find((call) => call.status === 'error');
      assert.ok(failed, JSON.stringify(calls));
      assert.notEqual(failed.error_code, null);
      assert.equal(failed.cost_usd, 0);
      assert.equal(calls.filter((call) => call.status === 'ok').length, 1, 'the answer was still judged');
    });

    it("charges guard calls to the team's budget: the third request no longer fits", async () => {
      // Each request costs $0.018 and its two guard calls $0.0036; the reservation before one is about $0.011.
      // Without the guard calls two requests spend $0.036 and a third fits under $0.05; with them, $0.0432 does not.
      assert.equal((await admin('/admin/teams/frugal', 'PUT', { budget: '0.05/day' })).status, 200);
      const { client } = await teamKey('frugal');
      await client.chat.completions.create(ask);
      await client.chat.completions.create(ask);
      assert.equal((await rows('team=frugal')).length, 6);
      await assert.rejects(client.chat.completions.create(ask), { status: 429, code: 'budget_exceeded' });
    });
  });
