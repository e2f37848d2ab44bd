/**
 * node-llama-cpp called directly, as a plain script would: the baseline for Daulat's serving overhead.
 * Same model file, threads, context and prompts (rendered with the model's own template) as the gateway.
 */
import { performance } from 'node:perf_hooks';
import { getLlama, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';
import { ChatTemplate } from '../../src/engines/embedded/chat-template.ts';
import { longDocument, shortQuestion, steadyAggregate } from './workload.ts';

/** One direct round's figures. */
export interface DirectResult {
  readonly decodeTokensPerSecond: number;
  readonly promptTokensPerSecond: number;
  readonly coldFirstTokenMs: number;
  /** Aggregate decode tokens/s by concurrency, while all streams decode (see steadyAggregate). */
  readonly aggregate: ReadonlyMap<number, number>;
}

/** What a round needs. */
export interface DirectSettings {
  readonly path: string;
  readonly threads: number;
  readonly parallel: number;
  readonly contextSize: number;
  readonly decodeTokens: number;
  readonly concurrentTokens: number;
  readonly concurrency: readonly number[];
  readonly promptTokens: number;
}

/** Loads the model, measures, unloads. */
export async function measureDirect(settings: DirectSettings): Promise<DirectResult> {
  const llama = await getLlama({ gpu: false, build: 'never', maxThreads: settings.threads });
  const model = await llama.loadModel({ modelPath: settings.path, gpuLayers: 0 });
  try {
    const context = await model.createContext({
      contextSize: settings.contextSize,
      sequences: settings.parallel,
      threads: settings.threads,
    });
    const render = chatRenderer(model);
    const sequences = Array.from({ length: settings.parallel }, () => context.getSequence());
    const generate = (prompt: Token[], count: number, index = 0) =>
      generateOn(sequences[index]!, prompt, count);
    await generate(render('warm up'), 1);
    const single = await generate(render(shortQuestion(0)), settings.decodeTokens);
    const long = await generate(render(longDocument(model, settings.promptTokens)), 1);
    const aggregate = new Map<number, number>();
    for (const concurrency of settings.concurrency) {
      const runs = await Promise.all(
        Array.from({ length: concurrency }, (_, index) =>
          generate(render(shortQuestion(index + 1)), settings.concurrentTokens, index),
        ),
      );
      aggregate.set(concurrency, steadyAggregate(runs.map((run) => run.stamps)));
    }
    await context.dispose();
    return {
      decodeTokensPerSecond: (single.tokens - 1) / ((single.lastMs - single.firstMs) / 1000),
      promptTokensPerSecond: long.promptTokens / (long.firstMs / 1000),
      coldFirstTokenMs: long.firstMs,
      aggregate,
    };
  } finally {
    await model.dispose();
  }
}

function chatRenderer(model: LlamaModel): (question: string) => Token[] {
  const source = model.fileInfo.metadata.tokenizer?.chat_template ?? '';
  const template = new ChatTemplate(source, {
    bos: model.tokens.bosString ?? '',
    eos: model.tokens.eosString ?? '',
  });
  return (question) =>
    model.tokenize(template.render([{ role: 'user', content: question }], undefined, {}).text, true);
}

/** Evaluates `prompt` on a cleared sequence and generates `count` tokens (greedy), timing the first and last. */
async function generateOn(
  sequence: LlamaContextSequence,
  prompt: Token[],
  count: number,
): Promise<{ tokens: number; firstMs: number; lastMs: number; promptTokens: number; stamps: number[] }> {
  await sequence.clearHistory();
  const start = performance.now();
  let tokens = 0;
  let firstMs = 0;
  let lastMs = 0;
  const stamps: number[] = [];
  for await (const token of sequence.evaluate(prompt, { temperature: 0, yieldEogToken: true })) {
    stamps.push(performance.now());
    lastMs = performance.now() - start;
    if (tokens === 0) firstMs = lastMs;
    if (sequence.model.isEogToken(token) || ++tokens >= count) break;
  }
  return { tokens, firstMs, lastMs, promptTokens: prompt.length, stamps };
}
