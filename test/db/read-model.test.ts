import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectionActivities } from '../../activities/project';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { createClaimsActivities } from '../../activities/claims';
import { ClaimsLedger } from '../../src/db/claims/claim-ledger';
import { recordVendorDecision } from '../../src/db/claims/vendor-decisions';
import { readModelCensus } from '../../src/db/read-model/census';
import { dealRow, inboxDealRows, listDealRows, PageTokenError, type DealListFilter } from '../../src/db/read-model/deal-list';
import { draftClaim } from '../adapters/support/claim-fixture';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { tempDir } from '../support/temporal';
import { snapshot } from './support/deal-snapshots';

let database: TestDatabase;
let projectDeal: ReturnType<typeof createProjectionActivities>['projectDeal'];
beforeAll(async () => {
  database = await createTestDatabase();
  ({ projectDeal } = createProjectionActivities({ db: database.db }));
});
afterAll(() => database?.close());

describe('projectDeal: the read model never moves backwards', () => {
  it('ends on the highest seq under shuffled, duplicated and concurrent writes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        async (versions, picks, latestAt, concurrency) => {
          const dealId = `shuffle-${(run += 1)}`;
          const snapshots = Array.from({ length: versions }, (_, i) => snapshot({ dealId, seq: i + 1, step: `step-${i + 1}`, nextDeadlineAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }));
          // Any writes, repeats included, and the latest one somewhere among them.
          const writes = picks.map((p) => snapshots[p % versions]!);
          writes.splice(latestAt % (writes.length + 1), 0, snapshots[versions - 1]!);
          for (let i = 0; i < writes.length; i += concurrency) await Promise.all(writes.slice(i, i + concurrency).map((s) => projectDeal(s)));
          const row = await dealRow(database.db, snapshots[0]!.workflowId);
          expect(row?.seq).toBe(versions);
          expect(row?.step).toBe(`step-${versions}`);
          expect(row?.view.position.step?.id).toBe(`step-${versions}`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers whether a write was applied: a retry of the same seq and an older seq are not', async () => {
    const second = snapshot({ dealId: 'applied', seq: 2, stage: 'adopt' });
    expect(await projectDeal(snapshot({ dealId: 'applied', seq: 1 }))).toEqual({ applied: true });
    expect(await projectDeal(second)).toEqual({ applied: true });
    expect(await projectDeal(second)).toEqual({ applied: false });
    expect(await projectDeal(snapshot({ dealId: 'applied', seq: 1, stage: 'purchase' }))).toEqual({ applied: false });
    expect((await dealRow(database.db, second.workflowId))?.stage).toBe('adopt');
  });
});

describe('reading the read model', () => {
  const partnerId = 'list-partner';
  const customers = ['Acme Corp', 'Globex Corporation', 'Initech', 'Umbrella Health', 'Acme Robotics', 'Stark Industries'];
  beforeAll(async () => {
    for (let i = 0; i < 30; i += 1) {
      await projectDeal(
        snapshot({
          partnerId,
          dealId: `d-${String(i).padStart(2, '0')}`,
          customerName: customers[i % customers.length]!,
          architecture: i % 3 === 0 ? 'security' : 'data-center',
          stage: i % 2 === 0 ? 'onboard' : 'adopt',
          owners: i % 5 === 0 ? ['chris.lee@northwind.example', 'ana.moreno@northwind.example'] : ['ana.moreno@northwind.example'],
          nextDeadlineAt: i % 7 === 6 ? null : new Date(Date.UTC(2026, 1, 1 + (i % 10))).toISOString(),
          closed: i === 29,
        }),
      );
    }
  });

  async function allPages(filter: Omit<DealListFilter, 'partnerId' | 'pageSize'>, pageSize = 4): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await listDealRows(database.db, { partnerId, pageSize, after, ...filter });
      ids.push(...page.deals.map((d) => d.deal_id));
      after = page.nextPageToken;
    } while (after);
    return ids;
  }

  it('pages through every open deal once, soonest deadline first, deals without one last', async () => {
    const ids = await allPages({});
    expect(ids).toHaveLength(29);
    expect(new Set(ids).size).toBe(29);
    const rows = (await listDealRows(database.db, { partnerId, pageSize: 100 })).deals;
    expect(rows.map((r) => r.deal_id)).toEqual(ids);
    const deadlines = rows.map((r) => r.next_deadline_at?.getTime() ?? Infinity);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(rows.at(-1)?.next_deadline_at).toBeNull();
    expect(await allPages({ includeClosed: true })).toHaveLength(30);
  });

  it('filters by stage, architecture, owner, customer, next deadline and free text', async () => {
    const rows = (filter: Omit<DealListFilter, 'partnerId' | 'pageSize'>) => allPages(filter, 100);
    const ids = await rows({});
    expect((await rows({ stage: 'adopt' })).every((id) => Number(id.slice(2)) % 2 === 1)).toBe(true);
    expect(await rows({ architecture: 'security' })).toHaveLength(10);
    expect((await rows({ owner: 'Chris.Lee@northwind.example' })).sort()).toEqual(['d-00', 'd-05', 'd-10', 'd-15', 'd-20', 'd-25']);
    expect(await rows({ customer: 'ACME' })).toHaveLength(10);
    expect(await rows({ customer: 'corp' })).toHaveLength(10);
    expect(await rows({ q: 'acme rob' })).toHaveLength(5);
    expect(await rows({ q: 'umbrella' })).toHaveLength(5);
    // A substring of the name matches too; the fifth Stark deal (d-29) is closed.
    expect(await rows({ q: 'dustries' })).toEqual(['d-05', 'd-11', 'd-17', 'd-23'].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
    expect(await rows({ q: "'; drop table deal_read_model; --" })).toEqual([]);
    // Due Feb 1 or 2: d-00, d-01, d-10, d-11, d-21 (d-20 has no deadline).
    expect((await rows({ nextDeadlineBefore: new Date(Date.UTC(2026, 1, 3)) })).sort()).toEqual(['d-00', 'd-01', 'd-10', 'd-11', 'd-21']);
    expect(await allPages({ stage: 'nowhere' })).toEqual([]);
  });

  it('refuses a page token it did not make', async () => {
    await expect(listDealRows(database.db, { partnerId, pageSize: 5, after: 'bogus' })).rejects.toThrow(PageTokenError);
  });

  it('gives a person the deals where they hold an open step or handoff', async () => {
    expect((await inboxDealRows(database.db, partnerId, 'chris.lee@northwind.example')).map((d) => d.deal_id).sort()).toEqual(['d-00', 'd-05', 'd-10', 'd-15', 'd-20', 'd-25']);
    expect(await inboxDealRows(database.db, 'another-partner', 'chris.lee@northwind.example')).toEqual([]);
  });
});

describe('the census from the read model and the claims ledger', () => {
  it('counts deals by stage, handoffs and ladder rungs, and adds up incentive dollars', async () => {
    const partnerId = 'census-partner';
    await projectDeal(snapshot({ partnerId, dealId: 'c1', stage: 'onboard', atStakeUsd: 5000, openHandoffs: ['open', 'returned'], timeline: ['deadline.reminder', 'deadline.escalated', 'handoff.accepted'] }));
    await projectDeal(snapshot({ partnerId, dealId: 'c2', stage: 'adopt', atStakeUsd: 2500.5, timeline: ['deadline.breached', 'deadline.reminder'] }));
    await projectDeal(snapshot({ partnerId, dealId: 'c3', stage: 'adopt', atStakeUsd: 99999, closed: true }));
    const { submitClaim } = createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir: tempDir('census') }), ledger: new ClaimsLedger(database.db) });
    const a = (await submitClaim({ claim: draftClaim({ partnerId, dealId: 'c1', amountUsd: 5000 }) })).receipt;
    await submitClaim({ claim: draftClaim({ partnerId, dealId: 'c2', amountUsd: 5000 }) });
    const context = { partnerId, recordedBy: 'finance@northwind.example' };
    await recordVendorDecision(database.db, a.claimId, { status: 'accepted', at: '2026-02-01T00:00:00Z', amountApprovedUsd: 4000 }, context);
    await recordVendorDecision(database.db, a.claimId, { status: 'paid', at: '2026-03-01T00:00:00Z', paidOn: '2026-03-01', paidAmountUsd: 3900 }, context);

    expect(await readModelCensus(database.db, partnerId)).toEqual({
      dealsByStage: { onboard: 1, adopt: 1 },
      handoffsByState: { open: 1, returned: 1, accepted: 1 },
      escalationsByAction: { remind: 2, escalate: 1 },
      breaches: 1,
      claimsByStatus: { paid: 1, submitted: 1 },
      dollars: { claimed: 10000, accepted: 4000, paid: 3900, atStake: 7500.5 },
    });
  });
});
