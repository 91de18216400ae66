import type { Command } from 'commander';
import { appendTokenEntry, generateToken, hashToken, TokenEntry, TokensFileError } from '../../auth/tokens-file';
import { EnvConfig } from '../../config/env';
import { Role } from '../../domain/schemas/common';
import { fieldProblems, formatPath } from '../../domain/schemas/errors';
import { EXIT_CODES_HELP } from '../exit-codes';
import { runCommand } from '../runner';

/** `baton token create`: issue an API token; only its hash is written to the tokens file. */

interface CreateOptions {
  person: string;
  name: string;
  partner: string;
  roles: string;
  label?: string;
  file?: string;
  json?: boolean;
}

const EXAMPLES = `
The secret is printed once and never stored: the tokens file keeps its SHA-256 only. The API
re-reads the file when it changes, so the token works at once.

Examples:
  $ baton token create --person chris.lee@northwind.example --name "Chris Lee" --partner northwind --roles CSM
  $ BATON_TOKENS_FILE=/etc/baton/tokens.yaml baton token create --person ana@northwind.example --name "Ana Moreno" --partner northwind --roles AM,LEAD --label laptop --json

${EXIT_CODES_HELP}`;

/** Names the command-line option behind each field of a token entry. */
const OPTION_OF: Record<string, (path: PropertyKey[]) => string> = {
  person: (path) => (path[1] === 'name' ? '--name' : '--person'),
  partnerId: () => '--partner',
  roles: () => '--roles',
  label: () => '--label',
};

async function create(options: CreateOptions): Promise<void> {
  const file = options.file ?? EnvConfig.shape.BATON_TOKENS_FILE.parse(process.env.BATON_TOKENS_FILE || undefined);
  const secret = generateToken();
  const parsed = TokenEntry.safeParse({
    tokenSha256: hashToken(secret),
    person: { id: options.person, name: options.name },
    partnerId: options.partner,
    roles: options.roles.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean),
    ...(options.label ? { label: options.label } : {}),
  });
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error).map((p) => `${OPTION_OF[String(p.path[0])]?.(p.path) ?? formatPath(p.path)}: ${p.rule}`);
    throw new TokensFileError(problems.join('\n'));
  }
  await appendTokenEntry(file, parsed.data);
  const { person, partnerId, roles } = parsed.data;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ token: secret, person, partnerId, roles, file }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`Token for ${person.name} <${person.id}> (${partnerId}, ${roles.join(', ')}) added to ${file}.\nKeep it secret; it is shown only now:\n`);
  process.stdout.write(`${secret}\n`);
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('Manage API tokens (stored hashed in BATON_TOKENS_FILE)');
  token
    .command('create')
    .description('Create an API token for a person of a partner; prints the secret once')
    .requiredOption('--person <email>', "the person's e-mail address (their id)")
    .requiredOption('--name <name>', "the person's name")
    .requiredOption('--partner <id>', 'the partner they work for')
    .requiredOption('--roles <roles>', `their roles, comma-separated: ${Role.options.join(', ')}`)
    .option('--label <text>', 'what the token is for, e.g. laptop or CI')
    .option('--file <path>', 'the tokens file; default BATON_TOKENS_FILE, else config/tokens.dev.yaml')
    .option('--json', 'print {"token", "person", "partnerId", "roles", "file"} as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: CreateOptions) => runCommand('token create', () => create(options)));
}
