/**
 * Screens what the model says — its answer and its reasoning (`reasoning_content` / `reasoning`) alike: personal
 * data, secrets and system-prompt leaks, then puts the caller's own redacted values back (placeholders →
 * originals). On streams it holds back only the tail a match could still span (the longest `maxMatchLength` of
 * the output scanners), so the first token barely waits; a blocked stream ends with
 * `finish_reason: "content_filter"` and a `daulat_guard` field naming why.
 */
import {
  readyTaker,
  type ReadyAwareStream,
  type ChatChoice,
  type ChatEvent,
  type ChatResponse,
  type EventExtra,
  type ReasoningField,
} from '../engines/engine.ts';
import { guardEvent, type GuardEvent } from './guard-event.ts';
import { decide, isScannerOn, type GuardPolicy } from './policy.ts';
import { createVault, type RedactionVault } from './redaction/vault.ts';
import { redact } from './redaction/redact.ts';
import { createStreamRestorer, type StreamRestorer } from './redaction/stream-restorer.ts';
import { NO_FINDINGS, type Finding, type ScanContext, type TextScanner } from './scanner.ts';

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

/**
 * Screens a non-streaming answer: its content and its reasoning, each as its own text. A choice blocked by
 * either keeps neither and finishes with `content_filter`.
 */
export function guardChatResponse(response: ChatResponse, context: OutputGuardContext): ChatResponse {
  const outputVault = createVault();
  // Nothing found and nothing to restore (the common answer): the response goes on as it came, and no array
  // of choices is made for it (this runs for every guarded answer).
  let choices: ChatChoice[] | undefined;
  const original = response.choices;
  for (let index = 0; index < original.length; index++) {
    const choice = original[index]!;
    const guarded = guardChoice(choice, context, outputVault);
    if (choices === undefined && guarded !== choice) choices = original.slice(0, index);
    choices?.push(guarded);
  }
  return choices === undefined ? response : { ...response, choices };
}

function guardChoice(
  choice: ChatChoice,
  context: OutputGuardContext,
  outputVault: RedactionVault,
): ChatChoice {
  const { reasoning } = choice;
  const thought =
    reasoning === undefined
      ? undefined
      : decideAll(reasoning.text, scan(reasoning.text, context), context, outputVault);
  if (thought?.blocked !== undefined) return blockedChoice(choice, thought.blocked);
  const verdict =
    choice.content === null
      ? undefined
      : decideAll(choice.content, scan(choice.content, context), context, outputVault);
  if (verdict?.blocked !== undefined) return blockedChoice(choice, verdict.blocked);
  const { vault } = context;
  const content = verdict === undefined ? choice.content : vault.restore(verdict.text);
  const thoughtText = thought === undefined ? undefined : vault.restore(thought.text);
  const unchanged =
    content === choice.content &&
    thoughtText === reasoning?.text &&
    (choice.toolCalls === undefined || vault.size === 0);
  if (unchanged) return choice;
  return {
    ...choice,
    content,
    ...(reasoning === undefined || thoughtText === undefined
      ? {}
      : { reasoning: { ...reasoning, text: thoughtText } }),
    toolCalls: restoreCalls(choice.toolCalls, vault),
  };
}

function blockedChoice(choice: ChatChoice, finding: Finding): ChatChoice {
  return {
    ...choice,
    content: null,
    reasoning: undefined,
    toolCalls: undefined,
    finishReason: CONTENT_FILTER,
    choiceExtra: { ...choice.choiceExtra, ...blockedExtra(finding) },
  };
}

/**
 * Screens a stream of events; text is released as soon as no match can still span it. When the reader stops
 * early (the client left), the engine's stream is ended at once — not after its next event — so the upstream
 * request is aborted without waiting.
 */
export function guardChatStream(
  events: AsyncIterable<ChatEvent>,
  context: OutputGuardContext,
): AsyncIterableIterator<ChatEvent> {
  return new GuardedStream(events[Symbol.asyncIterator](), new StreamScreen(context));
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The screened stream. Events the engine already holds (a burst read at once) are taken without waiting and
 * screened with `more` set, so their text is scanned once; what the screen releases is queued and handed on
 * without a promise each to a reader that asks with `takeReady`.
 */
class GuardedStream implements AsyncIterableIterator<ChatEvent>, ReadyAwareStream {
  readonly #inner: AsyncIterator<ChatEvent>;
  readonly #takeInner: () => ChatEvent | undefined;
  readonly #screen: StreamScreen;
  /** Screened events not handed out yet. */
  #out: readonly ChatEvent[] = NOTHING;
  #head = 0;
  /** An event taken from the engine to learn whether more were in hand, not screened yet. */
  #peeked: ChatEvent | undefined;
  /** The engine's stream ended, a block ended it, or the reader stopped. */
  #done = false;

  constructor(inner: AsyncIterator<ChatEvent>, screen: StreamScreen) {
    this.#inner = inner;
    this.#takeInner = readyTaker(inner);
    this.#screen = screen;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ChatEvent, undefined>> {
    for (;;) {
      const event = this.takeReady();
      if (event !== undefined) return { done: false, value: event };
      if (this.#done) return DONE;
      const step = await this.#inner.next();
      if (step.done === true) this.#done = true;
      else this.#peeked = step.value;
    }
  }

  /** The next screened event if it can be had without waiting on the engine (ReadyAwareStream). */
  takeReady(): ChatEvent | undefined {
    for (;;) {
      if (this.#head < this.#out.length) return this.#take();
      if (this.#done) return undefined;
      const event = this.#peeked ?? this.#takeInner();
      if (event === undefined) return undefined;
      this.#peeked = this.#takeInner();
      this.#out = this.#screen.accept(event, this.#peeked !== undefined);
      this.#head = 0;
      if (this.#screen.blocked) {
        // Nothing more reaches the client: stop the upstream's generation now rather than let it run on.
        // The block is the answer; a failure to close the upstream is not the client's concern.
        this.#done = true;
        this.#peeked = undefined;
        void Promise.resolve(this.#inner.return?.()).catch(() => undefined);
      }
    }
  }

  async return(): Promise<IteratorResult<ChatEvent, undefined>> {
    const stopped = this.#done;
    this.#done = true;
    this.#out = NOTHING;
    this.#head = 0;
    this.#peeked = undefined;
    if (!stopped) await this.#inner.return?.();
    return DONE;
  }

  #take(): ChatEvent {
    const event = this.#out[this.#head++] as ChatEvent;
    if (this.#head === this.#out.length) {
      this.#out = NOTHING;
      this.#head = 0;
    }
    return event;
  }
}

/** The text channels of a choice; each has its own hold-back buffer, look-back and restorer. */
type Channel = 'content' | 'reasoning';

type TextEvent = Extract<ChatEvent, { type: 'text-delta' | 'reasoning-delta' }>;

/**
 * No events: shared, and frozen so that nothing can add to it. Most deltas of a burst release nothing (they
 * wait for the burst's end), and a new empty array for each was most of what a streamed chunk allocated here.
 */
const NOTHING: readonly ChatEvent[] = Object.freeze([]);

/** `released` with `event` added: in place, unless it is the shared NOTHING. */
function append(released: readonly ChatEvent[], event: ChatEvent): readonly ChatEvent[] {
  if (released === NOTHING) return [event];
  (released as ChatEvent[]).push(event);
  return released;
}

/** One channel's stream state: text not yet released, and the tail of what was (for the look-back). */
interface ChannelState {
  pending: string;
  released: string;
  readonly restorer: StreamRestorer;
}

interface ChoiceChannels {
  readonly content: ChannelState;
  readonly reasoning: ChannelState;
  /** The field the upstream sends reasoning in, for reasoning released by a flush. */
  reasoningField: ReasoningField;
}

/**
 * The stream screener. Content and reasoning are screened as separate texts (a match never spans the two).
 * Text arrives in runs of one channel; when a choice switches channel (reasoning → content, text → tool
 * call, the finish) the run that ended is screened to its end and released first, so the client gets events
 * in the order the model produced them and only one channel of a choice ever holds text back.
 *
 * Every screen rescans the look-back, so a burst — many deltas read at once, as under load — is screened
 * once: while the source says its next event is already in hand, a delta that continues the same channel
 * with the same extra fields is only appended, and the burst leaves as one delta when it ends. The first
 * text of a channel is never deferred (time to first token), and nothing waits on the upstream: deferral
 * needs the next event in hand, and any other event releases the deferred text first.
 */
class StreamScreen {
  readonly #context: OutputGuardContext;
  readonly #holdBack: number;
  readonly #outputVault = createVault();
  readonly #choices = new Map<number, ChoiceChannels>();
  readonly #argumentRestorers = new Map<string, StreamRestorer>();
  /** Text taken into a channel but not screened yet, because more of the same burst was already in hand. */
  #deferred: TextEvent | undefined;
  #deferredChannel: Channel = 'content';
  /** Set once a block has ended the stream. */
  blocked = false;

  constructor(context: OutputGuardContext) {
    this.#context = context;
    this.#holdBack = Math.max(0, ...context.scanners.map((scanner) => scanner.maxMatchLength));
  }

  /**
   * The events to send for `event`; after a block, the last is the `content_filter` finish. `more`: the
   * source already holds its next event, so a text delta may wait for it (see the class comment).
   */
  accept(event: ChatEvent, more = false): readonly ChatEvent[] {
    const deferred = this.#deferred;
    if (deferred !== undefined && !continues(deferred, event)) {
      const released = this.#releaseDeferred(deferred);
      if (this.blocked) return released;
      const next = this.accept(event, more);
      return released === NOTHING ? next : [...released, ...next];
    }
    switch (event.type) {
      case 'text-delta':
        return this.#delta(
          event,
          'content',
          event.text === '' ? NOTHING : this.#flush(event.choice, 'reasoning'),
          more,
        );
      case 'reasoning-delta':
        this.#channels(event.choice).reasoningField = event.field;
        return this.#delta(
          event,
          'reasoning',
          event.text === '' ? NOTHING : this.#flush(event.choice, 'content'),
          more,
        );
      case 'tool-call-delta':
        return this.#then(this.#flushAll(event.choice), this.#restoreArguments(event));
      case 'finish':
        return this.#then(this.#flushAll(event.choice), event);
      case 'start':
      case 'usage':
      case 'error':
        return [event];
    }
  }

  #delta(
    event: TextEvent,
    channel: Channel,
    released: readonly ChatEvent[],
    more: boolean,
  ): readonly ChatEvent[] {
    if (this.blocked) return released;
    const state = this.#channels(event.choice)[channel];
    state.pending += event.text;
    if (more && state.released !== '' && event.text !== '') {
      this.#deferred = event;
      this.#deferredChannel = channel;
      return released;
    }
    this.#deferred = undefined;
    return this.#screenHeld(event, state, released);
  }

  /** Screens what the deferred channel holds, as if its last delta had just arrived with no more in hand. */
  #releaseDeferred(deferred: TextEvent): readonly ChatEvent[] {
    this.#deferred = undefined;
    const state = this.#channels(deferred.choice)[this.#deferredChannel];
    return this.#screenHeld(deferred, state, NOTHING);
  }

  /** Screens `state.pending` up to the tail a match could still span and releases it as `event`'s text. */
  #screenHeld(event: TextEvent, state: ChannelState, released: readonly ChatEvent[]): readonly ChatEvent[] {
    const verdict = screenPrefix(
      state,
      holdStart(state.pending, this.#holdBack),
      this.#context,
      this.#outputVault,
    );
    if (verdict.blocked !== undefined) return [...released, this.#block(event.choice, verdict.blocked)];
    const text = state.restorer.push(verdict.text);
    return text === '' ? released : append(released, { ...event, text });
  }

  /** Screens what `channel` of `choice` still holds to its end and releases it. */
  #flush(choice: number, channel: Channel): readonly ChatEvent[] {
    const channels = this.#choices.get(choice);
    if (channels === undefined) return NOTHING;
    const state = channels[channel];
    let text: string;
    if (state.pending === '') {
      text = state.restorer.end();
    } else {
      const verdict = screenPrefix(state, state.pending.length, this.#context, this.#outputVault);
      if (verdict.blocked !== undefined) return [this.#block(choice, verdict.blocked)];
      text = state.restorer.push(verdict.text) + state.restorer.end();
    }
    if (text === '') return NOTHING;
    return [
      channel === 'content'
        ? { type: 'text-delta', choice, text }
        : { type: 'reasoning-delta', choice, text, field: channels.reasoningField },
    ];
  }

  #flushAll(choice: number): readonly ChatEvent[] {
    const released = this.#flush(choice, 'reasoning');
    return this.blocked ? released : [...released, ...this.#flush(choice, 'content')];
  }

  /** `released` then `event`, unless releasing ended in a block. */
  #then(released: readonly ChatEvent[], event: ChatEvent): readonly ChatEvent[] {
    return this.blocked ? released : append(released, event);
  }

  #block(choice: number, finding: Finding): ChatEvent {
    this.blocked = true;
    return { type: 'finish', choice, reason: CONTENT_FILTER, extra: { choice: blockedExtra(finding) } };
  }

  #restoreArguments(event: Extract<ChatEvent, { type: 'tool-call-delta' }>): ChatEvent {
    if (event.arguments === undefined || this.#context.vault.size === 0) return event;
    const key = `${event.choice}:${event.index}`;
    let restorer = this.#argumentRestorers.get(key);
    if (restorer === undefined) {
      restorer = createStreamRestorer(this.#context.vault, { encode: jsonEscape });
      this.#argumentRestorers.set(key, restorer);
    }
    return { ...event, arguments: restorer.push(event.arguments) };
  }

  #channels(choice: number): ChoiceChannels {
    let channels = this.#choices.get(choice);
    if (channels === undefined) {
      const vault = this.#context.vault;
      channels = {
        content: { pending: '', released: '', restorer: createStreamRestorer(vault) },
        reasoning: { pending: '', released: '', restorer: createStreamRestorer(vault) },
        reasoningField: 'reasoning_content',
      };
      this.#choices.set(choice, channels);
    }
    return channels;
  }
}

/**
 * Whether `event` extends the deferred burst: a delta of the same choice and channel whose extra fields are
 * the very same object (a repeated chunk shape shares them), so one merged delta says what each would have.
 */
function continues(previous: TextEvent, event: ChatEvent): boolean {
  return (
    event.type === previous.type &&
    event.choice === previous.choice &&
    event.extra === previous.extra &&
    (event.type !== 'reasoning-delta' || event.field === (previous as typeof event).field)
  );
}

/**
 * The released text a match may reach back into: a bounded look-back window, rescanned with every chunk (so
 * its size is the per-chunk cost of a long answer). Single-word matches (tokens, keys, e-mail addresses, JWTs)
 * and digit runs are held back whole, so what reaches back is multi-word: an obfuscated e-mail (`name [at]
 * host`, a 64-character local part), a key word before a secret (~60), a system-prompt run (96), context words
 * (48) and health words (200). Twice the longest of these.
 */
const LOOK_BACK = 512;

/**
 * Screens `state.pending` (with the look-back before it) and releases its first `cut` characters — less if
 * a match may still be growing into the held tail. A match that began in released text is acted on for
 * the part still held.
 */
function screenPrefix(
  state: ChannelState,
  cut: number,
  context: OutputGuardContext,
  outputVault: RedactionVault,
): Verdict {
  const final = cut >= state.pending.length;
  const offset = state.released.length;
  const found = scan(state.released + state.pending, context);
  let boundary = cut;
  let settled: readonly Finding[] = NO_FINDINGS;
  // Most chunks hold nothing: they skip the span arithmetic below and its arrays.
  if (found.length > 0) {
    const findings = found
      .filter((finding) => finding.end > offset)
      .map((finding) => ({
        ...finding,
        start: Math.max(0, finding.start - offset),
        end: finding.end - offset,
      }));
    // A match touching the held tail may still grow with the next chunk: release only what lies before it.
    if (!final)
      boundary = Math.min(
        cut,
        ...findings.filter((finding) => finding.end > cut).map((finding) => finding.start),
      );
    settled = findings.filter((finding) => finding.end <= boundary);
  }
  const raw = state.pending.slice(0, boundary);
  const verdict = decideAll(raw, settled, context, outputVault);
  state.pending = state.pending.slice(boundary);
  state.released = (state.released + raw).slice(-LOOK_BACK);
  return verdict;
}

const OUTPUT: ScanContext = { source: 'output' };

/** Every finding of the policy's output scanners in `text`; a loop, as it runs for every chunk of a stream. */
function scan(text: string, context: OutputGuardContext): readonly Finding[] {
  if (text === '') return NO_FINDINGS;
  let found: readonly Finding[] | undefined;
  for (const scanner of context.scanners) {
    if (!isScannerOn(context.policy, 'output', scanner.id)) continue;
    const findings = scanner.scan(text, OUTPUT);
    if (findings.length === 0) continue;
    // The scanner's own array is kept as it is (never pushed to): it may be one the scanner shares.
    found = found === undefined ? findings : [...found, ...findings];
  }
  return found ?? NO_FINDINGS;
}

/** Applies the policy to the findings of one text: block wins; redactions mask values the model produced. */
function decideAll(
  text: string,
  findings: readonly Finding[],
  context: OutputGuardContext,
  outputVault: RedactionVault,
): Verdict {
  let toRedact: Finding[] | undefined;
  for (const finding of findings) {
    const action = decide(context.policy, 'output', finding, 'output');
    if (action === 'off' || action === 'allow') continue;
    context.events.push(guardEvent('output', finding, action, 'output'));
    if (action === 'block') return { text: '', blocked: finding };
    if (action === 'redact') (toRedact ??= []).push(finding);
  }
  const released = toRedact === undefined ? text : redact(text, toRedact, outputVault).text;
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
