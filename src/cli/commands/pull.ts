/**
 * `daulat pull NAME`: downloads a catalog model or `hf:` file into the model store (or records a local
 * .gguf). Before downloading it estimates whether the model fits this machine: if not, it asks on a
 * terminal and refuses without `--yes` elsewhere, so a script never fetches gigabytes it cannot run.
 */
import type { Command } from 'commander';
import { parseInteger } from '../parse.ts';
import type { PullOptions } from './run-pull.ts';

/** Registers `daulat pull` on the program. */
export function registerPull(program: Command): void {
  program
    .command('pull')
    .description('download a model from Hugging Face into the model store (see `daulat models --catalog`)')
    .argument(
      '<name>',
      'catalog name (qwen2.5:7b, qwen2.5:7b:q8_0), hf:org/repo/file.gguf[@revision], or a path to a .gguf',
    )
    .option(
      '--models-dir <dir>',
      'model store folder (default: DAULAT_MODELS_DIR, model_store.dir, ./data/models)',
    )
    .option('-c, --config <file>', 'configuration file to read model_store.dir from')
    .option('-y, --yes', 'download even if the model does not fit this machine; never ask')
    .option('--context <tokens>', 'context size per sequence for the fit estimate', parseInteger, 4096)
    .option('--parallel <n>', 'sequences served at once, for the fit estimate', parseInteger, 4)
    .action(async (name: string, options: PullOptions) => {
      process.exitCode = await (await import('./run-pull.ts')).runPull(name, options);
    });
}
