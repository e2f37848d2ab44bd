/**
 * The model store folder for CLI commands: `--models-dir`, else DAULAT_MODELS_DIR, else the config file's
 * `model_store.dir` (the same place `daulat serve` looks), else ./data/models.
 */
import { ConfigError, loadConfig } from '../config/load.ts';
import { resolveModelsDir } from '../models/store.ts';

/** Options every model command takes. */
export interface ModelsDirOptions {
  readonly modelsDir?: string;
  readonly config?: string;
}

/** Resolves the store folder; an unreadable config is reported on stderr and skipped. */
export async function modelsDirFor(options: ModelsDirOptions): Promise<string> {
  if (options.modelsDir !== undefined) return resolveModelsDir({ flag: options.modelsDir });
  try {
    const { config } = await loadConfig(options.config === undefined ? {} : { path: options.config });
    return resolveModelsDir({ configured: config.model_store.dir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `daulat: warning: ${error.message.split('\n')[0] ?? ''}; using the default models folder\n`,
    );
    return resolveModelsDir();
  }
}
