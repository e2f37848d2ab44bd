/** Builds the per-request context the gateway needs: id, start time and a signal that fires when the client leaves. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../gateway/gateway.ts';
import { ClientSignal } from '../client-signal.ts';

/** The context for one request; its signal aborts once the client disconnects before the response ends. */
export function createRequestContext(request: FastifyRequest, reply: FastifyReply): RequestContext {
  const signal = new ClientSignal();
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished) signal.abort();
  });
  const declared = request.headers['x-daulat-data-class'];
  const traceParent = request.headers.traceparent;
  const principal = request.principal;
  return {
    requestId: request.id,
    signal,
    startedAt: request.startedAt,
    receivedAt: Date.now() - (performance.now() - request.startedAt),
    ...(typeof declared === 'string' ? { declaredDataClasses: declared } : {}),
    ...(principal?.kind === 'tenant' ? { tenant: principal.tenant } : {}),
    ...(typeof traceParent === 'string' ? { traceParent } : {}),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** `performance.now()` when the request arrived. */
    startedAt: number;
  }
}
