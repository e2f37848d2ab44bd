/** GET /v1/models and GET /v1/models/{id} — the public model list (ids may contain slashes). */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../errors.ts';
import type { Router } from '../../router/router.ts';

/** Registers the model-list routes on the /v1 scope; `created` is the gateway's start time in seconds. */
export function registerModels(v1: FastifyInstance, router: Router, created: number): void {
  const describe = (id: string) => ({ id, object: 'model', created, owned_by: 'daulat' });
  v1.get('/models', async () => ({
    object: 'list',
    data: router.models().map((model) => describe(model.id)),
  }));
  v1.get<{ Params: { '*': string } }>('/models/*', async (request) => {
    const id = request.params['*'];
    if (!router.resolve(id))
      throw new GatewayError('model_not_found', `model '${id}' not found`, { param: 'model' });
    return describe(id);
  });
}
