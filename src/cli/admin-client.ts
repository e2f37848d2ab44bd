/**
 * The CLI's side of the admin API: `daulat keys|teams|usage|audit` call the running gateway over HTTP
 * (`--url`, DAULAT_URL; `--admin-key`, DAULAT_ADMIN_KEY), so they work the same against one process or a
 * fleet of replicas, and the gateway's checks and audit apply to them too.
 */
import type { Command } from 'commander';

/** Where the gateway is and the key to use. */
export interface AdminConnection {
  readonly url?: string;
  readonly adminKey?: string;
}

/** A failed admin call: the gateway's own error message, or why it could not be reached. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

/** Adds `--url` and `--admin-key` to a command. */
export function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'the gateway (default: DAULAT_URL or http://127.0.0.1:8080)')
    .option('--admin-key <key>', 'the admin key (default: DAULAT_ADMIN_KEY)');
}

/** Calls `method path` with an optional JSON body; resolves with the parsed JSON answer. */
export async function adminCall<T>(
  connection: AdminConnection,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const base = (connection.url ?? process.env.DAULAT_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const key = connection.adminKey ?? process.env.DAULAT_ADMIN_KEY;
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(key === undefined || key === '' ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new AdminError(
      `cannot reach the gateway at ${base} (${cause}): is \`daulat serve\` running? (--url)`,
    );
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
    throw new AdminError(`${response.status}: ${message}`);
  }
  return parsed as T;
}

/** Runs a CLI action, printing an AdminError as one line and setting the exit code. */
export async function runAdmin(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    process.stderr.write(`daulat: ${error.message}\n`);
    process.exitCode = 1;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
