/**
 * What `daulat fit` does, loaded only when it runs: it needs node-llama-cpp, which `daulat serve` must not
 * load without an embedded deployment.
 */
import { CATALOG, catalogFamily, type CatalogModel } from '../../models/catalog.ts';
import { gb, planFit, type FitDecision, type FitOptions } from '../../models/fit.ts';
import { detectHardware, type Hardware } from '../../models/hardware.ts';
import { sizingFor } from '../../models/model-sizing.ts';
import { modelsDirFor, type ModelsDirOptions } from '../models-dir.ts';
import { reportError } from '../report-error.ts';
import { formatParameters } from '../format-model.ts';
import { formatTable } from '../table.ts';

/** The options commander parses for this command. */
export interface FitCommandOptions extends ModelsDirOptions {
  readonly context: number;
  readonly parallel: number;
  readonly gpu: boolean;
}

/** Runs `daulat fit`; returns the exit code. */
export async function runFit(name: string | undefined, options: FitCommandOptions): Promise<number> {
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
