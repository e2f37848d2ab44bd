import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  getLlama,
  JinjaTemplateChatWrapper,
  LlamaLogLevel,
  readGgufFileInfo,
  type Llama,
} from 'node-llama-cpp';
import {
  buildModel,
  testModel,
  testModelPath,
  writeTestModel,
  type PresetName,
  type WeightType,
} from './index.ts';

const TINY_PRESETS: PresetName[] = ['tiny-qwen2', 'tiny-deepseek-r1', 'tiny-llama', 'tiny-qwen3'];
const TYPES: WeightType[] = ['f32', 'f16', 'q8_0'];
const TEXT = 'The weather in Jakarta is hot today. Cuaca di Jakarta panas sekali, ya! 😀🇮🇩 naïve café 2025';

describe('test models in llama.cpp', () => {
  let llama: Llama;
  let directory: string;
  before(async () => {
    // The default thread count exceeds this machine's cores and slows decoding 60-1000x.
    llama = await getLlama({ gpu: false, build: 'never', maxThreads: 2, logLevel: LlamaLogLevel.error });
    directory = await mkdtemp(join(tmpdir(), 'gguf-models-'));
  });
  after(async () => {
    await llama.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  for (const preset of TINY_PRESETS) {
    for (const type of TYPES) {
      it(`${preset} (${type}) loads, tokenizes as the writer's tokenizer does, and generates`, async () => {
        const written = await writeTestModel(join(directory, `${preset}-${type}.gguf`), { preset, type });
        const model = await llama.loadModel({ modelPath: written.path });
        try {
          assert.equal(model.fileInfo.metadata.general.architecture, written.architecture);
          assert.equal(model.fileInfo.metadata.tokenizer.ggml.tokens.length, written.vocabSize);
          assert.equal(model.tokens.eos, written.eosTokenId);
          const tokens = model.tokenize(TEXT);
          assert.equal(model.detokenize(tokens), TEXT);
          assert.deepEqual([...tokens], buildModel({ preset }).tokenizer.encode(TEXT, false));
          const context = await model.createContext({ contextSize: 512, threads: 2 });
          try {
            const generated: number[] = [];
            for await (const token of context.getSequence().evaluate(tokens, { temperature: 0.8, seed: 1 })) {
              generated.push(token);
              if (generated.length === 8) break;
            }
            assert.ok(
              generated.length > 0 && generated.every((token) => token >= 0 && token < written.vocabSize),
            );
          } finally {
            await context.dispose();
          }
        } finally {
          await model.dispose();
        }
      });
    }
  }

  it('renders each preset chat template through node-llama-cpp', async () => {
    const expected: Record<string, string> = {
      'tiny-qwen2':
        '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHalo<|im_end|>\n<|im_start|>assistant\n',
      'tiny-deepseek-r1': 'Be brief.<｜User｜>Halo<｜Assistant｜>',
      'tiny-qwen3':
        '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHalo<|im_end|>\n<|im_start|>assistant\n',
      'tiny-llama':
        'Today Date: 26 Jul 2024\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHalo<|eot_id|>',
    };
    for (const preset of TINY_PRESETS) {
      const path = await testModelPath({ preset, type: 'q8_0' }, directory);
      const template =
        (await readGgufFileInfo(path, { logWarnings: false })).metadata.tokenizer.chat_template ?? '';
      const wrapper = new JinjaTemplateChatWrapper({ template });
      const state = wrapper.generateContextState({
        chatHistory: [
          { type: 'system', text: 'Be brief.' },
          { type: 'user', text: 'Halo' },
          { type: 'model', response: [] },
        ],
      });
      assert.ok(
        state.contextText.toString().includes(expected[preset]!),
        `${preset}: ${state.contextText.toString()}`,
      );
    }
  });
});

describe('writeTestModel and testModel', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'gguf-cache-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const first = await writeTestModel(join(directory, 'a.gguf'), {
      preset: 'tiny-qwen2',
      type: 'q8_0',
      seed: 5,
    });
    const again = await writeTestModel(join(directory, 'b.gguf'), {
      preset: 'tiny-qwen2',
      type: 'q8_0',
      seed: 5,
    });
    const other = await writeTestModel(join(directory, 'c.gguf'), {
      preset: 'tiny-qwen2',
      type: 'q8_0',
      seed: 6,
    });
    assert.equal(first.sha256, again.sha256);
    assert.notEqual(first.sha256, other.sha256);
    assert.equal(first.bytes, (await stat(first.path)).size);
  });

  it('writes a cached model once, shares a concurrent write, and leaves no temporary files', async () => {
    const options = { preset: 'tiny-llama', type: 'f16', seed: 3, name: 'cache test' } as const;
    const [first, second] = await Promise.all([testModel(options, directory), testModel(options, directory)]);
    assert.equal(first, second);
    const modified = (await stat(first.path)).mtimeMs;
    assert.equal(await testModelPath(options, directory), first.path);
    assert.equal((await stat(first.path)).mtimeMs, modified);
    assert.notEqual(await testModelPath({ ...options, seed: 4 }, directory), first.path);
    assert.deepEqual(
      (await readdir(directory)).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('writes a cached model again when its file has gone', async () => {
    const options = { preset: 'tiny-qwen2', type: 'q8_0', seed: 11 } as const;
    const first = await testModel(options, directory);
    await rm(first.path);
    const again = await testModel(options, directory);
    assert.equal((await stat(again.path)).size, first.bytes);
    assert.equal(again.sha256, first.sha256);
  });

  it('names the model and sets the context length it is asked for', async () => {
    const path = await testModelPath(
      { preset: 'tiny-qwen2', name: 'Daulat test', contextLength: 4096 },
      directory,
    );
    const info = await readGgufFileInfo(path, { logWarnings: false });
    assert.equal(info.metadata.general.name, 'Daulat test');
    assert.equal(info.architectureMetadata.context_length, 4096);
  });
});
