import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_PLAYBOOK_PATH } from '../../src/config/playbook-files';
import { parsePlaybook } from '../../src/domain/playbook/parse';

export const FAST_LADDER_PLAYBOOK_ID = 'fast-ladder';
/** After the Sales -> CS handoff starts, its escalation to the Accountable fires this late. */
export const FAST_ESCALATION_MS = 30_000;

/**
 * A playbooks folder (BATON_PLAYBOOKS_DIR) with the default playbook and `fast-ladder`: the same,
 * but the Sales -> CS handoff is due 10 minutes after it starts and the ladder escalates to the
 * Accountable at 5% of a window (30 s into that handoff) and to the lead a day before a deadline.
 * A deal booked in the past enters without announcing what fell due before, so the board's
 * escalations in a browser test have to fire live, on the dev server's real clock.
 */
export async function writeFastLadderPlaybooks(dir: string): Promise<string> {
  const source = parse(await readFile(DEFAULT_PLAYBOOK_PATH, 'utf8')) as { id: string; handoffs: Record<string, unknown>[]; escalation: Record<string, unknown> };
  source.id = FAST_LADDER_PLAYBOOK_ID;
  source.handoffs = source.handoffs.map((h) => {
    if (h.id !== 'sales-to-cs') return h;
    const { slaDays: _days, ...rest } = h;
    return { ...rest, sla: `PT${(FAST_ESCALATION_MS * 20) / 1000}S` };
  });
  source.escalation = {
    ...source.escalation,
    rungs: [
      { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.05 },
      { id: 'escalate-lead', action: 'escalate', to: 'LEAD', daysBefore: 1 },
    ],
  };
  parsePlaybook(source);
  const playbooksDir = join(dir, 'playbooks');
  await mkdir(playbooksDir, { recursive: true });
  await copyFile(DEFAULT_PLAYBOOK_PATH, join(playbooksDir, 'default.yaml'));
  await writeFile(join(playbooksDir, `${FAST_LADDER_PLAYBOOK_ID}.yaml`), stringify(source));
  return playbooksDir;
}
