import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Strategy } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import type { Target } from './router.ts';
import { orderTargets } from './strategies.ts';

interface Spec {
  readonly name: string;
  readonly priority?: number;
  readonly weight?: number;
  readonly load?: number;
}

function targets(specs: readonly Spec[]): Target[] {
  return specs.map(({ name, priority = 0, weight = 1 }) => ({
    deployment: { name, priority, weight } as Target['deployment'],
    engine: {} as Engine,
    upstreamModel: 'm',
  }));
}

function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length]!;
}

function order(strategy: Strategy, specs: readonly Spec[], random: () => number): string[] {
  const loads = new Map(specs.map((spec) => [spec.name, spec.load ?? 0]));
  return orderTargets(strategy, targets(specs), (target) => loads.get(target.deployment.name)!, random).map(
    (target) => target.deployment.name,
  );
}

void describe('orderTargets', () => {
  const cases: readonly {
    name: string;
    strategy: Strategy;
    specs: Spec[];
    random: number[];
    expected: string[];
  }[] = [
    {
      name: 'priority puts lower priority values first',
      strategy: 'priority',
      specs: [
        { name: 'a', priority: 1 },
        { name: 'b', priority: 0 },
        { name: 'c', priority: 2 },
      ],
      random: [0.99],
      expected: ['b', 'a', 'c'],
    },
    {
      name: 'priority breaks a tie by weight (low draw picks the first)',
      strategy: 'priority',
      specs: [
        { name: 'a', weight: 1 },
        { name: 'b', weight: 3 },
        { name: 'c', priority: 5 },
      ],
      random: [0.2],
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'priority breaks a tie by weight (high draw picks the heavier)',
      strategy: 'priority',
      specs: [
        { name: 'a', weight: 1 },
        { name: 'b', weight: 3 },
        { name: 'c', priority: 5 },
      ],
      random: [0.3],
      expected: ['b', 'a', 'c'],
    },
    {
      name: 'weighted draws without replacement',
      strategy: 'weighted',
      specs: [{ name: 'a' }, { name: 'b' }, { name: 'c', weight: 2 }],
      random: [0.9, 0],
      expected: ['c', 'b', 'a'],
    },
    {
      name: 'weighted ignores priority',
      strategy: 'weighted',
      specs: [
        { name: 'a', priority: 0 },
        { name: 'b', priority: 9 },
      ],
      random: [0.6],
      expected: ['b', 'a'],
    },
    {
      name: 'least-outstanding puts the least loaded first',
      strategy: 'least-outstanding',
      specs: [
        { name: 'a', load: 3 },
        { name: 'b', load: 0 },
        { name: 'c', load: 1 },
      ],
      random: [0],
      expected: ['b', 'c', 'a'],
    },
    {
      name: 'least-outstanding breaks ties at random',
      strategy: 'least-outstanding',
      specs: [
        { name: 'a', load: 2 },
        { name: 'b', load: 2 },
        { name: 'c', load: 4 },
      ],
      random: [0.9],
      expected: ['b', 'a', 'c'],
    },
  ];
  for (const { name, strategy, specs, random, expected } of cases) {
    void it(name, () => assert.deepEqual(order(strategy, specs, sequence(...random)), expected));
  }

  void it('returns a single target as is, without drawing', () => {
    const single = targets([{ name: 'a' }]);
    for (const strategy of ['priority', 'weighted', 'least-outstanding'] as const) {
      assert.equal(
        orderTargets(
          strategy,
          single,
          () => 0,
          () => assert.fail('no draw'),
        ),
        single,
      );
    }
  });

  void it('picks first in proportion to weight over evenly spread draws', () => {
    const counts = new Map<string, number>();
    for (let k = 0; k < 100; k++) {
      const [first] = order(
        'weighted',
        [
          { name: 'a', weight: 1 },
          { name: 'b', weight: 3 },
        ],
        () => k / 100,
      );
      counts.set(first!, (counts.get(first!) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(counts), { a: 25, b: 75 });
  });

  void it('leaves the route targets untouched', () => {
    const list = targets([
      { name: 'a', priority: 1 },
      { name: 'b', priority: 0 },
    ]);
    orderTargets(
      'priority',
      list,
      () => 0,
      () => 0,
    );
    assert.deepEqual(
      list.map((target) => target.deployment.name),
      ['a', 'b'],
    );
  });
});
