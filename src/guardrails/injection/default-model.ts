/**
 * The committed classifier (`model.json`, built by scripts/train-injection-classifier.ts), decoded on first use.
 */
import type { InjectionModel } from './classifier.ts';
import { decodeModelFile } from './model-file.ts';
import modelFile from './model.json' with { type: 'json' };

let loaded: InjectionModel | undefined;

/** The default injection classifier; decoded once (a few milliseconds), then shared. */
export function defaultInjectionModel(): InjectionModel {
  loaded ??= decodeModelFile(modelFile);
  return loaded;
}
