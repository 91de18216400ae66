import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimsActivities } from '../../activities/claims';
import { HttpClaimsGateway } from '../../src/claims/http-gateway';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { parseDraftClaim } from '../../src/claims/submitted-claim';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { listLedgerClaims } from '../../src/db/claims/claim-queries';
import { ClaimDecisionError, ClaimNotFoundError, recordVendorDecision } from '../../src/db/claims/vendor-decisions';
import { draftClaim } from '../adapters/support/claim-fixture';
import { startClaimsSink } from '../adapters/support/claims-sink';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { freePort, tempDir } from '../support/temporal';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const rowsOf = (dealId: string) => database.db.selectFrom('claims').selectAll().where('deal_id', '=', dealId).execute();
const historyOf = async (claimId: string) =>
  (await database.db.selectFrom('claim_status_history').select(['status', 'by']).where('claim_id', '=', claimId).orderBy('id').execute());

describe('submitClaim records each claim in the ledger exactly once (real PostgreSQL)', () => {
  it('under a retried activity: the first attempt fails at the sink, the retry sends it, a late retry sends nothing', async () => {
    const claim = draftClaim({ dealId: 'retried-deal' });
    const port = await freePort();
    const { submitClaim } = createClaimsActivities({
      claims: new HttpClaimsGateway({ endpoint: `http://127.0.0.1:${port}/claims`, dataDir: tempDir('ledger-retry'), timeoutMs: 2000 }),
      ledger: new ClaimsLedger(database.db),
    });
    await expect(submitClaim({ claim })).rejects.toThrow(/did not answer/);
    // Recorded before sending: the ledger knows the claim was earned even while the sink is down.
    expect((await rowsOf('retried-deal')).map((r) => r.status)).toEqual(['draft']);

    const sink = await startClaimsSink(port);
    try {
      const first = await submitClaim({ claim });
      const late = await submitClaim({ claim });
      expect(late.receipt).toEqual(first.receipt);
      expect(sink.requests).toHaveLength(1);
      const rows = await rowsOf('retried-deal');
      expect(rows.map((r) => [r.idempotency_key, r.status])).toEqual([[claim.idempotencyKey, 'submitted']]);
      expect(await historyOf(rows[0]!.claim_id)).toEqual([{ status: 'draft', by: null }, { status: 'submitted', by: null }]);
    } finally {
      await sink.close();
    }
  });

  it('under concurrent submitters on different hosts: one row, one receipt for all', async () => {
    const sink = await startClaimsSink();
    try {
      for (let round = 0; round < 5; round += 1) {
        const claim = draftClaim({ dealId: `raced-deal-${round}` });
        // Four workers, each with its own data directory (its own host), one database.
        const submitters = Array.from({ length: 4 }, (_, i) =>
          createClaimsActivities({
            claims: new HttpClaimsGateway({ endpoint: sink.url, dataDir: tempDir(`ledger-race-${i}`) }),
            ledger: new ClaimsLedger(database.db),
          }),
        );
        const results = await Promise.all(submitters.map(({ submitClaim }) => submitClaim({ claim })));
        for (const result of results) expect(result.receipt).toEqual(results[0]!.receipt);
        const rows = await rowsOf(claim.dealId);
        expect(rows).toHaveLength(1);
        expect(rows[0]!.status).toBe('submitted');
        expect(await historyOf(rows[0]!.claim_id)).toEqual([{ status: 'draft', by: null }, { status: 'submitted', by: null }]);
        expect([...sink.stored.keys()].filter((k) => k === claim.idempotencyKey)).toHaveLength(1);
      }
    } finally {
      await sink.close();
    }
  });

  it('the database refuses a second row with the same idempotency key', async () => {
    const claim = draftClaim({ dealId: 'unique-deal' });
    await new ClaimsLedger(database.db).record(parseDraftClaim(claim));
    const duplicate = database.db
      .insertInto('claims')
      .values({ ...(await rowsOf('unique-deal'))[0]!, claim_id: 'clm-other', document: '{}', sink_receipt: null });
    await expect(duplicate.execute()).rejects.toThrow(/claims_idempotency_key_key/);
  });
});

describe('the claims ledger: listing and the vendor\'s decisions', () => {
  const partnerId = 'ledger-partner';
  const recordedBy = 'fin.ops@northwind.example';

  async function submitted(dealId: string, overrides: Parameters<typeof draftClaim>[0] = {}) {
    const { submitClaim } = createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir: tempDir('ledger-list') }), ledger: new ClaimsLedger(database.db) });
    return (await submitClaim({ claim: draftClaim({ partnerId, dealId, ...overrides }) })).receipt;
  }

  it('lists by partner, status and fiscal quarter; decisions move the status with who, when and why', async () => {
    const a = await submitted('deal-a');
    const b = await submitted('deal-b', { fiscalQuarter: 'FY2021 Q4', expectedPayoutQuarter: 'FY2022 Q1' });
    await submitted('deal-c', { partnerId: 'someone-else' });

    const accepted = await recordVendorDecision(database.db, a.claimId, { status: 'accepted', at: '2021-04-01T09:00:00Z', amountApprovedUsd: 4500, note: 'portal ref 7781' }, { partnerId, recordedBy });
    expect(accepted.claim.status).toBe('accepted');
    const paid = await recordVendorDecision(database.db, a.idempotencyKey, { status: 'paid', at: '2021-07-15T09:00:00Z', paidOn: '2021-07-14' }, { partnerId, recordedBy });
    expect(paid.claim.statusHistory.map((s) => [s.status, s.note])).toEqual([
      ['draft', 'earned; recorded before it is sent'],
      ['submitted', expect.stringMatching(/^received by the outbox sink/)],
      ['accepted', 'portal ref 7781'],
      ['paid', undefined],
    ]);

    const all = await listLedgerClaims(database.db, { partnerId });
    expect(all.map((c) => c.claim.dealId)).toEqual(['deal-a', 'deal-b']);
    expect(await listLedgerClaims(database.db, { partnerId, status: 'paid' })).toEqual([
      { claim: paid.claim, amountApprovedUsd: 4500, paidAmountUsd: 4500, paidOn: '2021-07-14' },
    ]);
    expect((await listLedgerClaims(database.db, { partnerId, fiscalQuarter: 'FY2021 Q4' })).map((c) => c.claim.claimId)).toEqual([b.claimId]);
    expect(await historyOf(a.claimId)).toEqual([
      { status: 'draft', by: null },
      { status: 'submitted', by: null },
      { status: 'accepted', by: recordedBy },
      { status: 'paid', by: recordedBy },
    ]);
  });

  it('refuses what the lifecycle does not allow, another partner\'s claim and bad input, changing nothing', async () => {
    const receipt = await submitted('deal-refused');
    const before = await rowsOf('deal-refused');
    await expect(recordVendorDecision(database.db, receipt.claimId, { status: 'paid', at: '2021-04-01T09:00:00Z', paidOn: '2021-04-01' }, { partnerId, recordedBy })).rejects.toThrow(
      /a submitted claim cannot become paid; it can become accepted or rejected or withdrawn/,
    );
    await expect(recordVendorDecision(database.db, receipt.claimId, { status: 'accepted', at: '2021-04-01T09:00:00Z' }, { partnerId: 'someone-else', recordedBy })).rejects.toThrow(ClaimNotFoundError);
    await expect(recordVendorDecision(database.db, receipt.claimId, { status: 'accepted', at: 'yesterday' }, { partnerId, recordedBy })).rejects.toThrow(/at: must be an ISO date-time/);
    await expect(recordVendorDecision(database.db, receipt.claimId, { status: 'paid', at: '2021-04-01T09:00:00Z' }, { partnerId, recordedBy })).rejects.toThrow(ClaimDecisionError);
    expect(await rowsOf('deal-refused')).toEqual(before);

    await recordVendorDecision(database.db, receipt.claimId, { status: 'rejected', at: '2021-04-01T09:00:00Z', note: 'no usage evidence' }, { partnerId, recordedBy });
    await expect(recordVendorDecision(database.db, receipt.claimId, { status: 'accepted', at: '2021-04-02T09:00:00Z' }, { partnerId, recordedBy })).rejects.toThrow(/a rejected claim is final/);
  });

  it('records a withdrawal once, with who and why, and refuses withdrawing a paid claim', async () => {
    const ledger = new ClaimsLedger(database.db);
    const receipt = await submitted('deal-withdrawn');
    const withdrawal = { at: new Date('2021-04-01T09:00:00Z'), by: 'ana.moreno@northwind.example', why: 'filed on the wrong deal' };
    const withdrawn = await ledger.markWithdrawn(receipt.idempotencyKey, withdrawal);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.statusHistory.at(-1)).toEqual({ status: 'withdrawn', at: '2021-04-01T09:00:00.000Z', note: 'filed on the wrong deal' });
    expect(await ledger.markWithdrawn(receipt.idempotencyKey, { ...withdrawal, why: 'again' })).toEqual(withdrawn);
    expect((await historyOf(receipt.claimId)).at(-1)).toEqual({ status: 'withdrawn', by: 'ana.moreno@northwind.example' });

    const paid = await submitted('deal-paid-then-withdrawn');
    await recordVendorDecision(database.db, paid.claimId, { status: 'accepted', at: '2021-04-01T09:00:00Z' }, { partnerId, recordedBy });
    await recordVendorDecision(database.db, paid.claimId, { status: 'paid', at: '2021-05-01T09:00:00Z', paidOn: '2021-05-01' }, { partnerId, recordedBy });
    await expect(ledger.markWithdrawn(paid.idempotencyKey, withdrawal)).rejects.toThrow(/a paid claim is final; it cannot become withdrawn/);
    expect((await rowsOf('deal-paid-then-withdrawn'))[0]!.status).toBe('paid');
  });

  it('two people recording the same decision at once: one succeeds, the other is refused', async () => {
    const receipt = await submitted('deal-double-accept');
    const results = await Promise.allSettled(
      [1, 2].map(() => recordVendorDecision(database.db, receipt.claimId, { status: 'accepted', at: '2021-04-01T09:00:00Z' }, { partnerId, recordedBy })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const decisions = await database.db.selectFrom('claim_vendor_decisions').select('decision').where('claim_id', '=', receipt.claimId).execute();
    expect(decisions).toEqual([{ decision: 'accepted' }]);
  });
});
