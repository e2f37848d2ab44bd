/** Maps how an embedded generation ended to the canonical finish reason (raw: what OpenAI clients see). */
import type { FinishReason } from '../engine.ts';
import type { GenerationResult } from './generate.ts';

/** `tool_calls` wins when the answer called a tool; a cancelled generation never reaches a client. */
export function toFinishReason(finish: GenerationResult['finish'], calledTools: boolean): FinishReason {
  if (calledTools) return { unified: 'tool-calls', raw: 'tool_calls' };
  switch (finish) {
    case 'stop':
      return { unified: 'stop', raw: 'stop' };
    case 'length':
      return { unified: 'length', raw: 'length' };
    case 'cancelled':
      return { unified: 'other', raw: 'cancelled' };
  }
}
