/**
 * Scan latency of the pii and secrets scanners together, as the input pipeline runs them: p50 and p99 per scan
 * on prompts of 1 KB, 16 KB and 128 KB of two kinds: `dense`, cut from the synthetic corpus (an entity or near
 * miss every ~70 characters, so every recognizer validates candidates: a worst case), and `typical`, business
 * prose in both languages with one corpus sample (one to three entities) per kilobyte.
 */
import { createPiiScanner } from '../../src/guardrails/scanners/pii.ts';
import { createSecretsScanner } from '../../src/guardrails/scanners/secrets.ts';
import { generatePiiCorpus } from './pii-corpus.ts';

/** One measured prompt kind and size. */
export interface LatencyRow {
  readonly kind: PromptKind;
  readonly bytes: number;
  readonly iterations: number;
  readonly findings: number;
  readonly p50Microseconds: number;
  readonly p99Microseconds: number;
  /** This process's CPU time per scan (user + system): what the scan costs when other processes share the cores. */
  readonly cpuP50Microseconds: number;
  readonly cpuP99Microseconds: number;
  /** Megabytes of prompt scanned per second at the median. */
  readonly megabytesPerSecond: number;
}

const SIZES: readonly (readonly [number, number])[] = [
  [1024, 5000],
  [16 * 1024, 600],
  [128 * 1024, 80],
];

/** Which prompts to measure. */
export type PromptKind = 'dense' | 'typical';

const PROSE = [
  'Berikut ringkasan rapat koordinasi proyek migrasi sistem pembayaran yang dilaksanakan minggu lalu di kantor pusat.',
  'Tim infrastruktur melaporkan bahwa pengujian beban tahap kedua selesai tanpa kendala berarti, dan jadwal tetap sesuai rencana.',
  'Please review the attached draft of the quarterly report and suggest improvements to the executive summary before Friday.',
  'The customer asked whether the new mobile application supports offline mode and how long cached data is kept on the device.',
  'Mohon jelaskan perbedaan antara metode penyusutan garis lurus dan saldo menurun untuk aset tetap perusahaan kami.',
  'Write a short, friendly reply that thanks the applicant, confirms receipt of the documents and explains the next steps.',
];

/** A prompt of exactly `bytes` characters of prose with one corpus sample per kilobyte. */
export function typicalPrompt(bytes: number, seed = 1): string {
  const samples = generatePiiCorpus(seed, Math.ceil(bytes / 1024) + 1);
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part =
      index % 8 === 3 ? (samples[Math.floor(index / 8)]?.text ?? '') : (PROSE[index % PROSE.length] ?? '');
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(' ').slice(0, bytes);
}

/** A prompt of exactly `bytes` characters (ASCII) cut from corpus samples, ending at a sample boundary or cut. */
export function corpusPrompt(bytes: number, seed = 1): string {
  const parts: string[] = [];
  let length = 0;
  for (const sample of generatePiiCorpus(seed, Math.ceil(bytes / 60) + 10)) {
    parts.push(sample.text);
    length += sample.text.length + 1;
    if (length >= bytes) break;
  }
  return parts.join('\n').slice(0, bytes);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Measures each kind and size after a warm-up; times are per scan of both scanners. */
export function measurePiiLatency(): LatencyRow[] {
  const kinds: readonly PromptKind[] = ['typical', 'dense'];
  return kinds.flatMap((kind) => SIZES.map(([bytes, iterations]) => measure(kind, bytes, iterations)));
}

function measure(kind: PromptKind, bytes: number, iterations: number): LatencyRow {
  const scanners = [createPiiScanner(), createSecretsScanner()];
  const context = { source: 'user' } as const;
  const scan = (text: string): number =>
    scanners.reduce((count, s) => count + s.scan(text, context).length, 0);
  // A flat copy, as a prompt parsed from a request body is.
  const prompt = JSON.parse(
    JSON.stringify(kind === 'dense' ? corpusPrompt(bytes) : typicalPrompt(bytes)),
  ) as string;
  for (let index = 0; index < Math.max(50, iterations / 5); index++) scan(prompt);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let findings = 0;
  for (let index = 0; index < iterations; index++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    findings = scan(prompt);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuTimes.push(used.user + used.system);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  return {
    kind,
    bytes,
    iterations,
    findings,
    p50Microseconds: p50,
    p99Microseconds: percentile(times, 99),
    cpuP50Microseconds: percentile(cpuTimes, 50),
    cpuP99Microseconds: percentile(cpuTimes, 99),
    megabytesPerSecond: bytes / 1_048_576 / (p50 / 1e6),
  };
}
