/**
 * The one error handler: turns anything thrown in a route (GatewayError, Fastify's own errors, bugs)
 * into OpenAI's error JSON with the right status, Retry-After where it applies, and a log line for 5xx.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, toGatewayError } from '../errors.ts';
import { errorResponse } from './exchange.ts';

const FASTIFY_CODES: Record<string, (error: FastifyError) => GatewayError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (error) =>
    new GatewayError('request_too_large', `request body too large: ${error.message}`),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: (error) => new GatewayError('invalid_request', error.message),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new GatewayError('invalid_request', 'request body must be a JSON object'),
};

/** Maps a thrown value to a GatewayError, translating Fastify's framework errors. */
export function normaliseError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const fastifyError = error as Partial<FastifyError>;
  const translate = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (translate) return translate(error as FastifyError);
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return new GatewayError('invalid_request', fastifyError.message ?? 'invalid request', {
      status: fastifyError.statusCode,
    });
  }
  return toGatewayError(error);
}

/** Writes `error` as OpenAI error JSON on `reply`. */
export function sendError(reply: FastifyReply, error: GatewayError): void {
  const { headers, text } = errorResponse(error);
  void reply.headers(headers).code(error.status).type('application/json; charset=utf-8').send(text);
}

/** Fastify's error handler for the whole app. */
export function handleError(
  this: unknown,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const gatewayError = normaliseError(error);
  if (gatewayError.status >= 500)
    request.log.error({ err: error, code: gatewayError.code }, gatewayError.message);
  else request.log.debug({ code: gatewayError.code }, gatewayError.message);
  sendError(reply, gatewayError);
}
