import type { Db } from '../../src/db/connect';
import type { DealSnapshot } from '../../workflows/deal-messages';
import { projectDealSnapshot } from '../../src/db/read-model/project-deal';
import { runPool } from '../stats';

const DAY_MS = 86_400_000;
const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Vandelay'];
const SUFFIXES = ['Corp', 'Industries', 'Holdings', 'Labs', 'Group', 'Systems'];
const WRITERS = 8;

/**
 * Seeded deal `i`: the live deal's snapshot under another id, customer, next deadline (spread
 * over a year, its deadlines shifted with it) and people. Only the first `holders` deals keep the
 * live deal's team, so the inbox person holds as many deals at 1,000 as at 10,000, as one
 * person's workload does not grow with the partner's deal count.
 */
export function seededSnapshot(template: DealSnapshot, i: number, holders: number, nowMs: number): DealSnapshot {
  const dealId = `seed-${String(i).padStart(6, '0')}`;
  const next = nowMs + ((i * 7919) % 365) * DAY_MS + DAY_MS;
  const shift = template.nextDeadlineAt ? next - Date.parse(template.nextDeadlineAt) : 0;
  const team = i < holders ? template.view.team : Object.fromEntries(Object.entries(template.view.team).map(([role, people]) => [role, (people ?? []).map((p) => ({ ...p, id: `${role.toLowerCase()}-${i % 97}@seed.example` }))]));
  const owners = i < holders ? template.openTaskOwners : template.openTaskOwners.map((_, k) => `owner-${(i + k) % 97}@seed.example`);
  return {
    ...template,
    workflowId: `deal:${template.partnerId}:${dealId}`,
    seq: 1,
    dealId,
    customerName: `${CUSTOMERS[i % CUSTOMERS.length]} ${SUFFIXES[Math.floor(i / CUSTOMERS.length) % SUFFIXES.length]} ${i}`,
    openTaskOwners: owners,
    nextDeadlineAt: new Date(next).toISOString(),
    view: {
      ...template.view,
      dealId,
      team,
      deadlines: template.view.deadlines.map((d) => ({ ...d, startsAt: d.startsAt + shift, dueAt: d.dueAt + shift })),
    },
  };
}

/** Writes deals [from, to) through the projection's own upsert, as the workflows' activity does. */
export async function seedReadModel(db: Db, template: DealSnapshot, from: number, to: number, holders: number): Promise<void> {
  const nowMs = Date.now();
  await runPool(to - from, WRITERS, async (k) => {
    await projectDealSnapshot(db, seededSnapshot(template, from + k, holders, nowMs));
  });
}
