import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Deal } from '../src/domain/schemas/deal';
import { Partner } from '../src/domain/schemas/partner';
import type { UserActionInput } from '../src/domain/schemas/actions';
import type { Role } from '../src/domain/schemas/common';

/**
 * The deal the bench drives: examples/deal.yaml under a fresh id, booked today so that every
 * window is open and no deadline fires while the bench runs.
 */

const exampleDeal = Deal.parse(parseYaml(readFileSync(new URL('../examples/deal.yaml', import.meta.url), 'utf8')));
const examplePartner = Partner.parse(parseYaml(readFileSync(new URL('../examples/partner.yaml', import.meta.url), 'utf8')));

/**
 * examples/partner.yaml, advanced with $2M prior bookings: no Adopt cap, so every journey's
 * success plan earns its claim instead of the fourth one per quarter being refused by the cap.
 */
export const benchPartner: Partner = { ...examplePartner, specialization: 'advanced', priorFiscalYearBookingsUsd: 2_000_000 };

export function benchDeal(id: string, bookedOn: string = new Date().toISOString().slice(0, 10)): Deal {
  return { ...exampleDeal, id, bookedOn };
}

const person = (deal: Deal, role: Role): string => {
  const id = deal.team[role]?.[0]?.id;
  if (!id) throw new Error(`the bench deal has no ${role}`);
  return id;
};

export const accountManager = (deal: Deal): string => person(deal, 'AM');

/** The Sales -> CS handoff of the default playbook: the account team ticks and attaches, the CSM ticks and accepts. */
export function salesToCsActions(deal: Deal): UserActionInput[] {
  const templateId = 'sales-to-cs';
  const am = person(deal, 'AM');
  const csm = person(deal, 'CSM');
  return [
    ...['gather-contract', 'gather-stakeholders', 'gather-expectations', 'notify-cs', 'introduce-csm'].map((itemId) => ({ type: 'handoff.tick' as const, actor: am, templateId, itemId })),
    ...['review-goals', 'review-cs-roles'].map((itemId) => ({ type: 'handoff.tick' as const, actor: csm, templateId, itemId })),
    ...['contract-data', 'initial-success-plan', 'stakeholder-contacts', 'business-outcomes'].map((artifactId) => ({
      type: 'handoff.attach' as const,
      actor: am,
      templateId,
      artifactId,
      reference: `crm://${deal.id}/${artifactId}`,
    })),
    { type: 'handoff.accept', actor: csm, templateId },
  ];
}

export function successPlanSubmit(deal: Deal): UserActionInput {
  return {
    type: 'successPlan.submit',
    actor: person(deal, 'CSM'),
    plan: {
      productsSold: deal.lineItems.filter((l) => l.software).map((l) => l.sku),
      outcomes: [
        {
          name: 'Cut data-center operating cost',
          initiatives: [
            {
              name: 'Manage every UCS server from Intersight',
              kpis: [{ name: 'Servers claimed in Intersight', initialState: '0%', targetState: '80%', measurement: 'Intersight inventory, monthly' }],
            },
          ],
        },
      ],
      adoptionPlan: { strategy: 'Claim servers site by site, starting with the primary data center' },
    },
  };
}
