import Fastify from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/api/error-handler';
import type { BatonDatabase } from '../../src/db/schema';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { freePort } from '../support/temporal';

/** Real database failures through the API's error handler: never a 500 for the database's own refusals. */
let database: TestDatabase;
let unreachable: Kysely<BatonDatabase>;
const app = Fastify();

beforeAll(async () => {
  database = await createTestDatabase();
  // A pool to a port where no PostgreSQL listens: the database is down.
  unreachable = new Kysely<BatonDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: `postgres://baton:x@127.0.0.1:${await freePort()}/baton`, connectionTimeoutMillis: 2000 }) }) });
  installErrorHandler(app);
  app.get('/down', async () => unreachable.selectFrom('people').selectAll().execute());
  app.post('/person', async () => {
    await database.db.insertInto('people').values({ id: 'twice@northwind.example', name: 'Twice' }).execute();
    return { created: true };
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await unreachable?.destroy();
  await database?.close();
});

describe('database failures as API answers', () => {
  it('the database down is a 503 with a reason and Retry-After, not a 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/down' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ error: 'unavailable', message: "Baton's database is unavailable right now; try again shortly" });
  });

  it('a constraint the database enforces is a 409 naming it, not a 500', async () => {
    expect((await app.inject({ method: 'POST', url: '/person' })).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/person' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: 'conflict', message: 'the change conflicts with what is stored (people_pkey); reload and try again' });
  });
});
