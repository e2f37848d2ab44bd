/**
 * Who is calling: the admin key, the gateway key, a team's virtual key, or nobody. /v1 routes need some
 * key once an admin or gateway key is configured (else the gateway is open, on loopback only); /admin
 * routes need the admin key, except usage, which a team key may read for its own team.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.ts';
import type { Keyring, Tenant } from '../tenancy/keyring.ts';

/** The caller of one request. */
export type Principal =
  | { readonly kind: 'admin' }
  | { readonly kind: 'gateway' }
  | { readonly kind: 'tenant'; readonly tenant: Tenant }
  | { readonly kind: 'anonymous' };

/** The keys a gateway knows. */
export interface AuthOptions {
  readonly adminKey?: string;
  readonly gatewayKey?: string;
  readonly keyring?: Keyring;
}

/** What the authenticator reads of a request: its headers (node:http's request and Fastify's both have them). */
export interface KeyedRequest {
  readonly headers: IncomingHttpHeaders;
}

/** Resolves callers; `identify` is synchronous for cached keys (the hot path awaits nothing). */
export interface Authenticator {
  identify(request: KeyedRequest): Principal | Promise<Principal>;
  /** Whether a caller without a key is let in on /v1. */
  readonly open: boolean;
}

const ANONYMOUS: Principal = { kind: 'anonymous' };
const ADMIN: Principal = { kind: 'admin' };
const GATEWAY: Principal = { kind: 'gateway' };

/** Builds the authenticator. */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const admin = options.adminKey === undefined ? undefined : digest(options.adminKey);
  const gateway = options.gatewayKey === undefined ? undefined : digest(options.gatewayKey);
  const open = admin === undefined && gateway === undefined;

  function identifyKey(presented: string): Principal | Promise<Principal> {
    // Virtual keys first, by their shape: the keyring checks them without hashing twice.
    const tenant = options.keyring?.authenticateIfKey(presented);
    if (tenant !== undefined) {
      return tenant instanceof Promise
        ? tenant.then((found): Principal => ({ kind: 'tenant', tenant: found }))
        : { kind: 'tenant', tenant };
    }
    if (admin !== undefined || gateway !== undefined) {
      const presentedDigest = digest(presented);
      if (admin !== undefined && timingSafeEqual(presentedDigest, admin)) return ADMIN;
      if (gateway !== undefined && timingSafeEqual(presentedDigest, gateway)) return GATEWAY;
    }
    // An open gateway ignores keys it does not know (OpenAI clients always send one).
    if (open) return ANONYMOUS;
    throw new GatewayError('invalid_api_key', 'invalid API key');
  }

  return {
    open,
    identify(request) {
      const presented = presentedKey(request);
      if (presented !== undefined) return identifyKey(presented);
      if (open) return ANONYMOUS;
      throw new GatewayError('invalid_api_key', 'missing API key: send Authorization: Bearer <key>');
    },
  };
}

/** The /admin onRequest hook: the admin key, or a team key for the routes that allow one. */
export function createAdminAuth(authenticator: Authenticator, configured: boolean) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!configured) {
      throw new GatewayError(
        'admin_key_required',
        'the admin API is disabled: set DAULAT_ADMIN_KEY (or admin.key) to use it',
      );
    }
    const principal = await authenticator.identify(request);
    if (principal.kind === 'anonymous') throw new GatewayError('invalid_api_key', 'missing API key');
    request.principal = principal;
  };
}

/** Throws unless the caller is the admin. */
export function requireAdmin(request: FastifyRequest): void {
  if (request.principal?.kind !== 'admin')
    throw new GatewayError('admin_key_required', 'this route needs the admin key');
}

function presentedKey(request: KeyedRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header);
    return match?.[1]?.trim();
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

function digest(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request (set by the auth hooks). */
    principal?: Principal;
  }
}
