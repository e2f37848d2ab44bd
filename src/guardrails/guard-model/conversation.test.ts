import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest } from '../../engines/engine.ts';
import { guardConversation } from './conversation.ts';

function request(messages: ChatRequest['messages']): ChatRequest {
  return { model: 'm', messages, stream: false, includeUsage: false, extra: {} };
}

describe('guardConversation', () => {
  it('leaves out the system prompt, merges tool results into the user side and appends the answer', () => {
    const turns = guardConversation(
      request([
        { role: 'system', content: 'be nice' },
        { role: 'user', content: 'find the weather' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: 'c1', type: 'function', name: 'weather', arguments: '{}' }],
        },
        { role: 'tool', content: 'sunny', toolCallId: 'c1' },
        { role: 'user', content: [{ type: 'text', text: 'and tomorrow?' }, { type: 'image_url' }] },
      ]),
      'Rain tomorrow.',
    );
    assert.deepEqual(turns, [
      { role: 'user', content: 'find the weather\n\nsunny\n\nand tomorrow?' },
      { role: 'assistant', content: 'Rain tomorrow.' },
    ]);
  });

  it('starts with the user even when the history starts with the assistant', () => {
    const turns = guardConversation(
      request([
        { role: 'assistant', content: 'Hi, how can I help?' },
        { role: 'user', content: 'hello' },
      ]),
    );
    assert.deepEqual(turns, [{ role: 'user', content: 'hello' }]);
  });

  it('keeps only the newest characters of a long conversation', () => {
    const turns = guardConversation(
      request([
        { role: 'user', content: 'a'.repeat(50) },
        { role: 'assistant', content: 'b'.repeat(50) },
        { role: 'user', content: 'c'.repeat(50) },
      ]),
      undefined,
      80,
    );
    assert.deepEqual(turns, [{ role: 'user', content: 'c'.repeat(50) }]);
  });
});
