/**
 * The models `daulat pull NAME` knows by name. Compiled on 2026-11-01 from the Hugging Face repositories
 * named below; sizes are approximate (the pull reads the exact size and sha256 from the hub) and shapes are
 * taken from each model's config.json, for fit estimates before a download.
 * Only single-file quantizations are listed: Qwen's own 7B and 14B repos split theirs, so bartowski's are used.
 */
import type { CatalogFile, CatalogModel } from './catalog.ts';

const GB = 1e9;

/** `{q4_k_m: 4.68}` → files named `${prefix}Q4_K_M.gguf` (or lower-case) in `repo`, sizes in GB. */
function quantFiles(
  repo: string,
  prefix: string,
  sizes: Record<string, number>,
  casing: 'upper' | 'lower' = 'upper',
): Record<string, CatalogFile> {
  return Object.fromEntries(
    Object.entries(sizes).map(([quantization, size]) => [
      quantization,
      {
        repo,
        file: `${prefix}${casing === 'upper' ? quantization.toUpperCase() : quantization}.gguf`,
        size: Math.round(size * GB),
      },
    ]),
  );
}

const qwenLicence = 'Apache-2.0';

/** Every catalog model; `name` is `family:size`. */
export const CATALOG_ENTRIES: readonly CatalogModel[] = [
  {
    name: 'qwen2.5:0.5b',
    title: 'Qwen2.5 0.5B Instruct',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 0.49e9,
    shape: { layers: 24, kvHeads: 2, keyLength: 64, valueLength: 64, contextLength: 32_768 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles(
      'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
      'qwen2.5-0.5b-instruct-',
      { q4_k_m: 0.49, q5_k_m: 0.52, q6_k: 0.65, q8_0: 0.68 },
      'lower',
    ),
  },
  {
    name: 'qwen2.5:1.5b',
    title: 'Qwen2.5 1.5B Instruct',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 1.54e9,
    shape: { layers: 28, kvHeads: 2, keyLength: 128, valueLength: 128, contextLength: 32_768 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles(
      'Qwen/Qwen2.5-1.5B-Instruct-GGUF',
      'qwen2.5-1.5b-instruct-',
      { q4_k_m: 1.12, q5_k_m: 1.29, q6_k: 1.46, q8_0: 1.89 },
      'lower',
    ),
  },
  {
    name: 'qwen2.5:3b',
    title: 'Qwen2.5 3B Instruct',
    origin: 'Alibaba',
    licence: 'Qwen Research License',
    parameters: 3.09e9,
    shape: { layers: 36, kvHeads: 2, keyLength: 128, valueLength: 128, contextLength: 32_768 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles(
      'Qwen/Qwen2.5-3B-Instruct-GGUF',
      'qwen2.5-3b-instruct-',
      { q4_k_m: 2.1, q5_k_m: 2.44, q6_k: 2.79, q8_0: 3.62 },
      'lower',
    ),
  },
  {
    name: 'qwen2.5:7b',
    title: 'Qwen2.5 7B Instruct',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 7.62e9,
    shape: { layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128, contextLength: 32_768 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/Qwen2.5-7B-Instruct-GGUF', 'Qwen2.5-7B-Instruct-', {
      q4_k_m: 4.68,
      q5_k_m: 5.44,
      q6_k: 6.25,
      q8_0: 8.1,
    }),
  },
  {
    name: 'qwen2.5:14b',
    title: 'Qwen2.5 14B Instruct',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 14.7e9,
    shape: { layers: 48, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 32_768 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/Qwen2.5-14B-Instruct-GGUF', 'Qwen2.5-14B-Instruct-', {
      q4_k_m: 8.99,
      q5_k_m: 10.5,
      q6_k: 12.1,
      q8_0: 15.7,
    }),
  },
  {
    name: 'qwen3:0.6b',
    title: 'Qwen3 0.6B',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 0.6e9,
    shape: { layers: 28, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 40_960 },
    defaultQuantization: 'q8_0',
    files: quantFiles('Qwen/Qwen3-0.6B-GGUF', 'Qwen3-0.6B-', { q8_0: 0.64 }),
  },
  {
    name: 'qwen3:4b',
    title: 'Qwen3 4B',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 4.02e9,
    shape: { layers: 36, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 40_960 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('Qwen/Qwen3-4B-GGUF', 'Qwen3-4B-', {
      q4_k_m: 2.5,
      q5_k_m: 2.89,
      q6_k: 3.31,
      q8_0: 4.28,
    }),
  },
  {
    name: 'qwen3:8b',
    title: 'Qwen3 8B',
    origin: 'Alibaba',
    licence: qwenLicence,
    parameters: 8.19e9,
    shape: { layers: 36, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 40_960 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('Qwen/Qwen3-8B-GGUF', 'Qwen3-8B-', {
      q4_k_m: 5.03,
      q5_k_m: 5.85,
      q6_k: 6.73,
      q8_0: 8.71,
    }),
  },
  {
    name: 'deepseek-r1:1.5b',
    title: 'DeepSeek-R1-Distill-Qwen-1.5B',
    origin: 'DeepSeek',
    licence: 'MIT (base: Qwen2.5-Math, Apache-2.0)',
    parameters: 1.78e9,
    shape: { layers: 28, kvHeads: 2, keyLength: 128, valueLength: 128, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF', 'DeepSeek-R1-Distill-Qwen-1.5B-', {
      q4_k_m: 1.12,
      q5_k_m: 1.29,
      q6_k: 1.46,
      q8_0: 1.89,
    }),
  },
  {
    name: 'deepseek-r1:7b',
    title: 'DeepSeek-R1-Distill-Qwen-7B',
    origin: 'DeepSeek',
    licence: 'MIT (base: Qwen2.5-Math, Apache-2.0)',
    parameters: 7.62e9,
    shape: { layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF', 'DeepSeek-R1-Distill-Qwen-7B-', {
      q4_k_m: 4.68,
      q5_k_m: 5.44,
      q6_k: 6.25,
      q8_0: 8.1,
    }),
  },
  {
    name: 'deepseek-r1:8b',
    title: 'DeepSeek-R1-Distill-Llama-8B',
    origin: 'DeepSeek',
    licence: 'MIT (base: Llama 3.1 Community License)',
    parameters: 8.03e9,
    shape: { layers: 32, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/DeepSeek-R1-Distill-Llama-8B-GGUF', 'DeepSeek-R1-Distill-Llama-8B-', {
      q4_k_m: 4.92,
      q5_k_m: 5.73,
      q6_k: 6.6,
      q8_0: 8.54,
    }),
  },
  {
    name: 'llama3.2:1b',
    title: 'Llama 3.2 1B Instruct',
    origin: 'Meta',
    licence: 'Llama 3.2 Community License',
    parameters: 1.24e9,
    shape: { layers: 16, kvHeads: 8, keyLength: 64, valueLength: 64, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/Llama-3.2-1B-Instruct-GGUF', 'Llama-3.2-1B-Instruct-', {
      q4_k_m: 0.81,
      q5_k_m: 0.91,
      q6_k: 1.02,
      q8_0: 1.32,
    }),
  },
  {
    name: 'llama3.2:3b',
    title: 'Llama 3.2 3B Instruct',
    origin: 'Meta',
    licence: 'Llama 3.2 Community License',
    parameters: 3.21e9,
    shape: { layers: 28, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-', {
      q4_k_m: 2.02,
      q5_k_m: 2.32,
      q6_k: 2.64,
      q8_0: 3.42,
    }),
  },
  {
    name: 'llama3.1:8b',
    title: 'Llama 3.1 8B Instruct',
    origin: 'Meta',
    licence: 'Llama 3.1 Community License',
    parameters: 8.03e9,
    shape: { layers: 32, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 131_072 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'Meta-Llama-3.1-8B-Instruct-', {
      q4_k_m: 4.92,
      q5_k_m: 5.73,
      q6_k: 6.6,
      q8_0: 8.54,
    }),
  },
  {
    // Moonshot's Kimi K2 needs hundreds of GB; Moonlight (16B, 3B active, MoE with MLA) is its small model.
    name: 'moonlight:16b',
    title: 'Moonlight 16B-A3B Instruct (Moonshot AI, Kimi)',
    origin: 'Moonshot',
    licence: 'MIT',
    parameters: 16e9,
    // MLA caches one compressed latent per token and layer: 512 + 64 rope dimensions for keys, 512 for values.
    shape: { layers: 27, kvHeads: 1, keyLength: 576, valueLength: 512, contextLength: 8_192 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('mmnga/Moonlight-16B-A3B-Instruct-gguf', 'Moonlight-16B-A3B-Instruct-', {
      q4_k_m: 10.54,
    }),
  },
  {
    name: 'hunyuan:7b',
    title: 'Hunyuan 7B Instruct',
    origin: 'Tencent',
    licence: 'Tencent Hunyuan Community License (not licensed in the EU, UK or South Korea)',
    parameters: 7.5e9,
    shape: { layers: 32, kvHeads: 8, keyLength: 128, valueLength: 128, contextLength: 262_144 },
    defaultQuantization: 'q4_k_m',
    files: quantFiles('bartowski/tencent_Hunyuan-7B-Instruct-GGUF', 'tencent_Hunyuan-7B-Instruct-', {
      q4_k_m: 4.62,
      q5_k_m: 5.4,
      q8_0: 7.99,
    }),
  },
];
