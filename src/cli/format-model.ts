/** How model commands print sizes, parameter counts and store entries. */
import type { ModelEntry } from '../models/store.ts';

/** `qwen2.5:0.5b (491 MB, q4_k_m, qwen2, 0.5B parameters, context 32768)`. */
export function describeEntry(entry: ModelEntry): string {
  const context = entry.contextLength === null ? '' : `, context ${entry.contextLength}`;
  return `${entry.name} (${formatSize(entry.size)}, ${entry.quantization}, ${entry.architecture}, ${formatParameters(entry.parameters)} parameters${context})`;
}

/** 494032768 → `0.5B`, 7615616512 → `7.6B`, 12345678 → `12M`. */
export function formatParameters(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${Math.round(count / 1e6)}M`;
  return `${Math.round(count / 1e3)}K`;
}

/** Bytes as `4.7 GB` or `491 MB`. */
export function formatSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
