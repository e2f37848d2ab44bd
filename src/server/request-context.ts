/** Builds the per-request context the gateway needs: id, start time and a signal that fires when the client leaves. */
import type { RequestContext } from '../gateway/gateway.ts';
import { ClientSignal } from '../client-signal.ts';
import type { Exchange } from './exchange.ts';

/** The context for one request; its signal aborts once the client disconnects before the response ends. */
export function createRequestContext(exchange: Exchange): RequestContext {
  const signal = new ClientSignal();
  const { request, response, principal, startedAt } = exchange;
  // `on`, not `once`: a response closes once, and `once` would wrap the listener and remove it again.
  response.on('close', () => {
    if (!response.writableFinished) signal.abort();
  });
  const declared = request.headers['x-daulat-data-class'];
  const traceParent = request.headers.traceparent;
  return {
    requestId: exchange.id,
    signal,
    startedAt,
    // Whole milliseconds, as every time the store keeps (PostgreSQL's bigint refuses a fraction).
    receivedAt: Math.round(Date.now() - (performance.now() - startedAt)),
    ...(typeof declared === 'string' ? { declaredDataClasses: declared } : {}),
    ...(principal.kind === 'tenant' ? { tenant: principal.tenant } : {}),
    ...(typeof traceParent === 'string' ? { traceParent } : {}),
  };
}
