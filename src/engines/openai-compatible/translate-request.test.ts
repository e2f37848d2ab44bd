import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest } from '../engine.ts';
import {
  translateChatRequest,
  translateCompletionRequest,
  translateEmbeddingRequest,
  translateMessage,
} from './translate-request.ts';

const baseChat: ChatRequest = {
  model: 'public-name',
  messages: [{ role: 'user', content: 'hi' }],
  stream: false,
  includeUsage: false,
  extra: {},
};

void describe('translateChatRequest', () => {
  void it('uses the upstream model and sends only the sampling fields that are set', () => {
    const wire = translateChatRequest(
      { ...baseChat, maxTokens: 5, temperature: 0, stop: ['\n'] },
      'qwen3:8b',
      false,
    );
    assert.deepEqual(wire, {
      model: 'qwen3:8b',
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      max_tokens: 5,
      temperature: 0,
      stop: ['\n'],
    });
  });

  void it('passes unknown request fields through untouched', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const extra = {
      tools,
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      chat_template_kwargs: { enable_thinking: false },
      logprobs: true,
      n: 2,
    };
    const wire = translateChatRequest({ ...baseChat, extra, topP: 0.9, seed: 7 }, 'm', false);
    assert.deepEqual(wire, {
      ...extra,
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      top_p: 0.9,
      seed: 7,
    });
    assert.equal(wire.tools, tools);
  });

  void it('lets canonical fields win over same-named extra fields', () => {
    const wire = translateChatRequest(
      { ...baseChat, extra: { model: 'x', stream: true, max_tokens: 1 }, maxTokens: 9 },
      'm',
      false,
    );
    assert.equal(wire.model, 'm');
    assert.equal(wire.stream, false);
    assert.equal(wire.max_tokens, 9);
  });

  void it('always asks a stream for usage and keeps the client stream_options', () => {
    const plain = translateChatRequest(baseChat, 'm', true);
    assert.deepEqual(plain.stream_options, { include_usage: true });
    assert.equal(plain.stream, true);
    const client = translateChatRequest(
      { ...baseChat, extra: { stream_options: { include_usage: false, continuous_usage_stats: true } } },
      'm',
      true,
    );
    assert.deepEqual(client.stream_options, { include_usage: true, continuous_usage_stats: true });
  });

  void it('leaves stream_options alone on non-streaming calls', () => {
    assert.equal(translateChatRequest(baseChat, 'm', false).stream_options, undefined);
  });
});

void describe('translateMessage', () => {
  void it('maps tool calls, reasoning and names to wire fields and spreads extra back in', () => {
    const wire = translateMessage({
      role: 'assistant',
      content: null,
      name: 'bot',
      reasoning: 'think',
      toolCalls: [{ id: 'c1', type: 'function', name: 'f', arguments: '{"a":1}', extra: { index: 0 } }],
      extra: { refusal: null },
    });
    assert.deepEqual(wire, {
      refusal: null,
      role: 'assistant',
      content: null,
      name: 'bot',
      reasoning_content: 'think',
      tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
    });
  });

  void it('maps toolCallId to tool_call_id', () => {
    assert.deepEqual(translateMessage({ role: 'tool', content: '42', toolCallId: 'c1' }), {
      role: 'tool',
      content: '42',
      tool_call_id: 'c1',
    });
  });

  void it('keeps content parts as they are', () => {
    const content = [{ type: 'image_url', image_url: { url: 'data:,' } }];
    assert.equal(translateMessage({ role: 'user', content }).content, content);
  });
});

void describe('translateCompletionRequest and translateEmbeddingRequest', () => {
  void it('builds a completion body with prompt instead of messages', () => {
    const wire = translateCompletionRequest(
      {
        model: 'p',
        prompt: ['a', 'b'],
        stream: false,
        includeUsage: false,
        maxTokens: 3,
        extra: { echo: true },
      },
      'm',
      true,
    );
    assert.deepEqual(wire, {
      echo: true,
      model: 'm',
      prompt: ['a', 'b'],
      stream: true,
      max_tokens: 3,
      stream_options: { include_usage: true },
    });
  });

  void it('builds an embeddings body', () => {
    const wire = translateEmbeddingRequest(
      { model: 'p', input: 'x', encodingFormat: 'base64', dimensions: 64, extra: { user: 'u' } },
      'm',
    );
    assert.deepEqual(wire, { user: 'u', model: 'm', input: 'x', encoding_format: 'base64', dimensions: 64 });
  });
});
