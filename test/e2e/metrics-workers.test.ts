/**
 * /metrics of a multi-process gateway (`daulat serve --workers 2`): whichever worker a scrape reaches, it
 * reports the whole gateway's figures, aggregated by the primary.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run, type Run } from '../helpers/daulat-process.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

interface Family {
  readonly name: string;
  readonly type: string;
  readonly metrics: readonly { readonly labels?: Record<string, string>; readonly value?: string }[];
}

// The parser ships no type declarations; this is the part of its API the test uses.
const parsePrometheusText = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => Family[];

const REQUESTS = 12;

/**
 * One request on its own connection (`agent: false`): node:cluster hands each new connection to the next
 * worker in turn, so requests and scrapes are spread over both workers.
 */
function send(url: string, method: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * A family's samples as `label=value,…` → value, after checking its declared type. The parser drops the
 * labels of labelled histograms (its issue #13), so samples come from the text without comment lines,
 * where every line is an untyped sample named in full (`…_count`).
 */
function samples(text: string, name: string, type: string, series = name): Map<string, number> {
  const declared = parsePrometheusText(text).find((candidate) => candidate.name === name);
  assert.equal(declared?.type.toLowerCase(), type, `${name} is exposed as a ${type}`);
  const bare = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const family = parsePrometheusText(bare).find((candidate) => candidate.name === series);
  assert.ok(family, `${series} has samples`);
  return new Map(
    family.metrics.map((sample) => [
      Object.entries(sample.labels ?? {})
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
      Number(sample.value),
    ]),
  );
}

describe('metrics of a gateway with two workers', () => {
  let upstream: MockUpstream;
  let gateway: Run;
  let url: string;

  before(async () => {
    upstream = await startMockUpstream('vllm');
    const config = join(mkdtempSync(join(tmpdir(), 'daulat-config-')), 'daulat.yaml');
    writeFileSync(
      config,
      JSON.stringify({
        deployments: [
          { name: 'gpu-a', engine: 'openai-compatible', base_url: upstream.baseUrl, models: ['qwen-7b'] },
        ],
      }),
    );
    gateway = run(process.execPath, [
      'bin/daulat.js',
      'serve',
      '--config',
      config,
      '--workers',
      '2',
      '--port',
      '0',
    ]);
    url = await Promise.race([
      gateway.listening,
      gateway.exit.then(({ stderr }) => Promise.reject(new Error(`gateway exited: ${stderr}`))),
    ]);
    while ((await gateway.output()).match(/daulat listening on/g)?.length !== 2)
      await new Promise((resolve) => setTimeout(resolve, 50));
  });
  after(async () => {
    gateway?.stop();
    await gateway?.exit;
    await upstream?.close();
  });

  it('counts every request in every scrape, whichever worker served the request or the scrape', async () => {
    for (let index = 0; index < REQUESTS; index += 1) {
      const answer = await send(`${url}/v1/chat/completions`, 'POST', {
        model: 'qwen-7b',
        messages: [{ role: 'user', content: `hello ${index}` }],
      });
      assert.equal(answer.status, 200, answer.text);
    }
    assert.equal(upstream.requests.length, REQUESTS);
    for (let scrape = 0; scrape < 4; scrape += 1) {
      const { status, text } = await send(`${url}/metrics`, 'GET');
      assert.equal(status, 200, text);
      const requests = samples(text, 'daulat_requests_total', 'counter');
      const total = [...requests.values()].reduce((sum, value) => sum + value, 0);
      assert.equal(total, REQUESTS, `scrape ${scrape}: ${[...requests].join(' ')}`);
      assert.equal(
        requests.get('operation=chat,model=qwen-7b,deployment=gpu-a,status=ok,stream=false'),
        REQUESTS,
      );
      const durations = samples(
        text,
        'daulat_request_duration_seconds',
        'histogram',
        'daulat_request_duration_seconds_count',
      );
      assert.deepEqual([...durations.values()], [REQUESTS], 'histograms are summed too');
      // Gauges: in-flight requests add up; `up` is the minimum over workers, not a count of them.
      assert.equal(samples(text, 'daulat_deployment_in_flight_requests', 'gauge').get('deployment=gpu-a'), 0);
      assert.equal(samples(text, 'daulat_deployment_up', 'gauge').get('deployment=gpu-a'), 1);
    }
  });
});
