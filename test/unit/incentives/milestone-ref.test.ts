import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { claimMilestoneName, milestoneRef, parseMilestoneName } from '../../../src/incentives/milestone-ref';
import { fy2021 } from './fixtures';

const rebate = await loadProgram('cx-rebate-v1');

describe('milestone names: built and parsed in one place', () => {
  it('parses back every milestone of the shipped programs', () => {
    for (const program of [fy2021, rebate]) {
      for (const incentive of program.incentives) {
        for (const milestone of incentive.milestones) {
          const ref = milestoneRef(incentive, milestone);
          const perOccurrence = milestone.proof.type === 'expansion-booking';
          const name = claimMilestoneName(ref, perOccurrence ? 3 : undefined);
          expect(parseMilestoneName(program, name)).toEqual({ incentive, milestone, ref, ...(perOccurrence ? { occurrence: 3 } : {}) });
        }
      }
    }
  });

  it('names an expansion claim per occurrence and nothing else so', () => {
    expect(claimMilestoneName('expand:booking', 2)).toBe('expand:booking-2');
    expect(parseMilestoneName(fy2021, 'expand:booking-12')?.occurrence).toBe(12);
    for (const unknown of ['expand:booking', 'expand:booking-0', 'expand:booking-x', 'adopt:success-plan-1', 'use:tetration-pop-3', 'adopt:nothing']) {
      expect(parseMilestoneName(fy2021, unknown)).toBeUndefined();
    }
    // An id that itself ends in -<n> is that milestone, not an occurrence.
    expect(parseMilestoneName(fy2021, 'use:tetration-pop-2')?.milestone.id).toBe('tetration-pop-2');
  });
});
