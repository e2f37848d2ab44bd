/**
 * The registry's entry point for `engine: openai-compatible` deployments.
 */
import type { OpenAICompatibleDeploymentConfig } from '../../config/schema.ts';
import type { Engine } from '../engine.ts';
import { OpenAICompatibleEngine } from './engine.ts';

/** Creates the engine for one OpenAI-compatible deployment; opens connections lazily, on first use. */
export function createOpenAICompatibleEngine(deployment: OpenAICompatibleDeploymentConfig): Engine {
  return new OpenAICompatibleEngine(deployment);
}
