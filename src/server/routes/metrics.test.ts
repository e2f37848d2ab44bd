import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { GatewayError } from '../../errors.ts';
import { createMetrics, type Metrics } from '../../metrics/metrics.ts';
import { handleError } from '../error-handler.ts';
import { registerMetrics, type MetricsGuard } from './metrics.ts';

function build(guard?: MetricsGuard, fail?: Error) {
  const app = Fastify();
  app.setErrorHandler(handleError);
  const real = createMetrics({
    deployments: () => [{ name: 'gpu-a', queued: 2, inFlight: 5, healthy: true }],
  });
  const renders = { count: 0 };
  const metrics: Metrics = {
    ...real,
    render: () => {
      renders.count += 1;
      return fail === undefined ? real.render() : Promise.reject(fail);
    },
  };
  registerMetrics(app, metrics, guard);
  return { app, metrics, renders };
}

void describe('GET /metrics', () => {
  void it('serves the text exposition with the Prometheus content type', async () => {
    const { app, metrics } = build();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], metrics.contentType);
    assert.match(response.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(response.body, /^# TYPE daulat_requests_total counter$/m);
    assert.match(response.body, /^daulat_deployment_in_flight_requests\{deployment="gpu-a"\} 5$/m);
    await app.close();
  });

  void it('serves the metrics when the guard lets the request through', async () => {
    const seen: string[] = [];
    const { app } = build(async (request) => {
      seen.push(request.url);
      await Promise.resolve();
    });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(seen, ['/metrics']);
    await app.close();
  });

  void it('answers with the error the guard throws and renders nothing', async () => {
    const { app, renders } = build((request) => {
      if (request.headers.authorization !== 'Bearer admin')
        throw new GatewayError('admin_key_required', 'this route needs the admin key');
    });
    const refused = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'admin_key_required');
    assert.equal(renders.count, 0);

    const allowed = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer admin' },
    });
    assert.equal(allowed.statusCode, 200);
    await app.close();
  });

  void it('answers 503 in the error format, naming why, when a worker cannot be gathered — never a partial sum', async () => {
    const { app } = build(undefined, new Error('worker 2 did not answer within 1000 ms'));
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 503);
    const body = response.json<{ error: { code: string; message: string } }>();
    assert.equal(body.error.code, 'internal_error');
    assert.match(
      body.error.message,
      /metrics could not be gathered from every worker: worker 2 did not answer/,
    );
    assert.doesNotMatch(response.body, /daulat_requests_total/);
    await app.close();
  });

  void it('refuses when an async guard rejects', async () => {
    const { app } = build(() => Promise.reject(new GatewayError('invalid_api_key', 'missing API key')));
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'invalid_api_key');
    await app.close();
  });
});
