/**
 * `daulat fit [NAME]`: this machine's free RAM and VRAM, and either whether one model fits (with the
 * memory breakdown; exit 1 if not) or, for each catalog family, the largest model that fits.
 */
import type { Command } from 'commander';
import { parseInteger } from '../parse.ts';
import type { FitCommandOptions } from './run-fit.ts';

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
      process.exitCode = await (await import('./run-fit.ts')).runFit(name, options);
    });
}
