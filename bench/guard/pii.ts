/**
 * `node --import tsx bench/guard/pii.ts`: p50/p99 latency of the pii + secrets scan on typical and dense prompts
 * of 1 KB, 16 KB and 128 KB, as a markdown table.
 */
import { availableParallelism, loadavg } from 'node:os';
import { measurePiiLatency } from './pii-latency.ts';

const rows = measurePiiLatency();
const lines = [
  `PII + secrets scan latency (both scanners, one prompt per scan; load average ${loadavg()[0]?.toFixed(1) ?? '?'} on ${availableParallelism()} cores)`,
  '',
  '| prompts | size | scans | findings | p50 | p99 | CPU p50 | CPU p99 | throughput at p50 |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${row.kind} | ${row.bytes / 1024} KB | ${row.iterations} | ${row.findings} | ${row.p50Microseconds.toFixed(0)} µs | ${row.p99Microseconds.toFixed(0)} µs | ${row.cpuP50Microseconds.toFixed(0)} µs | ${row.cpuP99Microseconds.toFixed(0)} µs | ${row.megabytesPerSecond.toFixed(1)} MB/s |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
