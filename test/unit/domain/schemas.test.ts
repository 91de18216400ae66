import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatZodError } from '../../../src/domain/schemas/errors';
import { Deal } from '../../../src/domain/schemas/deal';
import { SuccessPlan } from '../../../src/domain/schemas/success-plan';
import { BusinessOutcomesReport } from '../../../src/domain/schemas/outcomes';
import { HandoffReturn } from '../../../src/domain/schemas/handoff';
import { USER_ACTION_TYPES, UserAction } from '../../../src/domain/schemas/actions';
import { plan, report, userAction } from './support';

function problems(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation failure');
  return formatZodError(result.error);
}

describe('formatZodError', () => {
  it('names the field path and the rule, one line per issue', () => {
    const text = problems(Deal, {
      id: 'd1',
      partnerId: 'p1',
      customer: { name: 'Acme' },
      architecture: 'security',
      bookedOn: '2026-02-30',
      lineItems: [{ sku: 'X', netValueUsd: -1 }],
      renewal: { termMonths: 12 },
      team: { AM: [{ id: 'am@p.example', name: 'A' }] },
    });
    expect(text.split('\n')).toEqual(['bookedOn: must be a real calendar date', 'lineItems[0].netValueUsd: must be zero or more']);
  });

  it('says a missing field is required', () => {
    expect(problems(z.object({ name: z.string() }), {})).toBe('name: is required (string)');
  });

  it('quotes keys that are not identifiers', () => {
    expect(problems(z.object({ 'successPlan.submit': z.string() }), { 'successPlan.submit': 1 })).toMatch(/^\["successPlan\.submit"\]: /);
  });
});

describe('success plan', () => {
  it('accepts the minimum content', () => {
    expect(SuccessPlan.parse({ productsSold: plan.productsSold, outcomes: plan.outcomes, adoptionPlan: { strategy: 's' } }).stakeholders).toEqual([]);
  });

  it('requires products sold, outcomes with KPIs and the adoption plan', () => {
    const text = problems(SuccessPlan, { productsSold: [], outcomes: [{ name: 'o', initiatives: [{ name: 'i', kpis: [] }] }] });
    expect(text).toContain('productsSold: must list at least one product sold');
    expect(text).toContain('outcomes[0].initiatives[0].kpis: an initiative needs at least one KPI');
    expect(text).toContain('adoptionPlan: is required');
  });
});

describe('business outcomes report', () => {
  it('accepts a signature or an e-mail confirmation', () => {
    expect(BusinessOutcomesReport.parse(report).confirmation.kind).toBe('email');
    const signed = { ...report, confirmation: { kind: 'signature', signedBy: 'CIO', signedOn: '2026-10-01' } };
    expect(BusinessOutcomesReport.parse(signed).confirmation.kind).toBe('signature');
  });

  it('names the accepted forms of confirmation', () => {
    expect(problems(BusinessOutcomesReport, { ...report, confirmation: { kind: 'fax' } })).toMatch(/^confirmation\.kind: must be a signature/);
  });

  it('refuses a report the customer has not confirmed, saying why', () => {
    expect(problems(BusinessOutcomesReport, { results: report.results })).toBe(
      'confirmation: the customer has not confirmed the outcomes: a signature or confirmation e-mail is required',
    );
  });
});

describe('handoff payloads', () => {
  it('needs a reason to return a handoff', () => {
    expect(problems(HandoffReturn, { templateId: 'sales-to-cs', reason: '  ' })).toBe('reason: must say what information is missing');
  });
});

describe('user actions', () => {
  it.each(USER_ACTION_TYPES)('parses a valid %s', (type) => {
    expect(UserAction.parse(userAction(type, 'AM@Partner.Example')).actor).toBe('am@partner.example');
  });

  it('has one schema per listed action type, in the same order', () => {
    expect(UserAction.options.map((o) => o.shape.type.value)).toEqual(USER_ACTION_TYPES);
  });

  it('refuses an unknown action type and a missing actor', () => {
    expect(problems(UserAction, { type: 'step.skip', actor: 'a@b.example' })).toMatch(/^type: /);
    expect(problems(UserAction, { type: 'step.complete', step: 'purchase' })).toBe('actor: must be an e-mail address');
  });

  it('extends a deadline by days or until a date, not both', () => {
    const both = { ...userAction('deadline.extend', 'a@b.example'), until: '2026-12-01' };
    expect(problems(UserAction, both)).toBe('days: give either days or until, not both and not neither');
  });
});
