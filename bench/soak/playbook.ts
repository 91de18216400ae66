import type { Playbook } from '../../src/domain/playbook/schema';
import { writeQuickPlaybook } from '../../test/support/quick-playbook';

/**
 * The default playbook with the Sales -> CS handoff due `sla` after it starts and its ladder at
 * fractions of that window, so every deal's timers fire within the soak. Written as the playbook
 * `soak` of a playbooks folder (BATON_PLAYBOOKS_DIR) beside the default one; returned parsed for
 * the audit's rung instants.
 */
export const SOAK_PLAYBOOK_ID = 'soak';

export function writeSoakPlaybook(dir: string, sla: string): Promise<{ playbooksDir: string; playbook: Playbook }> {
  return writeQuickPlaybook(dir, {
    id: SOAK_PLAYBOOK_ID,
    salesToCsSla: sla,
    rungs: [
      { id: 'remind-responsible', action: 'remind', to: 'R', atFractionOfWindow: 0.4 },
      { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.6 },
      { id: 'escalate-lead', action: 'escalate', to: 'LEAD', atFractionOfWindow: 0.8 },
    ],
  });
}
