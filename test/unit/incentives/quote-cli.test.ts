import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ClaimsReport } from '../../../src/incentives/quote-schema';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

async function baton(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const examples = ['--deal', 'examples/deal.yaml', '--partner', 'examples/partner.yaml', '--evidence', 'examples/evidence.yaml'];

describe('baton quote', () => {
  it('prints the claims as JSON in exactly the documented shape', async () => {
    const { code, stdout } = await baton('quote', ...examples, '--as-of', '2022-03-01', '--json');
    expect(code).toBe(0);
    const report = ClaimsReport.parse(JSON.parse(stdout));
    for (const c of JSON.parse(stdout).claims as Record<string, unknown>[]) {
      expect(Object.keys(c).every((k) => ['incentive', 'milestone', 'eligible', 'amountUsd', 'reason', 'deadline', 'breakdown'].includes(k))).toBe(true);
    }
    const byMilestone = Object.fromEntries(report.claims.map((c) => [c.milestone, c]));
    expect(byMilestone['use:intersight']).toMatchObject({ incentive: 'use', eligible: true, amountUsd: 5_000, deadline: '2022-01-31' });
    expect(byMilestone['adopt:business-outcomes']).toMatchObject({ eligible: true, amountUsd: 25_000 });
    expect(byMilestone['expand:booking-1']).toMatchObject({ eligible: true, amountUsd: 6_300 });
    expect(byMilestone['use:dcnm-production']).toMatchObject({ eligible: false, amountUsd: 0, reason: expect.stringContaining('window closed') });
    expect(byMilestone['use:dcnm-production']!.reason).toBeDefined();
    expect(byMilestone['use:intersight']!.reason).toBeUndefined();
  });

  it('prints eligible claims with breakdowns, then the ineligible with reasons', async () => {
    const { code, stdout } = await baton('quote', ...examples, '--as-of', '2021-06-30');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Eligible claims \(\d+\)[\s\S]*use:intersight\s+\$5,000[\s\S]*Total \$[\d,]+[\s\S]*Not eligible \(\d+\)[\s\S]*adopt:business-outcomes\s+deadline 2022-01-15\s+not yet evidenced/);
    expect(stdout).toContain('claims accepted that day are paid in FY2022 Q1');
  });

  it("takes the partner from the deal's partnerId profile without --partner, and says which profile and business day it used", async () => {
    const { code, stdout } = await baton('quote', '--deal', 'examples/deal.yaml', '--evidence', 'examples/evidence.yaml', '--as-of', '2022-03-01', '--json');
    expect(code).toBe(0);
    const report = ClaimsReport.parse(JSON.parse(stdout));
    expect(report).toMatchObject({ asOf: '2022-03-01', partner: { id: 'northwind', from: 'config/partners/northwind.yaml' } });
    // Northwind is specialized, not advanced: 3.15% of the expansion, not the advanced 6.3%.
    expect(report.claims.find((c) => c.milestone === 'expand:booking-1')?.amountUsd).toBe(6_300);
    const today = new Date().toISOString().slice(0, 10);
    const text = await baton('quote', '--deal', 'examples/deal.yaml');
    expect(text.stdout).toContain('Partner Northwind Systems (config/partners/northwind.yaml): specialized');
    expect(text.stdout).toContain(`business day ${today} (today, UTC; --as-of to choose)`);
    const rebate = await baton('quote', '--deal', 'examples/deal.yaml', '--program', 'cx-rebate-v1', '--as-of', '2021-02-01', '--json');
    expect(ClaimsReport.parse(JSON.parse(rebate.stdout)).claims.map((c) => c.incentive)).toEqual(['rebate', 'rebate']);
  });

  it('refuses to assume a partner: no --partner and no profile for the deal is exit 2 naming --partner', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quote-'));
    const deal = path.join(dir, 'deal.yaml');
    await writeFile(deal, (await readFile(path.join(root, 'examples/deal.yaml'), 'utf8')).replace('partnerId: northwind', 'partnerId: fabrikam'));
    const result = await baton('quote', '--deal', deal, '--as-of', '2021-06-30');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("--partner: required: no profile config/partners/fabrikam.yaml for the deal's partner fabrikam (BATON_PARTNERS_DIR); pass --partner FILE");
    const mismatch = await baton('quote', '--deal', deal, '--partner', 'examples/partner.yaml');
    expect(mismatch).toMatchObject({ code: 2, stderr: expect.stringContaining("--partner examples/partner.yaml: id: is northwind, but the deal's partnerId is fabrikam") });
  });

  it('checks usage evidence against the program: an unknown use case is exit 2 listing the known ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quote-'));
    const evidence = path.join(dir, 'evidence.yaml');
    await writeFile(evidence, 'usage: [{ id: e1, useCase: intersigth, observedOn: 2021-03-01, source: pop, metrics: { claimedServers: 40, licensedServers: 100 } }]\n');
    const result = await baton('quote', '--deal', 'examples/deal.yaml', '--evidence', evidence, '--as-of', '2021-06-30');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage\[0\]\.useCase: intersigth is not a use case of program fy2021-lifecycle v1 \(did you mean intersight\? known: intersight, /);
  });

  it('exits 2 on bad input and names the field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quote-'));
    const bad = path.join(dir, 'deal.json');
    await writeFile(bad, JSON.stringify({ id: 'd', partnerId: 'p', customer: { name: 'C' }, architecture: 'mainframe', bookedOn: '2021-02-30', lineItems: [{ sku: 'A', netValueUsd: -5 }], renewal: { termMonths: 12 }, team: { AM: [{ id: 'a@b.example', name: 'A' }] } }));
    const result = await baton('quote', '--deal', bad, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--deal ${bad}: invalid`);
    expect(result.stderr).toContain('architecture:');
    expect(result.stderr).toContain('bookedOn: must be a real calendar date');
    expect(result.stderr).toContain('lineItems[0].netValueUsd: must be zero or more');
  });

  it('exits 2 on a typo in an input file, naming the field and the closest known one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quote-'));
    const typo = path.join(dir, 'deal.yaml');
    await writeFile(typo, `${await readFile(path.join(root, 'examples/deal.yaml'), 'utf8')}enterpriseAgrement: true\n`);
    const result = await baton('quote', '--deal', typo, '--partner', 'examples/partner.yaml', '--as-of', '2021-06-30');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--deal ${typo}: invalid\nenterpriseAgrement: unknown field; did you mean enterpriseAgreement?`);
  });

  it('exits 2 on a bad --as-of, a bad evidence file, or an unknown program', async () => {
    const asOf = await baton('quote', '--deal', 'examples/deal.yaml', '--as-of', '2021-13-01');
    expect(asOf).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of: must be') });
    const dir = await mkdtemp(path.join(tmpdir(), 'quote-'));
    const evidence = path.join(dir, 'evidence.yaml');
    await writeFile(evidence, 'successPlan: { submittedOn: soon }\nusage: [{ id: e1, useCase: ise, observedOn: 2021-03-01, source: email, metrics: {} }]\n');
    const facts = await baton('quote', '--deal', 'examples/deal.yaml', '--evidence', evidence);
    expect(facts.code).toBe(2);
    expect(facts.stderr).toContain('successPlan.submittedOn: must be an ISO date YYYY-MM-DD');
    expect(facts.stderr).toContain('usage[0].source:');
    const program = await baton('quote', '--deal', 'examples/deal.yaml', '--program', 'nope');
    expect(program).toMatchObject({ code: 2, stderr: expect.stringContaining('no program "nope"') });
  });
});
