import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatBody } from './openai-chat.ts';
import { isPlainChatBody } from './plain-chat-body.ts';

const user = { role: 'user', content: 'hi' };
const base = { model: 'm', messages: [user] };

const plain: Record<string, unknown>[] = [
  base,
  { ...base, stream: true, stream_options: { include_usage: true } },
  {
    ...base,
    max_tokens: 0,
    max_completion_tokens: 5,
    temperature: 2,
    top_p: 0,
    seed: -3,
    n: 128,
    stop: ['a'],
  },
  { ...base, stream: null, temperature: null, stop: 'x', tools: [{ type: 'function', function: {} }] },
  { ...base, response_format: { type: 'json_object' }, chat_template_kwargs: { enable_thinking: false } },
  {
    model: 'm',
    messages: [
      { role: 'system', content: 's', name: 'n' },
      { role: 'developer', content: 'd' },
      { role: 'assistant', content: null, reasoning_content: 'r', cache_control: {} },
      { role: 'assistant', content: 'a', reasoning_content: null },
      user,
    ],
  },
];

const nearMisses: unknown[] = [
  { ...base, model: '' },
  { ...base, model: 1 },
  { model: 'm', messages: [] },
  { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
  { model: 'm', messages: [{ role: 'user', content: 'hi', name: null }] },
  { model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [] }] },
  { model: 'm', messages: [{ role: 'tool', content: 'x', tool_call_id: 'c' }] },
  { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
  { model: 'm', messages: [[]] },
  { ...base, max_tokens: -1 },
  { ...base, max_tokens: 1.5 },
  { ...base, temperature: 2.1 },
  { ...base, top_p: '1' },
  { ...base, n: 0 },
  { ...base, n: 129 },
  { ...base, stream: 'yes' },
  { ...base, stream_options: { include_usage: 1 } },
  { ...base, stop: Array.from({ length: 17 }, () => 'x') },
  { ...base, stop: [1] },
  { ...base, tools: [{}] },
];

describe('isPlainChatBody', () => {
  it('accepts common bodies, which the schema accepts unchanged', () => {
    for (const body of plain) {
      assert.equal(isPlainChatBody(body), true, JSON.stringify(body));
      const parsed = chatBody.safeParse(body);
      assert.equal(parsed.success, true);
      assert.deepEqual(parsed.data, body);
    }
  });

  it('leaves every near miss to the schema', () => {
    for (const body of nearMisses)
      assert.equal(isPlainChatBody(body as Record<string, unknown>), false, JSON.stringify(body));
  });
});
