import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../config/load.ts';
import { createCostModel, type TokenCounts } from './cost-model.ts';
import { parsePriceCatalog } from './price-catalog.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const catalog = parsePriceCatalog({
  version: 1,
  as_of: '2025-10-01',
  models: [
    {
      id: 'gpt-4.1',
      provider: 'openai',
      input: 2,
      cached_input: 0.5,
      output: 8,
      source: 'https://platform.openai.com/docs/pricing',
    },
    {
      id: 'qwen-plus',
      provider: 'alibaba',
      input: 0.4,
      cached_input: 0.08,
      output: 1.2,
      reasoning: 4,
      source: 'https://www.alibabacloud.com/help/en/model-studio/models',
    },
  ],
});

/** Deployments through the real config schema, so the cost shapes are the ones users write. */
function deployments(costs: Record<string, unknown>) {
  return parseConfig({
    deployments: Object.entries(costs).map(([name, cost]) => ({
      name,
      engine: 'openai-compatible',
      base_url: 'http://10.0.0.5:8000/v1',
      models: ['qwen'],
      ...(cost === undefined ? {} : { cost }),
    })),
  }).deployments;
}

function tokens(input: number, output: number, cachedInput = 0, reasoning = 0): TokenCounts {
  return { input, cachedInput, output, reasoning };
}

function assertClose(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≈ ${expected}`);
}

describe('createCostModel: per-million pricing', () => {
  const model = createCostModel({
    catalog,
    deployments: deployments({
      full: { per_million: { input: 1, cached_input: 0.1, output: 2, reasoning: 4 } },
      plain: { per_million: { input: 1, output: 2 } },
      free: undefined,
    }),
  });

  it('prices uncached input, cached input, plain output and reasoning each at its own rate', () => {
    // 600 × $1 + 400 × $0.10 + 300 × $2 + 200 × $4, per million.
    assertClose(model.deploymentCost('full', tokens(1_000, 500, 400, 200)), 2_040 / 1e6);
  });

  it('prices cached input as input and reasoning as output when no separate rate is set', () => {
    assertClose(model.deploymentCost('plain', tokens(1_000, 500, 400, 200)), 2_000 / 1e6);
  });

  it('never prices a negative remainder when a nested count exceeds its parent', () => {
    assertClose(model.deploymentCost('full', tokens(100, 50, 300, 80)), (100 * 0.1 + 50 * 4) / 1e6);
  });

  it('costs nothing on a deployment without cost, or one it does not know', () => {
    assert.equal(model.deploymentCost('free', tokens(1_000, 1_000)), 0);
    assert.equal(model.deploymentCost('missing', tokens(1_000, 1_000)), 0);
  });

  it('estimates with the most expensive candidate deployment', () => {
    assertClose(model.estimateCost(['free', 'plain', 'full'], tokens(1_000, 500, 0, 500)), 3_000 / 1e6);
    assert.equal(model.estimateCost([], tokens(1_000, 500)), 0);
    assert.equal(model.estimateCost(['missing'], tokens(1_000, 500)), 0);
  });

  it('ignores throughput observations for deployments not priced by the hour', () => {
    model.observe('plain', tokens(1_000, 1_000), 0, MINUTE);
    model.observe('missing', tokens(1_000, 1_000), 0, MINUTE);
    assertClose(model.deploymentCost('plain', tokens(1_000, 0)), 1_000 / 1e6);
  });
});

describe('createCostModel: reference prices', () => {
  const model = createCostModel({ catalog, deployments: [] });

  it('prices tokens on a catalog model by token class', () => {
    // 600 × $2 + 400 × $0.50 + 500 × $8, per million.
    assertClose(model.referenceCost('gpt-4.1', tokens(1_000, 500, 400)), 5_400 / 1e6);
    // 300 × $1.20 + 200 × $4 reasoning, per million.
    assertClose(model.referenceCost('alibaba/Qwen-Plus', tokens(0, 500, 0, 200)), 1_160 / 1e6);
  });

  it('returns undefined for a model the catalog lacks', () => {
    assert.equal(model.referenceCost('gpt-9', tokens(1_000, 500)), undefined);
  });
});

describe('createCostModel: hourly pricing', () => {
  /** $36 an hour is a cent a second, which keeps the expected figures readable. */
  function hourly(cost: Record<string, unknown>) {
    const clock = { now: 0 };
    const model = createCostModel({
      catalog,
      deployments: deployments({ gpu: { hourly_usd: 36, ...cost } }),
      now: () => clock.now,
    });
    return { clock, model };
  }

  it('costs nothing before any throughput is known when no estimate is configured', () => {
    const { model } = hourly({});
    assert.equal(model.deploymentCost('gpu', tokens(1_000, 1_000)), 0);
  });

  it('uses throughput_tokens_per_s until enough busy time has been observed', () => {
    const { clock, model } = hourly({ throughput_tokens_per_s: 50 });
    // $0.01 a second at 50 tokens a second.
    assertClose(model.deploymentCost('gpu', tokens(100, 0)), 100 * (0.01 / 50));
    clock.now = 20 * SECOND;
    model.observe('gpu', tokens(2_000, 2_000), 0, 20 * SECOND);
    assertClose(model.deploymentCost('gpu', tokens(100, 0)), 100 * (0.01 / 50));
  });

  it('switches to the measured throughput once it has enough busy time', () => {
    const { clock, model } = hourly({ throughput_tokens_per_s: 50 });
    clock.now = 40 * SECOND;
    model.observe('gpu', tokens(1_000, 7_000, 500, 3_000), 0, 40 * SECOND);
    assertClose(model.deploymentCost('gpu', tokens(100, 100)), 200 * (0.01 / 200));
  });

  it('charges concurrent requests the busy hour once between them, not once each', () => {
    const { clock, model } = hourly({});
    const first = tokens(2_000, 4_000);
    const second = tokens(1_000, 5_000);
    clock.now = MINUTE;
    model.observe('gpu', first, 0, MINUTE);
    model.observe('gpu', second, 0, MINUTE);
    const total = model.deploymentCost('gpu', first) + model.deploymentCost('gpu', second);
    // One busy minute of a $36/hour machine.
    assertClose(total, 0.6);
  });

  it('charges requests one after the other for each busy stretch, not for the idle time between', () => {
    const { clock, model } = hourly({});
    clock.now = 5 * MINUTE;
    model.observe('gpu', tokens(0, 6_000), 0, 30 * SECOND);
    model.observe('gpu', tokens(0, 6_000), 4 * MINUTE, 4 * MINUTE + 30 * SECOND);
    assertClose(model.deploymentCost('gpu', tokens(0, 12_000)), 0.6);
  });

  it('falls back again once the observed requests leave the 15-minute window', () => {
    const { clock, model } = hourly({ throughput_tokens_per_s: 50 });
    clock.now = MINUTE;
    model.observe('gpu', tokens(6_000, 6_000), 0, MINUTE);
    assertClose(model.deploymentCost('gpu', tokens(100, 0)), 100 * (0.01 / 200));
    clock.now = 17 * MINUTE;
    assertClose(model.deploymentCost('gpu', tokens(100, 0)), 100 * (0.01 / 50));
  });

  it('estimates hourly and per-million deployments on the same scale', () => {
    const clock = { now: 0 };
    const model = createCostModel({
      catalog,
      deployments: deployments({
        gpu: { hourly_usd: 36, throughput_tokens_per_s: 100 },
        api: { per_million: { input: 10, output: 10 } },
      }),
      now: () => clock.now,
    });
    // $0.0001 a token on the GPU against $0.00001 on the API.
    assertClose(model.estimateCost(['api', 'gpu'], tokens(500, 500)), 0.1);
  });
});
