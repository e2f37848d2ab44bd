/**
 * Child process for the autocannon load generator: `autocannon-worker.ts <json LoadOptions>`. Prints one
 * `BENCH_RESULT {json LoadResult}` line. Latencies are recorded per response at full precision, because
 * autocannon's own histogram rounds to whole milliseconds.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.ts';
import { percentile } from './stats.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<LoadOptions, 'tmpDir'>;
const latencies: number[] = [];

const instance = autocannon({
  url: options.url,
  method: 'POST',
  headers: options.headers,
  body: options.body,
  connections: options.connections,
  duration: options.durationSeconds,
  timeout: 10,
});
instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
  if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
});
const result = await instance;
const summary: LoadResult = {
  requests: result.requests.total,
  seconds: result.duration,
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
  errors: result.errors + result.timeouts,
  badStatus: result.non2xx,
};
process.stdout.write(`BENCH_RESULT ${JSON.stringify(summary)}\n`);
