import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDraftClaim } from '../../src/claims/submitted-claim';
import { readVendorFile } from '../../src/claims/vendor-file';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { reconcileVendorDecisions } from '../../src/db/claims/reconcile';
import { recordVendorDecision } from '../../src/db/claims/vendor-decisions';
import { draftClaim } from '../adapters/support/claim-fixture';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

let database: TestDatabase;
const now = new Date('2021-09-30T12:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);
const ids: Record<string, { claimId: string; key: string }> = {};

/** Claims of six deals, each submitted `days` before the reconciliation. */
beforeAll(async () => {
  database = await createTestDatabase();
  const ledger = new ClaimsLedger(database.db);
  for (const [name, days] of [['accepted', 40], ['cut', 40], ['paid-in-file-twice', 40], ['paid-before', 80], ['silent-old', 90], ['silent-recent', 10]] as const) {
    const claim = parseDraftClaim(draftClaim({ dealId: `deal-${name}` }));
    await ledger.record(claim);
    await ledger.markSubmitted({ idempotencyKey: claim.idempotencyKey, claimId: claim.claimId, sink: 'outbox', receivedAt: daysBefore(days).toISOString(), reference: 'outbox' }, daysBefore(days));
    ids[name] = { claimId: claim.claimId, key: claim.idempotencyKey };
  }
  const context = { partnerId: 'northwind', recordedBy: 'lee.park@northwind.example' };
  await recordVendorDecision(database.db, ids['paid-before']!.claimId, { status: 'accepted', at: '2021-05-01T00:00:00Z' }, context);
  await recordVendorDecision(database.db, ids['paid-before']!.claimId, { status: 'paid', at: '2021-06-01T00:00:00Z', paidOn: '2021-06-01' }, context);
});
afterAll(() => database?.close());

const vendorFile = () =>
  [
    'claim,status,amount_approved_usd,paid_on',
    `${ids.accepted!.key},accepted,5000,`,
    `${ids.cut!.claimId},accepted,4000,`,
    `${ids['paid-in-file-twice']!.claimId},paid,5000,2021-09-01`,
    `${ids['paid-in-file-twice']!.claimId},paid,5000,2021-09-15`,
    `${ids['paid-before']!.claimId},paid,,2021-09-10`,
    'clm-nobody-knows,accepted,100,',
    `${ids.accepted!.claimId},approved,5000,`,
  ].join('\n');

const reconcile = () =>
  reconcileVendorDecisions(database.db, readVendorFile(Readable.from([vendorFile()])), { partnerId: 'northwind', recordedBy: 'lee.park@northwind.example', noDecisionAfterDays: 60, now });

const statusOf = async (name: string) => (await database.db.selectFrom('claims').select(['status', 'amount_approved_usd', 'paid_on']).where('claim_id', '=', ids[name]!.claimId).executeTakeFirstOrThrow());

it('applies the vendor decisions and reports every kind of mismatch, each with its row and claim', async () => {
  const report = await reconcile();
  expect(report.mismatches.map((m) => [m.kind, m.row, m.claim])).toEqual([
    ['amount-differs', 3, ids.cut!.claimId],
    ['paid-twice', 5, ids['paid-in-file-twice']!.claimId],
    ['paid-twice', 6, ids['paid-before']!.claimId],
    ['unknown-claim', 7, 'clm-nobody-knows'],
    ['invalid-row', 8, ids.accepted!.claimId],
    ['no-decision', undefined, ids['silent-old']!.claimId],
  ]);
  expect(report.mismatches.find((m) => m.kind === 'amount-differs')?.detail).toBe('claimed $5,000, the vendor approved $4,000');
  expect(report.mismatches.find((m) => m.kind === 'no-decision')?.detail).toMatch(/submitted 90 days ago .* after 60 days/);
  expect(report.mismatches.find((m) => m.kind === 'invalid-row')?.detail).toMatch(/accepted, rejected or paid/);
  expect(report).toMatchObject({ rows: 7, applied: 3, unchanged: 0 });
  expect(await statusOf('accepted')).toEqual({ status: 'accepted', amount_approved_usd: 5000, paid_on: null });
  expect(await statusOf('cut')).toEqual({ status: 'accepted', amount_approved_usd: 4000, paid_on: null });
  expect(await statusOf('paid-in-file-twice')).toEqual({ status: 'paid', amount_approved_usd: 5000, paid_on: '2021-09-01' });
  // Paid twice is reported, never applied: the first payment stands.
  expect(await statusOf('paid-before')).toMatchObject({ status: 'paid', paid_on: '2021-06-01' });
  const history = await database.db.selectFrom('claim_status_history').select(['status', 'by']).where('claim_id', '=', ids.cut!.claimId).orderBy('id').execute();
  expect(history.at(-1)).toEqual({ status: 'accepted', by: 'lee.park@northwind.example' });
});

it('the same file again applies nothing more', async () => {
  const before = await database.db.selectFrom('claim_vendor_decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const report = await reconcile();
  expect(report.applied).toBe(0);
  expect(report.unchanged).toBe(3);
  const after = await database.db.selectFrom('claim_vendor_decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(after.n).toEqual(before.n);
});
