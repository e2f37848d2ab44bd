import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBudget, type BudgetMember } from './memory-budget.ts';

const MiB = 2 ** 20;

function member(
  name: string,
  loadedBytes: number,
  isIdle: boolean,
  lastUsedAt: number,
): BudgetMember & { unloaded: boolean } {
  const state = {
    name,
    loadedBytes,
    isIdle,
    lastUsedAt,
    unloaded: false,
    unload: async () => {
      state.unloaded = true;
      state.loadedBytes = 0;
      await Promise.resolve();
    },
  };
  return state;
}

describe('MemoryBudget', () => {
  it('unloads idle models, least recently used first, until the new one fits', async () => {
    const budget = new MemoryBudget(100 * MiB);
    const old = member('old', 40 * MiB, true, 1);
    const recent = member('recent', 40 * MiB, true, 2);
    const loading = member('new', 0, false, 3);
    for (const each of [old, recent, loading]) budget.join(each);
    await budget.makeRoom(loading, 50 * MiB);
    assert.equal(old.unloaded, true);
    assert.equal(recent.unloaded, false);
  });

  it('never unloads a busy model and says how much is free', async () => {
    const budget = new MemoryBudget(100 * MiB);
    const busy = member('busy', 80 * MiB, false, 1);
    const loading = member('new', 0, false, 2);
    budget.join(busy);
    budget.join(loading);
    await assert.rejects(
      budget.makeRoom(loading, 50 * MiB),
      (error: Error & { code: string; isRetryable: boolean }) => {
        assert.equal(error.code, 'model_load_failed');
        assert.equal(error.isRetryable, true);
        assert.match(error.message, /only 20 MiB of the memory budget is free/);
        return true;
      },
    );
    assert.equal(busy.unloaded, false);
  });

  it('refuses a model larger than the whole budget without unloading anything', async () => {
    const budget = new MemoryBudget(10 * MiB);
    const idle = member('idle', 5 * MiB, true, 1);
    const loading = member('huge', 0, false, 2);
    budget.join(idle);
    await assert.rejects(budget.makeRoom(loading, 11 * MiB), /more than the memory budget of 10 MiB/);
    assert.equal(idle.unloaded, false);
  });

  it('has no limit when no budget is configured', async () => {
    const budget = new MemoryBudget(undefined);
    await budget.makeRoom(member('any', 0, false, 0), Number.MAX_SAFE_INTEGER);
  });
});
