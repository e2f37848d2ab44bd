/** The markdown report of `bench:engine`: figures side by side, ratios against the direct baseline, targets. */
import type { DaulatResult } from './through-daulat.ts';
import type { DirectResult } from './direct.ts';
import type { EngineBenchOptions } from './options.ts';
import { median } from './workload.ts';

/** Every round of one weight type. */
export interface TypeFigures {
  readonly type: string;
  readonly bytes: number;
  readonly direct: readonly DirectResult[];
  readonly daulat: readonly DaulatResult[];
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const check = (ok: boolean): string => (ok ? 'met' : '**not met**');

/** Renders the whole report. */
export function renderEngineReport(input: {
  options: EngineBenchOptions;
  bandwidth: number;
  figures: readonly TypeFigures[];
  machine: string;
}): string {
  const { options, bandwidth } = input;
  const lines = [
    `# bench:engine — ${new Date().toISOString().slice(0, 16)}Z`,
    '',
    `Machine: ${input.machine}. Threads: ${options.threads}. Read bandwidth (memcmp, best of 5): ${fixed(bandwidth / 1e9)} GB/s.`,
    `Model: generated, real Qwen2.5-0.5B shape (24 layers, hidden 896, vocab 151,936, tied embeddings), random weights.`,
    `Rounds: ${options.rounds}, direct and Daulat alternating; medians. Decode: ${options.decodeTokens} tokens greedy; concurrency runs: ${options.concurrentTokens} tokens per request; long prompt: ${options.promptTokens} tokens.`,
    '',
  ];
  for (const figure of input.figures) lines.push(...typeSection(figure, bandwidth, options));
  return lines.join('\n') + '\n';
}

function typeSection(figure: TypeFigures, bandwidth: number, options: EngineBenchOptions): string[] {
  const m = (
    pick: (result: DirectResult | DaulatResult) => number,
    results: readonly (DirectResult | DaulatResult)[],
  ): number => median(results.map(pick));
  const directDecode = m((r) => r.decodeTokensPerSecond, figure.direct);
  const daulatDecode = m((r) => r.decodeTokensPerSecond, figure.daulat);
  const directPrompt = m((r) => r.promptTokensPerSecond, figure.direct);
  const daulatPrompt = m((r) => r.promptTokensPerSecond, figure.daulat);
  const cold = median(figure.daulat.map((r) => r.coldFirstTokenMs));
  const cached = median(figure.daulat.map((r) => r.cachedFirstTokenMs));
  const bound = bandwidth / figure.bytes;
  const lines = [
    `## ${figure.type.toUpperCase()} (${fixed(figure.bytes / 2 ** 20, 0)} MiB read per token; decode bound ${fixed(bound)} tok/s)`,
    '',
    '| measure | direct node-llama-cpp | through Daulat | Daulat ÷ direct |',
    '| --- | ---: | ---: | ---: |',
    `| decode tok/s, 1 stream | ${fixed(directDecode)} | ${fixed(daulatDecode)} | ${percent(daulatDecode / directDecode)} |`,
    `| prompt tok/s (${options.promptTokens}-token prompt, cold) | ${fixed(directPrompt)} | ${fixed(daulatPrompt)} | ${percent(daulatPrompt / directPrompt)} |`,
  ];
  let worstAggregate = Number.POSITIVE_INFINITY;
  for (const concurrency of options.concurrency) {
    const direct = median(figure.direct.map((r) => r.aggregate.get(concurrency) ?? 0));
    const daulat = median(figure.daulat.map((r) => r.aggregate.get(concurrency) ?? 0));
    worstAggregate = Math.min(worstAggregate, daulat / direct);
    lines.push(
      `| aggregate decode tok/s, ${concurrency} concurrent | ${fixed(direct)} | ${fixed(daulat)} | ${percent(daulat / direct)} |`,
    );
  }
  lines.push(
    '',
    `Time to first token, ${options.promptTokens}-token prompt through Daulat: cold ${fixed(cold, 0)} ms, next turn with the cached prefix ${fixed(cached, 0)} ms (${fixed(cold / cached)}× faster).`,
    '',
    '| target | figure | |',
    '| --- | --- | --- |',
    `| serving overhead ≤ 5% (single stream) | ${percent(1 - daulatDecode / directDecode)} | ${check(daulatDecode / directDecode >= 0.95)} |`,
    `| concurrent aggregate ≥ 95% of the direct batch | worst ${percent(worstAggregate)} | ${check(worstAggregate >= 0.95)} |`,
    `| second-turn TTFT ≥ 5× faster than cold | ${fixed(cold / cached)}× | ${check(cold / cached >= 5)} |`,
  );
  if (figure.type === 'f16') {
    lines.push(
      `| F16 single-stream decode ≥ 70% of the bandwidth bound | ${percent(directDecode / bound)} direct, ${percent(daulatDecode / bound)} Daulat | ${check(daulatDecode / bound >= 0.7)} |`,
    );
  }
  lines.push('');
  return lines;
}
