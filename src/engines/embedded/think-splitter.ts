/**
 * Splits generated text into reasoning and answer at `<think>…</think>` tags, as they stream. Tags may
 * arrive split across chunks, so only the tail that could still begin a tag is held back (the trick of
 * vercel/ai's extract-reasoning middleware). DeepSeek-R1's template opens `<think>` in the prompt, so the
 * output carries only the closing tag: such generations start in reasoning (`startInReasoning`).
 */

/** A piece of generated text and which channel it belongs to. */
export interface SplitPiece {
  readonly kind: 'reasoning' | 'content';
  readonly text: string;
}

type Phase = 'opening' | 'reasoning' | 'content';

const OPEN = '<think>';
const CLOSE = '</think>';

/** One generation's splitter: feed it text with `push`, then call `end` once. */
export class ThinkSplitter {
  #phase: Phase;
  #held = '';
  /** Whitespace right after a tag is dropped: templates put a newline there, not the model's words. */
  #trimLeading = true;

  constructor(startInReasoning: boolean) {
    this.#phase = startInReasoning ? 'reasoning' : 'opening';
  }

  /** Takes the next chunk of text; returns what can be released now. */
  push(text: string): SplitPiece[] {
    this.#held += text;
    const pieces: SplitPiece[] = [];
    for (;;) {
      const [held, phase] = [this.#held, this.#phase];
      this.#step(pieces, false);
      if (this.#held === '' || (this.#held === held && this.#phase === phase)) return pieces;
    }
  }

  /** Releases everything still held (the generation ended). */
  end(): SplitPiece[] {
    const pieces: SplitPiece[] = [];
    this.#step(pieces, true);
    if (this.#held !== '')
      this.#emit(pieces, this.#phase === 'reasoning' ? 'reasoning' : 'content', this.#held);
    this.#held = '';
    return pieces;
  }

  #step(pieces: SplitPiece[], final: boolean): void {
    switch (this.#phase) {
      case 'opening':
        return this.#stepOpening(final);
      case 'reasoning':
        return this.#stepTag(pieces, 'reasoning', CLOSE, final);
      case 'content':
        this.#emit(pieces, 'content', this.#held);
        this.#held = '';
        return;
    }
  }

  /** Before any output: decide whether the model opened a think block itself. */
  #stepOpening(final: boolean): void {
    const start = this.#held.trimStart();
    if (start.startsWith(OPEN)) {
      this.#held = start.slice(OPEN.length);
      this.#phase = 'reasoning';
      this.#trimLeading = true;
    } else if (final || start.length >= OPEN.length || !OPEN.startsWith(start)) {
      this.#phase = 'content';
    }
  }

  #stepTag(pieces: SplitPiece[], kind: SplitPiece['kind'], tag: string, final: boolean): void {
    const at = this.#held.indexOf(tag);
    if (at >= 0) {
      this.#emit(pieces, kind, this.#held.slice(0, at).trimEnd());
      this.#held = this.#held.slice(at + tag.length);
      this.#phase = 'content';
      this.#trimLeading = true;
      return;
    }
    // Whitespace before the closing tag is layout, not reasoning: hold it until the tag decides.
    const partial = final ? 0 : partialTagLength(this.#held, tag);
    const ready = this.#held.slice(0, this.#held.length - partial);
    const keep = final ? 0 : partial + (ready.length - ready.trimEnd().length);
    this.#emit(pieces, kind, this.#held.slice(0, this.#held.length - keep));
    this.#held = this.#held.slice(this.#held.length - keep);
  }

  #emit(pieces: SplitPiece[], kind: SplitPiece['kind'], raw: string): void {
    const text = this.#trimLeading ? raw.trimStart() : raw;
    if (text === '') return;
    this.#trimLeading = false;
    const last = pieces.at(-1);
    if (last?.kind === kind) pieces[pieces.length - 1] = { kind, text: last.text + text };
    else pieces.push({ kind, text });
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`: what may still become the tag. */
export function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}
