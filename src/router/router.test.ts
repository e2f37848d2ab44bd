import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { GatewayError, type ErrorCode } from '../errors.ts';
import type { HealthTimers } from './health.ts';
import { createRouter, type Route, type Router, type Target } from './router.ts';

/** A fake Engine: the router never calls its request methods, only checkHealth and close. */
interface FakeEngine extends Engine {
  health: Error | undefined;
  closed: number;
}

function fakeEngine(name: string): FakeEngine {
  const unused = (): never => assert.fail(`engine '${name}' must not be called by the router`);
  const engine: FakeEngine = {
    kind: 'openai-compatible',
    name,
    health: undefined,
    closed: 0,
    chat: unused,
    chatStream: unused,
    completion: unused,
    completionStream: unused,
    embed: unused,
    checkHealth: () => (engine.health === undefined ? Promise.resolve() : Promise.reject(engine.health)),
    close: () => {
      engine.closed += 1;
      return Promise.resolve();
    },
  };
  return engine;
}

const bad502 = (): GatewayError =>
  new GatewayError('upstream_error', 'bad gateway', {
    upstreamStatus: 502,
    isRetryable: true,
    isDeploymentFault: true,
  });
const timeout = (): GatewayError =>
  new GatewayError('upstream_timeout', 'no first byte', {
    phase: 'first_byte',
    isRetryable: true,
    isDeploymentFault: true,
  });
const limited = (retryAfterMs: number): GatewayError =>
  new GatewayError('upstream_rate_limited', 'slow down', {
    upstreamStatus: 429,
    isRetryable: true,
    retryAfterMs,
  });
const rejected = (): GatewayError =>
  new GatewayError('upstream_rejected', 'bad request', { upstreamStatus: 400 });

/** What a scripted call does at a deployment: succeed, fail with an error, or wait until `settle`. */
type Outcome = 'ok' | 'hang' | Error;

interface Harness {
  readonly router: Router;
  readonly route: Route;
  readonly engines: Map<string, FakeEngine>;
  readonly calls: string[];
  readonly sleeps: number[];
  readonly timers: ManualTimers;
  /** The plan per deployment; an empty plan succeeds. */
  readonly plan: Record<string, Outcome[]>;
  /** Settles every hanging call (with its deployment name). */
  settle(): void;
  clock: number;
  run(signal?: AbortSignal): ReturnType<Router['execute']>;
}

interface ManualTimers extends HealthTimers {
  fire(): void;
  readonly pending: Map<number, () => void>;
}

function manualTimers(): ManualTimers {
  let next = 0;
  const pending = new Map<number, () => void>();
  return {
    pending,
    set: (callback) => {
      pending.set(++next, callback);
      return next;
    },
    clear: (handle) => pending.delete(handle as number),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
  };
}

interface Setup {
  readonly deployments?: Record<string, unknown>[];
  readonly routing?: Record<string, unknown>;
  readonly models?: unknown[];
  readonly plan?: Record<string, Outcome[]>;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const twoDeployments = [
  { name: 'a', priority: 0 },
  { name: 'b', priority: 1 },
];

function setup({
  deployments = twoDeployments,
  routing = {},
  models = [],
  plan = {},
  sleep,
}: Setup = {}): Harness {
  const config = configSchema.parse({
    routing,
    models,
    deployments: deployments.map((deployment) => ({
      engine: 'openai-compatible',
      base_url: `http://${String(deployment.name)}:8000/v1`,
      models: ['m'],
      ...deployment,
    })),
  });
  const engines = new Map(
    config.deployments.map((deployment) => [deployment.name, fakeEngine(deployment.name)]),
  );
  const calls: string[] = [];
  const sleeps: number[] = [];
  const hanging: (() => void)[] = [];
  const timers = manualTimers();
  const harness: Harness = {
    engines,
    calls,
    sleeps,
    timers,
    plan,
    clock: 0,
    router: createRouter(config, engines, {
      random: () => 0.5,
      now: () => harness.clock,
      timers,
      sleep:
        sleep ??
        ((ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        }),
    }),
    get route(): Route {
      const route = harness.router.resolve('m');
      assert.ok(route);
      return route;
    },
    settle: () => hanging.splice(0).forEach((resolve) => resolve()),
    run: (signal = new AbortController().signal) =>
      harness.router.execute(
        harness.route,
        (target: Target) => {
          const name = target.deployment.name;
          calls.push(name);
          const outcome = plan[name]?.shift() ?? 'ok';
          if (outcome === 'ok') return Promise.resolve(name);
          if (outcome === 'hang') return new Promise<string>((resolve) => hanging.push(() => resolve(name)));
          return Promise.reject(outcome);
        },
        signal,
      ),
  };
  return harness;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const attemptsOf = (attempts: readonly { deployment: string; code: string }[]): string[] =>
  attempts.map((attempt) => `${attempt.deployment}:${attempt.code}`);

function breakerOf(router: Router, name: string): string | undefined {
  return router.status().find((status) => status.name === name)?.breaker;
}

void describe('createRouter', () => {
  void it('lists served models and aliases, sorted', () => {
    const { router } = setup({
      deployments: [
        { name: 'a', models: ['qwen'] },
        { name: 'b', models: ['qwen', 'llama'] },
      ],
      models: [{ name: 'chat', model: 'qwen' }],
    });
    assert.deepEqual(router.models(), [
      { id: 'chat', deployments: ['a', 'b'] },
      { id: 'llama', deployments: ['b'] },
      { id: 'qwen', deployments: ['a', 'b'] },
    ]);
    assert.equal(router.resolve('gpt-4o'), undefined);
  });

  void it('throws with field paths on an invalid route table', () => {
    assert.throws(
      () =>
        setup({
          deployments: [{ name: 'a', models: ['x', 'y'] }],
          models: [{ name: 'alias', deployments: ['a'] }],
        }),
      /models\[0\]\.deployments\[0\]: deployment 'a' serves several models; set model/,
    );
  });

  void it('throws when a deployment has no engine', () => {
    const config = configSchema.parse({
      deployments: [{ name: 'a', engine: 'openai-compatible', base_url: 'http://a/v1', models: ['m'] }],
    });
    assert.throws(() => createRouter(config, new Map()), /deployments\[0\]: no engine for deployment 'a'/);
  });

  void it('is ready without deployments', () => {
    const router = createRouter(configSchema.parse({}), new Map());
    assert.equal(router.isReady(), true);
    assert.deepEqual(router.models(), []);
  });
});

void describe('execute: retries and fallback', () => {
  const cases: readonly {
    name: string;
    routing?: Record<string, unknown>;
    plan: Record<string, Outcome[]>;
    calls: string[];
    sleeps: number[];
    value?: string;
    attempts?: string[];
    error?: { code: ErrorCode; message?: string | RegExp; retryAfterMs?: number };
  }[] = [
    {
      name: 'succeeds on the first target',
      plan: {},
      calls: ['a'],
      sleeps: [],
      value: 'a',
      attempts: ['a:ok'],
    },
    {
      name: 'retries a retryable failure on the same deployment after a jittered backoff',
      plan: { a: [bad502()] },
      calls: ['a', 'a'],
      sleeps: [50],
      value: 'a',
      attempts: ['a:upstream_error', 'a:ok'],
    },
    {
      name: 'backs off exponentially up to max_backoff_ms',
      routing: { retries: 3, backoff_ms: 100, max_backoff_ms: 300 },
      plan: { a: [bad502(), bad502(), bad502()] },
      calls: ['a', 'a', 'a', 'a'],
      sleeps: [50, 100, 150],
      value: 'a',
    },
    {
      name: 'falls back to the next deployment once retries are spent',
      plan: { a: [bad502(), timeout()] },
      calls: ['a', 'a', 'b'],
      sleeps: [50],
      value: 'b',
      attempts: ['a:upstream_error', 'a:upstream_timeout', 'b:ok'],
    },
    {
      name: 'honours a Retry-After within max_retry_after_ms',
      plan: { a: [limited(2_000)] },
      calls: ['a', 'a'],
      sleeps: [2_000],
      value: 'a',
    },
    {
      name: 'moves to the next deployment at once when Retry-After is too long',
      plan: { a: [limited(60_000)] },
      calls: ['a', 'b'],
      sleeps: [],
      value: 'b',
    },
    {
      name: 'propagates a non-retryable error without trying others',
      plan: { a: [rejected()] },
      calls: ['a'],
      sleeps: [],
      error: { code: 'upstream_rejected', message: 'bad request' },
    },
    {
      name: 'propagates an unexpected exception as internal_error',
      plan: { a: [new TypeError('boom')] },
      calls: ['a'],
      sleeps: [],
      error: { code: 'internal_error', message: /boom/ },
    },
    {
      name: 'reports upstream_error listing every deployment when all fail',
      routing: { retries: 0 },
      plan: { a: [bad502()], b: [timeout()] },
      calls: ['a', 'b'],
      sleeps: [],
      error: {
        code: 'upstream_error',
        message:
          "model 'm': all 2 deployments failed: a: upstream_error (502 bad gateway); b: upstream_timeout (first_byte)",
      },
    },
    {
      name: 'reports upstream_timeout when every failure timed out',
      routing: { retries: 0 },
      plan: { a: [timeout()], b: [timeout()] },
      calls: ['a', 'b'],
      sleeps: [],
      error: { code: 'upstream_timeout' },
    },
    {
      name: 'reports upstream_rate_limited with Retry-After when the last failure was a 429',
      routing: { retries: 0 },
      plan: { a: [bad502()], b: [limited(30_000)] },
      calls: ['a', 'b'],
      sleeps: [],
      error: { code: 'upstream_rate_limited', retryAfterMs: 30_000 },
    },
  ];
  for (const { name, routing, plan, calls, sleeps, value, attempts, error } of cases) {
    void it(name, async () => {
      const harness = setup({ routing, plan });
      if (error === undefined) {
        const routed = await harness.run();
        assert.equal(routed.value, value);
        assert.equal(routed.target.deployment.name, value);
        if (attempts) assert.deepEqual(attemptsOf(routed.attempts), attempts);
        routed.release();
      } else {
        await assert.rejects(harness.run(), (thrown: GatewayError) => {
          assert.equal(thrown.code, error.code);
          if (typeof error.message === 'string') assert.equal(thrown.message, error.message);
          else if (error.message) assert.match(thrown.message, error.message);
          assert.equal(thrown.retryAfterMs, error.retryAfterMs);
          return true;
        });
      }
      assert.deepEqual(harness.calls, calls);
      assert.deepEqual(harness.sleeps, sleeps);
      assert.deepEqual(
        harness.router.status().map((status) => status.outstanding),
        [0, 0],
      );
    });
  }

  void it('sends the upstream model name of an alias target', async () => {
    const harness = setup({
      deployments: [{ name: 'a', models: ['qwen3-8b'] }],
      models: [{ name: 'qwen', deployments: ['a'] }],
    });
    const route = harness.router.resolve('qwen');
    assert.ok(route);
    const routed = await harness.router.execute(
      route,
      (target) => Promise.resolve(target.upstreamModel),
      AbortSignal.timeout(60_000),
    );
    assert.equal(routed.value, 'qwen3-8b');
    routed.release();
  });
});

void describe('execute: strategies', () => {
  void it('least-outstanding sends the next request to the idler deployment', async () => {
    const harness = setup({ routing: { strategy: 'least-outstanding' } });
    harness.plan.a = ['hang'];
    harness.plan.b = ['hang'];
    const first = harness.run();
    await flush();
    const loaded = harness.calls[0];
    const second = harness.run();
    await flush();
    assert.notEqual(harness.calls[1], loaded);
    harness.settle();
    (await first).release();
    (await second).release();
  });
});

void describe('execute: circuit breaker', () => {
  const breakerRouting = { retries: 0, circuit_breaker: { failure_threshold: 2, cooldown_ms: 1_000 } };

  void it('opens after consecutive faults and then skips the deployment', async () => {
    const harness = setup({ routing: breakerRouting, plan: { a: [bad502(), bad502()] } });
    for (let i = 0; i < 2; i++) (await harness.run()).release();
    assert.equal(breakerOf(harness.router, 'a'), 'open');
    assert.equal(harness.router.status()[0]?.lastError, 'upstream_error: bad gateway');
    const routed = await harness.run();
    assert.deepEqual(attemptsOf(routed.attempts), ['a:upstream_unavailable', 'b:ok']);
    assert.deepEqual(harness.calls, ['a', 'b', 'a', 'b', 'b']);
    routed.release();
  });

  void it('reports upstream_unavailable and not ready when every breaker is open', async () => {
    const harness = setup({
      routing: breakerRouting,
      plan: { a: [bad502(), bad502()], b: [bad502(), bad502()] },
    });
    for (let i = 0; i < 2; i++) await assert.rejects(harness.run(), { code: 'upstream_error' });
    assert.equal(harness.router.isReady(), false);
    await assert.rejects(harness.run(), {
      code: 'upstream_unavailable',
      message: "model 'm': no deployment available (a: circuit open; b: circuit open)",
    });
    assert.equal(harness.calls.length, 4);
  });

  void it('lets one probe through after the cooldown and closes on its success', async () => {
    const harness = setup({ routing: breakerRouting, plan: { a: [bad502(), bad502(), 'hang'] } });
    for (let i = 0; i < 2; i++) (await harness.run()).release();
    harness.clock = 1_000;
    assert.equal(breakerOf(harness.router, 'a'), 'half-open');
    const probe = harness.run();
    await flush();
    const other = await harness.run();
    assert.equal(other.target.deployment.name, 'b');
    other.release();
    harness.settle();
    const probed = await probe;
    assert.equal(probed.target.deployment.name, 'a');
    assert.equal(breakerOf(harness.router, 'a'), 'closed');
    probed.release();
  });

  void it('reopens when the probe fails', async () => {
    const harness = setup({ routing: breakerRouting, plan: { a: [bad502(), bad502(), bad502()] } });
    for (let i = 0; i < 2; i++) (await harness.run()).release();
    harness.clock = 5_000;
    (await harness.run()).release();
    assert.equal(breakerOf(harness.router, 'a'), 'open');
    harness.clock = 5_999;
    assert.equal(breakerOf(harness.router, 'a'), 'open');
  });

  void it('counts a failure passed to release against the deployment', async () => {
    const harness = setup({ routing: breakerRouting });
    for (let i = 0; i < 2; i++) {
      const routed = await harness.run();
      routed.release(new GatewayError('stream_interrupted', 'connection reset', { isDeploymentFault: true }));
    }
    assert.equal(breakerOf(harness.router, 'a'), 'open');
  });

  void it('does not count client errors or cancellations passed to release', async () => {
    const harness = setup({ routing: breakerRouting });
    for (let i = 0; i < 3; i++) (await harness.run()).release(new GatewayError('client_closed', 'gone'));
    assert.equal(breakerOf(harness.router, 'a'), 'closed');
  });

  void it('ignores a second release', async () => {
    const harness = setup({ deployments: [{ name: 'a', max_concurrency: 1, max_queue: 1 }] });
    const first = await harness.run();
    harness.plan.a = ['ok'];
    const queued = harness.run();
    await flush();
    first.release();
    const second = await queued;
    first.release();
    assert.equal(harness.router.status()[0]?.outstanding, 1);
    second.release();
    assert.equal(harness.router.status()[0]?.outstanding, 0);
  });
});

void describe('execute: concurrency', () => {
  void it('moves on when a deployment and its queue are full, then rejects with deployment_busy', async () => {
    const harness = setup({
      deployments: [
        { name: 'a', max_concurrency: 1, max_queue: 0 },
        { name: 'b', priority: 1, max_concurrency: 1, max_queue: 0 },
      ],
    });
    const first = await harness.run();
    const second = await harness.run();
    assert.equal(second.target.deployment.name, 'b');
    await assert.rejects(harness.run(), {
      code: 'deployment_busy',
      message:
        "model 'm': every deployment is at capacity (a: 1 in flight, 0 queued; b: 1 in flight, 0 queued)",
      retryAfterMs: 1_000,
    });
    first.release();
    const third = await harness.run();
    assert.equal(third.target.deployment.name, 'a');
    second.release();
    third.release();
  });

  void it('prefers a free slot at a later deployment over queueing at the first', async () => {
    const harness = setup({
      deployments: [
        { name: 'a', max_concurrency: 1, max_queue: 5 },
        { name: 'b', priority: 1, max_concurrency: 1 },
      ],
    });
    const first = await harness.run();
    const second = await harness.run();
    assert.equal(second.target.deployment.name, 'b');
    first.release();
    second.release();
  });

  void it('queues at the first deployment with room when none has a free slot', async () => {
    const harness = setup({
      deployments: [
        { name: 'a', max_concurrency: 1, max_queue: 0 },
        { name: 'b', priority: 1, max_concurrency: 1, max_queue: 1 },
      ],
    });
    const holders = [await harness.run(), await harness.run()];
    const queued = harness.run();
    await flush();
    assert.deepEqual(
      harness.router.status().map((status) => status.queued),
      [0, 1],
    );
    holders[0]!.release();
    await flush();
    assert.equal(harness.calls.length, 2, 'a freed slot at a does not serve the request queued at b');
    holders[1]!.release();
    const routed = await queued;
    assert.equal(routed.target.deployment.name, 'b');
    routed.release();
  });

  void it('drops an aborted waiter from the queue with client_closed', async () => {
    const harness = setup({ deployments: [{ name: 'a', max_concurrency: 1, max_queue: 1 }] });
    const holder = await harness.run();
    const controller = new AbortController();
    const queued = harness.run(controller.signal);
    await flush();
    controller.abort();
    await assert.rejects(queued, { code: 'client_closed' });
    assert.deepEqual(harness.router.status()[0], {
      name: 'a',
      location: 'on-prem',
      breaker: 'closed',
      healthy: true,
      outstanding: 1,
      queued: 0,
    });
    holder.release();
    assert.equal(harness.router.status()[0]?.outstanding, 0);
  });
});

void describe('execute: client aborts', () => {
  void it('rejects at once when the signal is already aborted', async () => {
    const harness = setup();
    await assert.rejects(harness.run(AbortSignal.abort()), { code: 'client_closed' });
    assert.deepEqual(harness.calls, []);
  });

  void it('stops retrying when the client leaves during a backoff', async () => {
    const controller = new AbortController();
    const harness = setup({
      plan: { a: [bad502()] },
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal.reason as Error);
      },
    });
    await assert.rejects(harness.run(controller.signal), { code: 'client_closed' });
    assert.deepEqual(harness.calls, ['a']);
    assert.equal(harness.router.status()[0]?.outstanding, 0);
  });

  void it('does not fall back when the call failed because the client left', async () => {
    const controller = new AbortController();
    const harness = setup();
    const routing = harness.router.execute(
      harness.route,
      (target) => {
        harness.calls.push(target.deployment.name);
        controller.abort();
        return Promise.reject(new Error('aborted'));
      },
      controller.signal,
    );
    await assert.rejects(routing, { code: 'client_closed' });
    assert.deepEqual(harness.calls, ['a']);
    assert.equal(breakerOf(harness.router, 'a'), 'closed');
    assert.equal(harness.router.status()[0]?.outstanding, 0);
  });
});

void describe('health checks', () => {
  void it('skips an unhealthy deployment until a check passes again', async () => {
    const harness = setup({
      deployments: [
        { name: 'a', health_check: { interval_ms: 10_000 } },
        { name: 'b', priority: 1 },
      ],
    });
    harness.engines.get('a')!.health = new Error('connection refused');
    harness.router.start();
    await flush();
    assert.deepEqual(harness.router.status()[0], {
      name: 'a',
      location: 'on-prem',
      breaker: 'open',
      healthy: false,
      outstanding: 0,
      queued: 0,
      lastError: 'health check failed: connection refused',
    });
    assert.equal(harness.router.isReady(), true);
    const routed = await harness.run();
    assert.deepEqual(attemptsOf(routed.attempts), ['a:upstream_unavailable', 'b:ok']);
    routed.release();

    harness.clock = 1_000_000;
    assert.equal(breakerOf(harness.router, 'a'), 'open', 'held open past the cooldown while unhealthy');

    harness.engines.get('a')!.health = undefined;
    harness.timers.fire();
    await flush();
    assert.equal(harness.router.status()[0]?.healthy, true);
    assert.equal(breakerOf(harness.router, 'a'), 'closed');
    const healed = await harness.run();
    assert.equal(healed.target.deployment.name, 'a');
    healed.release();
    await harness.router.close();
  });

  void it('probes only deployments with an interval', async () => {
    const harness = setup({
      deployments: [{ name: 'a' }, { name: 'b', health_check: { interval_ms: 500 } }],
    });
    harness.router.start();
    await flush();
    assert.equal(harness.timers.pending.size, 1);
    await harness.router.close();
  });

  void it('close stops the timers and closes every engine', async () => {
    const harness = setup({
      deployments: [{ name: 'a', health_check: { interval_ms: 500 } }, { name: 'b' }],
    });
    harness.router.start();
    await flush();
    await harness.router.close();
    assert.equal(harness.timers.pending.size, 0);
    assert.deepEqual(
      [...harness.engines.values()].map((engine) => engine.closed),
      [1, 1],
    );
  });
});
