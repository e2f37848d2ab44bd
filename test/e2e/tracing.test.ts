/**
 * OpenTelemetry traces: with `telemetry.otlp_endpoint` set, every finished request becomes one span following
 * the GenAI semantic conventions, exported over OTLP/HTTP (JSON) to the collector — here a local stand-in.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mockDeployment, startGateway } from '../helpers/gateway.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpSpan {
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number; message?: string };
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

describe('OpenTelemetry traces', () => {
  let upstream: MockUpstream;
  let collector: Server;
  const exports: {
    path: string;
    contentType: string | undefined;
    authorization: string | undefined;
    body: OtlpExport;
  }[] = [];

  before(async () => {
    upstream = await startMockUpstream('vllm');
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        exports.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'],
          authorization: request.headers.authorization,
          body: JSON.parse(body) as OtlpExport,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await upstream.close();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  });

  it('exports one GenAI span per request, with usage, deployment and the failure of a failed one', async () => {
    const { port } = collector.address() as AddressInfo;
    const gateway = await startGateway({
      deployments: [
        mockDeployment('vllm-a', upstream.baseUrl, { models: ['qwen-7b'], location: 'id-jakarta' }),
      ],
      telemetry: {
        otlp_endpoint: `http://127.0.0.1:${port}`,
        service_name: 'daulat-test',
        headers: { authorization: 'Bearer otel' },
      },
    });
    const started = Date.now();
    await gateway.client.chat.completions.create({
      model: 'qwen-7b',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await gateway.client.embeddings.create(
      { model: 'qwen-7b', input: 'halo' },
      { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } },
    );
    await assert.rejects(
      gateway.client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }),
    );
    await gateway.close();

    assert.ok(exports.length >= 1);
    assert.equal(exports[0]?.path, '/v1/traces');
    assert.match(exports[0]?.contentType ?? '', /application\/json/);
    assert.equal(exports[0]?.authorization, 'Bearer otel');
    const resource = exports[0].body.resourceSpans[0]!.resource.attributes;
    assert.equal(
      resource.find((attribute) => attribute.key === 'service.name')?.value.stringValue,
      'daulat-test',
    );
    const spans = exports.flatMap((entry) =>
      entry.body.resourceSpans.flatMap((resourceSpan) =>
        resourceSpan.scopeSpans.flatMap((scope) => scope.spans),
      ),
    );
    const attributes = (span: OtlpSpan) =>
      Object.fromEntries(
        span.attributes.map((attribute) => [attribute.key, Object.values(attribute.value)[0]]),
      );
    const ok = spans.find((span) => span.name === 'chat qwen-7b');
    assert.ok(ok, spans.map((span) => span.name).join(', '));
    assert.equal(ok.kind, 3, 'SPAN_KIND_CLIENT');
    const okAttributes = attributes(ok);
    assert.equal(okAttributes['gen_ai.operation.name'], 'chat');
    assert.equal(okAttributes['gen_ai.request.model'], 'qwen-7b');
    assert.equal(Number(okAttributes['gen_ai.usage.input_tokens']), 11);
    assert.equal(Number(okAttributes['gen_ai.usage.output_tokens']), 7);
    assert.equal(okAttributes['daulat.deployment'], 'vllm-a');
    assert.equal(okAttributes['daulat.location'], 'id-jakarta');
    assert.ok(Number(BigInt(ok.startTimeUnixNano) / 1_000_000n) >= started - 5);
    assert.ok(BigInt(ok.endTimeUnixNano) >= BigInt(ok.startTimeUnixNano));
    const joined = spans.find((span) => span.name === 'embeddings qwen-7b') as OtlpSpan & {
      traceId: string;
      parentSpanId?: string;
    };
    assert.equal(joined.traceId, traceId, "the span joined the caller's trace");
    assert.equal(joined.parentSpanId, '00f067aa0ba902b7');
    const failed = spans.find((span) => span.name === 'chat nope');
    assert.ok(failed);
    assert.equal(failed.status?.code, 2, 'STATUS_CODE_ERROR');
    assert.equal(attributes(failed)['error.type'], 'model_not_found');
  });
});
