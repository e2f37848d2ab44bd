/**
 * Heavy dependencies load only when the config needs them, and then at start: `daulat serve` runs with a
 * preloaded hook (test/helpers/module-recorder.ts) that lists every module the process loads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { run } from '../helpers/daulat-process.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

const RECORDER = fileURLToPath(new URL('../helpers/module-recorder.ts', import.meta.url));
const HEAVY = [
  'node-llama-cpp',
  'ioredis',
  'kysely',
  'better-sqlite3',
  'pg',
  'rate-limiter-flexible',
  'prom-client',
  '@opentelemetry/api',
  '@opentelemetry/sdk-trace',
  '@opentelemetry/exporter-trace-otlp-http',
];
const GUARDRAILS_OFF = [
  'guardrails:',
  '  input: { injection: off, indirect_injection: off, pii: off, secrets: off }',
  '  output: { pii: off, secrets: off, prompt_leak: off }',
];

/** The packages (outermost `node_modules/<name>`) of every module in a recorder log. */
function packagesIn(log: string): Set<string> {
  const packages = new Set<string>();
  for (const line of log.split('\n')) {
    const names = [...line.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
    const name = names.at(-1)?.[1];
    if (name !== undefined) packages.add(name);
  }
  return packages;
}

interface Recorded {
  readonly packages: Set<string>;
  /** Whether a server came up and listened. */
  readonly listened: boolean;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs `daulat <args>` under the recorder until it exits; a server that comes up gets `whileRunning` with its
 * address, then SIGTERM.
 */
async function recordRun(
  args: string[],
  options: { env?: Record<string, string>; whileRunning?: (address: string) => Promise<void> } = {},
): Promise<Recorded> {
  const log = join(mkdtempSync(join(tmpdir(), 'daulat-modules-')), 'modules.log');
  writeFileSync(log, '');
  const child = run(process.execPath, ['--import', 'tsx', '--import', RECORDER, 'bin/daulat.js', ...args], {
    DAULAT_MODULE_LOG: log,
    ...options.env,
  });
  try {
    const address = await Promise.race([child.listening, child.exit.then(() => undefined)]);
    if (address !== undefined) {
      await options.whileRunning?.(address);
      child.stop();
    }
    const { code, stderr } = await child.exit;
    return { packages: packagesIn(readFileSync(log, 'utf8')), listened: address !== undefined, code, stderr };
  } finally {
    child.stop('SIGKILL');
  }
}

describe('lazy loading of heavy dependencies', () => {
  let upstream: MockUpstream;
  let directory: string;
  before(async () => {
    upstream = await startMockUpstream();
    directory = mkdtempSync(join(tmpdir(), 'daulat-lazy-'));
  });
  after(() => upstream.close());

  function configFile(name: string, lines: string[]): string {
    const path = join(directory, `${name}.yaml`);
    const deployment = `  - { name: up, engine: openai-compatible, base_url: "${upstream.baseUrl}", models: [m] }`;
    writeFileSync(path, ['deployments:', deployment, ...lines, ''].join('\n'));
    return path;
  }

  const serve = (config: string) => ['serve', '--config', config, '--port', '0', '--no-pull'];

  it('a gateway that keeps nothing loads no store, Redis client, tracer, metrics or embedded engine, and serves', async () => {
    const config = configFile('bare', [
      'ledger: { enabled: false }',
      'metrics: { enabled: false }',
      ...GUARDRAILS_OFF,
    ]);
    const recorded = await recordRun(serve(config), {
      whileRunning: async (address) => {
        const response = await fetch(`${address}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
        });
        assert.equal(response.status, 200, await response.clone().text());
      },
    });
    assert.ok(recorded.listened, recorded.stderr);
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.ok(recorded.packages.has('fastify'), 'the recorder saw the server load');
    assert.deepEqual(
      HEAVY.filter((name) => recorded.packages.has(name)),
      [],
    );
    // Nor the guardrails' scanners (the phone-number metadata stands for them): no guardrail can act.
    assert.equal(recorded.packages.has('libphonenumber-js'), false);
    // Nor Fastify's schema compilers: requests are validated with zod and answers encoded by Daulat.
    assert.deepEqual(
      ['ajv', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'].filter((name) =>
        recorded.packages.has(name),
      ),
      [],
    );
  });

  it('loads each of them at start when the config needs it', async () => {
    const config = configFile('everything', [
      '  - { name: local, engine: embedded, model: "qwen2.5:0.5b" }',
      'embedded: { gpu: false }',
      'admin: { key: lazy-test-admin-key }',
      // Closed ports: the limiter fails open and the exporter only connects when it has spans to send.
      'limits: { redis_url: "redis://127.0.0.1:9" }',
      'telemetry: { otlp_endpoint: "http://127.0.0.1:9" }',
    ]);
    const recorded = await recordRun(serve(config));
    assert.ok(recorded.listened, recorded.stderr);
    assert.equal(recorded.code, 0, recorded.stderr);
    // A SQLite file's driver loads on the store's query thread, which the recorder does not watch.
    assert.deepEqual(
      HEAVY.filter((name) => !recorded.packages.has(name)),
      ['better-sqlite3', 'pg'],
    );
  });

  it('opens the store for the audit log when a guardrail is on, even with the ledger off and no admin key', async () => {
    const config = configFile('guarded', ['ledger: { enabled: false }']);
    const recorded = await recordRun(serve(config));
    assert.ok(recorded.listened, recorded.stderr);
    assert.equal(recorded.code, 0, recorded.stderr);
    // Kysely is imported only to open the store (the SQLite driver itself loads on the store's query thread).
    assert.ok(recorded.packages.has('kysely'));
    assert.ok(recorded.packages.has('libphonenumber-js'), 'the scanners are loaded at start');
  });

  it('loads the scanners when keys exist whose own policies may turn a guardrail on', async () => {
    const config = configFile('keyed', [
      'admin: { key: lazy-test-admin-key }',
      'ledger: { enabled: false }',
      ...GUARDRAILS_OFF,
    ]);
    const recorded = await recordRun(serve(config));
    assert.ok(recorded.listened, recorded.stderr);
    assert.ok(recorded.packages.has('libphonenumber-js'));
  });

  it('fails at start, not at the first request, when a needed dependency cannot be loaded', async () => {
    const config = configFile('blocked', ['admin: { key: lazy-test-admin-key }']);
    const recorded = await recordRun(serve(config), { env: { DAULAT_MODULE_BLOCK: 'kysely' } });
    assert.equal(recorded.listened, false);
    assert.notEqual(recorded.code, 0);
    assert.match(recorded.stderr, /Cannot find package 'kysely'/);
  });

  it('daulat models loads neither the server nor its dependencies', async () => {
    const recorded = await recordRun(['models']);
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.deepEqual(
      ['fastify', 'undici', ...HEAVY].filter((name) => recorded.packages.has(name)),
      [],
    );
  });
});
