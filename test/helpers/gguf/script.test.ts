import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  getLlama,
  LlamaChatSession,
  LlamaLogLevel,
  type Llama,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import {
  buildModel,
  PRESETS,
  renderChat,
  testModel,
  type TestModel,
  type TestModelOptions,
} from './index.ts';

const TOOL_CALL = [
  '<tool_call>',
  '\n{"name": "get_weather", "arguments": {"city": "Jakarta"}}\n',
  '</tool_call>',
];
const REASONING = ['Let me think', ' about it.', '</think>', '\n\nThe answer is 42.'];
const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('scripted test models', () => {
  let llama: Llama;
  let directory: string;
  before(async () => {
    // The default thread count exceeds this machine's cores and slows decoding 60-1000x.
    llama = await getLlama({ gpu: false, build: 'never', maxThreads: 2, logLevel: LlamaLogLevel.error });
    directory = await mkdtemp(join(tmpdir(), 'gguf-script-'));
  });
  after(async () => {
    await llama.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  async function withModel(
    options: TestModelOptions,
    use: (model: LlamaModel, written: TestModel) => Promise<void>,
  ) {
    const written = await testModel(options, directory);
    const model = await llama.loadModel({ modelPath: written.path });
    try {
      await use(model, written);
    } finally {
      await model.dispose();
    }
  }

  async function generate(model: LlamaModel, prompt: string, temperature: number): Promise<Token[]> {
    const context = await model.createContext({ contextSize: 512, threads: 2 });
    try {
      const tokens: Token[] = [];
      const options = { temperature, seed: 7, yieldEogToken: true };
      for await (const token of context.getSequence().evaluate(model.tokenize(prompt, true), options)) {
        tokens.push(token);
        if (model.isEogToken(token) || tokens.length === 20) break;
      }
      return tokens;
    } finally {
      await context.dispose();
    }
  }

  it('emits a Qwen tool call after the rendered prompt, whatever came before, then <|im_end|>', async () => {
    await withModel({ preset: 'tiny-qwen2', type: 'q8_0', script: TOOL_CALL }, async (model, written) => {
      const preset = PRESETS['tiny-qwen2'];
      const prompts = [
        renderChat(preset, {
          messages: [{ role: 'user', content: 'What is the weather in Jakarta?' }],
          tools: [WEATHER_TOOL],
          add_generation_prompt: true,
        }),
        renderChat(preset, {
          messages: [
            { role: 'system', content: 'Jawab dalam bahasa Indonesia.' },
            { role: 'user', content: 'Halo' },
            { role: 'assistant', content: 'Halo! Ada yang bisa saya bantu?' },
            { role: 'user', content: 'Bagaimana cuaca di Jakarta?' },
          ],
          add_generation_prompt: true,
        }),
      ];
      for (const prompt of prompts) {
        const tokens = await generate(model, prompt, 0);
        assert.deepEqual(tokens, [...written.script!.tokenIds, written.eosTokenId]);
        assert.equal(model.detokenize(tokens.slice(0, -1)), TOOL_CALL.join(''));
      }
    });
  });

  it('emits DeepSeek-R1 reasoning after <think>, then <｜end▁of▁sentence｜>', async () => {
    await withModel(
      { preset: 'tiny-deepseek-r1', type: 'f16', script: REASONING },
      async (model, written) => {
        const prompt = renderChat(PRESETS['tiny-deepseek-r1'], {
          messages: [{ role: 'user', content: 'What is six times seven?' }],
          add_generation_prompt: true,
        });
        assert.ok(prompt.endsWith('<｜Assistant｜><think>\n'));
        assert.deepEqual(written.script!.startTokens, ['\n']);
        const tokens = await generate(model, prompt, 0);
        assert.equal(tokens.at(-1), model.tokens.eos);
        assert.equal(model.detokenize(tokens.slice(0, -1)), REASONING.join(''));
      },
    );
  });

  it('emits Qwen3 thinking by default, and an answer after the empty think block with enable_thinking false', async () => {
    const thinking = ['<think>', '\nHmm, a greeting.', '</think>', '\n\nHalo!'];
    await withModel({ preset: 'tiny-qwen3', type: 'q8_0', script: thinking }, async (model) => {
      const messages = [{ role: 'user', content: 'Hi' }];
      const prompt = renderChat(PRESETS['tiny-qwen3'], { messages, add_generation_prompt: true });
      assert.equal(model.detokenize((await generate(model, prompt, 0)).slice(0, -1)), thinking.join(''));
    });
    const options = { preset: 'tiny-qwen3', script: ['Halo!'], scriptStart: '\n\n' } as const;
    await withModel(options, async (model) => {
      const messages = [{ role: 'user', content: 'Hi' }];
      const prompt = renderChat(PRESETS['tiny-qwen3'], {
        messages,
        add_generation_prompt: true,
        enable_thinking: false,
      });
      assert.ok(prompt.endsWith('<think>\n\n</think>\n\n'));
      assert.equal(model.detokenize(await generate(model, prompt, 0)), 'Halo!');
    });
  });

  it('follows the script when sampling at temperature 1', async () => {
    await withModel(
      { preset: 'tiny-llama', type: 'f32', script: ['Halo', '! Apa kabar?'] },
      async (model, written) => {
        const prompt = renderChat(PRESETS['tiny-llama'], {
          messages: [{ role: 'user', content: 'Say hello in Indonesian.' }],
          add_generation_prompt: true,
        });
        assert.deepEqual(written.script!.startTokens, ['\n\n']);
        const tokens = await generate(model, prompt, 1);
        assert.equal(model.detokenize(tokens), 'Halo! Apa kabar?');
        assert.equal(tokens.at(-1), written.eosTokenId);
      },
    );
  });

  it('starts after any of several start tokens, e.g. for a chat wrapper that ends the prompt differently', async () => {
    const options = {
      preset: 'tiny-qwen2',
      script: ['Halo', '!'],
      scriptStart: ['\n', '<|im_start|>'],
    } as const;
    await withModel(options, async (model) => {
      const session = new LlamaChatSession({
        contextSequence: (await model.createContext({ threads: 2, contextSize: 512 })).getSequence(),
      });
      assert.equal(await session.prompt('Hello', { temperature: 0, maxTokens: 10 }), 'Halo!');
      const afterStart = await generate(model, '<|im_start|>', 0);
      assert.equal(model.detokenize(afterStart), 'Halo!');
      session.dispose();
    });
  });

  it('leaves the next token after other tokens random, and unties a tied preset', async () => {
    await withModel({ preset: 'tiny-qwen2', script: TOOL_CALL }, async (model, written) => {
      const scripted = new Set([...written.script!.tokenIds, written.eosTokenId]);
      const next = await Promise.all(
        ['Hello', ' the', ' Jakarta', ' cuaca', ' model'].map((text) => generate(model, text, 0)),
      );
      const firsts = next.map((tokens) => tokens[0]!);
      assert.ok(new Set(firsts).size > 1, `always ${firsts[0]}`);
      assert.ok(firsts.every((token) => !scripted.has(token)));
      assert.equal(written.tiedEmbeddings, false);
    });
    assert.equal(buildModel({ preset: 'tiny-qwen2' }).description.tiedEmbeddings, true);
  });

  it('rejects repeated entries, an entry equal to the start token, and scripts longer than the hidden size', () => {
    assert.throws(() => buildModel({ preset: 'tiny-qwen2', script: ['a', 'a'] }), /must all differ/);
    assert.throws(() => buildModel({ preset: 'tiny-qwen2', script: ['\n', 'b'] }), /must all differ/);
    const long = Array.from({ length: 64 }, (_, index) => `word${index}`);
    assert.throws(() => buildModel({ preset: 'tiny-qwen2', script: long }), /hidden dimensions/);
  });
});
