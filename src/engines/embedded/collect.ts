/** Folds a canonical event stream into a non-streaming response: the JSON path shares the stream path. */
import type {
  ChatEvent,
  ChatResponse,
  CompletionResponse,
  FinishReason,
  ToolCall,
  Usage,
} from '../engine.ts';

interface Collected {
  id: string;
  created: number;
  content: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finish: FinishReason;
  usage?: Usage;
}

async function collect(events: AsyncIterable<ChatEvent>): Promise<Collected> {
  const result: Collected = {
    id: '',
    created: 0,
    content: '',
    reasoning: '',
    toolCalls: [],
    finish: { unified: 'other', raw: null },
  };
  for await (const event of events) {
    switch (event.type) {
      case 'start':
        [result.id, result.created] = [event.id, event.created];
        break;
      case 'text-delta':
        result.content += event.text;
        break;
      case 'reasoning-delta':
        result.reasoning += event.text;
        break;
      case 'tool-call-delta': {
        const call = (result.toolCalls[event.index] ??= { id: '', name: '', arguments: '' });
        call.id ||= event.id ?? '';
        call.name += event.name ?? '';
        call.arguments += event.arguments ?? '';
        break;
      }
      case 'finish':
        result.finish = event.reason;
        break;
      case 'usage':
        result.usage = event.usage;
        break;
      case 'error':
        throw event.error;
    }
  }
  return result;
}

/** A chat response from the events of one choice. */
export async function collectChat(events: AsyncIterable<ChatEvent>): Promise<ChatResponse> {
  const collected = await collect(events);
  const toolCalls: ToolCall[] = collected.toolCalls.map((call) => ({ type: 'function', ...call }));
  return {
    id: collected.id,
    created: collected.created,
    choices: [
      {
        index: 0,
        content: collected.content === '' && toolCalls.length > 0 ? null : collected.content,
        ...(collected.reasoning === ''
          ? {}
          : { reasoning: { text: collected.reasoning, field: 'reasoning_content' } }),
        ...(toolCalls.length === 0 ? {} : { toolCalls }),
        finishReason: collected.finish,
      },
    ],
    ...(collected.usage === undefined ? {} : { usage: collected.usage }),
  };
}

/** A completion response from the events of one choice. */
export async function collectCompletion(events: AsyncIterable<ChatEvent>): Promise<CompletionResponse> {
  const collected = await collect(events);
  return {
    id: collected.id,
    created: collected.created,
    choices: [{ index: 0, text: collected.content, finishReason: collected.finish }],
    ...(collected.usage === undefined ? {} : { usage: collected.usage }),
  };
}
