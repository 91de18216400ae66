import { Command } from 'commander';
import { registerClaimsCommand } from './commands/claims';
import { registerDealCommands } from './commands/deal';
import { registerHandoffCommands } from './commands/handoff';
import { registerInboxCommand } from './commands/inbox';
import { registerPlaybookCommands } from './commands/playbook';
import { registerQuoteCommand } from './commands/quote';
import { registerSimulateCommand } from './commands/simulate';
import { registerRerunCommand } from './commands/rerun';
import { registerTimelineCommand } from './commands/timeline';
import { registerTokenCommands } from './commands/token';

/** `baton`: the command-line interface. Each command group registers itself from its own module. */
const program = new Command()
  .name('baton')
  .description('Baton: lifecycle handoff orchestrator for software-vendor partners')
  .showHelpAfterError()
  .exitOverride((err) => {
    // Help and version exit 0; every other commander error is bad usage: exit 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerQuoteCommand(program);
registerPlaybookCommands(program);
registerSimulateCommand(program);
registerRerunCommand(program);
registerDealCommands(program);
registerHandoffCommands(program);
registerInboxCommand(program);
registerTimelineCommand(program);
registerClaimsCommand(program);
registerTokenCommands(program);

await program.parseAsync(process.argv);
