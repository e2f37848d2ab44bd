/**
 * A bounds-checked little-endian reader over a file, buffered in chunks: every read past the end of the
 * file throws `TruncatedFileError` instead of yielding zeros.
 */
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

/** A read needed bytes the file does not have. */
export class TruncatedFileError extends Error {
  constructor(position: number, wanted: number, size: number) {
    super(`truncated: ${wanted} bytes needed at offset ${position}, but the file ends at ${size}`);
    this.name = 'TruncatedFileError';
  }
}

/** Reads a file front to back; `position` is the offset of the next read. */
export class FileCursor {
  readonly size: number;
  position = 0;
  readonly #handle: FileHandle;
  #buffer = Buffer.alloc(0);
  #bufferStart = 0;

  constructor(handle: FileHandle, size: number) {
    this.#handle = handle;
    this.size = size;
  }

  /** Bytes between the cursor and the end of the file. */
  get remaining(): number {
    return this.size - this.position;
  }

  /** Moves past `count` bytes without reading them; throws if they are not in the file. */
  skip(count: number): void {
    if (count > this.remaining) throw new TruncatedFileError(this.position, count, this.size);
    this.position += count;
  }

  async u8(): Promise<number> {
    return (await this.#view(1)).readUInt8(0);
  }

  async u32(): Promise<number> {
    return (await this.#view(4)).readUInt32LE(0);
  }

  /** A uint64 that must fit a JavaScript number (no file or count this large is real). */
  async u64(): Promise<number> {
    const value = (await this.#view(8)).readBigUInt64LE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(`value ${value} at offset ${this.position - 8} is implausibly large`);
    return Number(value);
  }

  /** A GGUF string: a uint64 length, then that many UTF-8 bytes; longer than `maxBytes` is an error. */
  async string(maxBytes = Number.MAX_SAFE_INTEGER): Promise<string> {
    const length = await this.u64();
    if (length > maxBytes)
      throw new RangeError(
        `a string of ${length} bytes at offset ${this.position - 8}, at most ${maxBytes} expected`,
      );
    return (await this.#view(length)).toString('utf8');
  }

  /** Skips a GGUF string, checking only that its bytes are in the file. */
  async skipString(): Promise<void> {
    this.skip(await this.u64());
  }

  /** Skips `count` GGUF strings; reads lengths straight from the buffer, as vocabularies hold 100k+ strings. */
  async skipStrings(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const offset = this.position - this.#bufferStart;
      const length =
        offset >= 0 && offset + 8 <= this.#buffer.length ? this.#buffer.readBigUInt64LE(offset) : undefined;
      if (length === undefined || length > BigInt(Number.MAX_SAFE_INTEGER)) {
        await this.skipString();
        continue;
      }
      this.position += 8;
      this.skip(Number(length));
    }
  }

  async #view(count: number): Promise<Buffer> {
    if (count > this.remaining) throw new TruncatedFileError(this.position, count, this.size);
    const offset = this.position - this.#bufferStart;
    if (offset < 0 || offset + count > this.#buffer.length) await this.#fill(count);
    const start = this.position - this.#bufferStart;
    this.position += count;
    return this.#buffer.subarray(start, start + count);
  }

  async #fill(count: number): Promise<void> {
    const length = Math.min(Math.max(count, CHUNK_BYTES), this.remaining);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.#handle.read(buffer, 0, length, this.position);
    if (bytesRead < count) throw new TruncatedFileError(this.position, count, this.position + bytesRead);
    this.#buffer = buffer.subarray(0, bytesRead);
    this.#bufferStart = this.position;
  }
}
