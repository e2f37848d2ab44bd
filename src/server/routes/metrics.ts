/** GET /metrics — the Prometheus text exposition of the gateway's metrics. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '../../metrics/metrics.ts';

/** Decides whether a scrape may read the metrics: returns (or resolves) to allow, throws to refuse. */
export type MetricsGuard = (request: FastifyRequest) => void | Promise<void>;

/** Registers GET /metrics; with a `guard` (e.g. the admin key check) every scrape must pass it first. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, guard?: MetricsGuard): void {
  app.get('/metrics', async (request, reply) => {
    await guard?.(request);
    const text = await metrics.render();
    return reply.type(metrics.contentType).send(text);
  });
}
