/** GET /metrics — the Prometheus text exposition of the gateway's metrics (every worker's, summed). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors.ts';
import type { Metrics } from '../../metrics/metrics.ts';

/** Decides whether a scrape may read the metrics: returns (or resolves) to allow, throws to refuse. */
export type MetricsGuard = (request: FastifyRequest) => void | Promise<void>;

/** Registers GET /metrics; with a `guard` (e.g. the admin key check) every scrape must pass it first. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, guard?: MetricsGuard): void {
  app.get('/metrics', async (request, reply) => {
    await guard?.(request);
    const text = await render(metrics);
    return reply.type(metrics.contentType).send(text);
  });
}

/**
 * Only a multi-worker gateway can fail here (a worker or the primary not answering). A failed scrape, not
 * a partial one: Prometheus would read a sum missing a worker as counter resets.
 */
async function render(metrics: Metrics): Promise<string> {
  try {
    return await metrics.render();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayError('internal_error', `metrics could not be gathered from every worker: ${reason}`, {
      status: 503,
      cause: error,
    });
  }
}
