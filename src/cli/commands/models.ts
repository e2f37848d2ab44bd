/** `daulat models`: the models in the store, or with `--catalog` the models `daulat pull` knows by name. */
import type { Command } from 'commander';
import { CATALOG } from '../../models/catalog.ts';
import { listModels, type ModelEntry } from '../../models/store.ts';
import { modelsDirFor, type ModelsDirOptions } from '../models-dir.ts';
import { reportError } from '../report-error.ts';
import { formatParameters, formatSize } from '../format-model.ts';
import { formatTable } from '../table.ts';

interface ModelsOptions extends ModelsDirOptions {
  readonly catalog?: boolean;
  readonly json?: boolean;
}

/** Registers `daulat models` on the program. */
export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the models in the model store')
    .option(
      '--models-dir <dir>',
      'model store folder (default: DAULAT_MODELS_DIR, model_store.dir, ./data/models)',
    )
    .option('-c, --config <file>', 'configuration file to read model_store.dir from')
    .option('--catalog', 'list the catalog instead: every name `daulat pull` accepts')
    .option('--json', 'print the manifest entries as JSON')
    .action(async (options: ModelsOptions) => {
      process.exitCode = await models(options);
    });
}

async function models(options: ModelsOptions): Promise<number> {
  const storeDir = await modelsDirFor(options);
  let entries: ModelEntry[];
  try {
    entries = await listModels(storeDir);
  } catch (error) {
    return reportError(error);
  }
  if (options.catalog) {
    process.stdout.write(`${catalogTable(new Set(entries.map((entry) => entry.name)))}\n`);
  } else if (options.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  } else if (entries.length === 0) {
    process.stdout.write(
      `no models in ${storeDir}: pull one with \`daulat pull qwen2.5:0.5b\` (see \`daulat models --catalog\`)\n`,
    );
  } else {
    process.stdout.write(`${storeTable(entries)}\n`);
  }
  return 0;
}

function storeTable(entries: readonly ModelEntry[]): string {
  return formatTable([
    ['NAME', 'SIZE', 'QUANT', 'ARCH', 'PARAMS', 'CONTEXT'],
    ...entries.map((entry) => [
      entry.name,
      formatSize(entry.size),
      entry.quantization,
      entry.architecture,
      formatParameters(entry.parameters),
      entry.contextLength === null ? '-' : String(entry.contextLength),
    ]),
  ]);
}

function catalogTable(pulled: ReadonlySet<string>): string {
  return (
    formatTable([
      ['NAME', 'ORIGIN', 'PARAMS', 'QUANT', 'SIZE', 'OTHER QUANTS', 'LICENCE'],
      ...CATALOG.map((model) => [
        `${model.name}${pulled.has(model.name) ? ' *' : ''}`,
        model.origin,
        formatParameters(model.parameters),
        model.defaultQuantization,
        formatSize(model.files[model.defaultQuantization]?.size ?? 0),
        Object.keys(model.files)
          .filter((quantization) => quantization !== model.defaultQuantization)
          .join(',') || '-',
        model.licence,
      ]),
    ]) +
    '\n\n* in the store. Another quantization: NAME:QUANT (e.g. qwen2.5:7b:q8_0); any GGUF: hf:org/repo/file.gguf'
  );
}
