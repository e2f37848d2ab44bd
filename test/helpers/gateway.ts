/** Starts a real gateway (buildServer on a free port) for end-to-end tests, with an OpenAI SDK client. */
import OpenAI from 'openai';
import { pino } from 'pino';
import { parseConfig } from '../../src/config/load.ts';
import type { RequestRecord } from '../../src/gateway/request-record.ts';
import { buildServer, type DaulatServer } from '../../src/server/app.ts';

/** A running gateway under test. */
export interface TestGateway {
  /** e.g. http://127.0.0.1:12345 */
  readonly url: string;
  /** The official OpenAI SDK pointed at the gateway, with retries off so tests see each answer. */
  readonly client: OpenAI;
  /** Every finished request the gateway recorded. */
  readonly records: RequestRecord[];
  readonly server: DaulatServer;
  /** Resolves once `count` requests have been recorded. */
  waitForRecords(count: number): Promise<RequestRecord[]>;
  close(): Promise<void>;
}

/**
 * Builds a gateway from a raw (unvalidated) config object and listens on 127.0.0.1:0. Without a `store`
 * section its store is an in-memory SQLite database, so tests never write ./data.
 */
export async function startGateway(rawConfig: unknown, apiKey = 'test-key'): Promise<TestGateway> {
  const raw = rawConfig as Record<string, unknown>;
  const config = parseConfig(
    raw.store === undefined ? { ...raw, store: { url: ':memory:' } } : raw,
    'test config',
  );
  const records: RequestRecord[] = [];
  const waiters: { count: number; resolve: (records: RequestRecord[]) => void }[] = [];
  const server = await buildServer(config, {
    logger: pino({ level: 'silent' }),
    recorder: (record) => {
      records.push(record);
      for (const waiter of waiters.filter((entry) => records.length >= entry.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(records);
      }
    },
  });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    client: new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 }),
    records,
    server,
    waitForRecords: (count) =>
      records.length >= count
        ? Promise.resolve(records)
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => server.close(),
  };
}

/** A deployment entry for a mock upstream, with short timeouts so failure tests finish quickly. */
export function mockDeployment(
  name: string,
  baseUrl: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    engine: 'openai-compatible',
    base_url: baseUrl,
    models: ['test-model'],
    timeouts: { connect_ms: 1_000, first_byte_ms: 2_000, idle_ms: 2_000, total_ms: 10_000 },
    ...extra,
  };
}
