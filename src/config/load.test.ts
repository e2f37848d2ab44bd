import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, formatPath, loadConfig } from './load.ts';

async function fileWith(text: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'daulat-config-'));
  const path = join(directory, 'daulat.yaml');
  await writeFile(path, text);
  return path;
}

const deployment = `
deployments:
  - name: vllm-a
    engine: openai-compatible
    base_url: http://10.0.0.5:8000/v1
    api_key: \${VLLM_KEY}
    models: [Qwen/Qwen2.5-7B-Instruct]
`;

describe('loadConfig', () => {
  it('uses defaults when ./daulat.yaml is absent and no path was given', async () => {
    const { config, source } = await loadConfig({ path: undefined, env: {} });
    assert.equal(source === 'defaults' || source === 'daulat.yaml', true);
    assert.equal(config.server.port, 8080);
    if (source === 'defaults') {
      assert.deepEqual(
        config.deployments.map((deployment) => [deployment.engine, deployment.models]),
        [['embedded', ['qwen2.5-0.5b-instruct']]],
      );
    }
  });

  it('fails when an explicit --config file is missing', async () => {
    await assert.rejects(
      loadConfig({ path: '/nonexistent/daulat.yaml', env: {} }),
      /cannot read config file \/nonexistent\/daulat.yaml: no such file/,
    );
  });

  it('interpolates ${VAR} in strings and reads a lone reference as a scalar', async () => {
    const path = await fileWith(`server:\n  port: \${PORT}\n  api_key: k-\${SUFFIX:-none}\n${deployment}`);
    const { config } = await loadConfig({ path, env: { PORT: '9000', VLLM_KEY: 'secret' } });
    assert.equal(config.server.port, 9000);
    assert.equal(config.server.api_key, 'k-none');
    const first = config.deployments[0];
    assert.equal(first?.engine === 'openai-compatible' ? first.api_key : undefined, 'secret');
  });

  it('names the field whose environment variable is missing', async () => {
    const path = await fileWith(deployment);
    await assert.rejects(loadConfig({ path, env: {} }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /deployments\[0\]\.api_key: environment variable VLLM_KEY is not set/);
      return true;
    });
  });

  it('keeps $${ as a literal ${', async () => {
    const path = await fileWith(`server: { api_key: "a$\${B}" }`);
    const { config } = await loadConfig({ path, env: {} });
    assert.equal(config.server.api_key, 'a${B}');
  });

  it('applies environment overrides, then command-line flags', async () => {
    const path = await fileWith('server: { port: 1000, host: 127.0.0.1 }');
    const { config } = await loadConfig({
      path,
      env: { DAULAT_PORT: '2000', DAULAT_API_KEY: 'env-key' },
      overrides: { port: 3000 },
    });
    assert.equal(config.server.port, 3000);
    assert.equal(config.server.api_key, 'env-key');
  });

  it('leaves heap growth to V8 by default (0), takes DAULAT_HEAP_GROWTH_PERCENT, and refuses a negative or fractional value', async () => {
    const defaults = await loadConfig({ path: await fileWith('server: { port: 1000 }'), env: {} });
    assert.equal(defaults.config.server.heap_growth_percent, 0);
    const fromEnv = await loadConfig({
      path: await fileWith('server: { heap_growth_percent: 50 }'),
      env: { DAULAT_HEAP_GROWTH_PERCENT: '40' },
    });
    assert.equal(fromEnv.config.server.heap_growth_percent, 40);
    for (const bad of ['-5', '12.5']) {
      await assert.rejects(
        loadConfig({ path: await fileWith(`server: { heap_growth_percent: ${bad} }`), env: {} }),
        /server\.heap_growth_percent/,
      );
    }
  });

  for (const [key, variable] of [
    ['pretenuring', 'DAULAT_PRETENURING'],
    ['parallel_scavenge', 'DAULAT_PARALLEL_SCAVENGE'],
  ] as const) {
    it(`leaves ${key} off by default, takes ${variable}, and refuses a value that is not a boolean`, async () => {
      const defaults = await loadConfig({ path: await fileWith('server: { port: 1000 }'), env: {} });
      assert.equal(defaults.config.server[key], false);
      const fromFile = await loadConfig({ path: await fileWith(`server: { ${key}: true }`), env: {} });
      assert.equal(fromFile.config.server[key], true);
      const fromEnv = await loadConfig({
        path: await fileWith(`server: { ${key}: true }`),
        env: { [variable]: 'off' },
      });
      assert.equal(fromEnv.config.server[key], false);
      await assert.rejects(
        loadConfig({ path: await fileWith('server: { port: 1000 }'), env: { [variable]: 'sometimes' } }),
        new RegExp(`server\\.${key}`),
      );
    });
  }

  it('runs the ledger writer at idle priority by default, takes normal, and refuses anything else', async () => {
    const defaults = await loadConfig({ path: await fileWith('server: { port: 1000 }'), env: {} });
    assert.equal(defaults.config.ledger.writer_priority, 'idle');
    const normal = await loadConfig({ path: await fileWith('ledger: { writer_priority: normal }'), env: {} });
    assert.equal(normal.config.ledger.writer_priority, 'normal');
    await assert.rejects(
      loadConfig({ path: await fileWith('ledger: { writer_priority: low }'), env: {} }),
      /ledger\.writer_priority/,
    );
  });

  it('takes retired audit keys only beside a current key, each as long as a key', async () => {
    const key = 'k'.repeat(40);
    const rotated = await loadConfig({
      path: await fileWith(`audit: { key: ${'n'.repeat(40)}, retired_keys: [${key}] }`),
      env: {},
    });
    assert.deepEqual(rotated.config.audit.retired_keys, [key]);
    await assert.rejects(
      loadConfig({ path: await fileWith(`audit: { retired_keys: [${key}] }`), env: {} }),
      /audit\.retired_keys: retired_keys verify a rotated log under the current key: set key as well/,
    );
    await assert.rejects(
      loadConfig({ path: await fileWith(`audit: { key: ${key}, retired_keys: [short] }`), env: {} }),
      /audit\.retired_keys\[0\]: expected at least 32 characters/,
    );
  });

  it('reports every invalid field with the file and its path', async () => {
    const path = await fileWith(`
deployments:
  - name: a
    engine: openai-compatible
    base_url: not-a-url
    models: []
  - name: b
    engine: carrier-pigeon
server: { port: 99999, colour: blue }
`);
    await assert.rejects(loadConfig({ path, env: {} }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.ok(error.message.startsWith(`invalid configuration in ${path}:`), error.message);
      assert.match(error.message, /deployments\[0\]\.base_url: expected an http\(s\) URL/);
      assert.match(error.message, /deployments\[0\]\.models: list at least one served model/);
      assert.match(error.message, /deployments\[1\]\.engine/);
      assert.match(error.message, /server\.port/);
      assert.match(error.message, /colour/);
      return true;
    });
  });

  it('keeps 10,000 scan-cache entries by default, takes 0 to turn the cache off, and refuses a negative size', async () => {
    const defaults = await loadConfig({ path: await fileWith(deployment), env: { VLLM_KEY: 'k' } });
    assert.equal(defaults.config.guardrails.scan_cache.entries, 10_000);
    const off = await loadConfig({
      path: await fileWith(`${deployment}guardrails: { scan_cache: { entries: 0 } }\n`),
      env: { VLLM_KEY: 'k' },
    });
    assert.equal(off.config.guardrails.scan_cache.entries, 0);
    await assert.rejects(
      loadConfig({ path: await fileWith(`guardrails: { scan_cache: { entries: -1 } }\n`), env: {} }),
      /guardrails\.scan_cache\.entries/,
    );
  });

  it('screens inputs of 256 Ki characters or more on the scanning thread by default, and refuses a negative size', async () => {
    const defaults = await loadConfig({ path: await fileWith(deployment), env: { VLLM_KEY: 'k' } });
    assert.equal(defaults.config.guardrails.scan_thread.min_chars, 262_144);
    const every = await loadConfig({
      path: await fileWith(`${deployment}guardrails: { scan_thread: { min_chars: 0 } }\n`),
      env: { VLLM_KEY: 'k' },
    });
    assert.equal(every.config.guardrails.scan_thread.min_chars, 0);
    await assert.rejects(
      loadConfig({ path: await fileWith(`guardrails: { scan_thread: { min_chars: -1 } }\n`), env: {} }),
      /guardrails\.scan_thread\.min_chars/,
    );
  });

  it('leaves CORS off by default, and names an origin that is not one (a path, a trailing slash, a bare host)', async () => {
    const defaults = await loadConfig({ path: await fileWith(deployment), env: { VLLM_KEY: 'k' } });
    assert.equal(defaults.config.server.cors, undefined);
    const on = await loadConfig({
      path: await fileWith(
        `server: { cors: { origins: ['https://app.example.com', 'https://*.corp.example:8443'] } }\n`,
      ),
      env: {},
    });
    assert.deepEqual(on.config.server.cors, {
      origins: ['https://app.example.com', 'https://*.corp.example:8443'],
      max_age_seconds: 600,
    });
    for (const origin of [
      'https://app.example.com/',
      'app.example.com',
      'https://app.example.com/chat',
      'ftp://x.test',
    ]) {
      await assert.rejects(
        loadConfig({ path: await fileWith(`server: { cors: { origins: ['${origin}'] } }\n`), env: {} }),
        /server\.cors\.origins\[0\]: expected "\*", an origin/,
        origin,
      );
    }
    await assert.rejects(
      loadConfig({ path: await fileWith(`server: { cors: { origins: [] } }\n`), env: {} }),
      /server\.cors\.origins/,
    );
  });

  it('reports invalid YAML with its line', async () => {
    const path = await fileWith('server:\n  port: [1, 2\n');
    await assert.rejects(loadConfig({ path, env: {} }), new RegExp(`${path}:\\d+:\\d+: invalid YAML`));
  });

  it('rejects duplicate deployment names and aliases naming unknown deployments', async () => {
    const path = await fileWith(`${deployment}  - name: vllm-a
    engine: openai-compatible
    base_url: http://10.0.0.6:8000/v1
    models: [m]
models:
  - name: qwen
    deployments: [vllm-z]
`);
    await assert.rejects(loadConfig({ path, env: { VLLM_KEY: 'k' } }), (error: unknown) => {
      assert.match(String(error), /deployments\[1\]\.name: duplicate deployment name 'vllm-a'/);
      assert.match(String(error), /models\[0\]\.deployments\[0\]: unknown deployment 'vllm-z'/);
      return true;
    });
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    assert.equal(formatPath(['deployments', 2, 'base_url']), 'deployments[2].base_url');
    assert.equal(formatPath([]), '(root)');
    assert.equal(formatPath([0, 'a']), '[0].a');
  });
});
