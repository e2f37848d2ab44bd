/**
 * The same workload through Daulat's HTTP API: a gateway built in-process with one embedded deployment,
 * driven by streaming chat requests; times are taken at the client as SSE chunks arrive.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { parseConfig } from '../../src/config/load.ts';
import { buildServer } from '../../src/server/app.ts';
import type { DirectSettings } from './direct.ts';
import { shortQuestion, steadyAggregate } from './workload.ts';

/** One Daulat round's figures; the same fields as the direct round, plus the warm-prefix time to first token. */
export interface DaulatResult {
  readonly decodeTokensPerSecond: number;
  readonly promptTokensPerSecond: number;
  readonly coldFirstTokenMs: number;
  readonly cachedFirstTokenMs: number;
  readonly aggregate: ReadonlyMap<number, number>;
}

interface StreamTiming {
  readonly firstMs: number;
  readonly lastMs: number;
  readonly completionTokens: number;
  readonly promptTokens: number;
  readonly text: string;
  /** performance.now() of every content chunk (one per token). */
  readonly stamps: readonly number[];
}

type Message = { role: 'user' | 'assistant'; content: string };

/** Starts a gateway on the model, measures, closes it. `document` is the long prompt's text. */
export async function measureDaulat(settings: DirectSettings, document: string): Promise<DaulatResult> {
  const config = parseConfig({
    server: { log_level: 'silent' },
    // The engine's serving overhead; the guardrails' cost (and their word hold-back) is bench:guard's subject.
    guardrails: {
      input: { injection: 'off', indirect_injection: 'off', pii: 'off', secrets: 'off' },
      output: { pii: 'off', secrets: 'off', prompt_leak: 'off' },
    },
    embedded: { threads: settings.threads, gpu: false },
    deployments: [
      {
        name: 'bench',
        engine: 'embedded',
        model: settings.path,
        models: ['bench'],
        context_size: settings.contextSize,
        parallel: settings.parallel,
        gpu_layers: 0,
        keep_alive: 0,
      },
    ],
  });
  const server = await buildServer(config, { logger: pino({ level: 'silent' }) });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const ask = (messages: Message[], maxTokens: number): Promise<StreamTiming> =>
      stream(url, messages, maxTokens);
    await ask([{ role: 'user', content: 'warm up' }], 1);
    const single = await ask([{ role: 'user', content: shortQuestion(0) }], settings.decodeTokens);
    const cold = await ask([{ role: 'user', content: document }], 1);
    const cached = await ask(
      [
        { role: 'user', content: document },
        { role: 'assistant', content: cold.text },
        { role: 'user', content: 'Lanjutkan.' },
      ],
      1,
    );
    const aggregate = new Map<number, number>();
    for (const concurrency of settings.concurrency) {
      const runs = await Promise.all(
        Array.from({ length: concurrency }, (_, index) =>
          ask([{ role: 'user', content: shortQuestion(index + 1) }], settings.concurrentTokens),
        ),
      );
      aggregate.set(concurrency, steadyAggregate(runs.map((run) => run.stamps)));
    }
    return {
      decodeTokensPerSecond: (single.completionTokens - 1) / ((single.lastMs - single.firstMs) / 1000),
      promptTokensPerSecond: cold.promptTokens / (cold.firstMs / 1000),
      coldFirstTokenMs: cold.firstMs,
      cachedFirstTokenMs: cached.firstMs,
      aggregate,
    };
  } finally {
    await server.close();
  }
}

/** One streaming request, greedy, timed from before the request to the first and last content chunks. */
async function stream(url: string, messages: Message[], maxTokens: number): Promise<StreamTiming> {
  const start = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'bench',
      messages,
      max_tokens: maxTokens,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    }),
  });
  if (!response.ok || response.body === null)
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let firstMs = Number.NaN;
  let lastMs = Number.NaN;
  let text = '';
  const stamps: number[] = [];
  let usage = { completion_tokens: 0, prompt_tokens: 0 };
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes as Uint8Array, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const chunk = JSON.parse(line.slice(6)) as {
        choices: { delta?: { content?: string } }[];
        usage?: typeof usage;
        error?: unknown;
      };
      if (chunk.error !== undefined) throw new Error(`stream error: ${JSON.stringify(chunk.error)}`);
      const content = chunk.choices[0]?.delta?.content;
      if (content) {
        stamps.push(performance.now());
        lastMs = performance.now() - start;
        if (Number.isNaN(firstMs)) firstMs = lastMs;
        text += content;
      }
      if (chunk.usage) usage = chunk.usage;
    }
  }
  if (Number.isNaN(firstMs)) throw new Error('no content in the stream');
  return {
    firstMs,
    lastMs,
    completionTokens: usage.completion_tokens,
    promptTokens: usage.prompt_tokens,
    text,
    stamps,
  };
}
