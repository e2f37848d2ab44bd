import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { register } from 'prom-client';
import type { RequestRecord } from '../gateway/request-record.ts';
import type { DeploymentStatus } from '../router/router.ts';
import {
  createMetrics,
  routerMetricsSources,
  type DeploymentGauges,
  type MetricsOptions,
} from './metrics.ts';

/** One sample as the parser returns it. */
interface Sample {
  readonly labels?: Record<string, string>;
  readonly value?: string;
}

interface Family {
  readonly name: string;
  readonly type: string;
  readonly metrics: readonly Sample[];
}

/** A histogram series: cumulative counts by upper bound (`le`), and its sum and count. */
interface HistogramSeries {
  buckets: Record<string, number>;
  sum: number;
  count: number;
}

// The parser ships no type declarations; this is the part of its API the tests use.
const parsePrometheusText = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => Family[];

/** One parsed scrape: each family's declared type, and every sample by its series name. */
class Scrape {
  readonly types: ReadonlyMap<string, string>;
  readonly #samples = new Map<string, Sample[]>();

  constructor(text: string) {
    this.types = new Map(parsePrometheusText(text).map((family) => [family.name, family.type]));
    // The parser drops the labels, sum and count of labelled histograms (its issue #13), so the samples
    // come from a second parse without the comment lines, which reads every line as an untyped sample.
    const bare = text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    for (const family of parsePrometheusText(bare)) {
      this.#samples.set(family.name, [...(this.#samples.get(family.name) ?? []), ...family.metrics]);
    }
  }

  /** The samples of a counter or gauge as `label=value,…` → value. */
  values(name: string): Record<string, number> {
    assert.ok(this.types.has(name), `metric ${name} is exposed`);
    return Object.fromEntries(
      (this.#samples.get(name) ?? []).map((sample) => [labelKey(sample.labels), Number(sample.value)]),
    );
  }

  /** The series of a histogram keyed by their labels other than `le`. */
  histogram(name: string): Map<string, HistogramSeries> {
    assert.equal(this.types.get(name), 'HISTOGRAM', `metric ${name} is a histogram`);
    const series = new Map<string, HistogramSeries>();
    const at = (labels: Record<string, string> | undefined): HistogramSeries => {
      const { le: _le, ...rest } = labels ?? {};
      const key = labelKey(rest);
      const found = series.get(key) ?? { buckets: {}, sum: Number.NaN, count: Number.NaN };
      series.set(key, found);
      return found;
    };
    for (const sample of this.#samples.get(`${name}_bucket`) ?? []) {
      at(sample.labels).buckets[sample.labels?.le ?? ''] = Number(sample.value);
    }
    for (const sample of this.#samples.get(`${name}_sum`) ?? []) at(sample.labels).sum = Number(sample.value);
    for (const sample of this.#samples.get(`${name}_count`) ?? []) {
      at(sample.labels).count = Number(sample.value);
    }
    return series;
  }
}

function labelKey(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

const REQUEST_LABELS = 'operation=chat,model=qwen,deployment=gpu-a,status=ok,stream=false';

function request(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    requestId: 'req-1',
    at: 0,
    operation: 'chat',
    model: 'qwen',
    deployment: 'gpu-a',
    stream: false,
    outcome: 'ok',
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    reasoningTokens: 0,
    latencyMs: 100,
    attempts: [{ deployment: 'gpu-a', code: 'ok' }],
    guardEvents: [],
    dataClasses: [],
    ...overrides,
  };
}

function setup(deployments: DeploymentGauges[] = [], options?: MetricsOptions) {
  const metrics = createMetrics({ deployments: () => deployments }, options);
  return { metrics, deployments, scrape: async () => new Scrape(await metrics.render()) };
}

void describe('createMetrics', () => {
  void it('counts requests by operation, model, deployment, status and stream', async () => {
    const { metrics, scrape } = setup();
    metrics.record(request(), 0);
    metrics.record(request(), 0);
    metrics.record(request({ stream: true, operation: 'completion' }), 0);
    metrics.record(request({ outcome: 'error', errorCode: 'upstream_timeout' }), 0);
    metrics.record(request({ outcome: 'cancelled' }), 0);
    metrics.record(
      request({ outcome: 'error', errorCode: 'model_not_found', deployment: undefined, attempts: [] }),
      0,
    );
    const scraped = await scrape();
    assert.equal(scraped.types.get('daulat_requests_total'), 'COUNTER');
    assert.deepEqual(scraped.values('daulat_requests_total'), {
      [REQUEST_LABELS]: 2,
      'operation=completion,model=qwen,deployment=gpu-a,status=ok,stream=true': 1,
      'operation=chat,model=qwen,deployment=gpu-a,status=upstream_timeout,stream=false': 1,
      'operation=chat,model=qwen,deployment=gpu-a,status=cancelled,stream=false': 1,
      'operation=chat,model=qwen,deployment=none,status=model_not_found,stream=false': 1,
    });
  });

  void it('observes request durations in seconds into buckets from 5 ms to 120 s', async () => {
    const { metrics, scrape } = setup();
    metrics.record(request({ latencyMs: 250 }), 0);
    metrics.record(request({ latencyMs: 3_000 }), 0);
    metrics.record(request({ latencyMs: 200_000 }), 0);
    metrics.record(request({ latencyMs: 4, outcome: 'error', errorCode: 'invalid_request' }), 0);
    const series = (await scrape()).histogram('daulat_request_duration_seconds');
    assert.deepEqual(
      [...series.keys()],
      [
        'operation=chat,model=qwen,deployment=gpu-a,stream=false,outcome=ok',
        'operation=chat,model=qwen,deployment=gpu-a,stream=false,outcome=error',
      ],
    );
    const ok = series.get('operation=chat,model=qwen,deployment=gpu-a,stream=false,outcome=ok');
    assert.deepEqual(ok, {
      buckets: {
        '0.005': 0,
        '0.01': 0,
        '0.025': 0,
        '0.05': 0,
        '0.1': 0,
        '0.25': 1,
        '0.5': 1,
        '1': 1,
        '2.5': 1,
        '5': 2,
        '10': 2,
        '20': 2,
        '30': 2,
        '60': 2,
        '120': 2,
        '+Inf': 3,
      },
      sum: 203.25,
      count: 3,
    });
    const error = series.get('operation=chat,model=qwen,deployment=gpu-a,stream=false,outcome=error');
    assert.equal(error?.buckets['0.005'], 1);
    assert.equal(error?.count, 1);
  });

  void it('observes time to first token only for streams that report one', async () => {
    const { metrics, scrape } = setup();
    metrics.record(request({ stream: true, timeToFirstTokenMs: 400 }), 0);
    metrics.record(request({ stream: true }), 0);
    metrics.record(request({ stream: false, timeToFirstTokenMs: 50 }), 0);
    const series = (await scrape()).histogram('daulat_time_to_first_token_seconds');
    assert.deepEqual([...series.keys()], ['operation=chat,model=qwen,deployment=gpu-a']);
    const [only] = series.values();
    assert.equal(only?.count, 1);
    assert.equal(only?.sum, 0.4);
    assert.equal(only?.buckets['0.25'], 0);
    assert.equal(only?.buckets['0.5'], 1);
  });

  void it('keeps counting across scrapes: each scrape sees every request before it, once', async () => {
    const { metrics, scrape } = setup();
    const tenant = { keyId: 'key-1', team: 'search' };
    metrics.record(request({ tenant, promptTokens: 10 }), 0.5);
    const first = await scrape();
    assert.deepEqual(first.values('daulat_requests_total'), { [REQUEST_LABELS]: 1 });
    metrics.record(request({ tenant, promptTokens: 5 }), 0.25);
    metrics.record(request({ promptTokens: 1 }), 0);
    const second = await scrape();
    const third = await scrape();
    for (const scraped of [second, third]) {
      assert.deepEqual(scraped.values('daulat_requests_total'), { [REQUEST_LABELS]: 3 });
      assert.deepEqual(scraped.values('daulat_tokens_total'), {
        'model=qwen,deployment=gpu-a,class=input': 16,
      });
      assert.deepEqual(scraped.values('daulat_cost_usd_total'), {
        'model=qwen,deployment=gpu-a,team=search': 0.75,
      });
    }
  });

  void it("reports the store's writers: rows pending, failed writes and dropped rows, each counted once", async () => {
    const ledger = { writer: 'ledger' as const, pending: 12, failures: 0, refused: 0, overflowed: 0 };
    const audit = { writer: 'audit' as const, pending: 0, failures: 0, refused: 0, overflowed: 0 };
    const metrics = createMetrics({ deployments: () => [], storeWriters: () => [ledger, audit] });
    const scrape = async () => new Scrape(await metrics.render());
    const first = await scrape();
    assert.equal(first.types.get('daulat_store_pending_rows'), 'GAUGE');
    assert.equal(first.types.get('daulat_store_dropped_rows_total'), 'COUNTER');
    assert.deepEqual(first.values('daulat_store_pending_rows'), { 'writer=ledger': 12, 'writer=audit': 0 });
    assert.deepEqual(first.values('daulat_store_write_failures_total'), {
      'writer=ledger': 0,
      'writer=audit': 0,
    });
    // The database goes away: failures count up, rows wait, some are dropped.
    Object.assign(ledger, { pending: 1_500, failures: 3, refused: 1, overflowed: 500 });
    Object.assign(audit, { failures: 2 });
    for (const scraped of [await scrape(), await scrape()]) {
      assert.deepEqual(scraped.values('daulat_store_pending_rows'), {
        'writer=ledger': 1_500,
        'writer=audit': 0,
      });
      assert.deepEqual(scraped.values('daulat_store_write_failures_total'), {
        'writer=ledger': 3,
        'writer=audit': 2,
      });
      assert.deepEqual(scraped.values('daulat_store_dropped_rows_total'), {
        'writer=ledger,reason=refused': 1,
        'writer=ledger,reason=overflow': 500,
        'writer=audit,reason=refused': 0,
        'writer=audit,reason=overflow': 0,
      });
    }
  });

  void it('counts each token class as the record gives it, skipping zero counts', async () => {
    const { metrics, scrape } = setup();
    metrics.record(
      request({ promptTokens: 100, cachedPromptTokens: 60, completionTokens: 40, reasoningTokens: 25 }),
      0,
    );
    metrics.record(request({ promptTokens: 10, completionTokens: 5 }), 0);
    metrics.record(request({ operation: 'embedding', model: 'bge', promptTokens: 7 }), 0);
    assert.deepEqual((await scrape()).values('daulat_tokens_total'), {
      'model=qwen,deployment=gpu-a,class=input': 110,
      'model=qwen,deployment=gpu-a,class=cached_input': 60,
      'model=qwen,deployment=gpu-a,class=output': 45,
      'model=qwen,deployment=gpu-a,class=reasoning': 25,
      'model=bge,deployment=gpu-a,class=input': 7,
    });
  });

  void it('adds cost per model, deployment and team, ignoring zero, negative and non-finite amounts', async () => {
    const { metrics, scrape } = setup();
    const tenant = { keyId: 'key-1', team: 'search' };
    metrics.record(request({ tenant }), 0.25);
    metrics.record(request({ tenant, requestId: 'req-2' }), 0.5);
    metrics.record(request(), 0.125);
    metrics.record(request({ tenant }), 0);
    metrics.record(request({ tenant }), -1);
    metrics.record(request({ tenant }), Number.NaN);
    metrics.record(request({ tenant }), Number.POSITIVE_INFINITY);
    assert.deepEqual((await scrape()).values('daulat_cost_usd_total'), {
      'model=qwen,deployment=gpu-a,team=search': 0.75,
      'model=qwen,deployment=gpu-a,team=none': 0.125,
    });
  });

  void it('counts every guardrail event by scanner, category, action and direction', async () => {
    const { metrics, scrape } = setup();
    const email = { scanner: 'pii', category: 'email', score: 1, source: 'user' } as const;
    metrics.record(
      request({
        guardEvents: [
          { ...email, action: 'redact', direction: 'input' },
          { ...email, action: 'redact', direction: 'input' },
          { ...email, action: 'flag', direction: 'output', source: 'output' },
          {
            scanner: 'injection',
            category: 'prompt_injection',
            action: 'block',
            direction: 'input',
            score: 0.97,
            source: 'user',
          },
        ],
      }),
      0,
    );
    assert.deepEqual((await scrape()).values('daulat_guardrail_actions_total'), {
      'scanner=pii,category=email,action=redact,direction=input': 2,
      'scanner=pii,category=email,action=flag,direction=output': 1,
      'scanner=injection,category=prompt_injection,action=block,direction=input': 1,
    });
  });

  void it('counts upstream attempts per deployment and the attempts beyond the first as failovers', async () => {
    const { metrics, scrape } = setup();
    metrics.record(request(), 0);
    metrics.record(
      request({
        deployment: 'gpu-b',
        attempts: [
          { deployment: 'gpu-a', code: 'upstream_error', status: 502 },
          { deployment: 'gpu-a', code: 'upstream_timeout' },
          { deployment: 'gpu-b', code: 'ok' },
        ],
      }),
      0,
    );
    const scraped = await scrape();
    assert.deepEqual(scraped.values('daulat_upstream_attempts_total'), {
      'deployment=gpu-a,code=ok': 1,
      'deployment=gpu-a,code=upstream_error': 1,
      'deployment=gpu-a,code=upstream_timeout': 1,
      'deployment=gpu-b,code=ok': 1,
    });
    assert.deepEqual(scraped.values('daulat_upstream_failovers_total'), { 'model=qwen': 2 });
    // Summed until a scrape, then handed over once: a later scrape adds only what came after.
    metrics.record(request(), 0);
    assert.deepEqual((await scrape()).values('daulat_upstream_attempts_total'), {
      'deployment=gpu-a,code=ok': 2,
      'deployment=gpu-a,code=upstream_error': 1,
      'deployment=gpu-a,code=upstream_timeout': 1,
      'deployment=gpu-b,code=ok': 1,
    });
    assert.deepEqual(
      (await scrape()).values('daulat_upstream_attempts_total')['deployment=gpu-a,code=ok'],
      2,
    );
  });

  void it('reads queue depth, in-flight and up from the sources at every scrape', async () => {
    const { scrape, deployments } = setup([
      { name: 'gpu-a', queued: 3, inFlight: 8, healthy: true },
      { name: 'gpu-b', queued: 0, inFlight: 0, healthy: false },
    ]);
    const first = await scrape();
    assert.equal(first.types.get('daulat_deployment_up'), 'GAUGE');
    assert.deepEqual(first.values('daulat_deployment_queued_requests'), {
      'deployment=gpu-a': 3,
      'deployment=gpu-b': 0,
    });
    assert.deepEqual(first.values('daulat_deployment_in_flight_requests'), {
      'deployment=gpu-a': 8,
      'deployment=gpu-b': 0,
    });
    assert.deepEqual(first.values('daulat_deployment_up'), { 'deployment=gpu-a': 1, 'deployment=gpu-b': 0 });

    deployments.splice(0, 2, { name: 'gpu-a', queued: 0, inFlight: 1, healthy: false });
    const second = await scrape();
    assert.deepEqual(second.values('daulat_deployment_in_flight_requests'), { 'deployment=gpu-a': 1 });
    assert.deepEqual(second.values('daulat_deployment_up'), { 'deployment=gpu-a': 0 });
  });

  void it('maps label values past the cap to other', async () => {
    const { metrics, scrape } = setup([], { maxLabelValues: 2 });
    for (const model of ['a', 'b', 'made-up-1', 'made-up-2', 'a']) metrics.record(request({ model }), 0);
    assert.deepEqual((await scrape()).values('daulat_requests_total'), {
      'operation=chat,model=a,deployment=gpu-a,status=ok,stream=false': 2,
      'operation=chat,model=b,deployment=gpu-a,status=ok,stream=false': 1,
      'operation=chat,model=other,deployment=gpu-a,status=ok,stream=false': 2,
    });
  });

  void it('keeps 1000 distinct models by default', async () => {
    const { metrics, scrape } = setup();
    for (let index = 0; index < 1_005; index += 1) metrics.record(request({ model: `m${index}` }), 0);
    const counts = (await scrape()).values('daulat_requests_total');
    assert.equal(Object.keys(counts).length, 1_001);
    assert.equal(counts['operation=chat,model=m999,deployment=gpu-a,status=ok,stream=false'], 1);
    assert.equal(counts['operation=chat,model=other,deployment=gpu-a,status=ok,stream=false'], 5);
  });

  void it("exposes prom-client's process metrics with the daulat_ prefix", async () => {
    const { metrics, scrape } = setup();
    const scraped = await scrape();
    assert.equal(scraped.types.get('daulat_process_cpu_user_seconds_total'), 'COUNTER');
    assert.equal(scraped.types.get('daulat_nodejs_heap_size_used_bytes'), 'GAUGE');
    assert.match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
  });

  void it("keeps each instance's series on its own registry, never prom-client's global one", async () => {
    const first = setup();
    const second = setup();
    second.metrics.record(request(), 0);
    assert.equal(register.getSingleMetric('daulat_requests_total'), undefined);
    assert.deepEqual((await first.scrape()).values('daulat_requests_total'), {});
    assert.deepEqual((await second.scrape()).values('daulat_requests_total'), { [REQUEST_LABELS]: 1 });
  });
});

void describe('routerMetricsSources', () => {
  void it("reports the router's in-flight and queued counts, and down while unhealthy or the breaker is open", () => {
    const line = (name: string, overrides: Partial<DeploymentStatus>): DeploymentStatus => ({
      name,
      location: 'on-prem',
      breaker: 'closed',
      healthy: true,
      outstanding: 0,
      queued: 0,
      ...overrides,
    });
    const sources = routerMetricsSources({
      status: () => [
        line('a', { outstanding: 4, queued: 2 }),
        line('b', { breaker: 'half-open' }),
        line('c', { breaker: 'open' }),
        line('d', { healthy: false, breaker: 'open' }),
      ],
    });
    assert.deepEqual(sources.deployments(), [
      { name: 'a', queued: 2, inFlight: 4, healthy: true },
      { name: 'b', queued: 0, inFlight: 0, healthy: true },
      { name: 'c', queued: 0, inFlight: 0, healthy: false },
      { name: 'd', queued: 0, inFlight: 0, healthy: false },
    ]);
  });
});
