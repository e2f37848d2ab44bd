/** `daulat serve` with its embedded default: pulls a missing model at start, or says why not and serves on. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { run, type Run } from '../helpers/daulat-process.ts';
import { testModelPath } from '../helpers/gguf/index.ts';
import { startFakeHub } from '../helpers/hf-server.ts';

const chat = (address: string): Promise<Response> =>
  fetch(`${address}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'qwen2.5-0.5b-instruct',
      messages: [{ role: 'user', content: 'Halo' }],
      max_tokens: 3,
      // Greedy: the test model's weights are random, so sampling may pick its end token early.
      temperature: 0,
    }),
  });

describe('daulat serve with no config (the embedded default)', () => {
  const children: Run[] = [];
  after(() => {
    for (const child of children) child.stop('SIGKILL');
  });

  async function serve(
    env: Record<string, string>,
    args: string[] = [],
  ): Promise<{ gateway: Run; address: string }> {
    // No --config and a repository root without daulat.yaml: the built-in default applies.
    const gateway = run(process.execPath, ['bin/daulat.js', 'serve', '--port', '0', ...args], {
      DAULAT_LOG_LEVEL: 'info',
      ...env,
    });
    children.push(gateway);
    return { gateway, address: await gateway.listening };
  }

  it('pulls the missing default model from the hub, then serves it', async () => {
    const hub = await startFakeHub();
    try {
      hub.addFile({
        repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
        file: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
        content: await readFile(await testModelPath({ preset: 'tiny-qwen2' })),
      });
      const { gateway, address } = await serve({ HF_ENDPOINT: hub.endpoint });
      assert.match(await gateway.output(), /pulled/);
      const response = await chat(address);
      assert.equal(response.status, 200, await response.clone().text());
      const body = (await response.json()) as {
        choices: { finish_reason: string }[];
        usage: { completion_tokens: number };
      };
      assert.equal(body.usage.completion_tokens, 3);
      assert.equal(body.choices[0]?.finish_reason, 'length');
      gateway.stop();
      assert.equal((await gateway.exit).code, 0);
    } finally {
      await hub.close();
    }
  });

  it('says clearly when the hub cannot be reached, and still serves (503 for the missing model)', async () => {
    const { gateway, address } = await serve({});
    assert.match(await gateway.output(), /unavailable: .*(offline|reach)/i);
    const models = (await (await fetch(`${address}/v1/models`)).json()) as { data: { id: string }[] };
    assert.deepEqual(
      models.data.map((model) => model.id),
      ['qwen2.5-0.5b-instruct'],
    );
    const response = await chat(address);
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'model_not_downloaded');
    gateway.stop();
    await gateway.exit;
  });

  it('does not download with --no-pull, and tells the user how to pull', async () => {
    const hub = await startFakeHub();
    try {
      const { gateway } = await serve({ HF_ENDPOINT: hub.endpoint }, ['--no-pull']);
      assert.match(await gateway.output(), /daulat pull qwen2\.5:0\.5b/);
      assert.equal(hub.requests.length, 0);
      gateway.stop();
      await gateway.exit;
    } finally {
      await hub.close();
    }
  });
});
