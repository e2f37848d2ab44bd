/**
 * `daulat fit [NAME]`: this machine's free RAM and VRAM, and either whether one model fits (with the
 * memory breakdown; exit 1 if not) or, for each catalog family, the largest model that fits.
 */
import type { Command } from 'commander';
import { CATALOG, catalogFamily, type CatalogModel } from '../../models/catalog.ts';
import { gb, planFit, type FitDecision, type FitOptions } from '../../models/fit.ts';
import { detectHardware, type Hardware } from '../../models/hardware.ts';
import { sizingFor } from '../../models/model-sizing.ts';
import { modelsDirFor, type ModelsDirOptions } from '../models-dir.ts';
import { parseInteger } from '../parse.ts';
import { reportError } from '../report-error.ts';
import { formatParameters } from '../format-model.ts';
import { formatTable } from '../table.ts';

interface FitCommandOptions extends ModelsDirOptions {
  readonly context: number;
  readonly parallel: number;
  readonly gpu: boolean;
}

/** Registers `daulat fit` on the program. */
export function registerFit(program: Command): void {
  program
    .command('fit')
    .description("this machine's memory, and which models fit it")
    .argument('[name]', 'one model: store or catalog name, hf:org/repo/file.gguf, or a .gguf path')
    .option('--context <tokens>', 'context size per sequence', parseInteger, 4096)
    .option('--parallel <n>', 'sequences served at once', parseInteger, 4)
    .option('--no-gpu', 'ignore any GPU (faster: no GPU backend is loaded)')
    .option(
      '--models-dir <dir>',
      'model store folder (default: DAULAT_MODELS_DIR, model_store.dir, ./data/models)',
    )
    .option('-c, --config <file>', 'configuration file to read model_store.dir from')
    .action(async (name: string | undefined, options: FitCommandOptions) => {
      process.exitCode = await fit(name, options);
    });
}

async function fit(name: string | undefined, options: FitCommandOptions): Promise<number> {
  const fitOptions: FitOptions = {
    contextSize: Math.max(1, options.context),
    parallel: Math.max(1, options.parallel),
  };
  try {
    const hardware = await detectHardware({ gpu: options.gpu });
    process.stdout.write(`${describeHardware(hardware)}\n`);
    process.stdout.write(
      `estimates at context ${fitOptions.contextSize} × ${fitOptions.parallel} sequences\n\n`,
    );
    if (name !== undefined) return await fitOne(await modelsDirFor(options), name, hardware, fitOptions);
    process.stdout.write(`${await familyTable(hardware, fitOptions)}\n`);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

async function fitOne(
  storeDir: string,
  name: string,
  hardware: Hardware,
  options: FitOptions,
): Promise<number> {
  const decision = await planFit(await sizingFor(storeDir, name), hardware, options);
  const { weights, kvCache, compute, total } = decision.memory;
  process.stdout.write(
    `${name}: weights ${gb(weights)}, KV cache ${gb(kvCache)}, compute ${gb(compute)}, total ${gb(total)}\n${decision.summary}\n`,
  );
  return decision.placement === 'none' ? 1 : 0;
}

/** Per family, the largest model (by parameters, at its default quantization) that fits. */
async function familyTable(hardware: Hardware, options: FitOptions): Promise<string> {
  const families = new Map<string, CatalogModel[]>();
  for (const model of CATALOG)
    families.set(catalogFamily(model), [...(families.get(catalogFamily(model)) ?? []), model]);
  const rows: string[][] = [['FAMILY', 'LARGEST THAT FITS', 'PARAMS', 'QUANT', 'NEEDS', 'PLACEMENT']];
  for (const [family, models] of families) {
    const best = await largestFitting(models, hardware, options);
    rows.push(
      best
        ? [
            family,
            best.model.name,
            formatParameters(best.model.parameters),
            best.model.defaultQuantization,
            gb(best.decision.memory.total),
            placement(best.decision),
          ]
        : [family, 'none', '-', '-', '-', '-'],
    );
  }
  return formatTable(rows);
}

async function largestFitting(
  models: readonly CatalogModel[],
  hardware: Hardware,
  options: FitOptions,
): Promise<{ model: CatalogModel; decision: FitDecision } | undefined> {
  for (const model of [...models].sort((a, b) => b.parameters - a.parameters)) {
    const decision = await planFit(
      { kind: 'catalog', model, quantization: model.defaultQuantization },
      hardware,
      options,
    );
    if (decision.placement !== 'none') return { model, decision };
  }
  return undefined;
}

function placement(decision: FitDecision): string {
  switch (decision.placement) {
    case 'gpu':
      return 'all layers on GPU';
    case 'partial':
      return `${decision.gpuLayers}/${decision.totalLayers} layers on GPU`;
    case 'cpu':
      return 'CPU only';
    case 'none':
      return 'does not fit';
  }
}

function describeHardware(hardware: Hardware): string {
  const gpu =
    hardware.gpu === false
      ? 'no GPU'
      : `GPU (${hardware.gpu}): ${gb(hardware.vramFree)} VRAM free of ${gb(hardware.vramTotal)}`;
  return `this machine: ${hardware.cores} CPU cores, ${gb(hardware.ramFree)} RAM free of ${gb(hardware.ramTotal)}, ${gpu}`;
}
