import { Command } from 'commander';
import { checkCommandPath, usageError } from './command-path';
import { registerClaimsCommand } from './commands/claims';
import { registerDbCommands } from './commands/db';
import { registerDealCommands } from './commands/deal';
import { registerForecastCommand } from './commands/forecast';
import { registerHealthCommands } from './commands/health';
import { registerHandoffCommands } from './commands/handoff';
import { registerImportCommands } from './commands/import';
import { registerInboxCommand } from './commands/inbox';
import { registerPeopleCommands } from './commands/people';
import { registerPlaybookCommands } from './commands/playbook';
import { registerQuoteCommand } from './commands/quote';
import { registerSimulateCommand } from './commands/simulate';
import { registerRerunCommand } from './commands/rerun';
import { registerTimelineCommand } from './commands/timeline';
import { registerTokenCommands } from './commands/token';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';
import { runCommand } from './runner';

/** `baton`: the command-line interface. Each command group registers itself from its own module. */
const program = new Command()
  .name('baton')
  .description('Baton: lifecycle handoff orchestrator for software-vendor partners')
  .addHelpText('after', `\n${EXIT_CODES_HELP}`)
  .showHelpAfterError('(add --help for usage)')
  .configureOutput({ outputError: (text, write) => write(usageError(text)) })
  .exitOverride((err) => {
    // Help and version exit 0; every other commander error is bad usage.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.badInput);
  });

registerQuoteCommand(program);
registerPlaybookCommands(program);
registerSimulateCommand(program);
registerRerunCommand(program);
registerDealCommands(program);
registerHandoffCommands(program);
registerInboxCommand(program);
registerPeopleCommands(program);
registerTimelineCommand(program);
registerClaimsCommand(program);
registerTokenCommands(program);
registerImportCommands(program);
registerDbCommands(program);
registerForecastCommand(program);
registerHealthCommands(program);

const args = process.argv.slice(2);
await runCommand('', async () => checkCommandPath(program, args));
if (process.exitCode === undefined) await program.parseAsync(process.argv);
