import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { embeddedDeploymentSchema } from '../../config/schema.ts';
import { testModelPath } from '../../../test/helpers/gguf/index.ts';
import { MemoryBudget } from './memory-budget.ts';
import { ModelHost } from './model-host.ts';

async function host(keepAlive: number, budget = new MemoryBudget(undefined)): Promise<ModelHost> {
  const path = await testModelPath({ preset: 'tiny-qwen2' });
  const deployment = embeddedDeploymentSchema.parse({
    name: 'local',
    engine: 'embedded',
    model: path,
    context_size: 256,
    keep_alive: keepAlive,
  });
  const gguf = await readGgufFileInfo(path, { logWarnings: false });
  return new ModelHost({
    deployment,
    settings: { threads: 1, gpu: false },
    locate: () => Promise.resolve({ path, gguf }),
    budget,
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  assert.ok(condition());
}

describe('ModelHost', () => {
  it('loads once for concurrent borrowers and stays loaded while lent', async () => {
    const model = await host(20);
    const [a, b] = await Promise.all([model.borrow(), model.borrow()]);
    assert.equal(a.loaded, b.loaded);
    a.release();
    await sleep(60);
    assert.equal(model.isLoaded, true, 'unloaded while still lent');
    b.release();
    await until(() => !model.isLoaded);
    await model.close();
  });

  it('loads again after keep_alive unloaded it', async () => {
    const model = await host(10);
    (await model.borrow()).release();
    await until(() => !model.isLoaded);
    const again = await model.borrow();
    assert.equal(model.isLoaded, true);
    assert.ok(again.loaded.contextSize >= 256);
    again.release();
    await model.close();
  });

  it('never unloads with keep_alive 0, and refuses requests once closed', async () => {
    const model = await host(0);
    (await model.borrow()).release();
    await sleep(50);
    assert.equal(model.isLoaded, true);
    await model.close();
    assert.equal(model.isLoaded, false);
    await assert.rejects(model.borrow(), /shut down/);
  });

  it('makes room in the memory budget by unloading an idle model', async () => {
    const first = await host(0);
    (await first.borrow()).release();
    const oneModel = first.loadedBytes;
    assert.ok(oneModel > 0);
    await first.close();
    const tight = new MemoryBudget(Math.ceil(oneModel * 1.5));
    const a = await host(0, tight);
    const b = await host(0, tight);
    (await a.borrow()).release();
    (await b.borrow()).release();
    assert.equal(a.isLoaded, false);
    assert.equal(b.isLoaded, true);
    await Promise.all([a.close(), b.close()]);
  });
});
