/** The `daulat` command line: parses arguments and dispatches to a command. */
import { Command } from 'commander';
import { registerAudit } from './commands/audit.ts';
import { registerFit } from './commands/fit.ts';
import { registerKeys } from './commands/keys.ts';
import { registerModels } from './commands/models.ts';
import { registerPull } from './commands/pull.ts';
import { registerRm } from './commands/rm.ts';
import { registerServe } from './commands/serve.ts';
import { registerTeams } from './commands/teams.ts';
import { registerUsage } from './commands/usage.ts';

const program = new Command()
  .name('daulat')
  .description('Daulat: a self-hosted AI gateway with one OpenAI-compatible API over open-weight models')
  .version('0.1.0')
  .showHelpAfterError();

registerServe(program);
registerPull(program);
registerModels(program);
registerRm(program);
registerFit(program);
registerKeys(program);
registerTeams(program);
registerUsage(program);
registerAudit(program);

await program.parseAsync(process.argv);
