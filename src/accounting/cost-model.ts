/**
 * What a request cost: on the deployment that served it (its configured `cost`), and on a proprietary
 * reference model from the price catalog. The ledger records both; their difference is the savings.
 */
import type { DeploymentConfig, DeploymentCost } from '../config/schema.ts';
import type { PriceCatalog } from './price-catalog.ts';
import { createThroughputMeter, type ThroughputMeter } from './throughput-meter.ts';

/** Token counts with OpenAI's nesting: cachedInput ⊂ input, reasoning ⊂ output. */
export interface TokenCounts {
  readonly input: number;
  readonly cachedInput: number;
  readonly output: number;
  readonly reasoning: number;
}

/** Prices requests in USD; the gateway's ledger and budget checks call it. */
export interface CostModel {
  /** USD for tokens served by a deployment (0 when it has no `cost` configured, or is unknown). */
  deploymentCost(deployment: string, tokens: TokenCounts): number;
  /** USD the same tokens cost on a proprietary model from the catalog; undefined for a model the catalog lacks. */
  referenceCost(model: string, tokens: TokenCounts): number | undefined;
  /** The highest deploymentCost among `deployments` — used to reserve budget before the deployment is chosen. */
  estimateCost(deployments: readonly string[], tokens: TokenCounts): number;
  /** Feeds a finished request to the throughput meter of an hourly-priced deployment. */
  observe(deployment: string, tokens: TokenCounts, startedAtMs: number, finishedAtMs: number): void;
}

/** The deployments as configured, the catalog for reference prices, and the clock (epoch milliseconds). */
export interface CostModelOptions {
  readonly deployments: readonly DeploymentConfig[];
  readonly catalog: PriceCatalog;
  readonly now?: () => number;
}

/** USD per million tokens of each class. */
interface Rates {
  readonly input: number;
  readonly cachedInput: number;
  readonly output: number;
  readonly reasoning: number;
}

type HourlyCost = Extract<DeploymentCost, { hourly_usd: number }>;

/** Builds the cost model; hourly-priced deployments each get a throughput meter on the given clock. */
export function createCostModel(options: CostModelOptions): CostModel {
  const pricers = new Map<string, (tokens: TokenCounts) => number>();
  const meters = new Map<string, ThroughputMeter>();
  for (const deployment of options.deployments) {
    const cost = deployment.cost;
    if (cost === undefined) continue;
    if ('per_million' in cost) {
      const rates = perMillionRates(cost.per_million);
      pricers.set(deployment.name, (tokens) => priceTokens(rates, tokens));
    } else {
      const meter = createThroughputMeter(options.now === undefined ? {} : { now: options.now });
      meters.set(deployment.name, meter);
      pricers.set(deployment.name, (tokens) => hourlyCost(cost, meter, tokens));
    }
  }
  const deploymentCost = (deployment: string, tokens: TokenCounts): number =>
    pricers.get(deployment)?.(tokens) ?? 0;
  return {
    deploymentCost,
    referenceCost(model, tokens) {
      const price = options.catalog.price(model);
      return price === undefined ? undefined : priceTokens(price, tokens);
    },
    estimateCost(deployments, tokens) {
      return deployments.reduce((highest, name) => Math.max(highest, deploymentCost(name, tokens)), 0);
    },
    observe(deployment, tokens, startedAtMs, finishedAtMs) {
      meters.get(deployment)?.record(countTokens(tokens), startedAtMs, finishedAtMs);
    },
  };
}

function perMillionRates(prices: Extract<DeploymentCost, { per_million: unknown }>['per_million']): Rates {
  return {
    input: prices.input,
    cachedInput: prices.cached_input ?? prices.input,
    output: prices.output,
    reasoning: prices.reasoning ?? prices.output,
  };
}

/** Each token class at its own rate: uncached and cached input, plain output and reasoning. */
function priceTokens(rates: Rates, tokens: TokenCounts): number {
  const input = Math.max(0, tokens.input);
  const output = Math.max(0, tokens.output);
  // Upstreams occasionally report a nested count larger than its parent; never price a negative remainder.
  const cached = Math.min(input, Math.max(0, tokens.cachedInput));
  const reasoning = Math.min(output, Math.max(0, tokens.reasoning));
  return (
    ((input - cached) * rates.input +
      cached * rates.cachedInput +
      (output - reasoning) * rates.output +
      reasoning * rates.reasoning) /
    1_000_000
  );
}

/** hourly_usd / 3600 / tokens per second, per token: measured throughput, else the configured guess, else 0. */
function hourlyCost(cost: HourlyCost, meter: ThroughputMeter, tokens: TokenCounts): number {
  const tokensPerSecond = meter.tokensPerSecond() ?? cost.throughput_tokens_per_s;
  if (tokensPerSecond === undefined) return 0;
  return (countTokens(tokens) * cost.hourly_usd) / 3_600 / tokensPerSecond;
}

function countTokens(tokens: TokenCounts): number {
  return Math.max(0, tokens.input) + Math.max(0, tokens.output);
}
