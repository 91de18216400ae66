import { writeQuickPlaybook } from '../support/quick-playbook';

export const FAST_LADDER_PLAYBOOK_ID = 'fast-ladder';
/** After the Sales -> CS handoff starts, its escalation to the Accountable fires this late. */
export const FAST_ESCALATION_MS = 30_000;

/**
 * A playbooks folder with `fast-ladder`: the Sales -> CS handoff due 10 minutes after it starts,
 * escalating to the Accountable at 5% of a window (30 s into that handoff) and to the lead a day
 * before a deadline. A deal booked in the past enters without announcing what fell due before, so
 * the board's escalations in a browser test have to fire live, on the dev server's real clock.
 */
export async function writeFastLadderPlaybooks(dir: string): Promise<string> {
  const { playbooksDir } = await writeQuickPlaybook(dir, {
    id: FAST_LADDER_PLAYBOOK_ID,
    salesToCsSla: `PT${(FAST_ESCALATION_MS * 20) / 1000}S`,
    rungs: [
      { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.05 },
      { id: 'escalate-lead', action: 'escalate', to: 'LEAD', daysBefore: 1 },
    ],
  });
  return playbooksDir;
}
