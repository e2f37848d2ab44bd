/** `daulat rm NAME…`: removes models from the store and deletes their files (local files are left alone). */
import type { Command } from 'commander';
import { modelFilePath, removeModel } from '../../models/store.ts';
import { modelsDirFor, type ModelsDirOptions } from '../models-dir.ts';
import { reportError } from '../report-error.ts';

/** Registers `daulat rm` on the program. */
export function registerRm(program: Command): void {
  program
    .command('rm')
    .description('remove models from the model store')
    .argument('<names...>', 'store names, as `daulat models` lists them')
    .option(
      '--models-dir <dir>',
      'model store folder (default: DAULAT_MODELS_DIR, model_store.dir, ./data/models)',
    )
    .option('-c, --config <file>', 'configuration file to read model_store.dir from')
    .action(async (names: string[], options: ModelsDirOptions) => {
      process.exitCode = await rm(names, options);
    });
}

async function rm(names: readonly string[], options: ModelsDirOptions): Promise<number> {
  const storeDir = await modelsDirFor(options);
  let exitCode = 0;
  for (const name of names) {
    try {
      const removed = await removeModel(storeDir, name);
      const path = modelFilePath(storeDir, removed);
      process.stdout.write(
        removed.source.kind === 'local'
          ? `removed ${removed.name} from the store (its file ${path} is left in place)\n`
          : `removed ${removed.name} (deleted ${path})\n`,
      );
    } catch (error) {
      exitCode = reportError(error);
    }
  }
  return exitCode;
}
