import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  auditKey,
  entryHash,
  GENESIS_HASH,
  KEY_SWITCH_ACTION,
  parseAnchor,
  verifyChain,
  type AuditKey,
  type ChainedEntry,
  type ChainVerdict,
} from './audit-chain.ts';

const KEY = auditKey('a'.repeat(64));
const OTHER_KEY = auditKey('b'.repeat(64));

/** Appends `count` entries after `chain`, hashed under `key` (plain without one), as the store does. */
function extend(
  chain: readonly ChainedEntry[],
  count: number,
  key?: AuditKey,
  action = 'team.update',
): ChainedEntry[] {
  const entries = [...chain];
  for (let index = 0; index < count; index += 1) {
    const previous = entries.at(-1);
    const fields = {
      at: 1_000 + entries.length,
      actor: 'admin',
      action,
      subject: 'risk',
      details: JSON.stringify({ rpm: entries.length }),
    };
    const prevHash = previous?.hash ?? GENESIS_HASH;
    entries.push({ ...fields, seq: entries.length + 1, prevHash, hash: entryHash(prevHash, fields, key) });
  }
  return entries;
}

/** The chain from `from` on, re-hashed as an attacker would: same links, their own hashing. */
function rehash(chain: readonly ChainedEntry[], from: number, key?: AuditKey): ChainedEntry[] {
  const entries = chain.slice(0, from - 1);
  for (const entry of chain.slice(from - 1)) {
    const prevHash = entries.at(-1)?.hash ?? GENESIS_HASH;
    entries.push({ ...entry, prevHash, hash: entryHash(prevHash, entry, key) });
  }
  return entries;
}

function problem(verdict: ChainVerdict): [string, number] | 'ok' {
  return verdict.ok ? 'ok' : [verdict.problem, verdict.seq];
}

void describe('the keyed audit chain', () => {
  const plain = extend([], 3);
  const switched = extend(plain, 3, KEY);

  it('verifies an unkeyed chain without a key, and a chain that turned keyed with the key', () => {
    assert.deepEqual(verifyChain(plain), { ok: true, entries: 3, head: plain[2]!.hash, keyedFrom: null });
    assert.deepEqual(verifyChain(switched, { key: KEY }), {
      ok: true,
      entries: 6,
      head: switched[5]!.hash,
      keyedFrom: 4,
    });
    assert.match(switched[3]!.hash, new RegExp(`^hmac:${KEY.id}:[0-9a-f]{64}$`));
    assert.equal(switched[3]!.prevHash, plain[2]!.hash, 'the first keyed entry links to the unkeyed head');
  });

  it('catches an edit in the unkeyed part rehashed up to the switch: the keyed entry still links to the old head', () => {
    const edited = [...switched];
    edited[1] = { ...edited[1]!, actor: 'nobody' };
    const forged = [...rehash(edited.slice(0, 3), 2), ...edited.slice(3)];
    assert.deepEqual(problem(verifyChain(forged, { key: KEY })), ['deleted', 4]);
  });

  it('catches a keyed chain rewritten without the key, whatever the forger does', () => {
    const edited = switched.map((entry) => (entry.seq === 5 ? { ...entry, actor: 'nobody' } : entry));
    assert.deepEqual(problem(verifyChain(edited, { key: KEY })), ['edited', 5]);
    // Plain SHA-256 from the edit on, as against an unkeyed chain.
    assert.deepEqual(problem(verifyChain(rehash(edited, 5), { key: KEY })), ['unkeyed', 5]);
    // The whole log rewritten plain: nothing is keyed although the gateway has a key.
    assert.deepEqual(problem(verifyChain(rehash(edited, 1), { key: KEY })), ['unkeyed', 6]);
    // The right key id copied, a guessed secret behind it.
    const guessed = { secret: 'guess', id: KEY.id };
    assert.deepEqual(problem(verifyChain(rehash(edited, 5, guessed), { key: KEY })), ['edited', 5]);
    // Their own key.
    assert.deepEqual(problem(verifyChain(rehash(edited, 5, OTHER_KEY), { key: KEY })), ['wrong_key', 5]);
  });

  it('says when the key is missing or wrong', () => {
    const missing = verifyChain(switched);
    assert.deepEqual(problem(missing), ['key_missing', 4]);
    assert.match(
      missing.ok ? '' : missing.message,
      /no audit key is configured: set audit\.key or DAULAT_AUDIT_KEY/,
    );
    const wrong = verifyChain(switched, { key: OTHER_KEY });
    assert.deepEqual(problem(wrong), ['wrong_key', 4]);
    assert.match(
      wrong.ok ? '' : wrong.message,
      new RegExp(`key id ${KEY.id} but the configured key's id is ${OTHER_KEY.id}`),
    );
  });

  it('reports unkeyed entries appended after keyed ones', () => {
    assert.deepEqual(problem(verifyChain(extend(switched, 1), { key: KEY })), ['unkeyed', 7]);
  });
});

void describe('a rotated audit key', () => {
  const THIRD_KEY = auditKey('c'.repeat(64));
  // Keyed under KEY, then a gateway started with OTHER_KEY: its `audit.key` entry opens the new stretch.
  const underKey = extend(extend([], 2), 3, KEY);
  const rotated = extend(extend(underKey, 1, OTHER_KEY, KEY_SWITCH_ACTION), 2, OTHER_KEY);

  it('verifies every stretch with the retired keys, oldest first, and the new key', () => {
    const verdict = verifyChain(rotated, { key: OTHER_KEY, retiredKeys: [KEY] });
    assert.deepEqual(verdict, { ok: true, entries: 8, head: rotated[7]!.hash, keyedFrom: 3 });
    const twice = extend(extend(rotated, 1, THIRD_KEY, KEY_SWITCH_ACTION), 1, THIRD_KEY);
    assert.equal(verifyChain(twice, { key: THIRD_KEY, retiredKeys: [KEY, OTHER_KEY] }).ok, true);
  });

  it('reports the old stretch as wrong_key without the retired key, naming retired_keys', () => {
    assert.deepEqual(problem(verifyChain(rotated, { key: OTHER_KEY })), ['wrong_key', 3]);
    const verdict = verifyChain(extend(rotated, 1, THIRD_KEY, KEY_SWITCH_ACTION), {
      key: THIRD_KEY,
      retiredKeys: [OTHER_KEY],
    });
    assert.deepEqual(problem(verdict), ['wrong_key', 3]);
    assert.match(verdict.ok ? '' : verdict.message, /or any of audit\.retired_keys/);
  });

  it('refuses an entry under a retired key after the switch, and keys given in the wrong order', () => {
    const late = extend(rotated, 1, KEY);
    const verdict = verifyChain(late, { key: OTHER_KEY, retiredKeys: [KEY] });
    assert.deepEqual(problem(verdict), ['wrong_key', 9]);
    assert.match(verdict.ok ? '' : verdict.message, /retired audit key id .* after the log moved on/);
    // A retired key is still a secret: an edit re-keyed under it after the switch is refused the same way.
    assert.deepEqual(problem(verifyChain(rehash(rotated, 7, KEY), { key: OTHER_KEY, retiredKeys: [KEY] })), [
      'wrong_key',
      7,
    ]);
    assert.deepEqual(problem(verifyChain(rotated, { key: KEY, retiredKeys: [OTHER_KEY] })), ['wrong_key', 6]);
  });

  it('requires the switch to a new key to be the audit.key entry a gateway writes', () => {
    const unannounced = extend(underKey, 2, OTHER_KEY);
    const verdict = verifyChain(unannounced, { key: OTHER_KEY, retiredKeys: [KEY] });
    assert.deepEqual(problem(verdict), ['wrong_key', 6]);
    assert.match(verdict.ok ? '' : verdict.message, /without the audit\.key entry/);
  });
});

void describe('anchors', () => {
  const chain = extend([], 5, KEY);

  it('pass while the anchored entry is there unchanged', () => {
    assert.equal(verifyChain(chain, { key: KEY, anchor: { seq: 5, hash: chain[4]!.hash } }).ok, true);
    assert.equal(
      verifyChain(extend(chain, 2, KEY), { key: KEY, anchor: { seq: 5, hash: chain[4]!.hash } }).ok,
      true,
    );
  });

  it('catch entries cut off the end, which the chain alone cannot', () => {
    const cut = chain.slice(0, 3);
    assert.equal(verifyChain(cut, { key: KEY }).ok, true);
    const verdict = verifyChain(cut, { key: KEY, anchor: { seq: 5, hash: chain[4]!.hash } });
    assert.deepEqual(problem(verdict), ['truncated', 5]);
    assert.match(verdict.ok ? '' : verdict.message, /anchored entry 5 is gone: the log ends at entry 3/);
  });

  it('catch an unkeyed log rewritten consistently from the anchored entry or before', () => {
    const unkeyed = extend([], 5);
    const rewritten = rehash(
      unkeyed.map((entry) => (entry.seq === 2 ? { ...entry, actor: 'nobody' } : entry)),
      2,
    );
    assert.equal(verifyChain(rewritten).ok, true);
    const verdict = verifyChain(rewritten, { anchor: { seq: 4, hash: unkeyed[3]!.hash } });
    assert.deepEqual(problem(verdict), ['anchor_mismatch', 4]);
  });

  it('parse from seq:hash, keyed hashes included', () => {
    assert.deepEqual(parseAnchor(`5:${chain[4]!.hash}`), { seq: 5, hash: chain[4]!.hash });
    assert.deepEqual(parseAnchor('12:abc'), { seq: 12, hash: 'abc' });
    for (const text of ['', '5', ':abc', '0:abc', 'x:abc', '5:'])
      assert.equal(parseAnchor(text), undefined, text);
  });
});
