/** The line protocol of the bench's load children: the last `BENCH_RESULT {json}` line is the result. */

/** Parses the last `BENCH_RESULT {json}` line among `lines`. */
export function parseResultLine(lines: readonly string[]): unknown {
  const line = [...lines].reverse().find((candidate) => candidate.startsWith('BENCH_RESULT '));
  if (line === undefined) throw new Error('no BENCH_RESULT line');
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}
