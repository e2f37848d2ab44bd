/**
 * OpenTelemetry traces, exported over OTLP/HTTP when `telemetry.otlp_endpoint` is set: one span per finished
 * request, named and attributed after the GenAI semantic conventions (`chat qwen-7b`, `gen_ai.operation.name`,
 * `gen_ai.request.model`, `gen_ai.usage.*`), with Daulat's own facts under `daulat.*` (deployment, location,
 * team, key, cost, guardrail summary). Spans are built from the request record after the fact, with its real
 * start and end times, so tracing adds nothing to the request path; a batch processor exports them. A caller
 * that sends a W3C `traceparent` gets the span in its own trace.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Operation, RequestRecord } from '../gateway/request-record.ts';

/** Where spans go and how they are named. */
export interface TracingOptions {
  /** The collector's base URL (`http://collector:4318`); spans go to `/v1/traces` under it. */
  readonly endpoint: string;
  readonly serviceName: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Records spans for finished requests. */
export interface Tracing {
  record(record: RequestRecord, costUsd: number): void;
  /** Exports what is buffered and stops. */
  close(): Promise<void>;
}

/** The GenAI conventions' names for Daulat's operations. */
const OPERATION_NAMES: Record<Operation, string> = {
  chat: 'chat',
  completion: 'text_completion',
  embedding: 'embeddings',
};

/** Builds the tracer provider and its exporter. */
export function createTracing(options: TracingOptions): Tracing {
  const exporter = new OTLPTraceExporter({
    url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces`,
    ...(options.headers === undefined ? {} : { headers: { ...options.headers } }),
  });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('daulat');
  return {
    record(record, costUsd) {
      const operation = OPERATION_NAMES[record.operation];
      const span = tracer.startSpan(
        `${operation} ${record.model}`,
        { kind: SpanKind.CLIENT, startTime: record.at, attributes: attributesOf(record, operation, costUsd) },
        parentOf(record.traceParent),
      );
      if (record.outcome !== 'ok') {
        span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorCode ?? record.outcome });
      }
      span.end(record.at + record.latencyMs);
    },
    async close() {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}

/** The caller's trace as the span's parent; a malformed `traceparent` starts a new trace. */
function parentOf(traceParent: string | undefined): Context {
  const parent = traceParent === undefined ? null : parseTraceParent(traceParent);
  return parent === null ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, { ...parent, isRemote: true });
}

function attributesOf(record: RequestRecord, operation: string, costUsd: number): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': operation,
    'gen_ai.request.model': record.model,
    'gen_ai.usage.input_tokens': record.promptTokens,
    'gen_ai.usage.output_tokens': record.completionTokens,
    'daulat.request_id': record.requestId,
    'daulat.stream': record.stream,
    'daulat.outcome': record.outcome,
    'daulat.attempts': record.attempts.length,
    'daulat.cost_usd': costUsd,
  };
  const optional: [string, string | number | undefined][] = [
    ['daulat.deployment', record.deployment],
    ['daulat.location', record.location],
    ['daulat.team', record.tenant?.team],
    ['daulat.key_id', record.tenant?.keyId],
    ['daulat.guard', record.guardSummary],
    ['daulat.time_to_first_token_ms', record.timeToFirstTokenMs],
    ['error.type', record.errorCode],
  ];
  for (const [name, value] of optional) if (value !== undefined) attributes[name] = value;
  if (record.cachedPromptTokens > 0)
    attributes['gen_ai.usage.cache_read.input_tokens'] = record.cachedPromptTokens;
  if (record.reasoningTokens > 0) attributes['gen_ai.usage.reasoning.output_tokens'] = record.reasoningTokens;
  return attributes;
}
