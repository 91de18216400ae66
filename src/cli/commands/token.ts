import type { Command } from 'commander';
import { z } from 'zod';
import { loadEnvConfig } from '../../config/env';
import { openDatabase, type OpenDatabase } from '../../db/open-database';
import { createToken, listTokens, revokeToken, type TokenView } from '../../db/people/api-tokens';
import { Name, Role, Slug } from '../../domain/schemas/common';
import { strictObject } from '../../domain/schemas/strict';
import { fieldProblems, formatPath } from '../../domain/schemas/errors';
import { Person } from '../../domain/schemas/team';
import { CliFailure, EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { runCommand } from '../runner';
import { renderTable } from '../table';

/**
 * `baton token create|list|revoke`: API tokens in Baton's database (BATON_DATABASE_URL, else the
 * embedded PostgreSQL under BATON_DATA_DIR, used in place while `npm start` runs). Only a
 * token's SHA-256 is stored; the secret is printed once, by create.
 */

/** A refusal of the token commands: bad input unless said otherwise. */
const tokenFailure = (message: string, exitCode: number = EXIT.badInput) => new CliFailure(message, exitCode);

const CreateOptions = strictObject({
  person: Person,
  partnerId: Slug,
  roles: z.array(Role).min(1, 'must list at least one role'),
  label: Name.optional(),
});

/** Names the command-line option behind each field. */
const OPTION_OF: Record<string, (path: PropertyKey[]) => string> = {
  person: (path) => (path[1] === 'name' ? '--name' : '--person'),
  partnerId: () => '--partner',
  roles: () => '--roles',
  label: () => '--label',
};

async function withDatabase<T>(work: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadEnvConfig(), (line) => process.stderr.write(`${line}\n`), { keepRunning: true });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const runTokenCommand =
  <A extends unknown[]>(name: string, action: (...args: A) => Promise<void>) =>
  (...args: A): Promise<void> =>
    runCommand(`token ${name}`, () => action(...args));

interface CreateFlags {
  person: string;
  name: string;
  partner: string;
  roles: string;
  label?: string;
  json?: boolean;
}

async function create(flags: CreateFlags): Promise<void> {
  const parsed = CreateOptions.safeParse({
    person: { id: flags.person, name: flags.name },
    partnerId: flags.partner,
    roles: flags.roles.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean),
    ...(flags.label ? { label: flags.label } : {}),
  });
  if (!parsed.success) {
    throw tokenFailure(fieldProblems(parsed.error).map((p) => `${OPTION_OF[String(p.path[0])]?.(p.path) ?? formatPath(p.path)}: ${p.rule}`).join('\n'));
  }
  const { secret, token } = await withDatabase(({ db }) => createToken(db, { ...parsed.data, createdBy: 'cli' }));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ secret, token }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`Token ${token.id} for ${token.person.name} <${token.person.id}> (${token.partnerId}, ${token.roles.join(', ')}) created.\nKeep it secret; it is shown only now:\n`);
  process.stdout.write(`${secret}\n`);
}

function tokenTable(tokens: TokenView[]): string {
  return renderTable(
    ['id', 'person', 'partner', 'roles', 'label', 'created', 'revoked'],
    tokens.map((t) => [t.id, t.person.id, t.partnerId, t.roles.join(','), t.label ?? '', t.createdAt, t.revokedAt ?? '']),
  );
}

async function list(flags: { partner?: string; json?: boolean }): Promise<void> {
  if (flags.partner !== undefined && !Slug.safeParse(flags.partner).success) throw tokenFailure(`--partner: ${Slug.safeParse(flags.partner).error!.issues[0]!.message}`);
  const tokens = await withDatabase(({ db }) => listTokens(db, { partnerId: flags.partner }));
  process.stdout.write(flags.json ? `${JSON.stringify({ tokens }, null, 2)}\n` : `${tokenTable(tokens)}\n`);
}

async function revoke(tokenId: string, flags: { json?: boolean }): Promise<void> {
  if (!z.uuid().safeParse(tokenId).success) throw tokenFailure(`<tokenId>: must be a token id (a UUID from baton token list), got ${JSON.stringify(tokenId)}`);
  const revoked = await withDatabase(({ db }) => revokeToken(db, tokenId, { revokedBy: 'cli' }));
  if (!revoked) throw tokenFailure(`no API token ${tokenId}`, EXIT.refused);
  if (flags.json) process.stdout.write(`${JSON.stringify(revoked, null, 2)}\n`);
  else process.stderr.write(`Token ${revoked.id} of ${revoked.person.id} revoked at ${revoked.revokedAt}.\n`);
}

const EXAMPLES = `
The secret is printed once and never stored: the database keeps its SHA-256 only. Every API
instance sees a new or revoked token at once.

Examples:
  $ baton token create --person chris.lee@northwind.example --name "Chris Lee" --partner northwind --roles CSM
  $ baton token create --person ana@northwind.example --name "Ana Moreno" --partner northwind --roles AM,LEAD --label laptop --json
  $ baton token list --partner northwind
  $ baton token revoke 0b7e4c1e-5c1f-4f53-9d49-3f7c2a0e6a11

${EXIT_CODES_HELP}`;

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description("Manage API tokens (stored hashed in Baton's database)").addHelpText('after', EXAMPLES);
  token
    .command('create')
    .description('Create an API token for a person of a partner, granting them the roles; prints the secret once')
    .requiredOption('--person <email>', "the person's e-mail address (their id)")
    .requiredOption('--name <name>', "the person's name")
    .requiredOption('--partner <id>', 'the partner they work for')
    .requiredOption('--roles <roles>', `their roles, comma-separated: ${Role.options.join(', ')}`)
    .option('--label <text>', 'what the token is for, e.g. laptop or CI')
    .option('--json', 'print {"secret", "token"} as JSON')
    .action(runTokenCommand('create', create));
  token
    .command('list')
    .description('List API tokens (never their secrets), newest first')
    .option('--partner <id>', "only this partner's")
    .option('--json', 'print {"tokens"} as JSON')
    .action(runTokenCommand('list', list));
  token
    .command('revoke <tokenId>')
    .description('Revoke an API token; it stops working at once')
    .option('--json', 'print the revoked token as JSON')
    .action(runTokenCommand('revoke', revoke));
}
