import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_PLAYBOOK_PATH } from '../../src/config/playbook-files';
import { parsePlaybook } from '../../src/domain/playbook/parse';
import type { Playbook } from '../../src/domain/playbook/schema';

/** One rung of the escalation ladder, as a playbook file writes it. */
export type RungSource = { id: string; action: 'remind' | 'escalate'; to: string } & ({ atFractionOfWindow: number } | { daysBefore: number });

/**
 * A playbooks folder (BATON_PLAYBOOKS_DIR) holding the default playbook and, as playbook `id`, the
 * same with the Sales -> CS handoff due `salesToCsSla` (an ISO duration) after it starts and the
 * escalation ladder replaced by `rungs`: so a deal's timers fire within a soak or a browser test on
 * a real clock. Returned parsed too, for the instants of its rungs.
 */
export async function writeQuickPlaybook(dir: string, { id, salesToCsSla, rungs }: { id: string; salesToCsSla: string; rungs: RungSource[] }): Promise<{ playbooksDir: string; playbook: Playbook }> {
  const source = parse(await readFile(DEFAULT_PLAYBOOK_PATH, 'utf8')) as { id: string; handoffs: Record<string, unknown>[]; escalation: Record<string, unknown> };
  source.id = id;
  source.handoffs = source.handoffs.map((h) => {
    if (h.id !== 'sales-to-cs') return h;
    const { slaDays: _days, ...rest } = h;
    return { ...rest, sla: salesToCsSla };
  });
  source.escalation = { ...source.escalation, rungs };
  const playbook = parsePlaybook(source);
  const playbooksDir = join(dir, 'playbooks');
  await mkdir(playbooksDir, { recursive: true });
  await copyFile(DEFAULT_PLAYBOOK_PATH, join(playbooksDir, 'default.yaml'));
  await writeFile(join(playbooksDir, `${id}.yaml`), stringify(source));
  return { playbooksDir, playbook };
}
