import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, type Config } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { buildModelTable, validateRoutes } from './resolve.ts';

function config(models: unknown[], routing: unknown = {}): Config {
  return configSchema.parse({
    routing,
    deployments: [
      { name: 'a', engine: 'openai-compatible', base_url: 'http://a:8000/v1', models: ['qwen3-8b'] },
      {
        name: 'b',
        engine: 'openai-compatible',
        base_url: 'http://b:8000/v1',
        models: ['qwen3-8b', 'llama-3.1-8b'],
      },
      { name: 'c', engine: 'openai-compatible', base_url: 'http://c:8000/v1', models: ['gemma-3'] },
    ],
    models,
  });
}

const engineOf = (name: string): Engine => ({ name }) as Engine;

function routeOf(
  table: ReturnType<typeof buildModelTable>,
  model: string,
): { strategy: string; targets: string[] } {
  const route = table.routes.get(model);
  assert.ok(route, `route for ${model}`);
  return {
    strategy: route.strategy,
    targets: route.targets.map((target) => `${target.deployment.name}:${target.upstreamModel}`),
  };
}

void describe('validateRoutes', () => {
  const cases: readonly { name: string; models: unknown[]; expected: string[] }[] = [
    { name: 'accepts no aliases', models: [], expected: [] },
    {
      name: 'accepts an alias of single-model deployments',
      models: [{ name: 'fast', deployments: ['a', 'c'] }],
      expected: [],
    },
    {
      name: 'accepts a multi-model deployment when the alias names the model',
      models: [{ name: 'fast', model: 'qwen3-8b', deployments: ['a', 'b'] }],
      expected: [],
    },
    {
      name: 'accepts an explicit deployment/model pair',
      models: [{ name: 'fast', deployments: [{ deployment: 'b', model: 'llama-3.1-8b' }] }],
      expected: [],
    },
    {
      name: 'asks for model when a listed deployment serves several',
      models: [{ name: 'fast', deployments: ['a', 'b'] }],
      expected: ["models[0].deployments[1]: deployment 'b' serves several models; set model"],
    },
    {
      name: 'asks for model or deployments',
      models: [{ name: 'fast' }],
      expected: ['models[0]: set model or deployments'],
    },
    {
      name: 'reports a model no deployment serves',
      models: [{ name: 'fast', model: 'mistral' }],
      expected: ["models[0].model: no deployment serves 'mistral'"],
    },
    {
      name: 'reports a duplicate alias',
      models: [
        { name: 'fast', model: 'gemma-3' },
        { name: 'fast', model: 'qwen3-8b' },
      ],
      expected: ["models[1].name: duplicate model 'fast'"],
    },
  ];
  for (const { name, models, expected } of cases) {
    void it(name, () => assert.deepEqual(validateRoutes(config(models)), expected));
  }

  void it('reports an unknown deployment (for configs built without the schema)', () => {
    const valid = config([]);
    const invalid = { ...valid, models: [{ name: 'x', deployments: ['nope'] }] } as Config;
    assert.deepEqual(validateRoutes(invalid), ["models[0].deployments[0]: unknown deployment 'nope'"]);
  });
});

void describe('buildModelTable', () => {
  const table = buildModelTable(
    config(
      [
        { name: 'fast', deployments: ['c', 'a'], strategy: 'weighted' },
        { name: 'chat', model: 'qwen3-8b' },
        { name: 'gemma-3', deployments: [{ deployment: 'b', model: 'llama-3.1-8b' }] },
        { name: 'pinned', model: 'qwen3-8b', deployments: ['b'] },
      ],
      { strategy: 'least-outstanding' },
    ),
    engineOf,
  );

  const cases: readonly { model: string; strategy: string; targets: string[] }[] = [
    { model: 'qwen3-8b', strategy: 'least-outstanding', targets: ['a:qwen3-8b', 'b:qwen3-8b'] },
    { model: 'llama-3.1-8b', strategy: 'least-outstanding', targets: ['b:llama-3.1-8b'] },
    { model: 'fast', strategy: 'weighted', targets: ['c:gemma-3', 'a:qwen3-8b'] },
    { model: 'chat', strategy: 'least-outstanding', targets: ['a:qwen3-8b', 'b:qwen3-8b'] },
    { model: 'gemma-3', strategy: 'least-outstanding', targets: ['b:llama-3.1-8b'] },
    { model: 'pinned', strategy: 'least-outstanding', targets: ['b:qwen3-8b'] },
  ];
  for (const { model, strategy, targets } of cases) {
    void it(`routes '${model}' to ${targets.join(', ')}`, () =>
      assert.deepEqual(routeOf(table, model), { strategy, targets }));
  }

  void it('lists every public model once, sorted, with its deployments', () => {
    assert.deepEqual(table.models, [
      { id: 'chat', deployments: ['a', 'b'] },
      { id: 'fast', deployments: ['c', 'a'] },
      { id: 'gemma-3', deployments: ['b'] },
      { id: 'llama-3.1-8b', deployments: ['b'] },
      { id: 'pinned', deployments: ['b'] },
      { id: 'qwen3-8b', deployments: ['a', 'b'] },
    ]);
  });

  void it('attaches each deployment its engine', () => {
    assert.equal(table.routes.get('fast')?.targets[0]?.engine.name, 'c');
  });

  void it('does not resolve unknown names', () => assert.equal(table.routes.get('gpt-4o'), undefined));
});
