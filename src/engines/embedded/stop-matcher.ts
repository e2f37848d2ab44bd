/**
 * Stop sequences over streamed text: releases text as soon as it cannot be the start of a stop
 * sequence, holds back only a tail that might be, and reports the first stop found (which is not sent).
 */
import { partialTagLength } from './think-splitter.ts';

/** One generation's stop matcher. */
export class StopMatcher {
  readonly #stops: readonly string[];
  #held = '';

  constructor(stops: readonly string[]) {
    this.#stops = stops.filter((stop) => stop !== '');
  }

  /** Takes generated text; returns the text to release and whether a stop sequence ended generation. */
  push(text: string): { readonly text: string; readonly stopped: boolean } {
    if (this.#stops.length === 0) return { text, stopped: false };
    const buffer = this.#held + text;
    let first = -1;
    for (const stop of this.#stops) {
      const at = buffer.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first >= 0) {
      this.#held = '';
      return { text: buffer.slice(0, first), stopped: true };
    }
    const keep = Math.max(...this.#stops.map((stop) => partialTagLength(buffer, stop)));
    this.#held = buffer.slice(buffer.length - keep);
    return { text: buffer.slice(0, buffer.length - keep), stopped: false };
  }

  /** Releases the held tail when generation ended for another reason. */
  flush(): string {
    const held = this.#held;
    this.#held = '';
    return held;
  }
}
