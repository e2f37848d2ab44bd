/**
 * An incremental HTTP/1.1 response reader for the TTFT client: status line, headers, then a body framed by
 * `content-length` or `transfer-encoding: chunked`, handed out as decoded bytes. One response at a time.
 */

type State = 'head' | 'fixed' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** Reads one response from the bytes pushed into it; `onBody` receives decoded body bytes as they arrive. */
export class Http1ResponseReader {
  status = 0;
  /** Lower-cased response headers, once the head has been read. */
  readonly headers = new Map<string, string>();
  #state: State = 'head';
  #buffer: Buffer = Buffer.alloc(0);
  #remaining = 0;
  readonly #onBody: (bytes: Buffer) => void;

  constructor(onBody: (bytes: Buffer) => void) {
    this.#onBody = onBody;
  }

  /** Feeds received bytes; returns true once the whole response has been read. Throws on malformed input. */
  push(data: Buffer): boolean {
    this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
    while (this.#state !== 'done' && this.#step()) {
      // Each step consumes what it can; stop when it needs more bytes.
    }
    return this.#state === 'done';
  }

  #step(): boolean {
    switch (this.#state) {
      case 'head':
        return this.#readHead();
      case 'fixed':
      case 'chunk-data':
        return this.#readData();
      case 'chunk-size':
        return this.#readChunkSize();
      case 'chunk-end':
        return this.#expectCrlf('chunk-size');
      case 'trailers':
        return this.#readTrailers();
      case 'done':
        return false;
    }
  }

  #take(length: number): Buffer {
    const taken = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return taken;
  }

  #readHead(): boolean {
    const end = this.#buffer.indexOf(HEAD_END);
    if (end === -1) return false;
    const [statusLine = '', ...lines] = this.#take(end + HEAD_END.length)
      .toString('latin1')
      .trimEnd()
      .split('\r\n');
    this.status = Number(statusLine.split(' ')[1]);
    for (const line of lines) {
      const colon = line.indexOf(':');
      this.headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    if (this.headers.get('transfer-encoding')?.toLowerCase().includes('chunked') === true) {
      this.#state = 'chunk-size';
    } else if (this.headers.has('content-length')) {
      this.#remaining = Number(this.headers.get('content-length'));
      this.#state = this.#remaining === 0 ? 'done' : 'fixed';
    } else {
      throw new Error('response has neither content-length nor chunked encoding');
    }
    return true;
  }

  #readData(): boolean {
    if (this.#buffer.length === 0) return false;
    const bytes = this.#take(Math.min(this.#remaining, this.#buffer.length));
    this.#remaining -= bytes.length;
    this.#onBody(bytes);
    if (this.#remaining === 0) this.#state = this.#state === 'fixed' ? 'done' : 'chunk-end';
    return true;
  }

  #readChunkSize(): boolean {
    const end = this.#buffer.indexOf(CRLF);
    if (end === -1) return false;
    const size = Number.parseInt(
      this.#take(end + CRLF.length)
        .toString('latin1')
        .split(';')[0] ?? '',
      16,
    );
    if (!Number.isFinite(size)) throw new Error('malformed chunk size');
    this.#remaining = size;
    this.#state = size === 0 ? 'trailers' : 'chunk-data';
    return true;
  }

  #expectCrlf(next: State): boolean {
    if (this.#buffer.length < CRLF.length) return false;
    if (!this.#take(CRLF.length).equals(CRLF)) throw new Error('missing CRLF after a chunk');
    this.#state = next;
    return true;
  }

  #readTrailers(): boolean {
    if (this.#buffer.subarray(0, CRLF.length).equals(CRLF)) return this.#expectCrlf('done');
    const end = this.#buffer.indexOf(HEAD_END);
    if (end === -1) return false;
    this.#take(end + HEAD_END.length);
    this.#state = 'done';
    return true;
  }
}
