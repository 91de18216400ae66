import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_PLAYBOOK_PATH } from '../../src/config/playbook-files';
import { parsePlaybook } from '../../src/domain/playbook/parse';
import type { Playbook } from '../../src/domain/playbook/schema';

/**
 * The default playbook with the Sales -> CS handoff due `sla` after it starts and its ladder at
 * fractions of that window, so every deal's timers fire within the soak. Written as the playbook
 * `soak` of a playbooks folder (BATON_PLAYBOOKS_DIR) beside the default one; returned parsed for
 * the audit's rung instants.
 */
export const SOAK_PLAYBOOK_ID = 'soak';

export async function writeSoakPlaybook(dir: string, sla: string): Promise<{ playbooksDir: string; playbook: Playbook }> {
  const source = parse(await readFile(DEFAULT_PLAYBOOK_PATH, 'utf8')) as { id: string; handoffs: Record<string, unknown>[]; escalation: Record<string, unknown> };
  source.id = SOAK_PLAYBOOK_ID;
  source.handoffs = source.handoffs.map((h) => {
    if (h.id !== 'sales-to-cs') return h;
    const { slaDays: _days, ...rest } = h;
    return { ...rest, sla };
  });
  source.escalation = {
    ...source.escalation,
    rungs: [
      { id: 'remind-responsible', action: 'remind', to: 'R', atFractionOfWindow: 0.4 },
      { id: 'escalate-accountable', action: 'escalate', to: 'A', atFractionOfWindow: 0.6 },
      { id: 'escalate-lead', action: 'escalate', to: 'LEAD', atFractionOfWindow: 0.8 },
    ],
  };
  const playbook = parsePlaybook(source);
  const playbooksDir = join(dir, 'playbooks');
  await mkdir(playbooksDir, { recursive: true });
  await copyFile(DEFAULT_PLAYBOOK_PATH, join(playbooksDir, 'default.yaml'));
  await writeFile(join(playbooksDir, `${SOAK_PLAYBOOK_ID}.yaml`), stringify(source));
  return { playbooksDir, playbook };
}
