/**
 * Screens what the model says: personal data, secrets and system-prompt leaks in the answer, then puts the
 * caller's own redacted values back (placeholders → originals). On streams it holds back only the tail a match
 * could still span (the longest `maxMatchLength` of the output scanners), so the first token barely waits; a
 * blocked stream ends with `finish_reason: "content_filter"` and a `daulat_guard` field naming why.
 */
import type { ChatEvent, ChatResponse, EventExtra } from '../engines/engine.ts';
import { guardEvent, type GuardEvent } from './guard-event.ts';
import { decide, isScannerOn, type GuardPolicy } from './policy.ts';
import { createVault, type RedactionVault } from './redaction/vault.ts';
import { redact } from './redaction/redact.ts';
import { createStreamRestorer, type StreamRestorer } from './redaction/stream-restorer.ts';
import type { Finding, TextScanner } from './scanner.ts';

/** What output screening needs for one request. */
export interface OutputGuardContext {
  readonly policy: GuardPolicy;
  readonly scanners: readonly TextScanner[];
  /** The request's vault: its placeholders are restored in the answer. */
  readonly vault: RedactionVault;
  /** Receives every decision. */
  readonly events: GuardEvent[];
  /** The system prompt's canary: taken out of whatever answer text is released, whatever the policy. */
  readonly canary?: string;
}

/** The verdict on one piece of answer text. */
type Verdict = { readonly text: string; readonly blocked?: Finding };

/** The finish reason of a blocked answer. */
export const CONTENT_FILTER = { unified: 'content-filter', raw: 'content_filter' } as const;

/** Screens a non-streaming answer; a blocked choice keeps no content and finishes with `content_filter`. */
export function guardChatResponse(response: ChatResponse, context: OutputGuardContext): ChatResponse {
  const outputVault = createVault();
  const choices = response.choices.map((choice) => {
    if (choice.content === null)
      return { ...choice, toolCalls: restoreCalls(choice.toolCalls, context.vault) };
    const verdict = decideAll(choice.content, scan(choice.content, context), context, outputVault);
    if (verdict.blocked !== undefined) {
      return {
        ...choice,
        content: null,
        toolCalls: undefined,
        finishReason: CONTENT_FILTER,
        choiceExtra: { ...choice.choiceExtra, ...blockedExtra(verdict.blocked) },
      };
    }
    return {
      ...choice,
      content: context.vault.restore(verdict.text),
      toolCalls: restoreCalls(choice.toolCalls, context.vault),
    };
  });
  return { ...response, choices };
}

/**
 * Screens a stream of events; text is released as soon as no match can still span it. When the reader stops
 * early (the client left), the engine's stream is ended at once — not after its next event — so the upstream
 * request is aborted without waiting.
 */
export function guardChatStream(
  events: AsyncIterable<ChatEvent>,
  context: OutputGuardContext,
): AsyncIterable<ChatEvent> {
  const inner = events[Symbol.asyncIterator]();
  const screened = screenStream(inner, context);
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => screened.next(),
      return: async () => {
        await inner.return?.();
        void screened.return(undefined).catch(() => undefined);
        return { done: true, value: undefined };
      },
    }),
  };
}

async function* screenStream(
  inner: AsyncIterator<ChatEvent>,
  context: OutputGuardContext,
): AsyncGenerator<ChatEvent> {
  const holdBack = Math.max(0, ...context.scanners.map((scanner) => scanner.maxMatchLength));
  const outputVault = createVault();
  const choices = new Map<number, ChoiceState & { restorer: StreamRestorer }>();
  const argumentRestorers = new Map<string, StreamRestorer>();
  const stateOf = (choice: number) => {
    let state = choices.get(choice);
    if (state === undefined)
      choices.set(
        choice,
        (state = { pending: '', released: '', restorer: createStreamRestorer(context.vault) }),
      );
    return state;
  };
  for (let step = await inner.next(); step.done !== true; step = await inner.next()) {
    const event = step.value;
    if (event.type === 'text-delta') {
      const state = stateOf(event.choice);
      state.pending += event.text;
      const cut = holdStart(state.pending, holdBack);
      const verdict = screenPrefix(state, cut, context, outputVault);
      if (verdict.blocked !== undefined) {
        yield {
          type: 'finish',
          choice: event.choice,
          reason: CONTENT_FILTER,
          extra: { choice: blockedExtra(verdict.blocked) },
        };
        return;
      }
      const text = state.restorer.push(verdict.text);
      if (text !== '') yield { ...event, text };
      continue;
    }
    if (event.type === 'finish') {
      const state = stateOf(event.choice);
      const verdict = screenPrefix(state, state.pending.length, context, outputVault);
      if (verdict.blocked !== undefined) {
        yield {
          type: 'finish',
          choice: event.choice,
          reason: CONTENT_FILTER,
          extra: { choice: blockedExtra(verdict.blocked) },
        };
        return;
      }
      const text = state.restorer.push(verdict.text) + state.restorer.end();
      if (text !== '') yield { type: 'text-delta', choice: event.choice, text };
      yield event;
      continue;
    }
    if (event.type === 'tool-call-delta' && event.arguments !== undefined && context.vault.size > 0) {
      const key = `${event.choice}:${event.index}`;
      let restorer = argumentRestorers.get(key);
      if (restorer === undefined)
        argumentRestorers.set(key, (restorer = createStreamRestorer(context.vault, { encode: jsonEscape })));
      yield { ...event, arguments: restorer.push(event.arguments) };
      continue;
    }
    yield event;
  }
}

/** The released text a match may reach back into: a bounded look-back window. */
const LOOK_BACK = 1_024;

/** One choice's stream state: text not yet released, and the tail of what was (for the look-back). */
interface ChoiceState {
  pending: string;
  released: string;
}

/**
 * Screens `state.pending` (with the look-back before it) and releases its first `cut` characters — less if
 * a match may still be growing into the held tail. A match that began in released text is acted on for
 * the part still held.
 */
function screenPrefix(
  state: ChoiceState,
  cut: number,
  context: OutputGuardContext,
  outputVault: RedactionVault,
): Verdict {
  const final = cut >= state.pending.length;
  const offset = state.released.length;
  const findings = scan(state.released + state.pending, context)
    .filter((finding) => finding.end > offset)
    .map((finding) => ({
      ...finding,
      start: Math.max(0, finding.start - offset),
      end: finding.end - offset,
    }));
  // A match touching the held tail may still grow with the next chunk: release only what lies before it.
  const settled = final ? findings : findings.filter((finding) => finding.end <= cut);
  const boundary = final
    ? cut
    : Math.min(cut, ...findings.filter((finding) => finding.end > cut).map((finding) => finding.start));
  const raw = state.pending.slice(0, boundary);
  const verdict = decideAll(
    raw,
    settled.filter((finding) => finding.end <= boundary),
    context,
    outputVault,
  );
  state.pending = state.pending.slice(boundary);
  state.released = (state.released + raw).slice(-LOOK_BACK);
  return verdict;
}

function scan(text: string, context: OutputGuardContext): Finding[] {
  if (text === '') return [];
  return context.scanners
    .filter((scanner) => isScannerOn(context.policy, 'output', scanner.id))
    .flatMap((scanner) => scanner.scan(text, { source: 'output' }));
}

/** Applies the policy to the findings of one text: block wins; redactions mask values the model produced. */
function decideAll(
  text: string,
  findings: readonly Finding[],
  context: OutputGuardContext,
  outputVault: RedactionVault,
): Verdict {
  const toRedact: Finding[] = [];
  for (const finding of findings) {
    const action = decide(context.policy, 'output', finding, 'output');
    if (action === 'off' || action === 'allow') continue;
    context.events.push(guardEvent('output', finding, action, 'output'));
    if (action === 'block') return { text: '', blocked: finding };
    if (action === 'redact') toRedact.push(finding);
  }
  const released = toRedact.length === 0 ? text : redact(text, toRedact, outputVault).text;
  return { text: context.canary === undefined ? released : released.split(context.canary).join('') };
}

/**
 * Where the held-back tail starts: only what may still become a match — the word being written, a run of
 * digits and separators (phone, card, ID numbers, an IBAN with its country code), an unterminated PEM block —
 * never more than `maxHold` characters. Finished words are released at once, so the first token barely waits.
 */
export function holdStart(text: string, maxHold: number): number {
  const floor = Math.max(0, text.length - maxHold);
  let start = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'), text.lastIndexOf('\t')) + 1;
  const run = /(?:[A-Z]{2})?[+(]?\d[\d +\-.()/]*$/.exec(text.slice(floor));
  if (run !== null) start = Math.min(start, floor + run.index);
  const pem = text.lastIndexOf('-----BEGIN');
  if (pem >= 0 && !text.includes('-----END', pem)) start = Math.min(start, pem);
  return Math.max(floor, start);
}

/** The `daulat_guard` field a blocked choice carries: what blocked it, never the value. */
export function blockedExtra(finding: Finding): NonNullable<EventExtra['choice']> {
  return { daulat_guard: { action: 'block', scanner: finding.scanner, category: finding.category } };
}

function restoreCalls<T extends { readonly arguments: string }>(
  calls: readonly T[] | undefined,
  vault: RedactionVault,
): T[] | undefined {
  return calls?.map((call) => ({ ...call, arguments: vault.restore(call.arguments, jsonEscape) }));
}

/** An original restored inside a JSON string (tool-call arguments) must stay valid JSON. */
function jsonEscape(original: string): string {
  return JSON.stringify(original).slice(1, -1);
}
