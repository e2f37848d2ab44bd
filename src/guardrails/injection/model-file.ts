/**
 * The classifier's weights file: JSON metadata plus the weights as base64 of a sparse, 8-bit quantised list
 * (varint gap to the next non-zero bucket, then a signed byte). Small enough to commit, and the same weights
 * always serialise to the same bytes.
 */
import type { InjectionModel, InjectionThresholds } from './classifier.ts';

/** The format tag written into every weights file. */
export const MODEL_FORMAT = 'daulat-injection-lr/1';

/** The weights file as stored (`model.json`). `training` is free-form provenance. */
export interface InjectionModelFile {
  readonly format: string;
  readonly bits: number;
  readonly window: number;
  readonly stride: number;
  readonly bias: number;
  readonly scale: number;
  /** The classifier's length correction ({@link InjectionModel.lengthSlope}); absent in older files (0). */
  readonly lengthSlope?: number;
  readonly thresholds: InjectionThresholds;
  readonly training: Readonly<Record<string, unknown>>;
  readonly weights: string;
}

/** Float weights quantised to signed bytes: weight ≈ value × scale. */
export interface QuantisedWeights {
  readonly scale: number;
  readonly values: Int8Array;
}

/** Quantises weights to signed bytes with one scale (max |w| / 127); small weights become zero and are not stored. */
export function quantiseWeights(weights: Float32Array | Float64Array): QuantisedWeights {
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest === 0 ? 1 : Number((largest / 127).toPrecision(9));
  const values = new Int8Array(weights.length);
  for (let index = 0; index < weights.length; index += 1) {
    values[index] = Math.max(-127, Math.min(127, Math.round((weights[index] ?? 0) / scale)));
  }
  return { scale, values };
}

function encodeSparse(values: Int8Array): string {
  const bytes: number[] = [];
  let previous = -1;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] ?? 0;
    if (value === 0) continue;
    for (let gap = index - previous; ; gap >>>= 7) {
      if (gap < 0x80) {
        bytes.push(gap);
        break;
      }
      bytes.push((gap & 0x7f) | 0x80);
    }
    bytes.push(value & 0xff);
    previous = index;
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeSparse(encoded: string, size: number): Int8Array {
  const bytes = Buffer.from(encoded, 'base64');
  const weights = new Int8Array(size);
  let index = -1;
  for (let offset = 0; offset < bytes.length;) {
    let gap = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[offset] ?? 0;
      offset += 1;
      gap |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    index += gap;
    const byte = bytes[offset] ?? 0;
    offset += 1;
    if (index < size) weights[index] = byte > 127 ? byte - 256 : byte;
  }
  return weights;
}

/** Builds the weights file for a quantised model; `training` records how it was made. */
export function encodeModelFile(
  geometry: { bits: number; window: number; stride: number; bias: number; lengthSlope?: number },
  quantised: QuantisedWeights,
  thresholds: InjectionThresholds,
  training: Readonly<Record<string, unknown>>,
): InjectionModelFile {
  return {
    format: MODEL_FORMAT,
    bits: geometry.bits,
    window: geometry.window,
    stride: geometry.stride,
    bias: Number(geometry.bias.toPrecision(9)),
    scale: quantised.scale,
    ...(geometry.lengthSlope === undefined ? {} : { lengthSlope: geometry.lengthSlope }),
    thresholds,
    training,
    weights: encodeSparse(quantised.values),
  };
}

/** Loads a weights file into a classifier; throws on another format. */
export function decodeModelFile(file: InjectionModelFile): InjectionModel {
  if (file.format !== MODEL_FORMAT) throw new Error(`injection model: unknown format '${file.format}'`);
  const size = 2 ** file.bits;
  return {
    bits: file.bits,
    window: file.window,
    stride: file.stride,
    bias: file.bias,
    scale: file.scale,
    lengthSlope: file.lengthSlope ?? 0,
    weights: decodeSparse(file.weights, size),
    thresholds: file.thresholds,
  };
}

/** The file's bytes: two-space JSON with a final newline, the same for the same model. */
export function serializeModelFile(file: InjectionModelFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
