import { sql } from 'kysely';
import { generateToken, hashToken } from '../../auth/tokens-file';
import { Role } from '../../domain/schemas/common';
import type { Person } from '../../domain/schemas/team';
import type { Db } from '../connect';

/**
 * API tokens in the database: only each token's SHA-256 is stored, so reading the table grants
 * nothing. A token belongs to a person at a partner; what it may do is that person's roles at
 * that partner (person_roles), so granting a role reaches every token of the person.
 */

export interface NewToken {
  person: Person;
  partnerId: string;
  /** Granted to the person at the partner if not held yet; roles are never taken away here. */
  roles: Role[];
  label?: string;
  createdBy?: string;
}

export interface TokenView {
  id: string;
  person: Person;
  partnerId: string;
  roles: Role[];
  label?: string;
  createdAt: string;
  createdBy?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export interface TokenPrincipal {
  person: Person;
  partnerId: string;
  roles: Role[];
}

const byRoleOrder = (roles: readonly string[]): Role[] => Role.options.filter((r) => roles.includes(r));

async function upsertPersonWithRoles(db: Db, person: Person, partnerId: string, roles: readonly Role[]): Promise<void> {
  await db
    .insertInto('people')
    .values({ id: person.id, name: person.name })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: person.name, updated_at: sql`now()` }))
    .execute();
  if (roles.length === 0) return;
  await db
    .insertInto('person_roles')
    .values(roles.map((role) => ({ person_id: person.id, partner_id: partnerId, role })))
    .onConflict((oc) => oc.columns(['person_id', 'partner_id', 'role']).doNothing())
    .execute();
}

/** Stores a token by its hash (the YAML import); a hash already stored is left as it is, revoked or not. */
export async function storeTokenHash(db: Db, tokenSha256: string, token: NewToken): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertPersonWithRoles(trx, token.person, token.partnerId, token.roles);
    await trx
      .insertInto('api_tokens')
      .values({ token_sha256: tokenSha256, person_id: token.person.id, partner_id: token.partnerId, label: token.label ?? null, created_by: token.createdBy ?? null })
      .onConflict((oc) => oc.column('token_sha256').doNothing())
      .execute();
  });
}

/** A new token: the secret is returned once and never stored. */
export async function createToken(db: Db, token: NewToken): Promise<{ secret: string; token: TokenView }> {
  const secret = generateToken();
  const id = await db.transaction().execute(async (trx) => {
    await upsertPersonWithRoles(trx, token.person, token.partnerId, token.roles);
    const row = await trx
      .insertInto('api_tokens')
      .values({ token_sha256: hashToken(secret), person_id: token.person.id, partner_id: token.partnerId, label: token.label ?? null, created_by: token.createdBy ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  const [view] = await listTokens(db, { id });
  return { secret, token: view! };
}

export interface TokenFilter {
  partnerId?: string;
  id?: string;
}

/** Tokens with their person, and the roles that person holds at the token's partner. */
function tokensWithRoles(db: Db) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .select(['t.partner_id'])
    .select((eb) =>
      eb
        .selectFrom('person_roles as r')
        .whereRef('r.person_id', '=', 't.person_id')
        .whereRef('r.partner_id', '=', 't.partner_id')
        .select(sql<string[]>`coalesce(array_agg(r.role), '{}')`.as('roles'))
        .as('roles'),
    );
}

/** Tokens, newest first, with their person's current roles at the token's partner. */
export async function listTokens(db: Db, filter: TokenFilter = {}): Promise<TokenView[]> {
  let query = tokensWithRoles(db).select(['t.id', 't.label', 't.created_at', 't.created_by', 't.revoked_at', 't.revoked_by', 'p.id as person_id', 'p.name as person_name']);
  if (filter.partnerId) query = query.where('t.partner_id', '=', filter.partnerId);
  if (filter.id) query = query.where('t.id', '=', filter.id);
  const rows = await query.orderBy('t.created_at', 'desc').orderBy('t.id').execute();
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person_id, name: r.person_name },
    partnerId: r.partner_id,
    roles: byRoleOrder(r.roles ?? []),
    ...(r.label ? { label: r.label } : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.created_by ? { createdBy: r.created_by } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
    ...(r.revoked_by ? { revokedBy: r.revoked_by } : {}),
  }));
}

/**
 * Revokes a token (of `partnerId` when given). Revoking a revoked token changes nothing and
 * answers it as it is; undefined when there is no such token.
 */
export async function revokeToken(db: Db, id: string, by: { revokedBy: string; partnerId?: string }): Promise<TokenView | undefined> {
  let update = db.updateTable('api_tokens').set({ revoked_at: sql`now()`, revoked_by: by.revokedBy }).where('id', '=', id).where('revoked_at', 'is', null);
  if (by.partnerId) update = update.where('partner_id', '=', by.partnerId);
  await update.execute();
  const [view] = await listTokens(db, { id, partnerId: by.partnerId });
  return view;
}

/** Who an unrevoked token's hash belongs to. */
export async function principalForTokenHash(db: Db, tokenSha256: string): Promise<TokenPrincipal | undefined> {
  const row = await tokensWithRoles(db)
    .select(['p.id', 'p.name'])
    .where('t.token_sha256', '=', tokenSha256)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { person: { id: row.id, name: row.name }, partnerId: row.partner_id, roles: byRoleOrder(row.roles ?? []) };
}

export async function countActiveTokens(db: Db): Promise<number> {
  const row = await db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}
