import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../src/auth/token-store';
import { PartnerProfileError } from '../../src/config/partner-files';
import { importConfigFiles } from '../../src/db/import-config';
import { openDatabase } from '../../src/db/open-database';
import { createToken, listTokens, revokeToken } from '../../src/db/people/api-tokens';
import { partnerProfile } from '../../src/db/people/partner-profiles';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const files = { tokensFile: 'config/tokens.dev.yaml', partnersDir: 'config/partners' };
const counts = async () =>
  Promise.all(['partners', 'people', 'person_roles', 'api_tokens'].map(async (table) => (await database.db.selectFrom(table as 'people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));

describe('people, roles, tokens and partner profiles in PostgreSQL', () => {
  it('imports the YAML files idempotently, and a token revoked in the database stays revoked', async () => {
    expect(await importConfigFiles(database.db, files)).toEqual({ partners: 2, tokens: 5 });
    const once = await counts();
    expect(once).toEqual([2, 5, 5, 5]);
    const tokens = new TokenStore(database.db);
    expect(await tokens.authenticate('dev-northwind-ana')).toEqual({ person: { id: 'ana.moreno@northwind.example', name: 'Ana Moreno' }, partnerId: 'northwind', roles: ['AM'] });
    expect(await tokens.authenticate('dev-northwind-nobody')).toBeUndefined();

    const [ana] = (await listTokens(database.db, { partnerId: 'northwind' })).filter((t) => t.person.id === 'ana.moreno@northwind.example');
    await revokeToken(database.db, ana!.id, { revokedBy: 'lead@northwind.example' });
    await importConfigFiles(database.db, files);
    expect(await counts()).toEqual(once);
    expect(await tokens.authenticate('dev-northwind-ana')).toBeUndefined();
    expect(await tokens.count()).toBe(4);
  });

  it('a role granted with a new token reaches the person\'s other tokens; roles are per partner', async () => {
    const person = { id: 'multi.role@northwind.example', name: 'Multi Role' };
    const first = await createToken(database.db, { person, partnerId: 'northwind', roles: ['CSM'] });
    await createToken(database.db, { person, partnerId: 'northwind', roles: ['LEAD'], label: 'second' });
    const elsewhere = await createToken(database.db, { person, partnerId: 'contoso', roles: ['AM'] });
    const tokens = new TokenStore(database.db);
    expect((await tokens.authenticate(first.secret))?.roles).toEqual(['CSM', 'LEAD']);
    expect(await tokens.authenticate(elsewhere.secret)).toMatchObject({ partnerId: 'contoso', roles: ['AM'] });
    const stored = await database.db.selectFrom('api_tokens').select('token_sha256').where('person_id', '=', person.id).execute();
    for (const { token_sha256 } of stored) expect(token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(first.secret);
  });

  it('a database given by BATON_DATABASE_URL gets the partner profiles at start, never the development tokens', async () => {
    const production = await createTestDatabase({ migrate: false });
    try {
      const opened = await openDatabase({ BATON_DATABASE_URL: production.url, BATON_DATA_DIR: 'unused', BATON_TOKENS_FILE: files.tokensFile, BATON_PARTNERS_DIR: files.partnersDir }, () => {});
      await opened.close();
      expect((await production.db.selectFrom('partners').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['contoso', 'northwind']);
      expect(await production.db.selectFrom('api_tokens').selectAll().execute()).toEqual([]);
    } finally {
      await production.close();
    }
  });

  it('serves partner profiles from the database; an unknown partner is a clear error', async () => {
    expect(await partnerProfile(database.db, 'contoso')).toMatchObject({ id: 'contoso', name: 'Contoso Integration', specialization: 'advanced' });
    await expect(partnerProfile(database.db, 'nobody')).rejects.toThrow(PartnerProfileError);
  });
});
