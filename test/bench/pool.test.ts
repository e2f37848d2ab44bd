import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LoadSample } from '../../bench/gateway/measure.ts';
import type { GatewayBenchOptions } from '../../bench/gateway/options.ts';
import { pooledRounds, poolRatios, renderPooled, sharedHighConnections } from '../../bench/gateway/pool.ts';
import type { Mode } from '../../bench/gateway/requests.ts';
import type { CellResult, GatewayBenchResults } from '../../bench/gateway/results.ts';
import { loadResults, saveResults } from '../../bench/gateway/saved-results.ts';
import { renderSummary } from '../../bench/gateway/summary.ts';
import { medianInterval } from '../../bench/gateway/stats.ts';
import type { TargetName } from '../../bench/gateway/targets.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'daulat-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function sample(requestsPerSecond: number, eventLoopMicrosPerRequest = 1e6 / requestsPerSecond): LoadSample {
  return {
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    cpuMicrosPerRequest: 100,
    eventLoopMicrosPerRequest,
    gcMicrosPerRequest: 5,
    majorGcMicrosPerRequest: 1,
    rssMiB: 100,
    requests: requestsPerSecond * 2,
    errors: 0,
    badStatus: 0,
  };
}

function cell(target: TargetName, mode: Mode, connections: number, rates: readonly number[]): CellResult {
  return {
    target,
    scenario: { mode, connections },
    samples: rates.map((rate) => sample(rate)),
    addedP50Ms: [],
  };
}

/** A run whose all-on target made `ratios` of bare's 1,000 req/s, round by round, in both modes. */
function run(startedAt: string, ratios: readonly number[], connections = [64]): GatewayBenchResults {
  const options: GatewayBenchOptions = {
    durationSeconds: 2,
    rounds: ratios.length,
    targets: ['direct', 'daulat', 'daulat-full'],
    connections,
    modes: ['json', 'stream'],
    ttftRequests: 0,
    warmupSeconds: 0,
    loadGenerator: 'wrk',
    outputDir: dir,
  };
  const high = Math.max(...connections);
  const cells = (['json', 'stream'] as const).flatMap((mode) => [
    cell(
      'daulat',
      mode,
      high,
      ratios.map(() => 1000),
    ),
    cell(
      'daulat-full',
      mode,
      high,
      ratios.map((ratio) => 1000 * ratio),
    ),
  ]);
  return {
    options,
    loadGenerator: 'wrk',
    startedAt: new Date(startedAt),
    finishedAt: new Date(startedAt),
    loadAverageBefore: '0',
    loadAverageAfter: '0',
    targets: [{ name: 'direct' }, { name: 'daulat' }, { name: 'daulat-full' }],
    cells,
    ttft: [],
  };
}

function saved(name: string, results: GatewayBenchResults): string {
  const path = join(dir, name);
  saveResults(path, results);
  return path;
}

function approx(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

describe('saved gateway bench runs', () => {
  it('round-trips a run: every sample, its dates, and NaN (which JSON writes as null)', () => {
    const results = run('2026-12-04T10:00:00.000Z', [0.8, 0.9]);
    results.cells[0]!.samples[0] = { ...sample(1000), p99Ms: Number.NaN };
    const loaded = loadResults(saved('round-trip.json', results)).results;
    assert.equal(loaded.startedAt.toISOString(), '2026-12-04T10:00:00.000Z');
    assert.ok(Number.isNaN(loaded.cells[0]!.samples[0]!.p99Ms));
    assert.deepEqual(
      loaded.cells.map((each) => each.samples.map((one) => one.requestsPerSecond)),
      results.cells.map((each) => each.samples.map((one) => one.requestsPerSecond)),
    );
  });

  it('reads a run saved before the GC figures existed, with them as NaN', () => {
    const path = saved('before-gc.json', run('2026-12-04T10:00:00.000Z', [0.8, 0.9]));
    const json = JSON.parse(readFileSync(path, 'utf8')) as {
      cells: { samples: Record<string, unknown>[] }[];
    };
    for (const each of json.cells)
      for (const one of each.samples) {
        delete one.gcMicrosPerRequest;
        delete one.majorGcMicrosPerRequest;
      }
    writeFileSync(path, JSON.stringify(json));
    const first = loadResults(path).results.cells[0]!.samples[0]!;
    assert.ok(Number.isNaN(first.gcMicrosPerRequest));
    assert.ok(Number.isNaN(first.majorGcMicrosPerRequest));
    assert.equal(first.requestsPerSecond, 1000);
  });

  it('refuses a missing file, text that is not JSON, and JSON that is not a saved run, naming the file', () => {
    assert.throws(() => loadResults(join(dir, 'absent.json')), /absent\.json: cannot read it/);
    const markdown = join(dir, 'report.md');
    writeFileSync(markdown, '## Gateway overhead');
    assert.throws(() => loadResults(markdown), /report\.md: not JSON .*the \.json saved beside a report/);
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ format: 'something-else/1' }));
    assert.throws(() => loadResults(other), /other\.json: not a saved gateway bench run at format/);
    const wrongType = join(dir, 'wrong-type.json');
    const text = JSON.stringify({
      format: 'daulat-bench-gateway/1',
      ...run('2026-12-04T10:00:00.000Z', [1]),
    });
    writeFileSync(wrongType, text.replace('"requestsPerSecond":1000', '"requestsPerSecond":"fast"'));
    assert.throws(
      () => loadResults(wrongType),
      /wrong-type\.json: .* at cells\.0\.samples\.0\.requestsPerSecond/,
    );
  });
});

describe('pooling saved runs', () => {
  const first = loadResults(
    saved('first.json', run('2026-12-04T10:00:00.000Z', [0.78, 0.82, 0.84, 0.79, 0.9])),
  );
  const second = loadResults(
    saved('second.json', run('2026-12-04T11:00:00.000Z', [0.81, 0.83, 0.76, 0.88, 0.85, 0.8], [1, 64])),
  );
  const allOn = { a: 'daulat-full', b: 'daulat', field: 'requestsPerSecond' } as const;

  it('takes every round of every run, in turn, at the connection count they share', () => {
    assert.equal(sharedHighConnections([first, second]), 64);
    const rounds = pooledRounds([first, second], allOn, 'json', 64);
    assert.equal(rounds.length, 11);
    [0.78, 0.82, 0.84, 0.79, 0.9, 0.81, 0.83, 0.76, 0.88, 0.85, 0.8].forEach((ratio, index) =>
      approx(rounds[index]!, ratio),
    );
    const pooled = poolRatios(rounds);
    assert.ok(pooled !== undefined);
    approx(pooled.median, 0.82);
    assert.deepEqual({ ...pooled, median: 0 }, { rounds: 11, median: 0, ...medianInterval(rounds)! });
  });

  it('compares the event loop’s CPU a request the same way (the inverse of req/s here)', () => {
    const rounds = pooledRounds([first], { ...allOn, field: 'eventLoopMicrosPerRequest' }, 'stream', 64);
    [0.78, 0.82, 0.84, 0.79, 0.9].forEach((ratio, index) => approx(rounds[index]!, 1 / ratio));
  });

  it('prints each comparison the runs hold, per mode, and nothing for targets they lack', () => {
    const text = renderPooled([first, second]).join('\n');
    assert.match(text, /Pooled per-round ratios of 2 runs at 64 connections/);
    assert.match(text, /2026-12-04 10:00 UTC: .*first\.json/);
    assert.match(
      text,
      /Daulat, all on ÷ Daulat, req\/s: JSON 0\.82× over 11 rounds \(98\.8% interval 0\.78×–0\.88×\); stream 0\.82× over 11 rounds/,
    );
    assert.doesNotMatch(text, /Portkey|minimal/);
  });

  it('says so when the runs share no connection count', () => {
    const apart = loadResults(saved('apart.json', run('2026-12-04T12:00:00.000Z', [0.8, 0.9], [16])));
    assert.deepEqual(renderPooled([first, apart]), [
      '- The runs share no connection count: nothing to pool.',
    ]);
  });

  it('runs as `npm run bench:gateway -- --pool <files>`, and fails with a message on bad input', () => {
    const bench = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'bench/gateway/main.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const pooled = bench('--pool', first.path, second.path);
    assert.equal(pooled.status, 0, pooled.stderr);
    assert.match(pooled.stdout, /Daulat, all on ÷ Daulat, req\/s: JSON 0\.82× over 11 rounds/);
    const none = bench('--pool');
    assert.equal(none.status, 1);
    assert.match(none.stderr, /--pool: name the saved runs/);
    const missing = bench('--pool', join(dir, 'nope.json'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.json: cannot read it/);
    const stray = bench('stray');
    assert.equal(stray.status, 1);
    assert.match(stray.stderr, /unexpected argument 'stray'/);
  });
});

describe('the run summary', () => {
  it('says what all on adds to the garbage collector’s pauses a request, from the rounds’ paired differences', () => {
    const results = run('2026-12-04T10:00:00.000Z', [0.8, 0.9, 0.8]);
    const gc = [8, 9, 7.5];
    for (const each of results.cells.filter((one) => one.target === 'daulat-full'))
      each.samples.forEach((one, round) => {
        each.samples[round] = { ...one, gcMicrosPerRequest: gc[round]!, majorGcMicrosPerRequest: 1.5 };
      });
    const line = renderSummary(results).find((text) => text.includes('garbage-collection pauses'));
    assert.equal(
      line,
      '- All on − bare, the event loop’s garbage-collection pauses a request at 64 connections (median of the rounds’ differences; each target’s own /metrics): JSON +3.0 µs (8.0 vs 5.0; old generation 1.5 vs 1.0); stream +3.0 µs (8.0 vs 5.0; old generation 1.5 vs 1.0)',
    );
  });

  it('leaves the figure out (–) for runs whose targets did not report it', () => {
    const results = run('2026-12-04T10:00:00.000Z', [0.8, 0.9]);
    for (const each of results.cells)
      each.samples.forEach((one, round) => {
        each.samples[round] = { ...one, gcMicrosPerRequest: Number.NaN, majorGcMicrosPerRequest: Number.NaN };
      });
    const line = renderSummary(results).find((text) => text.includes('garbage-collection pauses'));
    assert.match(line ?? '', /JSON – µs \(– vs –; old generation – vs –\)/);
  });
});
