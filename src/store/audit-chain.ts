/**
 * The audit log's hash chain: each entry's hash covers its content and the previous entry's hash, so an
 * edited, deleted or reordered entry breaks the chain where it happened. Pure: the store appends, this checks.
 */
import { createHash } from 'node:crypto';

/** The hash an empty log chains from. */
export const GENESIS_HASH = '0'.repeat(64);

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

/**
 * The entry hash. The sequence number is left out on purpose: renumbering rows to hide a deletion or a
 * swap still breaks the `prevHash` links, and verification can then say which of the two happened.
 */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  const framed = JSON.stringify([
    prevHash,
    fields.at,
    fields.actor,
    fields.action,
    fields.subject,
    fields.details,
  ]);
  return createHash('sha256').update(framed).digest('hex');
}

/** What verification found: every entry intact, or the first place the chain breaks and how. */
export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly seq: number;
      readonly problem: 'edited' | 'deleted' | 'reordered';
      readonly message: string;
    };

/** Walks the entries in `seq` order and reports the first break. */
export function verifyChain(entries: readonly ChainedEntry[]): ChainVerdict {
  const positions = new Map(entries.map((entry) => [entry.hash, entry.seq]));
  let previous: ChainedEntry | undefined;
  for (const entry of entries) {
    const broken = checkEntry(entry, previous, positions);
    if (broken !== undefined) return { ok: false, entries: entries.length, seq: entry.seq, ...broken };
    previous = entry;
  }
  return { ok: true, entries: entries.length, head: previous?.hash ?? GENESIS_HASH };
}

function checkEntry(
  entry: ChainedEntry,
  previous: ChainedEntry | undefined,
  positions: ReadonlyMap<string, number>,
): { problem: 'edited' | 'deleted' | 'reordered'; message: string } | undefined {
  if (entryHash(entry.prevHash, entry) !== entry.hash) {
    return {
      problem: 'edited',
      message: `entry ${entry.seq} was edited: its content no longer matches its hash`,
    };
  }
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
