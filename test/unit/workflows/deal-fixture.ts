import { loadProgram } from '../../../src/config/program-files';
import { Deal } from '../../../src/domain/schemas/deal';
import { Partner } from '../../../src/domain/schemas/partner';
import { openDeal } from '../../../workflows/deal/booking';
import type { DealContext, DealRules } from '../../../workflows/deal/context';
import { deal, partner } from '../../workflows/fixtures/journeys';
import { playbook } from '../domain/support';

const program = await loadProgram('fy2021-lifecycle');

/** A business clock the test moves by hand: the deal's pure parts run without a Temporal server. */
export class ManualClock {
  constructor(public ms: number) {}
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

/** The journeys' deal (booked 2021-01-15, by default an advanced partner) opened at 00:00Z of its booking day. */
export function bookedDeal(partnerChanges: Partial<typeof partner> = {}, rules: DealRules = { allRulesAtStart: true, factsByIdentity: true, rungFallback: true, readModel: true, readModelBySink: true, ladderBeforeAnswers: true, pastAsOfBooking: true, businessCalendars: true, handoffTemplateOnly: true, claimsBesideAtStart: true, handoffStartsBeside: true }): { ctx: DealContext; clock: ManualClock; logged: string[] } {
  const clock = new ManualClock(Date.parse(`${deal.bookedOn}T00:00:00Z`));
  const logged: string[] = [];
  const ctx = openDeal(
    { deal: Deal.parse(deal), partner: Partner.parse({ ...partner, ...partnerChanges }), playbook, program, registeredBy: 'ana.moreno@northwind.example' },
    { workflowId: 'deal:northwind:acme-dc-2021', workflowNow: () => clock.ms, log: (message) => logged.push(message), rules },
  );
  return { ctx, clock, logged };
}
