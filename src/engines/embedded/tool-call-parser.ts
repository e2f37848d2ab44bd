/**
 * Finds tool calls in a model's streamed answer, in the format its chat template teaches it:
 * `hermes` (Qwen2.5, Qwen3, Hermes: `<tool_call>{"name", "arguments"}</tool_call>` blocks between text)
 * or `llama3-json` (Llama 3.1+: the whole answer is `{"name", "parameters"}`, maybe after `<|python_tag|>`).
 * Text that looks like a call but does not parse is given back as text, never dropped.
 */
import { partialTagLength } from './think-splitter.ts';

/** How a chat template asks the model to call tools. */
export type ToolCallFormat = 'hermes' | 'llama3-json' | 'none';

/** Text to send on, or one complete tool call (arguments as JSON text). */
export type ParsedPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tool-call'; readonly name: string; readonly arguments: string };

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
const PYTHON_TAG = '<|python_tag|>';

/** Reads the tool-call format off a chat template's source. */
export function detectToolCallFormat(template: string | undefined): ToolCallFormat {
  if (template === undefined) return 'none';
  if (template.includes(OPEN)) return 'hermes';
  if (template.includes(PYTHON_TAG) || /"parameters"/.test(template)) return 'llama3-json';
  return 'none';
}

/** One generation's parser: `push` text as it streams, then `end` once. */
export class ToolCallParser {
  readonly #format: ToolCallFormat;
  #held = '';
  #phase: 'undecided' | 'text' | 'call' = 'undecided';

  constructor(format: ToolCallFormat) {
    this.#format = format;
    if (format !== 'llama3-json') this.#phase = 'text';
  }

  /** Takes the next chunk of answer text; returns what can be released now. */
  push(text: string): ParsedPiece[] {
    if (this.#format === 'none') return text === '' ? [] : [{ kind: 'text', text }];
    this.#held += text;
    return this.#format === 'hermes' ? this.#drainHermes(false) : this.#drainLlama3(false);
  }

  /** The generation ended: releases what is held, parsing an unclosed call if it is complete JSON. */
  end(): ParsedPiece[] {
    if (this.#format === 'none') return [];
    return this.#format === 'hermes' ? this.#drainHermes(true) : this.#drainLlama3(true);
  }

  #drainHermes(final: boolean): ParsedPiece[] {
    const pieces: ParsedPiece[] = [];
    for (;;) {
      if (this.#phase === 'call') {
        const at = this.#held.indexOf(CLOSE);
        if (at < 0) {
          if (final) pieces.push(parseCall(this.#held, OPEN));
          if (final) this.#held = '';
          return pieces;
        }
        pieces.push(parseCall(this.#held.slice(0, at), OPEN, CLOSE));
        this.#held = this.#held.slice(at + CLOSE.length).replace(/^\s+/, '');
        this.#phase = 'text';
        continue;
      }
      const at = this.#held.indexOf(OPEN);
      if (at >= 0) {
        pushText(pieces, this.#held.slice(0, at));
        this.#held = this.#held.slice(at + OPEN.length);
        this.#phase = 'call';
        continue;
      }
      const keep = final ? 0 : partialTagLength(this.#held, OPEN);
      pushText(pieces, this.#held.slice(0, this.#held.length - keep));
      this.#held = this.#held.slice(this.#held.length - keep);
      return pieces;
    }
  }

  #drainLlama3(final: boolean): ParsedPiece[] {
    if (this.#phase === 'undecided') {
      const start = this.#held.trimStart();
      if (start.startsWith('{') || start.startsWith(PYTHON_TAG)) this.#phase = 'call';
      else if (start !== '' && !PYTHON_TAG.startsWith(start)) this.#phase = 'text';
      else if (!final) return [];
    }
    if (this.#phase === 'call' && !final) return [];
    const held = this.#held;
    this.#held = '';
    if (this.#phase !== 'call') return held === '' ? [] : [{ kind: 'text', text: held }];
    const calls = parseLlama3Calls(held.trim().replace(PYTHON_TAG, ''));
    return calls ?? [{ kind: 'text', text: held }];
  }
}

function pushText(pieces: ParsedPiece[], text: string): void {
  if (text !== '') pieces.push({ kind: 'text', text });
}

/** One `<tool_call>` body; gives the raw block back as text when it is not a call. */
function parseCall(body: string, open: string, close = ''): ParsedPiece {
  const call = toCall(parseJson(body.trim()));
  return call ?? { kind: 'text', text: open + body + close };
}

/** Llama 3 answers one call per JSON object, several separated by `;` or newlines. */
function parseLlama3Calls(text: string): ParsedPiece[] | undefined {
  const whole = toCall(parseJson(text));
  if (whole !== undefined) return [whole];
  const calls = text
    .split(/;\s*|\n+/)
    .filter((part) => part.trim() !== '')
    .map((part) => toCall(parseJson(part.trim())));
  return calls.length > 0 && calls.every((call) => call !== undefined) ? calls : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toCall(value: unknown): ParsedPiece | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name === '') return undefined;
  const args = record.arguments ?? record.parameters ?? {};
  return {
    kind: 'tool-call',
    name: record.name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  };
}
