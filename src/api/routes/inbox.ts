import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { escalatedDealRows, inboxDealRows } from '../../db/read-model/deal-list';
import { PARTNER_ADMINS } from '../../domain/partner-admins';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { escalationsALeadSees } from '../lead-escalations';
import { authenticated } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { Inbox } from '../schemas/inbox';

/** At most this many deals are read for one inbox; a person with more has a staffing problem. */
const MAX_DEALS = 500;

export function registerInboxRoutes(app: FastifyInstance, deps: { db: Db; deals: DealService }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/inbox',
    {
      schema: {
        tags: ['people'],
        summary: 'My inbox: open steps and handoffs where I am Responsible or Accountable, soonest deadline first',
        description: "From the read model: the open deals where the caller holds an open task (one indexed query), each deal's tasks from its row and its playbook's RACI.",
        security: authenticated,
        response: { 200: Inbox, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const rows = await inboxDealRows(deps.db, principal.partnerId, principal.person.id, MAX_DEALS);
      const perDeal = await Promise.all(rows.map((row) => deps.deals.tasksOn(principal, row)));
      const items = perDeal.flat().sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.dealId.localeCompare(b.dealId));
      // The lead manages escalations partner-wide, on deals whose team does not name them too.
      const isLead = principal.roles.includes(PARTNER_ADMINS[0]);
      const escalations = isLead ? escalationsALeadSees(principal.roles, await escalatedDealRows(deps.db, principal.partnerId, MAX_DEALS)) : [];
      return { person: principal.person.id, items, escalations };
    },
  );
}
