import { Command } from 'commander';

/** `baton`: the command-line interface. Each command group registers itself from its own module. */
const program = new Command()
  .name('baton')
  .description('Baton: lifecycle handoff orchestrator for software-vendor partners')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode);
  });

await program.parseAsync(process.argv);
