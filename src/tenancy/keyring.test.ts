import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyRecord, Store, Team } from '../store/store.ts';
import { mintKey } from './key-token.ts';
import { createKeyring } from './keyring.ts';

/** A store stand-in holding keys in a map and counting lookups (only what the keyring calls). */
function fakeStore(keys: KeyRecord[], teams: Team[] = []) {
  const lookups: string[] = [];
  const store = {
    keysChangedSince: async (after: number) => keys.filter((key) => key.updatedAt > after),
    listTeams: async () => teams,
    findKey: async (id: string) => {
      lookups.push(id);
      return keys.find((key) => key.id === id);
    },
  } as unknown as Store;
  return { store, lookups };
}

function record(minted: ReturnType<typeof mintKey>, extra: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: minted.id,
    team: 'risk',
    hash: minted.hash,
    limits: {},
    logContent: false,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...extra,
  };
}

describe('createKeyring', () => {
  it('authenticates a cached key synchronously, with its team', async () => {
    const minted = mintKey();
    const team: Team = { name: 'risk', limits: { rpm: 5 }, createdAt: 1, updatedAt: 1 };
    const { store, lookups } = fakeStore([record(minted)], [team]);
    const keyring = createKeyring(store);
    await keyring.start();
    const tenant = keyring.authenticate(minted.key);
    assert.ok(!(tenant instanceof Promise));
    assert.equal(tenant.key.id, minted.id);
    assert.deepEqual(tenant.team, team);
    assert.deepEqual(lookups, []);
    keyring.close();
  });

  it('refuses a wrong secret for a known id, a malformed key, a revoked and an expired key', async () => {
    const good = mintKey();
    const revoked = mintKey();
    const expired = mintKey();
    const { store } = fakeStore([
      record(good),
      record(revoked, { revokedAt: 2_000 }),
      record(expired, { expiresAt: 5_000 }),
    ]);
    const keyring = createKeyring(store, { now: () => 10_000 });
    await keyring.start();
    const forged = good.key.slice(0, -4) + 'AAAA';
    assert.throws(() => keyring.authenticate(forged), { code: 'invalid_api_key' });
    assert.throws(() => keyring.authenticate('dlt_short'), { code: 'invalid_api_key' });
    assert.throws(() => keyring.authenticate(revoked.key), { code: 'key_revoked' });
    assert.throws(() => keyring.authenticate(expired.key), { code: 'key_expired' });
    keyring.close();
  });

  it('leaves a key not shaped like a virtual key to the caller, and knows a verified key again', async () => {
    const minted = mintKey();
    const { store } = fakeStore([record(minted)]);
    const keyring = createKeyring(store);
    await keyring.start();
    assert.equal(keyring.authenticateIfKey('sk-an-admin-key'), undefined);
    assert.equal(keyring.authenticateIfKey('dlt_short'), undefined);
    const first = keyring.authenticateIfKey(minted.key);
    const again = keyring.authenticateIfKey(minted.key);
    assert.ok(first !== undefined && !(first instanceof Promise));
    assert.ok(again !== undefined && !(again instanceof Promise));
    assert.equal(again.key.id, minted.id);
    // A wrong secret for the same id is still refused after the right one was verified.
    assert.throws(() => keyring.authenticateIfKey(minted.key.slice(0, -4) + 'AAAA'), {
      code: 'invalid_api_key',
    });
    keyring.close();
  });

  it('looks up an unknown id once, then remembers the miss for missTtlMs', async () => {
    let now = 0;
    const { store, lookups } = fakeStore([]);
    const keyring = createKeyring(store, { now: () => now, missTtlMs: 1_000 });
    await keyring.start();
    const stranger = mintKey();
    for (let attempt = 0; attempt < 3; attempt++)
      await assert.rejects(async () => keyring.authenticate(stranger.key), { code: 'invalid_api_key' });
    assert.equal(lookups.length, 1);
    now = 2_000;
    await assert.rejects(async () => keyring.authenticate(stranger.key));
    assert.equal(lookups.length, 2);
    keyring.close();
  });

  it('finds a key another replica created, and learns of its revocation on refresh', async () => {
    const minted = mintKey();
    const keys: KeyRecord[] = [];
    const { store } = fakeStore(keys);
    const keyring = createKeyring(store, { refreshMs: 10 });
    await keyring.start();
    keys.push(record(minted, { updatedAt: Date.now() }));
    assert.equal((await keyring.authenticate(minted.key)).key.id, minted.id);
    keys[0] = record(minted, { revokedAt: Date.now(), updatedAt: Date.now() + 1 });
    let refused = false;
    for (let attempt = 0; attempt < 100 && !refused; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      try {
        await keyring.authenticate(minted.key);
      } catch (error) {
        refused = (error as { code?: string }).code === 'key_revoked';
      }
    }
    assert.ok(refused);
    keyring.close();
  });
});
