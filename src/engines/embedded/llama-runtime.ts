/**
 * The process's one llama.cpp runtime (node-llama-cpp's `Llama`): loaded once, shared by every embedded
 * deployment, with the thread count pinned to the physical cores — node-llama-cpp's default can exceed
 * them, and oversubscribed decoding on 2 cores ran 60–1000× slower. Prebuilt binaries only: Daulat never
 * compiles llama.cpp at install or run time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import type { EmbeddedConfig } from '../../config/schema.ts';

/** The runtime and the settings it was made with. */
export interface LlamaRuntime {
  readonly llama: Llama;
  /** Threads each context decodes with. */
  readonly threads: number;
}

let shared: { key: string; runtime: Promise<LlamaRuntime> } | undefined;

/** Returns the shared runtime, loading llama.cpp's bindings on first use (about a second). */
export function getLlamaRuntime(settings: EmbeddedConfig): Promise<LlamaRuntime> {
  const threads = settings.threads === 'auto' ? physicalCores() : settings.threads;
  const key = `${String(settings.gpu)}:${threads}`;
  if (shared !== undefined && shared.key === key) return shared.runtime;
  const runtime = getLlama({
    gpu: settings.gpu,
    build: 'never',
    maxThreads: threads,
    logLevel: LlamaLogLevel.error,
    progressLogs: false,
  }).then((llama) => ({ llama, threads }));
  shared = { key, runtime };
  runtime.catch(() => {
    if (shared?.runtime === runtime) shared = undefined;
  });
  return runtime;
}

/** Physical CPU cores (not hyper-threads), from /proc/cpuinfo where it says; else the logical count. */
export function physicalCores(): number {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const cores = new Set<string>();
    for (const block of info.split('\n\n')) {
      const physical = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
      const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
      if (physical !== undefined && core !== undefined) cores.add(`${physical}:${core}`);
    }
    if (cores.size > 0) return cores.size;
  } catch {
    // Not Linux: fall through to the logical count.
  }
  return availableParallelism();
}
