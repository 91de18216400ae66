import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Claim, ClaimStatus, claimIdFor, claimIdempotencyKey, transitionClaimStatus } from '../../src/incentives/claim-schema';
import { formatZodError } from '../../src/domain/schemas/errors';
import { draftClaim } from './support/claim-fixture';

const parts = { partnerId: 'northwind', dealId: 'acme-2021-17', programId: 'vendor-lifecycle', programVersion: 2021, milestone: 'adopt:success-plan' };

function issues(input: unknown): string {
  const result = Claim.safeParse(input);
  return result.success ? '' : formatZodError(result.error);
}

describe('claimIdempotencyKey', () => {
  it('is readable and the same for the same milestone of the same deal and program version', () => {
    expect(claimIdempotencyKey(parts)).toBe('northwind:acme-2021-17:vendor-lifecycle@2021:adopt:success-plan');
    expect(claimIdempotencyKey({ ...parts })).toBe(claimIdempotencyKey(parts));
  });

  it('differs whenever any part differs', () => {
    const slug = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,12}$/);
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
    const partsArb = fc.record({ partnerId: slug, dealId: slug, programId: slug, programVersion: fc.integer({ min: 1, max: 9999 }), milestone: fc.tuple(id, id).map(([k, m]) => `${k}:${m}`) });
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(claimIdempotencyKey(a) === claimIdempotencyKey(b)).toBe(same);
      }),
    );
  });

  it('refuses parts that would make the key ambiguous, naming the field', () => {
    expect(() => claimIdempotencyKey({ ...parts, dealId: 'acme:17' })).toThrow(/dealId: must be letters/);
    expect(() => claimIdempotencyKey({ ...parts, milestone: 'success-plan' })).toThrow(/milestone: must be "<incentive kind>:<milestone id>"/);
  });
});

describe('claimIdFor', () => {
  it('derives a short stable id from the key', () => {
    const key = claimIdempotencyKey(parts);
    expect(claimIdFor(key)).toMatch(/^clm-[0-9a-f]{16}$/);
    expect(claimIdFor(key)).toBe(claimIdFor(key));
    expect(claimIdFor(key)).not.toBe(claimIdFor(`${key}x`));
  });
});

describe('Claim', () => {
  it('accepts the fixture draft', () => {
    expect(issues(draftClaim())).toBe('');
  });

  it('names the field and the rule of each violation', () => {
    expect(issues(draftClaim({ idempotencyKey: 'something-else' }))).toContain('idempotencyKey: must be northwind:acme-2021-17:vendor-lifecycle@2021:adopt:success-plan');
    expect(issues(draftClaim({ earnedOn: '2021-04-16' }))).toContain('earnedOn: must be on or before the deadline 2021-04-15');
    expect(issues(draftClaim({ amountUsd: 5500 }))).toContain('breakdown: lines must add up to amountUsd 5500, they add up to 5000');
    expect(issues(draftClaim({ incentive: 'use' }))).toContain('milestone: must be a milestone of incentive "use"');
    expect(issues(draftClaim({ fiscalQuarter: '2021Q3' }))).toContain('fiscalQuarter: must be a fiscal quarter such as "FY2022 Q3"');
    expect(issues(draftClaim({ trace: [{ event: 'booked', eventId: 'h-1', at: '2021-01-15T10:00:00Z' }] }))).toContain('trace[0].event: must be a dotted event name');
    expect(issues(draftClaim({ evidence: [] }))).toContain('evidence: must reference at least one piece of evidence');
  });

  it('requires submittedAt and a receipt once the claim left draft', () => {
    const text = issues(draftClaim({ status: 'submitted' }));
    expect(text).toContain('submittedAt: is required once the claim is submitted');
    expect(text).toContain('sinkReceipt: is required once the claim is submitted');
  });

  it('adds up breakdown lines in cents, so a cap can be a negative line', () => {
    const breakdown = [
      { label: '300 switches × $50', amountUsd: 15000 },
      { label: 'capped at $12,500', amountUsd: -2500 },
    ];
    expect(issues(draftClaim({ amountUsd: 12500, breakdown }))).toBe('');
    expect(issues(draftClaim({ amountUsd: 0.3, breakdown: [{ label: 'a', amountUsd: 0.1 }, { label: 'b', amountUsd: 0.2 }] }))).toBe('');
  });
});

describe('transitionClaimStatus', () => {
  const legal = new Set(['draft>submitted', 'submitted>accepted', 'submitted>rejected', 'accepted>paid', 'submitted>withdrawn', 'accepted>withdrawn']);

  it.each(ClaimStatus.options.flatMap((from) => ClaimStatus.options.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const result = transitionClaimStatus(from, to);
    expect(result.ok).toBe(legal.has(`${from}>${to}`));
    if (!result.ok) expect(result.reason).toMatch(new RegExp(`a ${from} claim (is final|cannot become ${to})`));
  });

  it('says what a claim can become instead', () => {
    expect(transitionClaimStatus('draft', 'paid')).toEqual({ ok: false, reason: 'a draft claim cannot become paid; it can become submitted' });
    expect(transitionClaimStatus('paid', 'accepted')).toEqual({ ok: false, reason: 'a paid claim is final; it cannot become accepted' });
  });
});
