/**
 * Teams and keys through the front door: the admin API, virtual keys on /v1, refusals between teams,
 * limits and budgets, the ledger's totals and savings, the audit log, and /metrics.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { mintKey } from '../../src/tenancy/key-token.ts';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { gatewayStores } from '../helpers/gateway-stores.ts';

const ADMIN = 'admin-secret';

/** The parts of admin API answers these tests read (a loose view: each test reads what it asserts). */
interface Body {
  error: { code: string; param: string | null; type: string };
  id: string;
  key: string;
  status: string;
  team: string;
  ok: boolean;
  requests: number;
  tokens: Record<string, number>;
  cost_usd: number;
  reference_cost_usd: number;
  savings_usd: number;
  by_model: { model: string }[];
  data: {
    id: string;
    name: string;
    models: string[];
    status: string;
    action: string;
    subject: string;
    actor: string;
    details: { decisions: { action: string; scanner: string }[] };
  }[];
}

/** Every test runs on both stores: SQLite (in memory) and PostgreSQL. */
for (const backend of await gatewayStores('tenancy_e2e'))
  describe(`teams, keys and the ledger, on ${backend.name}`, { skip: backend.skip }, () => {
    let upstream: MockUpstream;
    let gateway: TestGateway;

    before(async () => {
      upstream = await startMockUpstream('vllm');
      gateway = await startGateway(
        {
          admin: { key: ADMIN },
          deployments: [
            mockDeployment('gpu-a', upstream.baseUrl, {
              models: ['qwen-7b', 'llama-8b'],
              // $1,000 per million tokens makes one mock answer (11 + 7 tokens) cost exactly $0.018.
              cost: { per_million: { input: 1_000, output: 1_000 } },
            }),
          ],
          accounting: { reference_model: 'gpt-4.1' },
          ledger: { flush_ms: 10 },
          store: backend.store,
        },
        ADMIN,
      );
    });
    after(async () => {
      await gateway.close();
      await upstream.close();
      await backend.cleanup();
    });
    beforeEach(() => {
      upstream.fallback = { kind: 'answer' };
    });

    async function admin(method: string, path: string, body?: unknown, key = ADMIN) {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          ...(key === '' ? {} : { authorization: `Bearer ${key}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
    }

    async function createKey(body: Record<string, unknown>): Promise<Body> {
      const created = await admin('POST', '/admin/keys', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    }

    function chat(key: string, model = 'qwen-7b', extra: Record<string, unknown> = {}) {
      return fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model,
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 10,
          ...extra,
        }),
      });
    }

    async function flushed(): Promise<void> {
      await gateway.server.services.ledger.flush();
      await gateway.server.services.audit.flush();
    }

    it('refuses the admin API without the admin key: none, a wrong one, or a team key', async () => {
      assert.equal((await admin('GET', '/admin/keys', undefined, '')).status, 401);
      const wrong = await admin('GET', '/admin/keys', undefined, 'nope');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_api_key');
      const { key } = await createKey({ team: 'refused' });
      const team = await admin('GET', '/admin/keys', undefined, key);
      assert.equal(team.status, 403);
      assert.equal(team.body.error.code, 'admin_key_required');
      assert.equal((await admin('POST', '/admin/keys', { team: 'x' }, key)).status, 403);
    });

    it('rejects bad key requests with the field named', async () => {
      const missing = await admin('POST', '/admin/keys', {});
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.param, 'team');
      const budget = await admin('POST', '/admin/keys', { team: 'risk', budget: 'lots' });
      assert.equal(budget.body.error.param, 'budget');
      const past = await admin('POST', '/admin/keys', { team: 'risk', expires: '2020-01-01' });
      assert.equal(past.body.error.param, 'expires');
      const unknownField = await admin('POST', '/admin/keys', { team: 'risk', rpm: 'ten' });
      assert.equal(unknownField.body.error.param, 'rpm');
      // More than a store's integer column holds: refused here, not by PostgreSQL.
      const huge = await admin('POST', '/admin/keys', { team: 'risk', tpm: 3e9 });
      assert.equal(huge.status, 400);
      assert.equal(huge.body.error.param, 'tpm');
      const teamTpm = await admin('PUT', '/admin/teams/risk', { tpm: 3e9 });
      assert.deepEqual([teamTpm.status, teamTpm.body.error.param], [400, 'tpm']);
      const forever = await admin('POST', '/admin/keys', { team: 'risk', expires: '99999999999999999999d' });
      assert.deepEqual([forever.status, forever.body.error.param], [400, 'expires']);
    });

    it('creates a key shown once, lets it call /v1, lists it without its secret, and revokes it at once', async () => {
      const created = await createKey({ team: 'risk', name: 'notebook', models: 'qwen*', expires: '90d' });
      assert.match(created.key, /^dlt_[a-z0-9]{12}_/);
      const response = await chat(created.key);
      assert.equal(response.status, 200);
      const listed = await admin('GET', '/admin/keys?team=risk');
      const entry = listed.body.data.find((key) => key.id === created.id)!;
      assert.equal(entry.status, 'active');
      assert.equal(entry.name, 'notebook');
      assert.deepEqual(entry.models, ['qwen*']);
      // The secret is base64url, so it may itself contain `_`: it is everything after `dlt_<id>_`.
      const secret = created.key.slice(`dlt_${created.id}_`.length);
      assert.equal(secret.length, 32);
      assert.ok(!JSON.stringify(listed.body).includes(secret), 'the secret is never listed');
      assert.equal((await admin('DELETE', `/admin/keys/${created.id}`)).body.status, 'revoked');
      const refused = await chat(created.key);
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as Body).error.code, 'key_revoked');
      assert.equal((await admin('DELETE', '/admin/keys/nosuchkey000')).body.error.code, 'key_not_found');
    });

    it('needs a key on /v1 once an admin key is set, and says why a key fails', async () => {
      const none = await fetch(`${gateway.url}/v1/models`);
      assert.equal(none.status, 401);
      assert.equal(((await none.json()) as Body).error.code, 'invalid_api_key');
      assert.equal((await chat('dlt_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')).status, 401);
      assert.equal((await chat('sk-something-else')).status, 401);
      assert.equal((await chat(ADMIN)).status, 200, 'the admin key may call /v1 too');
      // A key that expired (written by another replica: this one learns of it from the store).
      const minted = mintKey();
      const now = Date.now();
      await gateway.server.services.store.insertKey({
        id: minted.id,
        team: 'risk',
        hash: minted.hash,
        limits: {},
        logContent: false,
        expiresAt: now - 1_000,
        createdAt: now - 5_000,
        updatedAt: now - 5_000,
      });
      const expired = await chat(minted.key);
      assert.equal(expired.status, 401);
      assert.equal(((await expired.json()) as Body).error.code, 'key_expired');
    });

    it('keeps a key to its models: others are refused and hidden from /v1/models', async () => {
      const { key } = await createKey({ team: 'risk', models: ['qwen*'] });
      const refused = await chat(key, 'llama-8b');
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as Body).error.code, 'model_not_allowed');
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
      const models = await client.models.list();
      assert.deepEqual(
        models.data.map((model) => model.id),
        ['qwen-7b'],
      );
      await assert.rejects(client.models.retrieve('llama-8b'), { status: 404 });
    });

    it('admits exactly rpm requests per minute under concurrency, then 429 with Retry-After and x-ratelimit-*', async () => {
      const { key } = await createKey({ team: 'burst', rpm: 5 });
      const responses = await Promise.all(Array.from({ length: 12 }, () => chat(key)));
      const statuses = responses.map((response) => response.status);
      assert.equal(statuses.filter((status) => status === 200).length, 5);
      assert.equal(statuses.filter((status) => status === 429).length, 7);
      const ok = responses.find((response) => response.status === 200)!;
      assert.equal(ok.headers.get('x-ratelimit-limit-requests'), '5');
      // Each header once (fetch joins repeats with ', '): the answer's own beside the limits'.
      assert.equal(ok.headers.get('x-ratelimit-reset-requests')?.includes(','), false);
      assert.match(ok.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(ok.headers.get('content-length'), String((await ok.clone().arrayBuffer()).byteLength));
      const refused = responses.find((response) => response.status === 429)!;
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(refused.headers.get('x-ratelimit-remaining-requests'), '0');
      assert.equal(((await refused.json()) as Body).error.code, 'rate_limit_exceeded');
    });

    it('applies a team limit across all its keys', async () => {
      await admin('PUT', '/admin/teams/shared', { rpm: 3 });
      const first = await createKey({ team: 'shared' });
      const second = await createKey({ team: 'shared' });
      const statuses = await Promise.all(
        [first, second, first, second, first, second].map(
          async (created) => (await chat(created.key)).status,
        ),
      );
      assert.equal(statuses.filter((status) => status === 200).length, 3);
    });

    it('applies a team limit set while its key is in use, from the next request', async () => {
      const { key } = await createKey({ team: 'changing' });
      assert.equal((await chat(key)).status, 200);
      await admin('PUT', '/admin/teams/changing', { rpm: 2 });
      const statuses = [];
      for (let request = 0; request < 3; request++) statuses.push((await chat(key)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
    });

    it('settles budgets with the usage a stream reports, and refuses with budget_exceeded once spent', async () => {
      // Each answer costs $0.018; the reservation before one is about $0.011 (a 3-token prompt plus 10 max_tokens).
      const { key } = await createKey({ team: 'frugal', budget: '0.05/day' });
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
      for (let turn = 0; turn < 2; turn++) {
        const stream = await client.chat.completions.create({
          model: 'qwen-7b',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 10,
          stream: true,
        });
        for await (const chunk of stream) void chunk;
      }
      // Spent 0.036 (settled from the streamed usage, not the 0.011 estimates): 0.036 + 0.011 > 0.05.
      await waitFor(async () => (await chat(key)).status === 429);
      const refused = await chat(key);
      assert.equal(refused.status, 429);
      const body = (await refused.json()) as Body;
      assert.equal(body.error.code, 'budget_exceeded');
      assert.equal(body.error.type, 'insufficient_quota');
    });

    it("reports a team's usage, cost and savings; a team key sees only its own team", async () => {
      const { key } = await createKey({ team: 'ledger' });
      const other = await createKey({ team: 'elsewhere' });
      for (let index = 0; index < 3; index++) assert.equal((await chat(key)).status, 200);
      assert.equal((await chat(other.key)).status, 200);
      await flushed();
      const usage = await admin('GET', '/admin/usage?team=ledger&since=1h');
      assert.equal(usage.status, 200);
      assert.equal(usage.body.requests, 3);
      assert.deepEqual(usage.body.tokens, { input: 33, cached_input: 0, output: 21, reasoning: 0 });
      assert.equal(usage.body.cost_usd, 0.054);
      // gpt-4.1 at $2 in / $8 out per million: 33 × 2e-6 + 21 × 8e-6.
      assert.ok(Math.abs(usage.body.reference_cost_usd - 0.000234) < 1e-9);
      assert.ok(Math.abs(usage.body.savings_usd - (0.000234 - 0.054)) < 1e-9);
      assert.equal(usage.body.by_model[0]?.model, 'qwen-7b');
      const own = await admin('GET', '/admin/usage?since=1h', undefined, key);
      assert.equal(own.status, 200);
      assert.equal(own.body.team, 'ledger');
      assert.equal(own.body.requests, 3);
      const foreign = await admin('GET', '/admin/usage?team=elsewhere', undefined, key);
      assert.equal(foreign.status, 403);
      assert.equal((await admin('GET', '/admin/usage?since=yesterday')).body.error.param, 'since');
    });

    it('audits admin actions and guardrail decisions without the key or the value, and the chain verifies', async () => {
      const { id, key } = await createKey({ team: 'audited' });
      await admin('DELETE', `/admin/keys/${id}`);
      const admin2 = await createKey({ team: 'audited' });
      const secret = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`;
      await chat(admin2.key, 'qwen-7b', { messages: [{ role: 'user', content: `my key is ${secret}` }] });
      await flushed();
      const log = await admin('GET', '/admin/audit?limit=1000');
      const text = JSON.stringify(log.body);
      assert.ok(
        !text.includes(key) && !text.includes(secret),
        'no key and no sensitive value in the audit log',
      );
      const actions = log.body.data.map(
        (entry: { action: string; subject: string }) => `${entry.action} ${entry.subject}`,
      );
      assert.ok(actions.includes(`key.create ${id}`));
      assert.ok(actions.includes(`key.revoke ${id}`));
      const decision = log.body.data.find((entry) => entry.action === 'guard.decision')!;
      assert.equal(decision.actor, `key:${admin2.id}`);
      assert.equal(decision.details.decisions[0]?.action, 'redact');
      assert.equal(decision.details.decisions[0]?.scanner, 'secrets');
      const verdict = await admin('GET', '/admin/audit/verify');
      assert.equal(verdict.body.ok, true);
    });

    it('keeps request and response content only for keys that log content, streams included', async () => {
      const logged = await createKey({ team: 'content', log_content: true });
      const quiet = await createKey({ team: 'content' });
      upstream.fallback = { kind: 'answer', content: 'Halo dari vllm', chunks: 3 };
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: logged.key, maxRetries: 0 });
      const stream = await client.chat.completions.create({
        model: 'qwen-7b',
        messages: [{ role: 'user', content: 'apa kabar?' }],
        stream: true,
      });
      for await (const chunk of stream) void chunk;
      assert.equal((await chat(quiet.key)).status, 200);
      assert.equal((await chat(logged.key)).status, 200);
      await flushed();
      const rows = await admin('GET', `/admin/requests?team=content&since=1h`);
      assert.equal(rows.status, 200);
      const entries = rows.body.data as unknown as { key: string; stream: boolean; content: unknown }[];
      const [unaryRow, loggedRow] = entries.filter((entry) => entry.key === logged.id);
      assert.deepEqual(unaryRow?.content, {
        request: { messages: [{ role: 'user', content: 'hi' }] },
        response: [{ text: 'Halo dari vllm' }],
      });
      assert.deepEqual(loggedRow?.content, {
        request: { messages: [{ role: 'user', content: 'apa kabar?' }] },
        response: [{ text: 'Halo dari vllm' }],
      });
      assert.equal(loggedRow?.stream, true);
      assert.equal(entries.find((entry) => entry.key === quiet.id)?.content, null);
    });

    it("applies a key's own guardrail policy over the deployment's", async () => {
      const token = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`;
      const strict = await createKey({ team: 'guarded', guardrails: { input: { secrets: 'block' } } });
      const lenient = await createKey({ team: 'guarded', guardrails: { input: { secrets: 'off' } } });
      const plain = await createKey({ team: 'guarded' });
      const ask = { messages: [{ role: 'user', content: `deploy with ${token}` }] };
      const blocked = await chat(strict.key, 'qwen-7b', ask);
      assert.equal(blocked.status, 400);
      const body = (await blocked.json()) as Body;
      assert.equal(body.error.code, 'content_blocked');
      assert.ok(!JSON.stringify(body).includes(token));
      const before = upstream.requests.length;
      assert.equal((await chat(plain.key, 'qwen-7b', ask)).status, 200);
      const redacted = JSON.stringify(upstream.requests[before]?.body);
      assert.ok(!redacted.includes(token), 'the default policy redacts the secret before the model sees it');
      assert.equal((await chat(lenient.key, 'qwen-7b', ask)).status, 200);
      assert.ok(
        JSON.stringify(upstream.requests.at(-1)?.body).includes(token),
        "the lenient key's policy lets it through",
      );
      const invalid = await admin('POST', '/admin/keys', {
        team: 'guarded',
        guardrails: { input: { secrets: 'shred' } },
      });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.param, 'guardrails.input.secrets');
    });

    it('serves Prometheus metrics for the requests it answered', async () => {
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      assert.match(text, /daulat_requests_total\{[^}]*model="qwen-7b"[^}]*\} \d+/);
      assert.match(text, /daulat_cost_usd_total\{/);
      // Every write to the store succeeded (the ledger on PostgreSQL refused every row before its fix).
      assert.match(text, /daulat_store_write_failures_total\{writer="ledger"\} 0\n/);
      assert.match(text, /daulat_store_dropped_rows_total\{writer="ledger",reason="refused"\} 0\n/);
      assert.match(text, /daulat_store_pending_rows\{writer="ledger"\} \d+\n/);
    });
  });

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition never held');
}
