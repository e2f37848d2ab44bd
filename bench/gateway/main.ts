/**
 * `npm run bench:gateway`: measures the mock upstream directly, a minimal Node proxy, Daulat and Portkey side
 * by side, prints a markdown report to stdout and writes it to `.bench-tmp/gateway-<date>.md`.
 */
import { installCleanup, killAllChildren } from './processes.ts';
import { runGatewayBenchCli } from './cli.ts';

installCleanup();
try {
  await runGatewayBenchCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `bench:gateway failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  killAllChildren();
}
process.exit();
