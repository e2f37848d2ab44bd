/** `npm run bench`: every benchmark in turn, with the same flags. Today that is the gateway bench. */
import { runGatewayBenchCli } from './gateway/cli.ts';
import { installCleanup, killAllChildren } from './gateway/processes.ts';

installCleanup();
try {
  await runGatewayBenchCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  killAllChildren();
}
process.exit();
