/**
 * What a user may type for a model: a catalog name (`qwen2.5:7b`, with an optional quantization
 * `qwen2.5:7b:q8_0`), a Hugging Face file (`hf:org/repo/file.gguf`, optionally `@revision`), or a path to
 * a local `.gguf` file. Parsing gives the canonical store name and where the bytes come from.
 */
import { basename, resolve } from 'node:path';
import { GatewayError } from '../errors.ts';
import { CATALOG, familyNames, findCatalogModel, type CatalogFile, type CatalogModel } from './catalog.ts';

/** A file in a Hugging Face repository at a revision (branch, tag or commit). */
export interface HubFile {
  readonly repo: string;
  readonly file: string;
  readonly revision: string;
}

/** A parsed model name. */
export type ModelReference =
  | {
      readonly kind: 'catalog';
      /** Canonical: `family:size` for the default quantization, else `family:size:quant`. */
      readonly name: string;
      readonly model: CatalogModel;
      readonly quantization: string;
      readonly file: CatalogFile;
      readonly hub: HubFile;
    }
  | { readonly kind: 'hf'; readonly name: string; readonly hub: HubFile }
  | { readonly kind: 'path'; readonly name: string; readonly path: string };

const HF_REFERENCE = /^hf:([^/\s]+\/[^/\s]+)\/(\S+?\.gguf)(?:@(\S+))?$/i;
const SPLIT_FILE = /-\d{5}-of-\d{5}\.gguf$/i;

/** Parses a model name; throws `model_not_in_catalog` naming what is wrong and what exists. */
export function parseModelReference(text: string): ModelReference {
  const trimmed = text.trim();
  if (/^hf:/i.test(trimmed)) return parseHubReference(trimmed);
  if (trimmed.toLowerCase().endsWith('.gguf')) {
    return { kind: 'path', name: basename(trimmed).replace(/\.gguf$/i, ''), path: resolve(trimmed) };
  }
  return parseCatalogReference(trimmed);
}

/** True when `text` names a catalog model or an `hf:` file, i.e. something `daulat pull` can download. */
export function isPullable(
  reference: ModelReference,
): reference is Exclude<ModelReference, { kind: 'path' }> {
  return reference.kind !== 'path';
}

function parseHubReference(text: string): ModelReference {
  const match = HF_REFERENCE.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new GatewayError(
      'model_not_in_catalog',
      `'${text}' is not a Hugging Face file reference: expected hf:org/repo/file.gguf or hf:org/repo/file.gguf@revision`,
    );
  }
  if (SPLIT_FILE.test(match[2])) {
    throw new GatewayError(
      'model_not_in_catalog',
      `'${text}' is one part of a split GGUF; split files are not supported: choose a single-file quantization`,
    );
  }
  const hub = { repo: match[1], file: match[2], revision: match[3] ?? 'main' };
  return { kind: 'hf', name: `hf:${hub.repo}/${hub.file}`, hub };
}

function parseCatalogReference(text: string): ModelReference {
  const [family = '', size, quantization, ...rest] = text.toLowerCase().split(':');
  const model = size === undefined || rest.length > 0 ? undefined : findCatalogModel(`${family}:${size}`);
  if (!model) throw new GatewayError('model_not_in_catalog', unknownModelMessage(text, family));
  const chosen = quantization ?? model.defaultQuantization;
  const file = model.files[chosen];
  if (!file) {
    throw new GatewayError(
      'model_not_in_catalog',
      `model '${model.name}' has no quantization '${chosen}' in the catalog; choose one of ${Object.keys(model.files).join(', ')}, or pull any file with hf:org/repo/file.gguf`,
    );
  }
  const name = chosen === model.defaultQuantization ? model.name : `${model.name}:${chosen}`;
  return {
    kind: 'catalog',
    name,
    model,
    quantization: chosen,
    file,
    hub: { repo: file.repo, file: file.file, revision: 'main' },
  };
}

function unknownModelMessage(text: string, family: string): string {
  const siblings = familyNames(family);
  const hint =
    siblings.length > 0
      ? `the catalog has ${siblings.join(', ')}`
      : `catalog families: ${[...new Set(CATALOG.map((model) => model.name.split(':')[0]))].join(', ')}`;
  return `model '${text}' is not in the catalog (${hint}); any GGUF on Hugging Face can be pulled as hf:org/repo/file.gguf`;
}
