/**
 * PostgreSQL and Redis for tests. `npm test` on a machine without them skips those tests with a printed
 * reason; `.ci/run` sets DAULAT_REQUIRE_SERVICES=1, and then a missing service fails the run instead.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/** Where the services are (overridable for other machines). */
export const POSTGRES_URL = process.env.DAULAT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.DAULAT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const required = process.env.DAULAT_REQUIRE_SERVICES === '1';

/**
 * undefined when the service answers on its port; else the reason to skip (printed once). Throws when
 * DAULAT_REQUIRE_SERVICES=1, so CI cannot pass by skipping.
 */
export async function serviceSkipReason(name: 'PostgreSQL' | 'Redis'): Promise<string | undefined> {
  const url = new URL(name === 'PostgreSQL' ? POSTGRES_URL : REDIS_URL);
  const port = Number(url.port || (name === 'PostgreSQL' ? 5432 : 6379));
  const reachable = await canConnect(url.hostname, port);
  if (reachable) return undefined;
  const reason = `${name} is not running at ${url.hostname}:${port}`;
  if (required) throw new Error(`${reason}, and DAULAT_REQUIRE_SERVICES=1 requires it`);
  process.stdout.write(`# skipping ${name} tests: ${reason}\n`);
  return reason;
}

/** A fresh name for a PostgreSQL schema or a Redis key prefix, so concurrent test files never collide. */
export function isolatedName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
