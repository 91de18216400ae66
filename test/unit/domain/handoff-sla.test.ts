import { describe, expect, it } from 'vitest';
import { describeHandoffSla, handoffDue, slaDurationMs } from '../../../src/domain/playbook/handoff-sla';
import { parsePlaybook, PlaybookError } from '../../../src/domain/playbook/parse';
import type { PlaybookInput } from '../../../src/domain/playbook/schema';
import { defaultPlaybookInput } from './support';

/** The default playbook with the Sales -> CS handoff's SLA fields replaced; its problems, if any. */
function withSalesToCsSla(sla: { slaDays?: number; sla?: string }): string[] {
  const input = structuredClone(defaultPlaybookInput()) as PlaybookInput;
  const { slaDays: _days, ...handoff } = input.handoffs![0]!;
  input.handoffs![0] = { ...handoff, ...sla };
  try {
    parsePlaybook(input);
    return [];
  } catch (err) {
    if (err instanceof PlaybookError) return err.problems;
    throw err;
  }
}

describe('handoff SLA', () => {
  it('is whole days by default, or an exact duration of days and time', () => {
    expect(handoffDue({ slaDays: 14 }, 1000, []).dueAt).toBe(1000 + 14 * 86_400_000);
    expect(handoffDue({ sla: 'PT20S' }, 1000, [])).toEqual({ dueAt: 21_000 });
    expect(slaDurationMs('P1DT12H')).toBe(36 * 3_600_000);
    expect(describeHandoffSla({ slaDays: 14 })).toBe('14 days');
    expect(describeHandoffSla({ sla: 'PT20S' })).toBe('PT20S');
    expect(withSalesToCsSla({ sla: 'PT20S' })).toEqual([]);
  });

  it('needs exactly one of slaDays and sla, and a duration longer than zero without calendar units', () => {
    expect(withSalesToCsSla({})).toEqual(['handoffs[0]: handoff "sales-to-cs" must set exactly one of slaDays or sla']);
    expect(withSalesToCsSla({ slaDays: 14, sla: 'PT20S' })).toEqual(['handoffs[0]: handoff "sales-to-cs" must set exactly one of slaDays or sla']);
    expect(withSalesToCsSla({ sla: 'P1M' })).toEqual(['handoffs[0].sla: must be an ISO-8601 duration of days and time, e.g. P2D, PT4H or PT20S']);
    expect(withSalesToCsSla({ sla: 'PT0S' })).toEqual(['handoffs[0].sla: must be a duration longer than zero, e.g. PT20S']);
  });
});
