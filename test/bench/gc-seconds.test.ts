import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gcSecondsOf, readGcSeconds } from '../../bench/gateway/gc-seconds.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';

/** A scrape as prom-client writes the histogram: comments, buckets, then each kind's sum and count. */
const EXPOSITION = [
  '# HELP daulat_nodejs_gc_duration_seconds Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
  '# TYPE daulat_nodejs_gc_duration_seconds histogram',
  'daulat_nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 10',
  'daulat_nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor"} 12',
  'daulat_nodejs_gc_duration_seconds_sum{kind="minor"} 0.25',
  'daulat_nodejs_gc_duration_seconds_count{kind="minor"} 12',
  'daulat_nodejs_gc_duration_seconds_bucket{le="+Inf",kind="major"} 2',
  'daulat_nodejs_gc_duration_seconds_sum{kind="major"} 0.5',
  'daulat_nodejs_gc_duration_seconds_count{kind="major"} 2',
  'daulat_nodejs_gc_duration_seconds_sum{kind="incremental"} 0.125',
  'daulat_nodejs_gc_duration_seconds_count{kind="incremental"} 3',
  '# HELP daulat_process_cpu_seconds_total Total user and system CPU time spent in seconds.',
  '# TYPE daulat_process_cpu_seconds_total counter',
  'daulat_process_cpu_seconds_total 3.5',
  '',
].join('\n');

describe('garbage-collection seconds from a Daulat target’s /metrics', () => {
  it('sums every kind, and major with incremental marking as the old generation’s', () => {
    assert.deepEqual(gcSecondsOf(EXPOSITION), { total: 0.875, major: 0.625 });
  });

  it('reads a declared histogram without series (nothing collected yet) as zero', () => {
    const declared =
      '# HELP daulat_nodejs_gc_duration_seconds GC.\n# TYPE daulat_nodejs_gc_duration_seconds histogram\n';
    assert.deepEqual(gcSecondsOf(declared), { total: 0, major: 0 });
  });

  it('refuses a scrape without the histogram, or with a value that is not a number', () => {
    assert.throws(
      () => gcSecondsOf('daulat_process_cpu_seconds_total 3.5\n'),
      /no daulat_nodejs_gc_duration_seconds$/,
    );
    assert.throws(
      () => gcSecondsOf('daulat_nodejs_gc_duration_seconds_sum{kind="minor"} lots\n'),
      /not a number: lots/,
    );
  });

  it('reads what Daulat’s own metrics expose, which grows as the process collects', async () => {
    const metrics = createMetrics({ deployments: () => [] });
    const before = gcSecondsOf(await metrics.render());
    // Enough short-lived garbage for several young-generation collections; their entries arrive asynchronously.
    let kept = 0;
    for (let round = 0; round < 200_000; round++) kept += [round, { round }].length;
    assert.ok(kept > 0);
    let after = before;
    for (let attempt = 0; attempt < 50 && after.total <= before.total; attempt++) {
      await sleep(20);
      after = gcSecondsOf(await metrics.render());
    }
    assert.ok(after.total > before.total, `no collection was recorded (${before.total} → ${after.total})`);
    assert.ok(after.major <= after.total);
  });
});

describe('scraping a target for them', () => {
  let server: Server;
  let origin = '';
  before(async () => {
    server = createServer((request, response) => {
      if (request.headers.authorization !== 'Bearer admin') {
        response.writeHead(403, { 'content-type': 'application/json' });
        response.end('{"error":{"code":"admin_key_required"}}');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(EXPOSITION);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the endpoint’s headers and reads the answer', async () => {
    const seconds = await readGcSeconds({
      url: `${origin}/metrics`,
      headers: { authorization: 'Bearer admin' },
    });
    assert.deepEqual(seconds, { total: 0.875, major: 0.625 });
  });

  it('fails naming the URL on a refusal and on a target that is not there', async () => {
    await assert.rejects(readGcSeconds({ url: `${origin}/metrics`, headers: {} }), (error: Error) => {
      assert.match(error.message, new RegExp(`reading ${origin}/metrics: HTTP 403`));
      return true;
    });
    await assert.rejects(
      readGcSeconds({ url: 'http://127.0.0.1:1/metrics', headers: {} }),
      /reading http:\/\/127\.0\.0\.1:1\/metrics/,
    );
  });
});
