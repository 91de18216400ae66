import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimFileName,
  claimsExportsDir,
  claimsOutboxDir,
  listClaims,
} from '../../src/claims/claim-outbox';
import { CLAIM_CSV_HEADER } from '../../src/claims/claim-csv';
import { ClaimRejectedError } from '../../src/claims/claim-rejected-error';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { Claim, claimIdFor, claimIdempotencyKey } from '../../src/incentives/claim-schema';
import { draftClaim } from './support/claim-fixture';
import { parseCsv } from './support/csv';

let dataDir: string;
const quarterDir = () => join(claimsOutboxDir(dataDir), 'FY2021-Q3');
const exportPath = () => join(claimsExportsDir(dataDir), 'FY2021-Q3.csv');
const csvRows = async () => parseCsv(await readFile(exportPath(), 'utf8'));
const jsonFiles = async () => (await readdir(quarterDir())).filter((n) => n.endsWith('.json'));

function otherMilestone(milestone: string, customerName = 'Acme Corp') {
  const key = claimIdempotencyKey({ partnerId: 'northwind', dealId: 'acme-2021-17', programId: 'vendor-lifecycle', programVersion: 2021, milestone });
  return draftClaim({ milestone, incentive: milestone.split(':')[0], idempotencyKey: key, claimId: claimIdFor(key), customerName });
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-outbox-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('OutboxClaimsGateway', () => {
  it('writes a self-contained submitted claim and returns its receipt', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir, now: () => new Date('2021-03-03T08:00:00Z') });
    const receipt = await gateway.submit(draftClaim());
    const key = 'northwind:acme-2021-17:vendor-lifecycle@2021:adopt:success-plan';
    expect(receipt).toEqual({
      idempotencyKey: key,
      claimId: claimIdFor(key),
      sink: 'outbox',
      receivedAt: '2021-03-03T08:00:00.000Z',
      reference: `claims/outbox/FY2021-Q3/${claimFileName(key)}`,
    });
    const stored = Claim.parse(JSON.parse(await readFile(join(dataDir, receipt.reference), 'utf8')));
    expect(stored).toMatchObject({ status: 'submitted', submittedAt: '2021-03-03T08:00:00.000Z', sinkReceipt: receipt, amountUsd: 5000, customerName: 'Acme Corp' });
    expect(stored.statusHistory).toEqual([{ status: 'submitted', at: '2021-03-03T08:00:00.000Z' }]);
    expect(stored.trace.map((t) => t.event)).toEqual(['deal.booked', 'successPlan.submitted']);
  });

  it('stores a claim submitted twice once and returns the original receipt', async () => {
    let tick = 0;
    const gateway = new OutboxClaimsGateway({ dataDir, now: () => new Date(Date.UTC(2021, 2, 3, 8, tick++)) });
    const first = await gateway.submit(draftClaim());
    const second = await gateway.submit(draftClaim());
    expect(second).toEqual(first);
    expect(await jsonFiles()).toHaveLength(1);
    expect(await csvRows()).toHaveLength(2);
  });

  it('stores a claim submitted concurrently once, whichever gateway instance wins', async () => {
    let tick = 0;
    const now = () => new Date(Date.UTC(2021, 2, 3, 8, tick++));
    const receipts = await Promise.all(Array.from({ length: 8 }, () => new OutboxClaimsGateway({ dataDir, now }).submit(draftClaim())));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await jsonFiles()).toHaveLength(1);
    const rows = await csvRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(receipts[0]!.claimId);
  });

  it('keeps every claim of a quarter in the export when different claims arrive at once', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir });
    const milestones = Array.from({ length: 40 }, (_, i) => `use:case-${i}`);
    await Promise.all(milestones.map((m) => gateway.submit(otherMilestone(m))));
    expect(await jsonFiles()).toHaveLength(40);
    expect((await csvRows()).slice(1).map((r) => r[8]).sort()).toEqual([...milestones].sort());
  });

  it('ignores a temporary file a crash left behind and heals a missing export', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir });
    const receipt = await gateway.submit(draftClaim());
    // The crash: a half-written temporary file next to the claim, and the export never written.
    await writeFile(join(quarterDir(), `.${claimFileName(receipt.idempotencyKey)}.crashed.tmp`), '{"idempotencyKey": "nor');
    await rm(exportPath());
    expect(await gateway.submit(draftClaim())).toEqual(receipt);
    expect(await jsonFiles()).toHaveLength(1);
    expect(await csvRows()).toHaveLength(2);
    expect(await listClaims(dataDir)).toHaveLength(1);
  });

  it('finds the original in another quarter when a retry computes a different quarter', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir });
    const first = await gateway.submit(draftClaim());
    expect(await gateway.submit(draftClaim({ fiscalQuarter: 'FY2021 Q4' }))).toEqual(first);
    expect(await readdir(claimsOutboxDir(dataDir))).toEqual(['FY2021-Q3']);
  });

  it('refuses an invalid or already submitted claim as non-retryable, naming the field', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir });
    const invalid = gateway.submit(draftClaim({ amountUsd: -1 }));
    await expect(invalid).rejects.toBeInstanceOf(ClaimRejectedError);
    await expect(invalid).rejects.toMatchObject({ nonRetryable: true, message: expect.stringContaining('amountUsd: must be zero or more') });
    await gateway.submit(draftClaim());
    const [stored] = await listClaims(dataDir);
    await expect(gateway.submit(stored!)).rejects.toThrow(/cannot be submitted: a submitted claim cannot become submitted/);
  });
});

describe('the quarterly CSV export', () => {
  it('has a header row, one row per claim, and quotes what needs quoting', async () => {
    const gateway = new OutboxClaimsGateway({ dataDir, now: () => new Date('2021-03-03T08:00:00Z') });
    await gateway.submit(otherMilestone('adopt:success-plan', 'Smith, Jones & "Partners"\nLtd'));
    await gateway.submit(otherMilestone('adopt:outcomes', '=HYPERLINK("http://evil.example")'));
    const text = await readFile(exportPath(), 'utf8');
    expect(text.split('\r\n')[0]).toBe(CLAIM_CSV_HEADER.join(','));
    expect(CLAIM_CSV_HEADER).toEqual([
      'claim_id', 'idempotency_key', 'status', 'partner_id', 'deal_id', 'customer_name', 'architecture', 'incentive', 'milestone',
      'amount_usd', 'program_id', 'program_version', 'earned_on', 'deadline', 'fiscal_quarter', 'expected_payout_quarter',
      'submitted_at', 'evidence', 'breakdown',
    ]);
    expect(text).toContain('"Smith, Jones & ""Partners""\nLtd"');
    const rows = await csvRows();
    expect(rows).toHaveLength(3);
    const byMilestone = Object.fromEntries(rows.slice(1).map((r) => [r[8], Object.fromEntries(CLAIM_CSV_HEADER.map((h, i) => [h, r[i]]))]));
    expect(byMilestone['adopt:success-plan']).toMatchObject({
      customer_name: 'Smith, Jones & "Partners"\nLtd',
      amount_usd: '5000.00',
      status: 'submitted',
      fiscal_quarter: 'FY2021 Q3',
      expected_payout_quarter: 'FY2021 Q4',
      evidence: 'success-plan:sp-1 (docs/acme-success-plan.pdf)',
      breakdown: 'Adopt success plan, tier Small ($50K – $499K): 5000.00',
    });
    // A spreadsheet must not evaluate a customer name as a formula.
    expect(byMilestone['adopt:outcomes']!.customer_name).toBe('\'=HYPERLINK("http://evil.example")');
  });
});

describe('listing the outbox', () => {
  it('lists nothing before the first claim', async () => {
    expect(await listClaims(dataDir)).toEqual([]);
    await mkdir(claimsOutboxDir(dataDir), { recursive: true });
    expect(await listClaims(dataDir)).toEqual([]);
  });
});
