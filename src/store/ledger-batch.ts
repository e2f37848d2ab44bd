/**
 * A batch of ledger rows as it crosses to the writer thread: by column kind, not row by row. Numbers go in one
 * Float64Array and strings as indices into a table of the batch's distinct strings, so the many values every
 * row repeats (its team, key, model, deployment, location, operation, status, reference model) cross once per
 * batch; the two arrays are copied as whole blocks of memory. Encoding a row this way costs a
 * quarter of flattening it and passing it through V8's serializer (0.9–1.6 µs against 4.2–4.6 µs a row, 1,000-row
 * batches with distinct request ids), and the thread rebuilds the flattened parameters from it as cheaply.
 */
import { randomUUID } from 'node:crypto';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';
import type { LedgerTable } from './tables.ts';

/** Each column's kind; the type check below fails when a column's kind and its LedgerTable type disagree. */
const KINDS = {
  at: 'number',
  request_id: 'text',
  purpose: 'text',
  team: 'text',
  key_id: 'text',
  model: 'text',
  deployment: 'text',
  location: 'text',
  operation: 'text',
  stream: 'number',
  status: 'text',
  error_code: 'text',
  input_tokens: 'number',
  cached_input_tokens: 'number',
  output_tokens: 'number',
  reasoning_tokens: 'number',
  cost_usd: 'number',
  reference_model: 'text',
  reference_cost_usd: 'number',
  latency_ms: 'number',
  ttft_ms: 'number',
  attempts: 'number',
  data_classes: 'text',
  guard_actions: 'text',
  content: 'text',
} as const satisfies Record<keyof LedgerTable, 'number' | 'text'>;

type ColumnsOf<Kind> = {
  [C in keyof typeof KINDS]: (typeof KINDS)[C] extends Kind ? C : never;
}[keyof typeof KINDS];
type NumberColumn = ColumnsOf<'number'>;
type TextColumn = ColumnsOf<'text'>;
const kindsMatch: [
  { [C in NumberColumn]: LedgerTable[C] } extends Record<NumberColumn, number | null> ? true : false,
  { [C in TextColumn]: LedgerTable[C] } extends Record<TextColumn, string | null> ? true : false,
] = [true, true];
void kindsMatch;

const NUMBER_COLUMNS = LEDGER_COLUMNS.filter((column): column is NumberColumn => KINDS[column] === 'number');
const TEXT_COLUMNS = LEDGER_COLUMNS.filter((column): column is TextColumn => KINDS[column] === 'text');
/** Where each column's value comes from: [0, i] the i-th number column, [1, i] the i-th text column. */
const SOURCES = LEDGER_COLUMNS.map((column) =>
  KINDS[column] === 'number'
    ? ([0, NUMBER_COLUMNS.indexOf(column as NumberColumn)] as const)
    : ([1, TEXT_COLUMNS.indexOf(column as TextColumn)] as const),
);

/** A null text is this index; a null number is NaN (no ledger number is NaN: a NaN would be written as NULL anyway). */
const NULL_TEXT = -1;
/** A text in `bytes` at offset `at` is the index `BYTES_BASE - at`. */
const BYTES_BASE = -2;
/** Longest text kept in `bytes` (its length fits the one byte before it). */
const MAX_BYTES_TEXT = 255;

/** Rows encoded by column kind; `numbers` and `texts` own their buffers (a thread is sent copies of them). */
export interface LedgerBatch {
  /** Unique to this batch, so that writing it again (a retry) writes nothing twice. */
  readonly id: string;
  readonly count: number;
  /** Row by row, the number columns in LEDGER_COLUMNS order (room for more rows may follow `count`). */
  readonly numbers: Float64Array<ArrayBuffer>;
  /**
   * Row by row, the text columns in LEDGER_COLUMNS order (room may follow too): an index into `strings`, or for a
   * text kept in `bytes`, `BYTES_BASE` minus its offset there.
   */
  readonly texts: Int32Array<ArrayBuffer>;
  /**
   * The rows' own short ASCII texts (their request ids), each a length byte and then its characters (room may
   * follow). As strings they lived as long as their batch — a flush window, several of the young generation's
   * collections — so each was copied into the old generation, and the old generation's collections (marked on
   * V8's helper threads, competing with the event loop for the cores) came about a third more often under load.
   */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly strings: readonly string[];
}

/** Columns whose values are each row's own (its request id, its logged content): never looked up for reuse. */
const OWN_VALUE_COLUMNS: ReadonlySet<TextColumn> = new Set(['request_id', 'content']);
const OWN_VALUE = TEXT_COLUMNS.map((column) => OWN_VALUE_COLUMNS.has(column));

/**
 * How a builder reads each column's value from the rows it is given, a function per column. Called one after
 * another from one loop, these read each row's fields by name; reading `row[column]` by a changing column name
 * instead was a generic (megamorphic) property lookup per column, and it needed a LedgerTable object made for
 * every row first (rows.ts reads the gateway's ledger entries directly; about half the time a row, measured).
 */
export type LedgerColumnReaders<Row> = {
  readonly [C in keyof LedgerTable]: (row: Row) => LedgerTable[C];
};

/** A LedgerTable row's own columns. */
const TABLE_READERS = Object.fromEntries(
  LEDGER_COLUMNS.map((column) => [column, (row: LedgerTable) => row[column]]),
) as unknown as LedgerColumnReaders<LedgerTable>;

/** Rows a builder makes room for at first; it doubles from there. */
const INITIAL_ROWS = 64;

/**
 * Encodes rows one at a time as they arrive, so rows waiting for their flush are numbers in two typed arrays
 * (outside V8's heap) and one table of strings, not objects. A ledger row waits up to a flush window (250 ms by
 * default): as an object it outlived the young generation's collections, each of which copied it (and then
 * promoted it to the old generation, to be collected there). Under load that cost the main thread about as
 * much as writing the rows.
 */
export class LedgerBatchBuilder<Row = LedgerTable> {
  readonly #numberReaders: readonly ((row: Row) => number | null)[];
  readonly #textReaders: readonly ((row: Row) => string | null)[];
  #count = 0;
  #capacity = 0;
  #numbers = new Float64Array(0);
  #texts = new Int32Array(0);
  #bytes = new Uint8Array(0);
  #bytesUsed = 0;
  #strings: string[] = [];
  #interned = new Map<string, number>();
  /**
   * Each text column's previous value and its index: a row mostly repeats the one before it (its team, key,
   * model, deployment…), and comparing with that value is cheaper than a lookup in `#interned`.
   */
  #lastValue: (string | undefined)[] = noValues();
  #lastIndex: number[] = noIndexes();
  /**
   * Room a new batch starts with: a quarter more rows than the last one held. Under steady load batches are of a
   * size, so each is allocated once rather than grown by doubling (about 0.6 µs a row under load otherwise); with
   * room for exactly the last batch's rows, the half of batches a little larger than the one before still doubled.
   */
  #startCapacity = INITIAL_ROWS;
  /** Likewise the room for texts kept as bytes. */
  #startBytes = INITIAL_ROWS * 40;

  /** `readers`: how each column's value is read from a row (by default, a LedgerTable row's own column). */
  constructor(readers: LedgerColumnReaders<Row> = TABLE_READERS as unknown as LedgerColumnReaders<Row>) {
    this.#numberReaders = NUMBER_COLUMNS.map((column) => readers[column]);
    this.#textReaders = TEXT_COLUMNS.map((column) => readers[column]);
  }

  /** Rows added since the last seal. */
  get count(): number {
    return this.#count;
  }

  add(row: Row): void {
    if (this.#count === this.#capacity) this.#grow();
    let atNumber = this.#count * NUMBER_COLUMNS.length;
    let atText = this.#count * TEXT_COLUMNS.length;
    const numbers = this.#numbers;
    const texts = this.#texts;
    const numberReaders = this.#numberReaders;
    const textReaders = this.#textReaders;
    for (let index = 0; index < numberReaders.length; index++)
      numbers[atNumber++] = numberReaders[index]!(row) ?? Number.NaN;
    for (let index = 0; index < textReaders.length; index++) {
      const value = textReaders[index]!(row);
      texts[atText++] =
        value === null || value === undefined
          ? NULL_TEXT
          : OWN_VALUE[index]
            ? this.#own(value)
            : this.#intern(index, value);
    }
    this.#count += 1;
  }

  /** The rows added since the last seal, as one batch; the builder starts over empty. */
  seal(): LedgerBatch {
    const batch: LedgerBatch = {
      id: randomUUID(),
      count: this.#count,
      numbers: this.#numbers,
      texts: this.#texts,
      bytes: this.#bytes,
      strings: this.#strings,
    };
    this.#startCapacity = Math.max(INITIAL_ROWS, withHeadroom(this.#count));
    this.#startBytes = Math.max(INITIAL_ROWS * 40, withHeadroom(this.#bytesUsed));
    this.#count = 0;
    this.#capacity = 0;
    this.#numbers = new Float64Array(0);
    this.#texts = new Int32Array(0);
    this.#bytes = new Uint8Array(0);
    this.#bytesUsed = 0;
    this.#strings = [];
    this.#interned = new Map();
    this.#lastValue = noValues();
    this.#lastIndex = noIndexes();
    return batch;
  }

  /** The index of a row's own `value`: in `bytes` when it is short ASCII (a request id), else in `strings`. */
  #own(value: string): number {
    const length = value.length;
    if (length > MAX_BYTES_TEXT) return this.#strings.push(value) - 1;
    const at = this.#bytesUsed;
    if (at + 1 + length > this.#bytes.length) this.#growBytes(1 + length);
    const bytes = this.#bytes;
    for (let index = 0; index < length; index++) {
      const code = value.charCodeAt(index);
      // Not ASCII: kept as a string; what was written here is overwritten by the next text.
      if (code > 0x7f) return this.#strings.push(value) - 1;
      bytes[at + 1 + index] = code;
    }
    bytes[at] = length;
    this.#bytesUsed = at + 1 + length;
    return BYTES_BASE - at;
  }

  #growBytes(needed: number): void {
    let size = this.#bytes.length === 0 ? this.#startBytes : this.#bytes.length * 2;
    while (size < this.#bytesUsed + needed) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.#bytes);
    this.#bytes = bytes;
  }

  /** The index of `value` in this batch's strings, added if new; `column` is its text column's position. */
  #intern(column: number, value: string): number {
    if (this.#lastValue[column] === value) return this.#lastIndex[column]!;
    let index = this.#interned.get(value);
    if (index === undefined) {
      index = this.#strings.push(value) - 1;
      this.#interned.set(value, index);
    }
    this.#lastValue[column] = value;
    this.#lastIndex[column] = index;
    return index;
  }

  #grow(): void {
    const capacity = this.#capacity === 0 ? this.#startCapacity : this.#capacity * 2;
    const numbers = new Float64Array(capacity * NUMBER_COLUMNS.length);
    const texts = new Int32Array(capacity * TEXT_COLUMNS.length);
    numbers.set(this.#numbers);
    texts.set(this.#texts);
    this.#numbers = numbers;
    this.#texts = texts;
    this.#capacity = capacity;
  }
}

/** Room for `size` and a quarter more. */
function withHeadroom(size: number): number {
  return size + (size >> 2);
}

/**
 * A copy of `batch` whose arrays hold only its rows (not the room after them), and those arrays' buffers, for
 * `postMessage` to move to another thread rather than clone: cloning arrays in a message cost ~20 times a copy.
 */
export function movableCopy(batch: LedgerBatch): {
  readonly batch: LedgerBatch;
  readonly transfer: ArrayBuffer[];
} {
  const numbers = batch.numbers.slice(0, batch.count * NUMBER_COLUMNS.length);
  const texts = batch.texts.slice(0, batch.count * TEXT_COLUMNS.length);
  const bytes = batch.bytes.slice();
  return {
    batch: { id: batch.id, count: batch.count, numbers, texts, bytes, strings: batch.strings },
    transfer: [numbers.buffer, texts.buffer, bytes.buffer],
  };
}

/** A fresh "no previous value" for every text column (filled, so the array is not holey). */
function noValues(): (string | undefined)[] {
  return new Array<string | undefined>(TEXT_COLUMNS.length).fill(undefined);
}

function noIndexes(): number[] {
  return new Array<number>(TEXT_COLUMNS.length).fill(NULL_TEXT);
}

/** Encodes `rows` at once (see the file's comment). */
export function encodeLedgerBatch(rows: readonly LedgerTable[]): LedgerBatch {
  const builder = new LedgerBatchBuilder<LedgerTable>();
  for (const row of rows) builder.add(row);
  return builder.seal();
}

/** Rows [start, start + count) of `batch` as a batch of their own, named `id` (its texts' tables are shared). */
export function sliceLedgerBatch(batch: LedgerBatch, start: number, count: number, id: string): LedgerBatch {
  return {
    id,
    count,
    numbers: batch.numbers.slice(start * NUMBER_COLUMNS.length, (start + count) * NUMBER_COLUMNS.length),
    texts: batch.texts.slice(start * TEXT_COLUMNS.length, (start + count) * TEXT_COLUMNS.length),
    bytes: batch.bytes,
    strings: batch.strings,
  };
}

/**
 * A batch's rows read back one at a time, each into an array the caller passes (and may reuse for every row):
 * SQLite's writer binds the rows one after another to a one-row INSERT (sqlite-ledger-rows.ts).
 */
export class LedgerBatchRows {
  readonly #batch: LedgerBatch;
  readonly #bytes: Buffer;

  constructor(batch: LedgerBatch) {
    this.#batch = batch;
    this.#bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  }

  get count(): number {
    return this.#batch.count;
  }

  /** Writes row `row`'s values into `into` from index `at` on, in LEDGER_COLUMNS order, absent values null. */
  read(row: number, into: unknown[], at = 0): void {
    const { numbers, texts, strings } = this.#batch;
    const bytes = this.#bytes;
    const numberBase = row * NUMBER_COLUMNS.length;
    const textBase = row * TEXT_COLUMNS.length;
    for (const [kind, index] of SOURCES) {
      if (kind === 0) {
        const value = numbers[numberBase + index] as number;
        into[at++] = Number.isNaN(value) ? null : value;
      } else {
        const value = texts[textBase + index] as number;
        if (value >= 0) into[at++] = strings[value];
        else if (value === NULL_TEXT) into[at++] = null;
        else {
          const offset = BYTES_BASE - value;
          into[at++] = bytes.toString('latin1', offset + 1, offset + 1 + (bytes[offset] as number));
        }
      }
    }
  }
}

/** The batch's parameters, flattened row by row in LEDGER_COLUMNS order, absent values null (as `values()`). */
export function decodeLedgerBatch(batch: LedgerBatch): unknown[] {
  const rows = new LedgerBatchRows(batch);
  const out = new Array<unknown>(batch.count * LEDGER_COLUMNS.length);
  for (let row = 0; row < batch.count; row++) rows.read(row, out, row * LEDGER_COLUMNS.length);
  return out;
}
