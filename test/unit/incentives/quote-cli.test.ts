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

  it('assumes an advanced partner without --partner and uses the program given', async () => {
    const { stdout } = await baton('quote', '--deal', 'examples/deal.yaml', '--evidence', 'examples/evidence.yaml', '--as-of', '2022-03-01', '--json');
    const expand = ClaimsReport.parse(JSON.parse(stdout)).claims.find((c) => c.milestone === 'expand:booking-1');
    expect(expand?.amountUsd).toBe(12_600);
    const rebate = await baton('quote', '--deal', 'examples/deal.yaml', '--program', 'cx-rebate-v1', '--as-of', '2021-02-01', '--json');
    expect(ClaimsReport.parse(JSON.parse(rebate.stdout)).claims.map((c) => c.incentive)).toEqual(['rebate', 'rebate']);
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
