/**
 * The audit log's hash chain: each entry's hash covers its content and the previous entry's hash, so an
 * edited, deleted or reordered entry breaks the chain where it happened. With an audit key the hash is an
 * HMAC-SHA256 (`hmac:<key id>:<hex>`), so only the key's holder can write a consistent chain; an anchor
 * (a `seq:hash` recorded elsewhere) catches entries cut off the end. Pure: the store appends, this checks.
 */
import { createHash, createHmac } from 'node:crypto';

/** The hash an empty log chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The action of the entry a keyed gateway appends when the chain switches to its key. */
export const KEY_SWITCH_ACTION = 'audit.key';

/** The hashed fields of one entry, as stored (details already JSON text). */
export interface ChainedFields {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
}

/** One stored entry: its fields, its position and its links. */
export interface ChainedEntry extends ChainedFields {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** A secret that keys the chain, and its public id (an HMAC of a constant, so it reveals nothing). */
export interface AuditKey {
  readonly secret: string;
  readonly id: string;
}

/** A head recorded elsewhere: verification fails unless entry `seq` still exists with this hash. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** Derives the key's id, which every keyed hash carries so verification can tell a wrong key apart. */
export function auditKey(secret: string): AuditKey {
  const id = createHmac('sha256', secret).update('daulat audit key id').digest('hex').slice(0, 16);
  return { secret, id };
}

/**
 * The entry hash: plain SHA-256 without a key, `hmac:<key id>:<HMAC-SHA256>` with one. The sequence number
 * is left out on purpose: renumbering rows to hide a deletion or a swap still breaks the `prevHash` links,
 * and verification can then say which of the two happened.
 */
export function entryHash(prevHash: string, fields: ChainedFields, key?: AuditKey): string {
  const framed = JSON.stringify([
    prevHash,
    fields.at,
    fields.actor,
    fields.action,
    fields.subject,
    fields.details,
  ]);
  if (key === undefined) return createHash('sha256').update(framed).digest('hex');
  return `hmac:${key.id}:${createHmac('sha256', key.secret).update(framed).digest('hex')}`;
}

/** The key id a stored hash was made under, or undefined for a plain SHA-256 hash. */
export function hashKeyId(hash: string): string | undefined {
  return KEYED_HASH.exec(hash)?.[1];
}

/** `42:hmac:…` or `42:9f…` → `{seq, hash}`; undefined when the text is not an anchor. */
export function parseAnchor(text: string): AuditAnchor | undefined {
  const match = /^(\d+):(\S+)$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) && seq > 0 ? { seq, hash: match[2] } : undefined;
}

/** What can be wrong with a log. */
export type ChainProblem =
  | 'edited'
  | 'deleted'
  | 'reordered'
  | 'unkeyed'
  | 'key_missing'
  | 'wrong_key'
  | 'truncated'
  | 'anchor_mismatch';

/** What verification found: every entry intact, or the first place the chain breaks and how. */
export type ChainVerdict =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly head: string;
      /** The first entry hashed under the key, or null when no entry is keyed. */
      readonly keyedFrom: number | null;
    }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly seq: number;
      readonly problem: ChainProblem;
      readonly message: string;
    };

/** How to verify: the key the gateway is configured with, and an anchor to hold the log to. */
export interface VerifyOptions {
  readonly key?: AuditKey;
  /**
   * Keys the log was keyed under before `key`, oldest first (`audit.retired_keys`): their stretches verify
   * under them, in this order, each new stretch starting with the `audit.key` entry of the switch.
   */
  readonly retiredKeys?: readonly AuditKey[];
  readonly anchor?: AuditAnchor;
}

type Break = { problem: ChainProblem; message: string };

/** Walks the entries in `seq` order and reports the first break, then checks the key and the anchor. */
export function verifyChain(entries: readonly ChainedEntry[], options: VerifyOptions = {}): ChainVerdict {
  const positions = new Map(entries.map((entry) => [entry.hash, entry.seq]));
  const fail = (seq: number, broken: Break): ChainVerdict => ({
    ok: false,
    entries: entries.length,
    seq,
    ...broken,
  });
  const keys = new KeyStretches(options);
  let previous: ChainedEntry | undefined;
  let keyedFrom: number | null = null;
  for (const entry of entries) {
    const broken =
      checkKey(entry, keyedFrom, keys) ??
      checkHash(entry, keys.keyOf(entry)) ??
      checkLink(entry, previous, positions);
    if (broken !== undefined) return fail(entry.seq, broken);
    if (keyedFrom === null && hashKeyId(entry.hash) !== undefined) keyedFrom = entry.seq;
    previous = entry;
  }
  if (previous !== undefined && options.key !== undefined && hashKeyId(previous.hash) === undefined) {
    return fail(previous.seq, {
      problem: 'unkeyed',
      message: `an audit key is configured but the newest entry (${previous.seq}) is not keyed: the log was rewritten or cut back by someone without the key`,
    });
  }
  const anchored = options.anchor === undefined ? undefined : checkAnchor(entries, options.anchor);
  if (anchored !== undefined && options.anchor !== undefined) return fail(options.anchor.seq, anchored);
  return { ok: true, entries: entries.length, head: previous?.hash ?? GENESIS_HASH, keyedFrom };
}

const KEYED_HASH = /^hmac:([0-9a-f]{16}):[0-9a-f]{64}$/;

/**
 * The keys a log may be keyed under, in the order it was keyed under them (retired keys, then the configured
 * one), and which of them the walk has reached: a stretch never returns to an earlier key, and a switch to a
 * later key happens only at the `audit.key` entry a gateway appends when it starts with a new key.
 */
class KeyStretches {
  readonly configured: AuditKey | undefined;
  readonly #keys: readonly AuditKey[];
  #current = -1;

  constructor(options: VerifyOptions) {
    this.configured = options.key;
    this.#keys = options.key === undefined ? [] : [...(options.retiredKeys ?? []), options.key];
  }

  /** The key the entry's hash names, if it is one of ours. */
  keyOf(entry: ChainedEntry): AuditKey | undefined {
    const keyId = hashKeyId(entry.hash);
    return keyId === undefined ? undefined : this.#keys.find((key) => key.id === keyId);
  }

  /** Moves the walk to the entry's key; a break when the entry may not be under it here. */
  enter(entry: ChainedEntry, keyId: string): Break | undefined {
    const index = this.#keys.findIndex((key) => key.id === keyId);
    const configured = this.configured as AuditKey;
    if (index === -1) {
      const retired = this.#keys.length > 1 ? ' or any of audit.retired_keys' : '';
      return {
        problem: 'wrong_key',
        message: `entry ${entry.seq} is keyed with audit key id ${keyId} but the configured key's id is ${configured.id}${retired}: the audit key is wrong, or the entry was forged`,
      };
    }
    if (index === this.#current) return undefined;
    if (index < this.#current) {
      return {
        problem: 'wrong_key',
        message: `entry ${entry.seq} is keyed with the retired audit key id ${keyId} after the log moved on to key id ${this.#keys[this.#current]!.id}: written with a retired key, or forged`,
      };
    }
    // A real log's first keyed entry is an `audit.key` entry too, but logs keyed by hand (and the tests'
    // chains) may start anywhere; only a switch between two keys is required to be recorded.
    if (this.#current !== -1 && entry.action !== KEY_SWITCH_ACTION) {
      return {
        problem: 'wrong_key',
        message: `entry ${entry.seq} starts a stretch under audit key id ${keyId} without the ${KEY_SWITCH_ACTION} entry a gateway writes when it switches keys: forged, or written with a key not yet in use`,
      };
    }
    this.#current = index;
    return undefined;
  }
}

/** Whether the entry was hashed the way the configured keys (or their absence) say it must be. */
function checkKey(entry: ChainedEntry, keyedFrom: number | null, keys: KeyStretches): Break | undefined {
  const keyId = hashKeyId(entry.hash);
  if (keyId === undefined) {
    if (keyedFrom === null) return undefined;
    return {
      problem: 'unkeyed',
      message: `entry ${entry.seq} is not keyed although entries from ${keyedFrom} on are: it was written without the audit key (by a gateway without audit.key, or forged)`,
    };
  }
  if (keys.configured === undefined) {
    return {
      problem: 'key_missing',
      message: `entries from ${entry.seq} on are keyed (HMAC-SHA256, key id ${keyId}) but no audit key is configured: set audit.key or DAULAT_AUDIT_KEY to verify them`,
    };
  }
  return keys.enter(entry, keyId);
}

function checkHash(entry: ChainedEntry, key: AuditKey | undefined): Break | undefined {
  const keyed = hashKeyId(entry.hash) !== undefined;
  const expected = entryHash(entry.prevHash, entry, keyed ? key : undefined);
  if (expected === entry.hash) return undefined;
  return keyed
    ? {
        problem: 'edited',
        message: `entry ${entry.seq} was edited or forged: its content no longer matches its HMAC`,
      }
    : { problem: 'edited', message: `entry ${entry.seq} was edited: its content no longer matches its hash` };
}

function checkLink(
  entry: ChainedEntry,
  previous: ChainedEntry | undefined,
  positions: ReadonlyMap<string, number>,
): Break | undefined {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.prevHash === expectedPrev) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq === expectedSeq) return undefined;
    return {
      problem: 'reordered',
      message: `entry ${entry.seq} was renumbered: expected number ${expectedSeq}`,
    };
  }
  const linked = positions.get(entry.prevHash);
  if (linked !== undefined) {
    return {
      problem: 'reordered',
      message: `entry ${entry.seq} is out of order: it was written after entry ${linked}, not after ${previous?.seq ?? 'the start'}`,
    };
  }
  const after = previous === undefined ? 'the start of the log' : `entry ${previous.seq}`;
  return { problem: 'deleted', message: `entries are missing between ${after} and entry ${entry.seq}` };
}

/** Runs on a chain already found intact, so its entries are numbered 1…n without gaps. */
function checkAnchor(entries: readonly ChainedEntry[], anchor: AuditAnchor): Break | undefined {
  const entry = entries[anchor.seq - 1];
  if (entry === undefined) {
    return {
      problem: 'truncated',
      message: `anchored entry ${anchor.seq} is gone: the log ends at entry ${entries.length}, so entries were cut off its end`,
    };
  }
  if (entry.hash === anchor.hash) return undefined;
  return {
    problem: 'anchor_mismatch',
    message: `entry ${anchor.seq} differs from the anchor: its hash is ${entry.hash}, the anchor recorded ${anchor.hash}, so the log was rewritten from there or earlier`,
  };
}
