/**
 * The conversation a guard model judges. Llama Guard 3 and Qwen3Guard are served with their own chat
 * templates, which wrap the turns in their task prompt and category list; they expect alternating user and
 * assistant turns starting with the user. So: the operator's system prompt is left out (it is not what is
 * judged), tool results count as user-side text, consecutive turns of one side are merged, and only the
 * newest `maxCharacters` are kept (guard models have short contexts). Judging the answer appends it.
 */
import type { ChatMessage, ChatRequest, ContentPart } from '../../engines/engine.ts';

/** One turn for the guard model. */
export interface GuardTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** Characters of conversation a guard model is shown, newest kept. */
export const GUARD_MAX_CHARACTERS = 16_000;

/** The turns to judge for `request`, plus the model's `answer` when judging the output. */
export function guardConversation(
  request: ChatRequest,
  answer?: string,
  maxCharacters = GUARD_MAX_CHARACTERS,
): GuardTurn[] {
  const turns: { role: 'user' | 'assistant'; content: string }[] = [];
  const push = (role: 'user' | 'assistant', content: string) => {
    if (content.trim() === '') return;
    const last = turns.at(-1);
    if (last?.role === role) last.content += `\n\n${content}`;
    else turns.push({ role, content });
  };
  for (const message of request.messages) {
    const side = sideOf(message);
    if (side !== undefined) push(side, textOf(message.content));
  }
  if (answer !== undefined) push('assistant', answer);
  while (turns[0]?.role === 'assistant') turns.shift();
  return keepNewest(turns, maxCharacters);
}

function sideOf(message: ChatMessage): 'user' | 'assistant' | undefined {
  if (message.role === 'user' || message.role === 'tool') return 'user';
  if (message.role === 'assistant') return 'assistant';
  return undefined;
}

function textOf(content: string | readonly ContentPart[] | null | undefined): string {
  if (typeof content === 'string') return content;
  if (content == null) return '';
  const texts: string[] = [];
  for (const part of content)
    if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
  return texts.join('\n');
}

/** Drops the oldest turns (and cuts the oldest kept one from its start) to fit `maxCharacters`. */
function keepNewest(
  turns: { role: 'user' | 'assistant'; content: string }[],
  maxCharacters: number,
): GuardTurn[] {
  const kept: GuardTurn[] = [];
  let budget = maxCharacters;
  for (let index = turns.length - 1; index >= 0 && budget > 0; index--) {
    const turn = turns[index]!;
    const content =
      turn.content.length > budget ? turn.content.slice(turn.content.length - budget) : turn.content;
    kept.unshift({ role: turn.role, content });
    budget -= content.length;
  }
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}
