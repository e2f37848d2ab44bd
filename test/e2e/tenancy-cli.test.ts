/** `daulat keys|teams|usage|audit` against a running gateway, as an operator types them. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/store/database.ts';
import { run } from '../helpers/daulat-process.ts';
import { mockDeployment, startGateway, type TestGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const ADMIN = 'cli-admin-key';

describe('the admin CLI', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;
  const database = join(mkdtempSync(join(tmpdir(), 'daulat-cli-db-')), 'daulat.db');

  before(async () => {
    upstream = await startMockUpstream('vllm');
    gateway = await startGateway(
      {
        admin: { key: ADMIN },
        store: { url: database },
        deployments: [mockDeployment('gpu-a', upstream.baseUrl, { models: ['qwen-7b'] })],
      },
      ADMIN,
    );
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function daulat(args: string[], env: Record<string, string> = {}) {
    return run(process.execPath, ['bin/daulat.js', ...args], {
      DAULAT_URL: gateway.url,
      DAULAT_ADMIN_KEY: ADMIN,
      ...env,
    }).exit;
  }

  it('creates a key once, lists it, and revokes it', async () => {
    const created = await daulat([
      'keys',
      'create',
      '--team',
      'risk',
      '--models',
      'qwen*',
      '--rpm',
      '60',
      '--tpm',
      '200000',
      '--budget',
      '50/month',
      '--expires',
      '90d',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const key = /(dlt_[a-z0-9]{12}_\S+)/.exec(created.stdout)?.[1];
    assert.ok(key, created.stdout);
    assert.match(created.stdout, /only time the key is shown/);
    const id = key.split('_')[1]!;
    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen-7b', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(answer.status, 200);
    const listed = await daulat(['keys', 'list', '--team', 'risk']);
    assert.match(listed.stdout, new RegExp(`${id}\\s+risk\\s+active\\s+qwen\\*\\s+60\\s+200000\\s+50/month`));
    assert.ok(!listed.stdout.includes(key));
    const revoked = await daulat(['keys', 'revoke', id]);
    assert.equal(revoked.code, 0);
    assert.match((await daulat(['keys', 'list'])).stdout, new RegExp(`${id}\\s+risk\\s+revoked`));
  });

  it('prints usage and savings for a team', async () => {
    await gateway.server.services.ledger.flush();
    const usage = await daulat(['usage', '--team', 'risk', '--since', '1h']);
    assert.equal(usage.code, 0, usage.stderr);
    assert.match(usage.stdout, /usage of team risk/);
    assert.match(usage.stdout, /qwen-7b\s+1\s+0\s+11\s+0\s+7\s+0/);
    assert.match(usage.stdout, /TOTAL\s+1\s/);
  });

  it('sets team limits and refuses a reference model the price catalog lacks', async () => {
    const set = await daulat(['teams', 'set', 'risk', '--rpm', '600', '--reference', 'claude-sonnet-4-5']);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /risk\s+600\s+-\s+-\s+claude-sonnet-4-5/);
    const unknown = await daulat(['teams', 'set', 'risk', '--reference', 'gpt-99']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /400: 'reference_model': 'gpt-99' is not in the price catalog/);
  });

  it('verifies the audit log, and names the entry someone edited in the database', async () => {
    const intact = await daulat(['audit', 'verify']);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /audit log intact: \d+ entries/);
    const tamper = await openDatabase({ url: database });
    await tamper.db.updateTable('audit').set({ actor: 'nobody' }).where('seq', '=', 2).execute();
    await tamper.db.destroy();
    const broken = await daulat(['audit', 'verify']);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /TAMPERED at entry 2 \(edited\)/);
  });

  it('says clearly when the gateway cannot be reached or the admin key is wrong', async () => {
    const offline = await daulat(['keys', 'list'], { DAULAT_URL: 'http://127.0.0.1:9' });
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /cannot reach the gateway at http:\/\/127\.0\.0\.1:9/);
    const wrong = await daulat(['keys', 'list'], { DAULAT_ADMIN_KEY: 'wrong' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /401: invalid API key/);
  });
});
