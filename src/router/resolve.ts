/**
 * The model table: every public model name and the deployments behind it. Built once at start from
 * `deployments[].models` (each served name is public) and `models` (aliases, which win on a name clash).
 */
import type { Config, DeploymentConfig, ModelAliasConfig } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import type { Route, Target } from './router.ts';

/** One public model and the deployments that serve it, as `GET /v1/models` lists them. */
export interface ModelInfo {
  readonly id: string;
  readonly deployments: readonly string[];
}

/** Routes by public model name, and the sorted model list. */
export interface ModelTable {
  readonly routes: ReadonlyMap<string, Route>;
  readonly models: readonly ModelInfo[];
}

/**
 * Checks what the schema cannot: that every alias resolves to targets. Returns messages with field paths,
 * e.g. `models[0].deployments[1]: deployment 'x' serves several models; set model`; empty when valid.
 */
export function validateRoutes(config: Config): string[] {
  const messages: string[] = [];
  const deployments = new Map(config.deployments.map((deployment) => [deployment.name, deployment]));
  const aliasNames = new Set<string>();
  config.models.forEach((alias, index) => {
    const path = `models[${index}]`;
    if (aliasNames.has(alias.name)) messages.push(`${path}.name: duplicate model '${alias.name}'`);
    aliasNames.add(alias.name);
    if (alias.deployments === undefined) {
      if (alias.model === undefined) messages.push(`${path}: set model or deployments`);
      else if (!config.deployments.some((deployment) => deployment.models.includes(alias.model!))) {
        messages.push(`${path}.model: no deployment serves '${alias.model}'`);
      }
      return;
    }
    alias.deployments.forEach((entry, entryIndex) => {
      const entryPath = `${path}.deployments[${entryIndex}]`;
      const name = typeof entry === 'string' ? entry : entry.deployment;
      const deployment = deployments.get(name);
      if (deployment === undefined) messages.push(`${entryPath}: unknown deployment '${name}'`);
      else if (
        typeof entry === 'string' &&
        alias.model === undefined &&
        servedModels(deployment).length > 1
      ) {
        messages.push(`${entryPath}: deployment '${name}' serves several models; set model`);
      }
    });
  });
  return messages;
}

/** Builds the table; the config must pass `validateRoutes` and `engineOf` must know every deployment. */
export function buildModelTable(config: Config, engineOf: (name: string) => Engine): ModelTable {
  const strategy = config.routing.strategy;
  const served = new Map<string, Target[]>();
  for (const deployment of config.deployments) {
    const engine = engineOf(deployment.name);
    for (const model of servedModels(deployment)) {
      const targets = served.get(model) ?? [];
      targets.push({ deployment, engine, upstreamModel: model });
      served.set(model, targets);
    }
  }
  const routes = new Map<string, Route>();
  for (const [model, targets] of served) routes.set(model, { model, targets, strategy });
  for (const alias of config.models) {
    routes.set(alias.name, {
      model: alias.name,
      targets: aliasTargets(alias, config, engineOf),
      strategy: alias.strategy ?? strategy,
    });
  }
  const models = [...routes.values()]
    .map((route) => ({
      id: route.model,
      deployments: [...new Set(route.targets.map((target) => target.deployment.name))],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { routes, models };
}

function aliasTargets(alias: ModelAliasConfig, config: Config, engineOf: (name: string) => Engine): Target[] {
  if (alias.deployments === undefined) {
    const model = alias.model!;
    return config.deployments
      .filter((deployment) => deployment.models.includes(model))
      .map((deployment) => ({ deployment, engine: engineOf(deployment.name), upstreamModel: model }));
  }
  return alias.deployments.map((entry) => {
    const name = typeof entry === 'string' ? entry : entry.deployment;
    const deployment = config.deployments.find((candidate) => candidate.name === name)!;
    const upstreamModel = typeof entry === 'string' ? (alias.model ?? deployment.models[0]!) : entry.model;
    return { deployment, engine: engineOf(name), upstreamModel };
  });
}

function servedModels(deployment: DeploymentConfig): string[] {
  return [...new Set(deployment.models)];
}
