/**
 * The engine registry: one typed map from engine kind to factory. A new engine is a folder under
 * src/engines/, a line here, a branch in the config schema and a passing conformance suite.
 */
import type { Config, DeploymentConfig } from '../config/schema.ts';
import { MemoryBudget } from './embedded/memory-budget.ts';
import type { Engine, EngineEnvironment, EngineKind } from './engine.ts';
import { createOpenAICompatibleEngine } from './openai-compatible/factory.ts';

/** Builds the engine for one deployment of the given kind. */
export type EngineFactory<K extends EngineKind> = (
  deployment: Extract<DeploymentConfig, { engine: K }>,
  environment: EngineEnvironment,
) => Engine | Promise<Engine>;

// node-llama-cpp (about 55 MiB RSS and 0.2 s to load) is imported only when an embedded deployment exists.
const factories = {
  'openai-compatible': createOpenAICompatibleEngine,
  embedded: async (deployment, environment) =>
    (await import('./embedded/factory.ts')).createEmbeddedEngine(deployment, environment),
} satisfies { [K in EngineKind]: EngineFactory<K> };

/** The environment every engine of one gateway shares; made once per gateway. */
export function createEngineEnvironment(config: Config): EngineEnvironment {
  const budget = config.embedded.memory_budget_mb;
  return {
    modelStoreDir: config.model_store.dir,
    embedded: config.embedded,
    memoryBudget: new MemoryBudget(budget === undefined ? undefined : budget * 2 ** 20),
  };
}

/** Creates the engine for a deployment; called once per deployment at start. */
export async function createEngine(
  deployment: DeploymentConfig,
  environment: EngineEnvironment,
): Promise<Engine> {
  switch (deployment.engine) {
    case 'openai-compatible':
      return factories['openai-compatible'](deployment);
    case 'embedded':
      return factories.embedded(deployment, environment);
  }
}
