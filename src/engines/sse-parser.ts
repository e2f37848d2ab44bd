/**
 * An incremental Server-Sent Events parser (WHATWG HTML §9.2.6) for upstream streams: bytes in, events out,
 * with chunks split anywhere, including inside a UTF-8 character or between `\r` and `\n`.
 */
import { StringDecoder } from 'node:string_decoder';

/** One dispatched event: `event` is '' when the stream named none; `data` lines are joined with `\n`. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * Feed it with `push(chunk)` and call `end()` once the body ends; `onEvent` runs synchronously for each
 * complete event. Unlike browsers it also dispatches a final event that lacks its trailing blank line.
 */
export class SseParser {
  // StringDecoder keeps a split multi-byte character for the next chunk and is faster than TextDecoder here.
  readonly #decoder = new StringDecoder('utf8');
  readonly #onEvent: (event: SseEvent) => void;
  #pending = '';
  #skipLineFeed = false;
  #atStart = true;
  #data = '';
  #hasData = false;
  #event = '';
  #id: string | undefined;

  constructor(onEvent: (event: SseEvent) => void) {
    this.#onEvent = onEvent;
  }

  /** Parses the next piece of the stream. */
  push(chunk: Uint8Array | string): void {
    const decoded = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    if (decoded === '') return;
    if (this.#pending !== '' && !this.#skipLineFeed && !decoded.includes('\n') && !decoded.includes('\r')) {
      // Still inside one line: appending without rescanning keeps a line split into many chunks linear.
      this.#pending += decoded;
      return;
    }
    this.#parse(this.#pending === '' ? decoded : this.#pending + decoded);
  }

  /** Flushes the last line and dispatches a final event that lacks its trailing blank line. */
  end(): void {
    const rest = this.#decoder.end();
    const text = this.#pending + rest;
    this.#pending = '';
    if (text !== '') {
      this.#parse(text);
      if (this.#pending !== '') this.#line(this.#pending, 0, this.#pending.length);
      this.#pending = '';
    }
    this.#dispatch();
  }

  #parse(text: string): void {
    let start = 0;
    if (this.#atStart && text.length > 0) {
      this.#atStart = false;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (this.#skipLineFeed && start < text.length) {
      this.#skipLineFeed = false;
      if (text.charCodeAt(start) === LF) start++;
    }
    // Two native searches instead of a per-character loop; most upstreams never send `\r`.
    let nextLf = text.indexOf('\n', start);
    let nextCr = text.indexOf('\r', start);
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      this.#line(text, start, end);
      start = end + 1;
      if (end === nextCr) {
        if (start === text.length) this.#skipLineFeed = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    }
    this.#pending = start === 0 ? text : text.slice(start);
  }

  #line(text: string, start: number, end: number): void {
    if (start === end) return this.#dispatch();
    if (text.charCodeAt(start) === COLON) return;
    let colon = text.indexOf(':', start);
    if (colon === -1 || colon > end) colon = end;
    let valueStart = colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = valueStart >= end ? '' : text.slice(valueStart, end);
    // Compared in place: slicing the field name of every line would allocate on the hot path.
    const nameLength = colon - start;
    if (nameLength === 4 && text.startsWith('data', start)) {
      this.#data = this.#hasData ? `${this.#data}\n${value}` : value;
      this.#hasData = true;
    } else if (nameLength === 5 && text.startsWith('event', start)) {
      this.#event = value;
    } else if (nameLength === 2 && text.startsWith('id', start) && !value.includes('\0')) {
      this.#id = value;
    }
    // `retry` and unknown fields are ignored: reconnection has no meaning for a proxied response.
  }

  #dispatch(): void {
    if (!this.#hasData) {
      this.#event = '';
      return;
    }
    const event: SseEvent = { event: this.#event, data: this.#data, id: this.#id };
    this.#data = '';
    this.#hasData = false;
    this.#event = '';
    this.#onEvent(event);
  }
}
