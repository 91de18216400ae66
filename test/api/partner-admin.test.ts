import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimsActivities } from '../../activities/claims';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { connectDatabase } from '../../src/db/connect';
import { draftClaim } from '../adapters/support/claim-fixture';
import { tempDir } from '../support/temporal';
import { batonCli, booking, call, startApiStack, type ApiStack } from './api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

const asBearer = (secret: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...init.headers } });

/** The real CLI, against this stack's database. */
const baton = (...args: string[]) => batonCli(stack, args, { env: { BATON_DATABASE_URL: stack.databaseUrl } });

describe('API tokens over the API (LEAD or EXEC of the partner)', () => {
  it('creates a token whose secret is shown once and works at once; lists it; revokes it and it stops working', async () => {
    const created = await call(stack, 'lee', 'POST', '/tokens', { personId: 'Nia.Ops@Northwind.example', name: 'Nia Ops', roles: ['RM'], label: 'laptop' });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ person: { id: 'nia.ops@northwind.example', name: 'Nia Ops' }, partnerId: 'northwind', roles: ['RM'], label: 'laptop', createdBy: 'lee.park@northwind.example' });

    const me = await asBearer(secret, '/me');
    expect(await me.json()).toEqual({ person: { id: 'nia.ops@northwind.example', name: 'Nia Ops' }, partnerId: 'northwind', roles: ['RM'] });

    const listed = await call(stack, 'lee', 'GET', '/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.tokens[0]).toEqual(token);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.tokens.every((t: { partnerId: string }) => t.partnerId === 'northwind')).toBe(true);

    const revoked = await call(stack, 'lee', 'DELETE', `/tokens/${token.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: token.id, revokedBy: 'lee.park@northwind.example', revokedAt: expect.any(String) });
    expect((await asBearer(secret, '/me')).status).toBe(401);
  });

  it('refuses people without LEAD or EXEC, another partner\'s token, and bad input naming the field', async () => {
    const denied = await call(stack, 'ana', 'POST', '/tokens', { personId: 'x@northwind.example', name: 'X', roles: ['AM'] });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/needs the LEAD or EXEC role at northwind; you hold AM/);
    expect((await call(stack, 'ana', 'GET', '/tokens')).status).toBe(403);

    // Pat's token is Contoso's: Northwind's lead neither sees it nor can revoke it.
    const northwindTokens = (await call(stack, 'lee', 'GET', '/tokens')).body.tokens as { id: string; person: { id: string } }[];
    expect(northwindTokens.map((t) => t.person.id)).not.toContain('pat.kim@contoso.example');
    expect((await call(stack, 'lee', 'DELETE', '/tokens/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const typo = await call(stack, 'lee', 'POST', '/tokens', { personId: 'x@northwind.example', name: 'X', roles: ['AM'], lable: 'ci' });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toMatch(/body.lable: unknown field; did you mean label\?/);
    const badRole = await call(stack, 'lee', 'POST', '/tokens', { personId: 'x@northwind.example', name: 'X', roles: ['BOSS'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.issues[0].path).toBe('body.roles[0]');
    expect((await call(stack, 'lee', 'DELETE', '/tokens/not-a-uuid')).status).toBe(400);
    expect((await call(stack, 'lee', 'GET', '/tokens')).body.tokens.map((t: { person: { id: string } }) => t.person.id)).not.toContain('x@northwind.example');
  });
});

describe('baton token create | list | revoke', () => {
  it('creates a token in the database (printing the secret once), lists it, and revokes it', async () => {
    const trackedYaml = readFileSync('config/tokens.dev.yaml', 'utf8');
    const created = await baton('token', 'create', '--person', 'cli.user@northwind.example', '--name', 'Cli User', '--partner', 'northwind', '--roles', 'csm,css', '--json');
    expect(created.code).toBe(0);
    const { secret, token } = JSON.parse(created.stdout) as { secret: string; token: { id: string; roles: string[] } };
    expect(token.roles).toEqual(['CSM', 'CSS']);
    expect(((await (await asBearer(secret, '/me')).json()) as { person: { id: string } }).person.id).toBe('cli.user@northwind.example');

    const listed = await baton('token', 'list', '--partner', 'northwind');
    expect(listed.stdout).toContain(token.id);
    expect(listed.stdout).not.toContain(secret);

    expect((await baton('token', 'revoke', token.id)).code).toBe(0);
    expect((await asBearer(secret, '/me')).status).toBe(401);
    expect((await baton('token', 'revoke', '00000000-0000-4000-8000-000000000000')).code).toBe(1);
    // The git-tracked import file is never written.
    expect(readFileSync('config/tokens.dev.yaml', 'utf8')).toBe(trackedYaml);
  }, 60_000);

  it('names the option behind a bad value and creates nothing', async () => {
    const bad = await baton('token', 'create', '--person', 'not-an-email', '--name', 'X', '--partner', 'northwind', '--roles', 'AM');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--person: must be an e-mail address/);
    expect((await call(stack, 'lee', 'GET', '/tokens')).body.tokens.map((t: { person: { id: string } }) => t.person.id)).not.toContain('not-an-email');
  }, 30_000);
});

describe("the vendor's decisions on claims over the API (LEAD or EXEC)", () => {
  it('accepts then pays a claim, shown by GET /claims with amounts and history; refuses the wrong move, role and partner', async () => {
    const db = await connectDatabase(stack.databaseUrl);
    try {
      const { submitClaim } = createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir: tempDir('api-claims') }), ledger: new ClaimsLedger(db) });
      const { receipt } = await submitClaim({ claim: draftClaim({ partnerId: 'northwind', dealId: 'finance-1' }) });
      const path = `/claims/${receipt.claimId}/decisions`;

      expect((await call(stack, 'ana', 'POST', path, { status: 'accepted', at: '2026-02-01T09:00:00Z' })).status).toBe(403);
      expect((await call(stack, 'pat', 'POST', path, { status: 'accepted', at: '2026-02-01T09:00:00Z' })).status).toBe(403);
      const early = await call(stack, 'lee', 'POST', path, { status: 'paid', at: '2026-02-01T09:00:00Z', paidOn: '2026-02-01' });
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/a submitted claim cannot become paid/);
      const unpaid = await call(stack, 'lee', 'POST', path, { status: 'paid', at: '2026-02-01T09:00:00Z' });
      expect(unpaid.status).toBe(400);

      const accepted = await call(stack, 'lee', 'POST', path, { status: 'accepted', at: '2026-02-01T09:00:00Z', amountApprovedUsd: 4500, note: 'portal ref 7781' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ claimId: receipt.claimId, status: 'accepted', amountApprovedUsd: 4500 });
      const paid = await call(stack, 'lee', 'POST', path, { status: 'paid', at: '2026-03-01T09:00:00Z', paidOn: '2026-02-28' });
      expect(paid.body).toMatchObject({ status: 'paid', amountApprovedUsd: 4500, paidAmountUsd: 4500, paidOn: '2026-02-28' });

      const listed = await call(stack, 'ana', 'GET', '/claims?status=paid');
      expect(listed.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual([receipt.claimId]);
      expect(listed.body.claims[0].statusHistory.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'accepted', 'paid']);
      expect((await call(stack, 'pat', 'GET', '/claims')).body.claims).toEqual([]);
      expect((await call(stack, 'lee', 'POST', '/claims/clm-0000000000000000/decisions', { status: 'rejected', at: '2026-02-01T09:00:00Z' })).status).toBe(404);
    } finally {
      await db.destroy();
    }
  });
});

describe("the practice lead's inbox", () => {
  it("holds the partner's escalations on deals whose team does not name the lead; nobody else's does", async () => {
    // Booked 100 days ago: the success plan's 90-day window closed before the deal entered Baton.
    const bookedOn = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const registered = await call(stack, 'ana', 'POST', '/deals', { ...booking('lead-inbox'), bookedOn });
    expect(registered.status).toBe(201);
    expect(JSON.stringify(registered.body.deal.team)).not.toContain('lee.park@northwind.example');

    const lead = await call(stack, 'lee', 'GET', '/inbox');
    expect(lead.status).toBe(200);
    const mine = lead.body.escalations.filter((e: { dealId: string }) => e.dealId === 'lead-inbox');
    expect(mine).toContainEqual(expect.objectContaining({ workflowId: 'deal:northwind:lead-inbox', type: 'deadline.breached', rung: 'breach', label: expect.stringMatching(/success plan/i) }));

    expect((await call(stack, 'chris', 'GET', '/inbox')).body.escalations).toEqual([]);
  });
});
