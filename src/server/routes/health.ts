/** GET /healthz (the process is alive) and GET /readyz (it can serve: some deployment is usable). */
import type { FastifyInstance } from 'fastify';
import type { Router } from '../../router/router.ts';

/** Registers the probes; /readyz lists each deployment's state so operators see why it is not ready. */
export function registerHealth(app: FastifyInstance, router: Router): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = router.isReady();
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', deployments: router.status() });
  });
}
