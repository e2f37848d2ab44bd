/**
 * Virtual keys: `dlt_<id>_<secret>`. The id is public (shown in listings, the store's lookup key); the
 * secret is 192 random bits. Only sha256 of the whole key is kept — a fast hash is enough for a random
 * secret of that size, and keeps the per-request check to a microsecond.
 */
import { hash as digest, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 12;
const KEY_PATTERN = /^dlt_([a-z0-9]{12})_([A-Za-z0-9_-]{32})$/;

/** A freshly minted key: the whole key (shown once), its id and its hash. */
export interface MintedKey {
  readonly key: string;
  readonly id: string;
  readonly hash: string;
}

/** Mints a new key. */
export function mintKey(): MintedKey {
  const bytes = randomBytes(ID_LENGTH);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  const key = `dlt_${id}_${randomBytes(24).toString('base64url')}`;
  return { key, id, hash: hashKey(key) };
}

/** The id of a well-formed key, or undefined for anything else (so garbage never reaches the store). */
export function keyId(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/** sha256 of a key, hex. */
export function hashKey(key: string): string {
  return digest('sha256', key, 'hex');
}

/** Whether `key` hashes to `hash`, compared in constant time. */
export function keyMatches(key: string, hash: string): boolean {
  const expected = Buffer.from(hash, 'hex');
  // One-shot: no Hash object per request (~1 µs of the ~2 µs `createHash` took per presented key).
  const actual = digest('sha256', key, 'buffer');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
