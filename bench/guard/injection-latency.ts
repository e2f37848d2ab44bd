/**
 * Scan latency of the injection scanner on inputs of fixed sizes built from real corpus text, so the mix of
 * words, markup and encodings is what the scanner meets, not a repeated letter.
 */
import type { TextScanner } from '../../src/guardrails/scanner.ts';

/** Latency figures for one input size, in milliseconds. */
export interface LatencyRow {
  readonly bytes: number;
  readonly iterations: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  /** This process's CPU time per call (user + system): the scan's own cost when other processes share the cores. */
  readonly cpuP50: number;
  readonly cpuP99: number;
}

/** Concatenates texts (cycling through them) into a string of exactly `size` UTF-16 units. */
export function buildInput(texts: readonly string[], size: number, offset: number): string {
  let out = '';
  for (let index = offset; out.length < size; index += 1) out += `${texts[index % texts.length] ?? ''}\n\n`;
  return out.slice(0, size);
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Times `scanner.scan` on `inputs` (cycled) after a warm-up; one sample per call. */
export function measureLatency(
  scanner: TextScanner,
  inputs: readonly string[],
  iterations: number,
): LatencyRow {
  for (let index = 0; index < Math.min(50, iterations); index += 1) {
    scanner.scan(inputs[index % inputs.length] ?? '', { source: 'user' });
  }
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const input = inputs[index % inputs.length] ?? '';
    const cpu = process.cpuUsage();
    const started = performance.now();
    scanner.scan(input, { source: 'user' });
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  return {
    bytes: inputs[0]?.length ?? 0,
    iterations,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    mean: samples.reduce((sum, sample) => sum + sample, 0) / samples.length,
    cpuP50: percentile(cpuSamples, 0.5),
    cpuP99: percentile(cpuSamples, 0.99),
  };
}
