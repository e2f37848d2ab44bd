/**
 * The guard model on the answer. A whole answer is judged once it is complete: a JSON answer before it is
 * returned; a stream either held back until judged (`block`: the client sees nothing until the verdict, the
 * price of never showing unsafe text) or passed through and judged at its end (`flag`: no delay, the verdict
 * only recorded). A blocked answer keeps no content and finishes with `content_filter`, naming the category.
 */
import type { ChatEvent, ChatRequest, ChatResponse } from '../../engines/engine.ts';
import { guardEvent, type GuardEvent } from '../guard-event.ts';
import { blockedExtra, CONTENT_FILTER } from '../output-guard.ts';
import { decide, type GuardPolicy } from '../policy.ts';
import type { Finding } from '../scanner.ts';
import { guardConversation } from './conversation.ts';
import type { GuardModel } from './guard-model.ts';
import type { CancelSignal } from '../../client-signal.ts';

/** What judging an answer needs. */
export interface AnswerJudging {
  readonly model: GuardModel;
  readonly request: ChatRequest;
  readonly policy: GuardPolicy;
  readonly events: GuardEvent[];
  readonly signal: CancelSignal;
}

/**
 * What the guard model is shown of an answer: its reasoning, then its content — the client sees both, so
 * harm in the thinking of a reasoning model counts as harm in the answer.
 */
function answerText(reasoning: string | undefined, content: string | null | undefined): string {
  return [reasoning, content]
    .filter((text) => text !== undefined && text !== null && text.trim() !== '')
    .join('\n\n');
}

/** Judges the first choice's reasoning and text; a blocking verdict empties every choice. */
export async function judgeResponse(response: ChatResponse, judging: AnswerJudging): Promise<ChatResponse> {
  const first = response.choices[0];
  const blocked = await judge(answerText(first?.reasoning?.text, first?.content), judging);
  if (blocked === undefined) return response;
  return {
    ...response,
    choices: response.choices.map((choice) => ({
      ...choice,
      content: null,
      reasoning: undefined,
      toolCalls: undefined,
      finishReason: CONTENT_FILTER,
      choiceExtra: { ...choice.choiceExtra, ...blockedExtra(blocked) },
    })),
  };
}

/** Judges a stream's reasoning and text: held back until judged when the policy blocks, else judged after it ends. */
export async function* judgeStream(
  events: AsyncIterable<ChatEvent>,
  judging: AnswerJudging,
): AsyncGenerator<ChatEvent> {
  const holdBack = judging.policy.output.guardModel.action === 'block';
  const held: ChatEvent[] = [];
  let thought = '';
  let text = '';
  for await (const event of events) {
    if (event.type === 'text-delta' && event.choice === 0) text += event.text;
    if (event.type === 'reasoning-delta' && event.choice === 0) thought += event.text;
    if (event.type === 'error') {
      // A broken stream is reported as it is; there is no answer left to judge.
      yield* held;
      yield event;
      return;
    }
    if (holdBack) held.push(event);
    else yield event;
  }
  const blocked = await judge(answerText(thought, text), judging);
  if (!holdBack) return;
  if (blocked === undefined) {
    yield* held;
    return;
  }
  yield* blockedStream(held, blocked);
}

/** The held events with the answer taken out: start, a content-filter finish per choice, usage. */
function* blockedStream(held: readonly ChatEvent[], blocked: Finding): Generator<ChatEvent> {
  const choices = new Set<number>();
  for (const event of held) {
    if (event.type === 'start' || event.type === 'usage') yield event;
    else if (event.type !== 'error') choices.add(event.choice);
  }
  for (const choice of choices.size === 0 ? [0] : choices) {
    yield { type: 'finish', choice, reason: CONTENT_FILTER, extra: { choice: blockedExtra(blocked) } };
  }
}

/** The blocking finding, if the policy blocks on the verdict; every decision becomes an event. */
async function judge(answer: string, judging: AnswerJudging): Promise<Finding | undefined> {
  if (answer.trim() === '') return undefined;
  const findings = await judging.model.judge(guardConversation(judging.request, answer), judging.signal);
  let blocked: Finding | undefined;
  for (const finding of findings) {
    const action = decide(judging.policy, 'output', finding, 'output');
    if (action === 'off' || action === 'allow') continue;
    judging.events.push(guardEvent('output', finding, action, 'output'));
    if (action === 'block') blocked ??= finding;
  }
  return blocked;
}
