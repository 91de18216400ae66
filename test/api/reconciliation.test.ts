import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDraftClaim } from '../../src/claims/submitted-claim';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { draftClaim } from '../adapters/support/claim-fixture';
import { tempDir } from '../support/temporal';
import { batonCli, startApiStack, type ApiStack, type PersonKey } from './api-stack';

let stack: ApiStack;
let claimId: string;
beforeAll(async () => {
  stack = await startApiStack();
  const claim = parseDraftClaim(draftClaim({ dealId: 'reconciled-deal' }));
  const ledger = new ClaimsLedger(stack.db);
  await ledger.record(claim);
  await ledger.markSubmitted({ idempotencyKey: claim.idempotencyKey, claimId: claim.claimId, sink: 'outbox', receivedAt: new Date().toISOString(), reference: 'outbox' }, new Date());
  claimId = claim.claimId;
});
afterAll(async () => {
  await stack?.stop();
});

const vendorFile = () => `claim,status,amount_approved_usd,paid_on\n${claimId},paid,4500,2026-01-10\nclm-unknown,rejected,,\n`;

const post = (who: PersonKey, body: string) =>
  fetch(`${stack.url}/claims/reconciliations?noDecisionAfterDays=30`, { method: 'POST', headers: { authorization: `Bearer ${stack.secrets[who]}`, 'content-type': 'text/csv' }, body });

it('refuses reconciliation to anyone but a partner admin', async () => {
  const response = await post('ana', vendorFile());
  expect(response.status).toBe(403);
  expect(await response.text()).toMatch(/needs the LEAD or EXEC role/);
});

it('baton claims reconcile: records the payment, reports the amount and the unknown claim, exit 1', async () => {
  const file = join(tempDir('reconcile-cli'), 'portal.csv');
  writeFileSync(file, vendorFile());
  const result = await batonCli(stack, ['claims', 'reconcile', file], { as: 'lee' });
  expect(result.stdout).toContain(`row 2: amount-differs ${claimId}: claimed $5,000, the vendor approved $4,500`);
  expect(result.stdout).toContain('row 3: unknown-claim clm-unknown');
  expect(result.stdout).toContain('2 rows: 1 decisions recorded, 0 already in the ledger, 2 mismatches');
  expect(result.code).toBe(1);
  const claims = await fetch(`${stack.url}/claims?status=paid`, { headers: { authorization: `Bearer ${stack.secrets.lee}` } }).then((r) => r.json() as Promise<{ claims: unknown[] }>);
  expect(claims.claims).toEqual([expect.objectContaining({ claimId, status: 'paid', amountApprovedUsd: 4500, paidOn: '2026-01-10' })]);
  const again = await (await post('lee', vendorFile())).json();
  expect(again).toMatchObject({ applied: 0, unchanged: 1 });
}, 120_000);
