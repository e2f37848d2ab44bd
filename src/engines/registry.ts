/**
 * The engine registry: one typed map from engine kind to factory. A new engine is a folder under
 * src/engines/, a line here, a branch in the config schema and a passing conformance suite.
 */
import type { DeploymentConfig } from '../config/schema.ts';
import type { Engine, EngineKind } from './engine.ts';
import { createOpenAICompatibleEngine } from './openai-compatible/factory.ts';

/** Builds the engine for one deployment of the given kind. */
export type EngineFactory<K extends EngineKind> = (
  deployment: Extract<DeploymentConfig, { engine: K }>,
) => Engine;

const factories = {
  'openai-compatible': createOpenAICompatibleEngine,
} satisfies { [K in EngineKind]: EngineFactory<K> };

/** Creates the engine for a deployment; called once per deployment at start. */
export function createEngine(deployment: DeploymentConfig): Engine {
  switch (deployment.engine) {
    case 'openai-compatible':
      return factories['openai-compatible'](deployment);
  }
}
