/**
 * The gateway key check for /v1 routes: `Authorization: Bearer <key>` (or `x-api-key`), compared in
 * constant time. Per-team virtual keys will replace this with a key store lookup.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.ts';

/** An onRequest hook that rejects requests without the gateway key with a 401 in OpenAI's format. */
export function createKeyCheck(key: string): (request: FastifyRequest) => Promise<void> {
  const expected = digest(key);
  return async (request) => {
    const presented = presentedKey(request);
    if (presented === undefined) {
      throw new GatewayError('invalid_api_key', 'missing API key: send Authorization: Bearer <key>');
    }
    if (!timingSafeEqual(digest(presented), expected))
      throw new GatewayError('invalid_api_key', 'invalid API key');
  };
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header);
    return match?.[1]?.trim();
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
