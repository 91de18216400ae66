import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../src/domain/schemas/closest-name';

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('architectures', 'architectures')).toBe(0);
    expect(editDistance('architecture', 'architectures')).toBe(1);
    expect(editDistance('enterpriseAgrement', 'enterpriseAgreement')).toBe(1);
    expect(editDistance('bookedOm', 'bookedOn')).toBe(1);
    expect(editDistance('renwela', 'renewal')).toBe(2);
    expect(editDistance('teh', 'the')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  const dealFields = ['id', 'partnerId', 'customer', 'architecture', 'enterpriseAgreement', 'bookedOn', 'lineItems', 'renewal', 'team', 'programId', 'playbookId'];

  it('suggests the closest known name, ignoring case', () => {
    expect(closestName('enterpriseAgrement', dealFields)).toBe('enterpriseAgreement');
    expect(closestName('lineitems', dealFields)).toBe('lineItems');
    expect(closestName('architectures', dealFields)).toBe('architecture');
    expect(closestName('playbookID', dealFields)).toBe('playbookId');
    expect(closestName('partnerIds', ['partnerId', 'partners'])).toBe('partnerId');
  });

  it('suggests nothing when no known name is near enough to be a typo', () => {
    expect(closestName('discountPercent', dealFields)).toBeUndefined();
    expect(closestName('x', dealFields)).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
