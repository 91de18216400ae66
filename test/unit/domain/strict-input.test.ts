import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadPartnerProfile } from '../../../src/config/partner-files';
import { parseProgram, PROGRAMS_DIR } from '../../../src/config/program-files';
import { DEFAULT_HEALTH_PATH } from '../../../src/config/health-files';
import { HealthConfig } from '../../../src/domain/health/schema';
import { PlaybookError, parsePlaybook } from '../../../src/domain/playbook/parse';
import { UserAction } from '../../../src/domain/schemas/actions';
import { Deal } from '../../../src/domain/schemas/deal';
import { fieldProblems, formatZodError } from '../../../src/domain/schemas/errors';
import { DealFacts } from '../../../src/incentives/facts-schema';
import { Script } from '../../../src/simulation/script';
import { defaultPlaybookInput, plan } from './support';

const booking = () => ({
  id: 'acme-1',
  partnerId: 'northwind',
  customer: { name: 'Acme' },
  architecture: 'data-center',
  bookedOn: '2026-01-15',
  lineItems: [{ sku: 'DC-1', netValueUsd: 1000 }],
  renewal: { termMonths: 12 },
  team: { AM: [{ id: 'am@p.example', name: 'A' }] },
});

function problems(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation failure');
  return formatZodError(result.error).split('\n');
}

describe('unknown fields are refused with their path and the closest known name', () => {
  it('names a typo in a booking exactly', () => {
    expect(problems(Deal, { ...booking(), enterpriseAgrement: true })).toEqual(['enterpriseAgrement: unknown field; did you mean enterpriseAgreement?']);
  });

  it('names nested typos, each at its own path, and unknown keys with no near name plainly', () => {
    const deal = booking();
    const input = { ...deal, lineItems: [{ ...deal.lineItems[0], netvalueUsd: 5, discount: 3 }], team: { AM: deal.team.AM, CMS: deal.team.AM } };
    expect(problems(Deal, input)).toEqual([
      'lineItems[0].netvalueUsd: unknown field; did you mean netValueUsd?',
      'lineItems[0].discount: unknown field',
      'team.CMS: unknown field; did you mean CSM?',
    ]);
  });

  it('gives the suggestion apart from the rule for the API', () => {
    const result = Deal.safeParse({ ...booking(), enterpriseAgrement: true });
    expect(fieldProblems(result.error!)).toEqual([{ path: ['enterpriseAgrement'], rule: 'unknown field; did you mean enterpriseAgreement?', suggestion: 'enterpriseAgreement' }]);
  });

  it('refuses unknown fields in action payloads, evidence and success plans', () => {
    const evidence = { id: 'e1', useCase: 'intersight', observedOn: '2026-02-01', source: 'pop', metrics: { claimedServers: 3 }, referense: 'x' };
    expect(problems(UserAction, { type: 'usage.record', actor: 'a@p.example', evidence })).toEqual(['evidence.referense: unknown field; did you mean reference?']);
    expect(problems(UserAction, { type: 'successPlan.submit', actor: 'a@p.example', plan: { ...plan, stakeholder: [] } })).toEqual(['plan.stakeholder: unknown field; did you mean stakeholders?']);
    expect(problems(DealFacts, { successPlan: { submittedOn: '2026-02-01' }, expansion: [] })).toEqual(['expansion: unknown field; did you mean expansions?']);
  });

  it('fails loading a partner file that says architecture for architectures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'partners-'));
    await writeFile(path.join(dir, 'acme.yaml'), 'id: acme\nname: Acme Partner\nspecialization: advanced\narchitecture: [data-center]\n');
    await expect(loadPartnerProfile(dir, 'acme')).rejects.toThrow('architecture: unknown field; did you mean architectures?');
  });

  it('fails loading a program, a playbook or a health file with an unknown key', () => {
    const program = readFileSync(path.join(PROGRAMS_DIR, 'fy2021-lifecycle.yaml'), 'utf8');
    expect(() => parseProgram(`${program}\nfiscalYearStartMonths: 8\n`, 'fy.yaml')).toThrow('fiscalYearStartMonths: unknown field; did you mean fiscalYearStartMonth?');
    const playbook = defaultPlaybookInput() as Record<string, unknown>;
    try {
      parsePlaybook({ ...playbook, entrystep: 'purchase' });
      throw new Error('expected a PlaybookError');
    } catch (err) {
      expect((err as PlaybookError).problems).toEqual(['entrystep: unknown field; did you mean entryStep?']);
    }
    const health = parseYaml(readFileSync(DEFAULT_HEALTH_PATH, 'utf8')) as Record<string, unknown>;
    expect(problems(HealthConfig, { ...health, renewalRisks: {} })).toEqual(['renewalRisks: unknown field; did you mean renewalRisk?']);
  });

  it('checks each simulate script step against its action', () => {
    expect(problems(Script, [{ at: 'P1D', action: 'step.complete', actor: 'a@p.example', stepp: 'purchase' }])).toEqual([
      'steps[0].step: is required (string)',
      'steps[0].stepp: unknown field; did you mean step?',
    ]);
    expect(problems(Script, { horizon: 'P1M', steps: [{ at: 'P1D', action: 'step.compete', actor: 'a@p.example' }] })[0]).toMatch(/^steps\[0\]\.action: unknown action; did you mean step\.complete\? \(one of /);
    expect(problems(Script, { horizen: 'P1M', steps: [] })).toEqual(['horizen: unknown field; did you mean horizon?']);
    expect(Script.parse([{ at: 'P2D', action: 'health.observe', healthScore: 4 }]).steps).toHaveLength(1);
  });
});

describe('values are bounded', () => {
  it('refuses amounts over $10^12, non-finite numbers and negative counts', () => {
    const deal = booking();
    expect(problems(Deal, { ...deal, lineItems: [{ sku: 'X', netValueUsd: 2e12 }] })).toEqual(['lineItems[0].netValueUsd: must be at most 1,000,000,000,000 USD']);
    expect(problems(Deal, { ...deal, lineItems: [{ sku: 'X', netValueUsd: Infinity }] })[0]).toMatch(/^lineItems\[0\]\.netValueUsd: /);
    const evidence = { id: 'e1', useCase: 'intersight', observedOn: '2026-02-01', source: 'pop', metrics: { claimedServers: -3 } };
    expect(problems(UserAction, { type: 'usage.record', actor: 'a@p.example', evidence })).toEqual(['evidence.metrics.claimedServers: must be zero or more']);
  });

  it('refuses dates outside 2000-01-01..2100-12-31', () => {
    expect(problems(Deal, { ...booking(), bookedOn: '1999-12-31' })).toEqual(['bookedOn: must be between 2000-01-01 and 2100-12-31']);
    expect(problems(Deal, { ...booking(), bookedOn: '2101-01-01' })).toEqual(['bookedOn: must be between 2000-01-01 and 2100-12-31']);
    expect(Deal.safeParse({ ...booking(), bookedOn: '2100-12-31' }).success).toBe(true);
  });

  it('bounds free text: reasons, references and names', () => {
    const extend = { type: 'deadline.extend', actor: 'a@p.example', deadlineId: 'use', days: 3 };
    expect(problems(UserAction, { ...extend, reason: 'x'.repeat(2001) })).toEqual(['reason: must be at most 2000 characters']);
    expect(UserAction.safeParse({ ...extend, reason: 'x'.repeat(2000) }).success).toBe(true);
    expect(problems(UserAction, { type: 'handoff.attach', actor: 'a@p.example', templateId: 't', artifactId: 'a', reference: 'r'.repeat(1001) })).toEqual(['reference: must be at most 1000 characters']);
    expect(problems(Deal, { ...booking(), customer: { name: 'n'.repeat(201) } })).toEqual(['customer.name: must be at most 200 characters']);
    expect(problems(Deal, { ...booking(), id: 'i'.repeat(101) })).toEqual(['id: must be at most 100 characters']);
  });
});
