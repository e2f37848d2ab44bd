/**
 * The texts of a chat request a guard must read — every message's text, assistant tool-call arguments, tool
 * results — each with its source, and the way back: rebuild the request with some texts replaced.
 */
import type { ChatMessage, ChatRequest, ContentPart } from '../engines/engine.ts';
import type { TextSource } from './scanner.ts';

/** Where a text sits in the request. */
export type TextSlot =
  | { readonly message: number; readonly part?: number; readonly source: TextSource; readonly text: string }
  | {
      readonly message: number;
      readonly toolCall: number;
      readonly source: 'assistant';
      readonly text: string;
    };

/**
 * Messages named `retrieved` (or `retrieved:<anything>`) carry retrieved documents: screened as indirect
 * content, like tool results.
 */
const RETRIEVED_NAME = /^retrieved(?::|$)/;

/** Every text of the request, in order. */
export function requestTexts(request: ChatRequest): TextSlot[] {
  // Loops rather than forEach: this runs for every guarded request, and each callback was an allocation.
  const slots: TextSlot[] = [];
  const { messages } = request;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    const source = sourceOf(message);
    if (typeof message.content === 'string') slots.push({ message: index, source, text: message.content });
    else if (Array.isArray(message.content)) {
      const parts: readonly ContentPart[] = message.content;
      for (let partIndex = 0; partIndex < parts.length; partIndex++) {
        const part = parts[partIndex]!;
        if (part.type === 'text' && typeof part.text === 'string')
          slots.push({ message: index, part: partIndex, source, text: part.text });
      }
    }
    if (message.role === 'assistant' && message.toolCalls) {
      const calls = message.toolCalls;
      for (let callIndex = 0; callIndex < calls.length; callIndex++)
        slots.push({
          message: index,
          toolCall: callIndex,
          source: 'assistant',
          text: calls[callIndex]!.arguments,
        });
    }
  }
  return slots;
}

/** The request with the given slots' texts replaced (slots not in `replacements` keep theirs). */
export function withTexts(request: ChatRequest, replacements: ReadonlyMap<TextSlot, string>): ChatRequest {
  if (replacements.size === 0) return request;
  const messages = [...request.messages];
  for (const [slot, text] of replacements)
    messages[slot.message] = replaceIn(messages[slot.message]!, slot, text);
  return { ...request, messages };
}

function replaceIn(message: ChatMessage, slot: TextSlot, text: string): ChatMessage {
  if ('toolCall' in slot && message.role === 'assistant' && message.toolCalls) {
    const toolCalls = message.toolCalls.map((call, index) =>
      index === slot.toolCall ? { ...call, arguments: text } : call,
    );
    return { ...message, toolCalls };
  }
  if ('part' in slot && slot.part !== undefined && Array.isArray(message.content)) {
    const content = message.content.map((part: ContentPart, index) =>
      index === slot.part ? { ...part, text } : part,
    );
    return { ...message, content };
  }
  return { ...message, content: text };
}

function sourceOf(message: ChatMessage): TextSource {
  switch (message.role) {
    case 'system':
    case 'developer':
      return 'system';
    case 'tool':
      return 'tool';
    case 'assistant':
      return 'assistant';
    case 'user':
      return message.name !== undefined && RETRIEVED_NAME.test(message.name) ? 'retrieved' : 'user';
  }
}
