/** The ioredis client behind shared limits, set up to fail fast so a dead Redis never stalls a request. */
import type { Redis } from 'ioredis';

/**
 * Connects and resolves once Redis answered or the first attempt failed (it keeps reconnecting in the
 * background). Reports an outage to `onError` once, not on every reconnect attempt.
 */
export async function connectRedis(url: string, onError: (error: unknown) => void): Promise<Redis> {
  // Imported here: a gateway without `limits.redis_url` never loads ioredis (about 10 MiB RSS).
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
  });
  let healthy = true;
  client.on('error', (error) => {
    if (healthy) onError(error);
    healthy = false;
  });
  client.on('ready', () => {
    healthy = true;
  });
  await new Promise<void>((resolve) => {
    const settle = () => {
      client.off('ready', settle);
      client.off('error', settle);
      resolve();
    };
    client.once('ready', settle);
    client.once('error', settle);
  });
  return client;
}

/** Closes the client: politely when connected, at once otherwise. */
export async function disconnectRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit();
  else client.disconnect();
}
