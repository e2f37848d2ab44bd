/**
 * What this machine has free for a model: available RAM (MemAvailable, capped by a cgroup memory limit in
 * a container) and, when a GPU backend loads, its free VRAM as llama.cpp sees it.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';

/** Memory in bytes; `gpu` is the llama.cpp backend found (`cuda`, `vulkan`, `metal`) or false. */
export interface Hardware {
  readonly cores: number;
  readonly ramTotal: number;
  readonly ramFree: number;
  readonly gpu: string | false;
  readonly vramTotal: number;
  readonly vramFree: number;
}

/** Reads RAM from the OS and, unless `gpu: false`, VRAM through llama.cpp (slower: it loads a backend). */
export async function detectHardware(options: { gpu?: boolean } = {}): Promise<Hardware> {
  const cores = availableParallelism();
  const ram = await readRam();
  const gpu = options.gpu === false ? undefined : await readVram(cores);
  return { cores, ...ram, gpu: gpu?.gpu ?? false, vramTotal: gpu?.total ?? 0, vramFree: gpu?.free ?? 0 };
}

async function readRam(): Promise<{ ramTotal: number; ramFree: number }> {
  let ramTotal = totalmem();
  let ramFree = freemem();
  const meminfo = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const available = /^MemAvailable:\s+(\d+) kB/m.exec(meminfo)?.[1];
  // MemAvailable counts reclaimable page cache; os.freemem() does not, and understates what a model can use.
  if (available) ramFree = Number(available) * 1024;
  const limit = Number(await readFile('/sys/fs/cgroup/memory.max', 'utf8').catch(() => 'max'));
  if (Number.isFinite(limit) && limit < ramTotal) {
    const used = Number(await readFile('/sys/fs/cgroup/memory.current', 'utf8').catch(() => '0'));
    ramTotal = limit;
    ramFree = Math.min(ramFree, Math.max(0, limit - used));
  }
  return { ramTotal, ramFree };
}

async function readVram(
  cores: number,
): Promise<{ gpu: string | false; total: number; free: number } | undefined> {
  try {
    const llama = await getLlama({
      gpu: 'auto',
      build: 'never',
      maxThreads: cores,
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    });
    try {
      if (llama.gpu === false) return undefined;
      const state = await llama.getVramState();
      return { gpu: llama.gpu, total: state.total, free: state.free };
    } finally {
      await llama.dispose();
    }
  } catch {
    return undefined;
  }
}
