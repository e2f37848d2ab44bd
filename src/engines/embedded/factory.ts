/**
 * The registry's entry point for `engine: embedded` deployments. Nothing loads here: the model loads on
 * the first request (or never, if the deployment goes unused).
 */
import type { EmbeddedDeploymentConfig } from '../../config/schema.ts';
import { validateModelFile } from '../../models/gguf-info.ts';
import { resolveModel } from '../../models/store.ts';
import type { Engine, EngineEnvironment } from '../engine.ts';
import { EmbeddedEngine } from './engine.ts';
import { ModelHost, type ModelLocator } from './model-host.ts';

/** Creates the engine for one embedded deployment. */
export function createEmbeddedEngine(
  deployment: EmbeddedDeploymentConfig,
  environment: EngineEnvironment,
): Engine {
  const locate = storeLocator(environment.modelStoreDir);
  const host = new ModelHost({
    deployment,
    settings: environment.embedded,
    locate,
    budget: environment.memoryBudget,
  });
  return new EmbeddedEngine(deployment, host, locate);
}

/**
 * Finds a model in the store (or at a path) and validates it before llama.cpp sees it: a corrupt file or
 * a vocabulary with a repeated token string would otherwise abort the whole process inside llama.cpp.
 */
function storeLocator(storeDir: string): ModelLocator {
  return async (model) => {
    const { path } = await resolveModel(storeDir, model);
    const { gguf } = await validateModelFile(path);
    return { path, gguf };
  };
}
