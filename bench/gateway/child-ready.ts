/** The handshake of the bench's own child servers (mock upstream, minimal proxy) with the harness. */
import type { Server } from 'node:http';

/**
 * Prints `READY <port>` once `server` listens, and exits when the harness's stdin pipe closes, so a crashed or
 * killed harness never leaves a server behind.
 */
export function announceReady(server: Server): void {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('server is not listening on a TCP port');
  process.stdout.write(`READY ${address.port}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
