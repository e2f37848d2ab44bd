/**
 * The agreement behind sending JSON on as it came (wire-forms.ts): whenever the adapter's checks let a body or
 * an answer through unchanged, translating it would have written the same JSON.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeChatRequest } from '../../server/decoders/openai-chat.ts';
import { encodeChatResponse } from '../../server/encoders/openai-chat.ts';
import { encodeEmbeddingResponse } from '../../server/encoders/openai-completion.ts';
import { clientBodyOf, keepWireText, wireTextFor } from '../wire-forms.ts';
import { isTranslatedChatForm, translateChatRequest } from './translate-request.ts';
import {
  hasChoices,
  isEncodedChatForm,
  isEncodedEmbeddingForm,
  translateChatResponse,
  translateEmbeddingResponse,
} from './translate-response.ts';
import type { WireChatResponse, WireEmbeddingResponse } from './wire.ts';

const MODEL = 'qwen';

function answer(message: Record<string, unknown>, more: Record<string, unknown> = {}): WireChatResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    ...more,
  };
}

/** What the encoder leaves out of an answer it could send as it came: null reasoning, null or empty tool calls. */
function withoutLeftOut(body: WireChatResponse): unknown {
  const copy = structuredClone(body) as { choices: { message: Record<string, unknown> }[] };
  for (const { message } of copy.choices) {
    for (const field of ['reasoning_content', 'reasoning'])
      if (message[field] === null) delete message[field];
    const calls = message.tool_calls;
    if (calls === null || (Array.isArray(calls) && calls.length === 0)) delete message.tool_calls;
  }
  return copy;
}

function reEncoded(body: WireChatResponse): unknown {
  assert.ok(hasChoices(body));
  return JSON.parse(encodeChatResponse(translateChatResponse(body), MODEL));
}

describe('answers sent as they came', () => {
  const accepted: Record<string, WireChatResponse> = {
    'a plain answer': answer({ content: 'hi' }),
    'vLLM’s null reasoning and empty tool calls': answer(
      { content: 'hi', reasoning_content: null, tool_calls: [] },
      { prompt_logprobs: null },
    ),
    'reasoning in reasoning_content': answer({ content: 'hi', reasoning_content: 'thinking' }),
    'reasoning in reasoning': answer({ content: 'hi', reasoning: 'thinking', tool_calls: null }),
    'a null content and a null finish reason': {
      ...answer({ content: null }),
      choices: [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: null }],
    },
    'unknown fields at every level': {
      ...answer({ content: 'hi', refusal: null, annotations: [] }),
      system_fingerprint: 'fp',
      usage: {
        prompt_tokens: 3,
        completion_tokens: 4,
        total_tokens: 7,
        prompt_tokens_details: { cached: 1 },
      },
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'hi' },
          finish_reason: 'length',
          logprobs: null,
          stop_reason: 42,
        },
        { index: 1, message: { role: 'assistant', content: 'yo' }, finish_reason: 'eos_token' },
      ],
    },
    'no usage': { ...answer({ content: 'hi' }), usage: undefined },
  };
  for (const [name, body] of Object.entries(accepted)) {
    it(`sends ${name} as it came: encoding it again writes the same`, () => {
      assert.equal(isEncodedChatForm(body, MODEL), true);
      assert.deepEqual(reEncoded(body), withoutLeftOut(JSON.parse(JSON.stringify(body)) as WireChatResponse));
    });
  }

  const refused: Record<string, WireChatResponse> = {
    'another model name': answer({ content: 'hi' }, { model: 'Qwen/Qwen2.5-7B' }),
    'another object type': answer({ content: 'hi' }, { object: 'chat.completion.chunk' }),
    'no id': answer({ content: 'hi' }, { id: undefined }),
    'no created time': answer({ content: 'hi' }, { created: '2024' }),
    'a usage without its total': answer(
      { content: 'hi' },
      { usage: { prompt_tokens: 1, completion_tokens: 2 } },
    ),
    'a null usage': answer({ content: 'hi' }, { usage: null }),
    'a message without a role': {
      ...answer({}),
      choices: [{ index: 0, message: { content: 'hi' }, finish_reason: 'stop' }],
    },
    'a message without content': answer({}),
    'a choice without an index': {
      ...answer({}),
      choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
    },
    'a choice without a finish reason': {
      ...answer({}),
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' } }],
    },
    'tool calls': answer({
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}', strict: true } }],
    }),
    'both reasoning fields': answer({ content: 'hi', reasoning_content: 'a', reasoning: 'a' }),
    'a reasoning field that is not text': answer({ content: 'hi', reasoning_content: 7 }),
  };
  for (const [name, body] of Object.entries(refused)) {
    it(`encodes an answer with ${name} again`, () => {
      assert.equal(isEncodedChatForm(body, MODEL), false);
    });
  }

  it('shows why: each refused answer but the model name would change if sent as it came', () => {
    for (const [name, body] of Object.entries(refused)) {
      if (name === 'another model name') continue;
      assert.notDeepEqual(reEncoded(body), withoutLeftOut(body), name);
    }
  });

  it('encodes from the response, not the kept text, once the response is a copy (redacted, restored)', () => {
    const body = answer({ content: 'secret' });
    const response = translateChatResponse(body);
    keepWireText(response, { model: MODEL, text: JSON.stringify(body) });
    assert.equal(encodeChatResponse(response, MODEL), JSON.stringify(body));
    const redacted = { ...response, choices: [{ ...response.choices[0]!, content: '[SECRET_1]' }] };
    assert.equal(wireTextFor(redacted, MODEL), undefined);
    assert.equal(wireTextFor(response, MODEL), JSON.stringify(body));
    assert.match(encodeChatResponse(redacted, MODEL), /\[SECRET_1\]/);
    // Nothing of the kept text shows in the response's JSON or keys, nor survives a clone.
    assert.equal(JSON.stringify(response), JSON.stringify({ ...response }));
    assert.deepEqual(Object.keys(response), Object.keys({ ...response }));
    assert.equal(wireTextFor(structuredClone(response), MODEL), undefined);
    // Under another name the kept text is not the answer either.
    assert.match(encodeChatResponse(response, 'alias'), /"model":"alias"/);
  });
});

describe('request bodies sent as they came', () => {
  const plain = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
    model: MODEL,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi', name: 'siti' },
      { role: 'assistant', content: 'hello', reasoning_content: 'greeting' },
      { role: 'user', content: 'and?' },
    ],
    ...more,
  });

  const accepted: Record<string, [Record<string, unknown>, boolean]> = {
    'a plain body': [plain(), false],
    'sampling fields and unknown ones': [
      plain({
        max_tokens: 9,
        temperature: 0.5,
        top_p: 0.9,
        seed: 1,
        stop: ['x'],
        n: 1,
        tools: [{ type: 'function', function: { name: 'f' } }],
        chat_template_kwargs: { enable_thinking: false },
      }),
      false,
    ],
    'stream: false': [plain({ stream: false, stream_options: { include_usage: true } }), false],
    'a stream that asks for usage': [plain({ stream: true, stream_options: { include_usage: true } }), true],
  };
  for (const [name, [body, stream]] of Object.entries(accepted)) {
    it(`sends ${name} as it came: translating it writes the same`, () => {
      const request = decodeChatRequest(body);
      assert.equal(clientBodyOf(request), body);
      assert.equal(isTranslatedChatForm(body, MODEL, stream), true);
      const translated = JSON.parse(JSON.stringify(translateChatRequest(request, MODEL, stream))) as unknown;
      // The translation always says whether it streams; a body that leaves it out means the same.
      assert.deepEqual(translated, { stream, ...body });
    });
  }

  const refused: Record<string, [Record<string, unknown>, boolean]> = {
    'another model name': [plain({ model: 'alias' }), false],
    max_completion_tokens: [plain({ max_completion_tokens: 9 }), false],
    'a single stop string': [plain({ stop: 'x' }), false],
    'a null stop': [plain({ stop: null }), false],
    'a null temperature': [plain({ temperature: null }), false],
    'an empty name': [{ model: MODEL, messages: [{ role: 'user', content: 'hi', name: '' }] }, false],
    'an assistant message without content': [
      { model: MODEL, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant' }] },
      false,
    ],
    'a null reasoning_content': [
      {
        model: MODEL,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'ok', reasoning_content: null },
        ],
      },
      false,
    ],
    'a stream that does not ask for usage': [plain({ stream: true }), true],
    'a stream body on a call that does not stream': [plain({ stream: true }), false],
  };
  for (const [name, [body, stream]] of Object.entries(refused)) {
    it(`translates a body with ${name}`, () => {
      assert.equal(isTranslatedChatForm(body, MODEL, stream), false);
      if (name === 'another model name') return;
      const translated = JSON.parse(
        JSON.stringify(translateChatRequest(decodeChatRequest(body), MODEL, stream)),
      ) as unknown;
      assert.notDeepEqual(translated, { stream, ...body });
    });
  }

  it('keeps no body for a request that needed the schema (tool calls, content parts)', () => {
    const request = decodeChatRequest({
      model: MODEL,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    assert.equal(clientBodyOf(request), undefined);
  });

  it('leaves the body behind in a copy of the request, and out of its JSON', () => {
    const body = plain();
    const request = decodeChatRequest(body);
    assert.equal(clientBodyOf(request), body);
    assert.equal(clientBodyOf({ ...request, messages: [] }), undefined);
    assert.equal(clientBodyOf({ ...request }), undefined);
    // Nothing of the kept body shows in the request's JSON, its keys or a clone of it.
    assert.deepEqual(Object.keys(request), Object.keys({ ...request }));
    assert.equal(JSON.stringify(request), JSON.stringify({ ...request }));
    assert.equal(clientBodyOf(structuredClone(request)), undefined);
  });
});

describe('embeddings sent as they came', () => {
  const list = (more: Record<string, unknown> = {}): WireEmbeddingResponse => ({
    object: 'list',
    data: [
      { object: 'embedding', index: 0, embedding: [0.125, -0.5, 1e-7] },
      { object: 'embedding', index: 1, embedding: [0.25, 0.75, -1] },
    ],
    model: MODEL,
    usage: { prompt_tokens: 6, total_tokens: 6 },
    ...more,
  });

  /** What the encoder leaves out of an embeddings body it could send as it came: the usage's completion tokens. */
  const withoutLeftOut = (body: WireEmbeddingResponse): unknown => {
    const copy = structuredClone(body) as { usage?: Record<string, unknown> | null };
    if (copy.usage) delete copy.usage.completion_tokens;
    return copy;
  };
  const reEncoded = (body: WireEmbeddingResponse): unknown =>
    JSON.parse(encodeEmbeddingResponse(translateEmbeddingResponse(body), MODEL));

  const accepted: Record<string, WireEmbeddingResponse> = {
    'a list of vectors': list(),
    'base64 vectors': list({ data: [{ object: 'embedding', index: 0, embedding: 'AAAAPw==' }] }),
    'vLLM’s extras and completion tokens': list({
      id: 'embd-1',
      created: 1_700_000_000,
      usage: { prompt_tokens: 6, total_tokens: 6, completion_tokens: 0, prompt_tokens_details: null },
    }),
    'no usage': list({ usage: undefined }),
  };
  for (const [name, body] of Object.entries(accepted)) {
    it(`sends ${name} as it came: encoding it again writes the same`, () => {
      assert.equal(isEncodedEmbeddingForm(body, MODEL), true);
      assert.deepEqual(
        reEncoded(body),
        withoutLeftOut(JSON.parse(JSON.stringify(body)) as WireEmbeddingResponse),
      );
    });
  }

  const refused: Record<string, WireEmbeddingResponse> = {
    'another model name': list({ model: 'BAAI/bge-m3' }),
    'another object type': list({ object: 'embeddings' }),
    'an item without its index': list({ data: [{ object: 'embedding', embedding: [1] }] }),
    'an item of another type': list({ data: [{ index: 0, embedding: [1] }] }),
    'a usage without its total': list({ usage: { prompt_tokens: 6 } }),
    'a null usage': list({ usage: null }),
  };
  for (const [name, body] of Object.entries(refused)) {
    it(`encodes embeddings with ${name} again, which would change them`, () => {
      assert.equal(isEncodedEmbeddingForm(body, MODEL), false);
      if (name !== 'another model name') assert.notDeepEqual(reEncoded(body), withoutLeftOut(body));
    });
  }
});
