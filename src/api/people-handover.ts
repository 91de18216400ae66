import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../auth/token-store';
import type { Db } from '../db/connect';
import { dealsHeldBy } from '../db/read-model/deals-held-by';
import type { DealService } from './deal-service';
import { ApiError } from './errors';
import type { HandoverBody, HandoverReport } from './schemas/people';

/**
 * Everything one person holds on the partner's open deals passes to another, one `team.handover`
 * per deal (one timeline entry each), each authorised by that deal's playbook as any action is.
 * The deals come from the read model; a deal that refuses says why and the others go on.
 */
export async function handOver(deals: DealService, db: Db, principal: Principal, body: HandoverBody, log: FastifyBaseLogger): Promise<HandoverReport> {
  const held = await dealsHeldBy(db, principal.partnerId, body.from);
  const report: HandoverReport = { from: body.from, to: body.to.id, deals: [] };
  // One deal after another: each is an update on its own workflow, and the machine is shared.
  for (const { dealId } of held) {
    try {
      const result = await deals.act(principal, dealId, { type: 'team.handover', from: body.from, to: body.to, reason: body.reason }, log);
      const roles = result.entries.find((e) => e.type === 'team.handedOver')?.details.roles;
      report.deals.push({ dealId, outcome: 'handedOver', ...(Array.isArray(roles) ? { roles: roles.map(String) } : {}) });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      report.deals.push({ dealId, outcome: 'refused', reason: err.message });
    }
  }
  return report;
}
