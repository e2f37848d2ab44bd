import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasChoices,
  hasEmbeddings,
  translateChatResponse,
  translateCompletionResponse,
  translateEmbeddingResponse,
} from './translate-response.ts';
import type { WireChatResponse } from './wire.ts';

void describe('translateChatResponse', () => {
  void it('maps a vLLM response with reasoning_content, tool calls and unknown fields into extra bags', () => {
    const body: WireChatResponse = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'qwen3',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            reasoning_content: 'Let me think.',
            refusal: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"q":1}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
          stop_reason: null,
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 2 },
      },
      system_fingerprint: 'fp',
      prompt_logprobs: null,
      kv_transfer_params: null,
    };
    assert.deepEqual(translateChatResponse(body), {
      id: 'chatcmpl-1',
      created: 1700000000,
      choices: [
        {
          index: 0,
          content: null,
          reasoning: { text: 'Let me think.', field: 'reasoning_content' },
          toolCalls: [{ id: 'call_1', type: 'function', name: 'get', arguments: '{"q":1}' }],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          messageExtra: { refusal: null },
          choiceExtra: { logprobs: null, stop_reason: null },
        },
      ],
      usage: {
        promptTokens: 10,
        completionTokens: 5,
        totalTokens: 15,
        extra: { prompt_tokens_details: { cached_tokens: 2 } },
      },
      extra: { system_fingerprint: 'fp', prompt_logprobs: null, kv_transfer_params: null },
    });
  });

  void it('remembers the `reasoning` field and allocates no empty extra bags', () => {
    const response = translateChatResponse({
      id: 'x',
      created: 1,
      choices: [
        { index: 0, message: { role: 'assistant', content: 'hi', reasoning: 'r' }, finish_reason: 'stop' },
      ],
    });
    assert.deepEqual(response, {
      id: 'x',
      created: 1,
      choices: [
        {
          index: 0,
          content: 'hi',
          reasoning: { text: 'r', field: 'reasoning' },
          finishReason: { unified: 'stop', raw: 'stop' },
        },
      ],
    });
  });

  void it('derives total_tokens when an upstream omits it', () => {
    const response = translateChatResponse({
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 3 },
    });
    assert.deepEqual(response.usage, { promptTokens: 2, completionTokens: 3, totalTokens: 5 });
  });
});

void describe('translateCompletionResponse and translateEmbeddingResponse', () => {
  void it('maps completion choices', () => {
    const response = translateCompletionResponse({
      id: 'cmpl-1',
      created: 2,
      choices: [{ index: 0, text: 'abc', logprobs: null, finish_reason: 'length' }],
    });
    assert.deepEqual(response.choices, [
      {
        index: 0,
        text: 'abc',
        finishReason: { unified: 'length', raw: 'length' },
        choiceExtra: { logprobs: null },
      },
    ]);
  });

  void it('keeps vectors as sent and unknown fields in extra', () => {
    const embedding = [0.1, 0.2];
    const response = translateEmbeddingResponse({
      object: 'list',
      model: 'e5',
      data: [
        { object: 'embedding', index: 0, embedding },
        { index: 1, embedding: 'AAAA', score: 1 },
      ],
      usage: { prompt_tokens: 4, total_tokens: 4 },
      id: 'emb-1',
    });
    assert.equal(response.data[0]?.embedding, embedding);
    assert.deepEqual(response, {
      data: [
        { index: 0, embedding },
        { index: 1, embedding: 'AAAA', extra: { score: 1 } },
      ],
      usage: { promptTokens: 4, completionTokens: 0, totalTokens: 4 },
      extra: { id: 'emb-1' },
    });
  });
});

void describe('shape guards', () => {
  const cases: [unknown, boolean][] = [
    [{ choices: [] }, true],
    [{ choices: [{}] }, true],
    [{ choices: [null] }, false],
    [{ choices: {} }, false],
    [{ object: 'error' }, false],
    [[], false],
    [null, false],
    ['text', false],
  ];
  for (const [body, expected] of cases) {
    void it(`hasChoices(${JSON.stringify(body)}) is ${expected}`, () =>
      assert.equal(hasChoices(body), expected));
  }
  void it('hasEmbeddings requires a data array of objects', () => {
    assert.equal(hasEmbeddings({ data: [{ embedding: [] }] }), true);
    assert.equal(hasEmbeddings({ data: [1] }), false);
    assert.equal(hasEmbeddings({}), false);
  });
});
