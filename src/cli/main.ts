import { Command } from 'commander';
import { registerPlaybookCommands } from './commands/playbook';
import { registerQuoteCommand } from './commands/quote';

/** `baton`: the command-line interface. Each command group registers itself from its own module. */
const program = new Command()
  .name('baton')
  .description('Baton: lifecycle handoff orchestrator for software-vendor partners')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode);
  });

registerQuoteCommand(program);
registerPlaybookCommands(program);

await program.parseAsync(process.argv);
