/**
 * Will a model fit this machine, and how: memory for weights, KV cache and compute buffers at a context
 * size and parallelism, placed on the GPU (all or some layers) or the CPU. From a GGUF, node-llama-cpp's
 * GgufInsights does the sums (its heuristic estimates: the simulating V2 ones load the model through
 * llama.cpp); a catalog model not yet downloaded is estimated from the shape the catalog declares.
 */
import { GgufInsights, type GgufFileInfo } from 'node-llama-cpp';
import type { CatalogModel } from './catalog.ts';
import type { Hardware } from './hardware.ts';

/** What a model is known by, for an estimate. */
export type ModelSizing =
  | { readonly kind: 'gguf'; readonly gguf: GgufFileInfo }
  | { readonly kind: 'catalog'; readonly model: CatalogModel; readonly quantization: string };

/** Tokens of context per sequence, and sequences served at once (the embedded engine's `parallel`). */
export interface FitOptions {
  readonly contextSize: number;
  readonly parallel: number;
}

/** Bytes a loaded model takes, wherever it is placed. */
export interface MemoryEstimate {
  readonly weights: number;
  readonly kvCache: number;
  readonly compute: number;
  readonly total: number;
}

/** Where the model would run. */
export type Placement = 'gpu' | 'partial' | 'cpu' | 'none';

/** The decision, with the memory it takes on each side. */
export interface FitDecision {
  readonly placement: Placement;
  readonly gpuLayers: number;
  readonly totalLayers: number;
  /** RAM and VRAM needed in this placement (for `none`, the CPU-only RAM need). */
  readonly ram: number;
  readonly vram: number;
  readonly memory: MemoryEstimate;
  readonly summary: string;
}

interface Split extends MemoryEstimate {
  readonly ram: number;
  readonly vram: number;
}

interface Requirements {
  /** Layers including the output layer, as node-llama-cpp counts them. */
  readonly layers: number;
  at(gpuLayers: number): Split;
}

const MiB = 1024 ** 2;
const F16_BYTES = 2;

/** Memory a model needs in total (RAM + VRAM), for the embedded engine's memory budget. */
export async function estimateModelMemory(sizing: ModelSizing, options: FitOptions): Promise<MemoryEstimate> {
  const { weights, kvCache, compute, total } = (await requirementsOf(sizing, options)).at(0);
  return { weights, kvCache, compute, total };
}

/** Decides how the model fits `hardware`: all layers on the GPU, some, the CPU only, or not at all. */
export async function planFit(
  sizing: ModelSizing,
  hardware: Hardware,
  options: FitOptions,
): Promise<FitDecision> {
  const requirements = await requirementsOf(sizing, options);
  const fits = (split: Split) => split.ram <= hardware.ramFree && split.vram <= hardware.vramFree;
  const layers = requirements.layers;
  if (hardware.vramFree > 0) {
    const full = requirements.at(layers);
    if (fits(full)) return decide('gpu', layers, layers, full, hardware);
    const most = mostGpuLayers(requirements, hardware.vramFree);
    const partial = most > 0 ? requirements.at(most) : undefined;
    if (partial && fits(partial)) return decide('partial', most, layers, partial, hardware);
  }
  const cpu = requirements.at(0);
  return decide(fits(cpu) ? 'cpu' : 'none', 0, layers, cpu, hardware);
}

/** The largest layer count whose VRAM need fits, by bisection (VRAM grows with the layer count). */
function mostGpuLayers(requirements: Requirements, vramFree: number): number {
  let low = 0;
  let high = requirements.layers - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (requirements.at(middle).vram <= vramFree) low = middle;
    else high = middle - 1;
  }
  return low;
}

async function requirementsOf(sizing: ModelSizing, options: FitOptions): Promise<Requirements> {
  return sizing.kind === 'gguf'
    ? ggufRequirements(await GgufInsights.from(sizing.gguf), options)
    : shapeRequirements(sizing, options);
}

function ggufRequirements(insights: GgufInsights, options: FitOptions): Requirements {
  return {
    layers: insights.totalLayers,
    at(gpuLayers) {
      const weights = insights.estimateModelResourceRequirements({ gpuLayers });
      const context = {
        contextSize: options.contextSize,
        modelGpuLayers: gpuLayers,
        sequences: options.parallel,
      };
      const full = insights.estimateContextResourceRequirements(context);
      const cacheOnly = insights.estimateContextResourceRequirements({
        ...context,
        includeGraphOverhead: false,
      });
      return split(
        weights.cpuRam + weights.gpuVram,
        cacheOnly.cpuRam + cacheOnly.gpuVram,
        full.cpuRam + full.gpuVram - (cacheOnly.cpuRam + cacheOnly.gpuVram),
        weights.cpuRam + full.cpuRam,
        weights.gpuVram + full.gpuVram,
      );
    },
  };
}

/**
 * From the catalog's declared shape: the file's size for the weights, an f16 KV cache of
 * layers × tokens × kv heads × (key + value length), and a rough compute allowance.
 */
function shapeRequirements(
  sizing: Extract<ModelSizing, { kind: 'catalog' }>,
  options: FitOptions,
): Requirements {
  const { shape } = sizing.model;
  const weights = sizing.model.files[sizing.quantization]?.size ?? 0;
  const tokens = Math.min(options.contextSize, shape.contextLength) * options.parallel;
  const kvCache = shape.layers * tokens * shape.kvHeads * (shape.keyLength + shape.valueLength) * F16_BYTES;
  const compute = 256 * MiB + 0.05 * weights;
  const layers = shape.layers + 1;
  return {
    layers,
    at(gpuLayers) {
      const onGpu = (weights + kvCache) * (gpuLayers / layers) + (gpuLayers > 0 ? compute : 0);
      return split(weights, kvCache, compute, weights + kvCache + compute - onGpu, onGpu);
    },
  };
}

function split(weights: number, kvCache: number, compute: number, ram: number, vram: number): Split {
  return { weights, kvCache, compute, total: weights + kvCache + compute, ram, vram };
}

function decide(
  placement: Placement,
  gpuLayers: number,
  totalLayers: number,
  need: Split,
  hardware: Hardware,
): FitDecision {
  const { weights, kvCache, compute, total } = need;
  return {
    placement,
    gpuLayers,
    totalLayers,
    ram: need.ram,
    vram: need.vram,
    memory: { weights, kvCache, compute, total },
    summary: summarise(placement, gpuLayers, totalLayers, need, hardware),
  };
}

function summarise(
  placement: Placement,
  gpuLayers: number,
  totalLayers: number,
  need: Split,
  hardware: Hardware,
): string {
  switch (placement) {
    case 'gpu':
      return `fits: all ${totalLayers} layers on the GPU (${gb(need.vram)} VRAM of ${gb(hardware.vramFree)} free, ${gb(need.ram)} RAM)`;
    case 'partial':
      return `fits: ${gpuLayers} of ${totalLayers} layers on the GPU (${gb(need.vram)} VRAM), the rest on the CPU (${gb(need.ram)} RAM of ${gb(hardware.ramFree)} free)`;
    case 'cpu':
      return `fits on the CPU only: ${gb(need.ram)} RAM of ${gb(hardware.ramFree)} free${hardware.gpu === false ? '' : ', too large for the GPU'}`;
    case 'none':
      return `does not fit: needs ${gb(need.total)}; this machine has ${gb(hardware.ramFree)} RAM free${hardware.vramFree > 0 ? ` and ${gb(hardware.vramFree)} VRAM free` : ' and no usable GPU'}`;
  }
}

/** Bytes as gigabytes with one decimal, e.g. `4.7 GB`. */
export function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
