/** The `daulat` command line: parses arguments and dispatches to a command. */
import { Command } from 'commander';
import { registerServe } from './commands/serve.ts';

const program = new Command()
  .name('daulat')
  .description('Daulat: a self-hosted AI gateway with one OpenAI-compatible API over open-weight models')
  .version('0.1.0')
  .showHelpAfterError();

registerServe(program);

await program.parseAsync(process.argv);
