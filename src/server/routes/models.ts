/** GET /v1/models and GET /v1/models/{id} — the public model list (ids may contain slashes). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors.ts';
import type { Router } from '../../router/router.ts';
import { isModelAllowed } from '../../tenancy/model-patterns.ts';

/**
 * Registers the model-list routes on the /v1 scope; `created` is the gateway's start time in seconds. A
 * virtual key sees only the models its patterns allow.
 */
export function registerModels(v1: FastifyInstance, router: Router, created: number): void {
  const describe = (id: string) => ({ id, object: 'model', created, owned_by: 'daulat' });
  const allowed = (request: FastifyRequest, id: string): boolean => {
    const principal = request.principal;
    return principal?.kind !== 'tenant' || isModelAllowed(principal.tenant.key.models, id);
  };
  v1.get('/models', async (request) => ({
    object: 'list',
    data: router
      .models()
      .filter((model) => allowed(request, model.id))
      .map((model) => describe(model.id)),
  }));
  v1.get<{ Params: { '*': string } }>('/models/*', async (request) => {
    const id = request.params['*'];
    if (!router.resolve(id) || !allowed(request, id))
      throw new GatewayError('model_not_found', `model '${id}' not found`, { param: 'model' });
    return describe(id);
  });
}
