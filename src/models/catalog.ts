/**
 * The model catalog: short names (`qwen2.5:7b`) for GGUF files on Hugging Face, with what a user needs to
 * choose one (origin, licence, size) and the shape the fit estimate needs before anything is downloaded.
 */
import { CATALOG_ENTRIES } from './catalog-entries.ts';

/** Who published the model's weights. */
export type ModelOrigin = 'Alibaba' | 'DeepSeek' | 'Meta' | 'Moonshot' | 'Tencent';

/** The parts of a model's architecture that decide its KV-cache size. */
export interface ModelShape {
  readonly layers: number;
  readonly kvHeads: number;
  /** Elements per head in the key and value caches. */
  readonly keyLength: number;
  readonly valueLength: number;
  /** The context length the model was trained for. */
  readonly contextLength: number;
}

/** One GGUF file on Hugging Face. */
export interface CatalogFile {
  readonly repo: string;
  readonly file: string;
  /** Approximate size in bytes. */
  readonly size: number;
}

/** One catalog model and its quantizations. */
export interface CatalogModel {
  /** `family:size`, e.g. `qwen2.5:7b`. */
  readonly name: string;
  readonly title: string;
  readonly origin: ModelOrigin;
  readonly licence: string;
  readonly parameters: number;
  readonly shape: ModelShape;
  /** Lower-case llama.cpp file-type name, e.g. `q4_k_m`. */
  readonly defaultQuantization: string;
  readonly files: Readonly<Record<string, CatalogFile>>;
}

/** Every catalog model, in family order, smallest first. */
export const CATALOG: readonly CatalogModel[] = CATALOG_ENTRIES;

/** The catalog model named `family:size` (case-insensitive), if any. */
export function findCatalogModel(name: string): CatalogModel | undefined {
  const wanted = name.toLowerCase();
  return CATALOG.find((model) => model.name === wanted);
}

/** `qwen2.5:7b` → `qwen2.5`. */
export function catalogFamily(model: CatalogModel): string {
  return model.name.slice(0, model.name.indexOf(':'));
}

/** The catalog's names in one family, e.g. for an error message suggesting what exists. */
export function familyNames(family: string): string[] {
  return CATALOG.filter((model) => catalogFamily(model) === family.toLowerCase()).map((model) => model.name);
}
