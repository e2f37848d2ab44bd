/** `daulat serve` as a user runs it: a child process reading a config file. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { run, type Run } from '../helpers/daulat-process.ts';
import { startMockUpstream } from '../helpers/mock-upstream.ts';

async function configFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'daulat-cli-')), 'daulat.yaml');
  await writeFile(path, text);
  return path;
}

describe('daulat serve', () => {
  const children: Run[] = [];
  after(() => {
    for (const child of children) child.stop('SIGKILL');
  });

  it('serves the configured models and stops cleanly on SIGTERM', async () => {
    const upstream = await startMockUpstream();
    try {
      const path = await configFile(
        `deployments:\n  - { name: a, engine: openai-compatible, base_url: "${upstream.baseUrl}", models: [m1] }\n`,
      );
      const gateway = run(process.execPath, ['bin/daulat.js', 'serve', '--config', path, '--port', '0']);
      children.push(gateway);
      const address = await gateway.listening;
      const models = (await (await fetch(`${address}/v1/models`)).json()) as { data: { id: string }[] };
      assert.deepEqual(
        models.data.map((model) => model.id),
        ['m1'],
      );
      gateway.stop();
      assert.equal((await gateway.exit).code, 0);
    } finally {
      await upstream.close();
    }
  });

  it('runs through npm start -- --config FILE --port N', async () => {
    const path = await configFile('server: { log_level: info }\n');
    const gateway = run('npm', ['start', '--silent', '--', '--config', path, '--port', '0']);
    children.push(gateway);
    const address = await gateway.listening;
    const models = (await (await fetch(`${address}/v1/models`)).json()) as { data: unknown[] };
    assert.deepEqual(models.data, []);
    gateway.stop();
    await gateway.exit;
  });

  it("starts node with npm start's memory flag, and the daulat command runs", async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } };
    assert.match(
      manifest.scripts.start,
      /^node (--\S+ )*--max-semi-space-size=\d+ (--\S+ )*bin\/daulat\.js serve$/,
    );
    assert.equal((await readFile('bin/daulat.js', 'utf8')).split('\n')[0], '#!/usr/bin/env node');
    const { code, stdout } = await run('./bin/daulat.js', ['--version']).exit;
    assert.equal(code, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+/);
  });

  it('fails on an invalid config with the file and field path, and no stack trace', async () => {
    const path = await configFile(
      'deployments:\n  - { name: a, engine: openai-compatible, base_url: nope, models: [m] }\n',
    );
    const { code, stderr } = await run(process.execPath, ['bin/daulat.js', 'serve', '--config', path]).exit;
    assert.equal(code, 2);
    assert.match(stderr, new RegExp(`invalid configuration in ${path}`));
    assert.match(stderr, /deployments\[0\]\.base_url: expected an http\(s\) URL/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('fails on a store it cannot open with the setting and why, and no stack trace', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'daulat-cli-store-'));
    const cases = [
      // A directory where the SQLite file should be.
      [directory, /store\.url: cannot open the database: .*unable to open database file/],
      // Nothing listens on port 9.
      ['postgres://postgres@127.0.0.1:9/test', /store\.url: cannot open the database: .*ECONNREFUSED/],
    ] as const;
    const path = await configFile('admin: { key: cli-test-admin-key }\n');
    for (const [url, message] of cases) {
      // DATABASE_URL, which the helper sets to a fresh file, overrides `store.url`.
      const args = ['bin/daulat.js', 'serve', '--config', path, '--port', '0'];
      const { code, stderr } = await run(process.execPath, args, { DATABASE_URL: url }).exit;
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /\n\s+at /);
    }
  });

  it('refuses a non-loopback address without a key, unless --insecure', async () => {
    const refused = await run(process.execPath, [
      'bin/daulat.js',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
    ]).exit;
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to listen on 0\.0\.0\.0 without an API key/);

    const insecure = run(process.execPath, [
      'bin/daulat.js',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--insecure',
    ]);
    children.push(insecure);
    await insecure.listening;
    insecure.stop();
    await insecure.exit;

    const keyed = run(process.execPath, ['bin/daulat.js', 'serve', '--host', '0.0.0.0', '--port', '0'], {
      DAULAT_API_KEY: 'k',
    });
    children.push(keyed);
    const address = await keyed.listening;
    const port = new URL(address).port;
    assert.equal((await fetch(`http://127.0.0.1:${port}/v1/models`)).status, 401);
    keyed.stop();
    await keyed.exit;
  });

  it('serves from two worker processes sharing one port, and stops them all on SIGTERM', async () => {
    const gateway = run(process.execPath, ['bin/daulat.js', 'serve', '--workers', '2', '--port', '0']);
    children.push(gateway);
    const address = await gateway.listening;
    while ((await gateway.output()).match(/daulat listening on/g)?.length !== 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(await gateway.output(), /daulat supervising 2 workers/);
    for (let index = 0; index < 4; index += 1) assert.equal((await fetch(`${address}/healthz`)).status, 200);
    gateway.stop();
    assert.equal((await gateway.exit).code, 0);
  });

  it(
    'stops, rather than waits forever, when its workers cannot open the store',
    { timeout: 60_000 },
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'daulat-cli-store-'));
      const args = ['bin/daulat.js', 'serve', '--workers', '2', '--port', '0', '--no-pull'];
      // A directory where the SQLite file should be: each worker fails to open it, and would fail again.
      const { code, stderr } = await run(process.execPath, args, { DATABASE_URL: directory }).exit;
      assert.equal(code, 2, stderr);
      assert.match(stderr, /daulat: store\.url: cannot open the database: .*unable to open database file/);
    },
  );

  it('rejects a malformed --port with a clear message', async () => {
    const { code, stderr } = await run(process.execPath, ['bin/daulat.js', 'serve', '--port', 'eighty']).exit;
    assert.notEqual(code, 0);
    assert.match(stderr, /expected a non-negative integer, got 'eighty'/);
  });
});
