import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { UserAction } from '../../domain/schemas/actions';
import { strictObject } from '../../domain/schemas/strict';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { ActionResponse } from '../schemas/actions';
import { errorResponses } from '../schemas/error-responses';
import { ActorField, DealParams } from '../schemas/requests';

const SUMMARIES: Record<string, string> = {
  'step.complete': 'Complete the current step',
  'successPlan.submit': 'Submit the customer success plan',
  'successPlan.revise': 'Revise the success plan',
  'outcomes.record': 'Record the business-outcomes report',
  'usage.record': 'Record usage evidence',
  'expansion.book': 'Book an expansion',
  'attestation.record': 'Record an attestation (e.g. value-added selling) with its evidence',
  'owner.reassign': 'Reassign a role on the deal\'s team',
  'deadline.extend': 'Extend a deadline',
  'deadline.pause': 'Pause a deadline',
  'deadline.resume': 'Resume a paused deadline',
  'booking.amend': 'Amend the booking (line items, booking date) while no claim earned on it stands',
  'evidence.retract': 'Retract usage evidence or an outcomes report; it earns nothing from then on',
  'claim.withdraw': 'Withdraw a submitted claim through the claims gateway',
  'deal.close': 'Close the deal as lost or cancelled: its timers stop, its handoffs close, nothing more is claimed',
  'team.add': 'Add a person in a role on the deal\'s team',
  'team.remove': 'Remove a person from a role on the deal\'s team',
  'team.handover': 'Hand over every role a person holds on the deal to another person',
};

/** The payload of an action without `type` (the path says it), `actor` optional, `partnerRoles` from the token. */
function bodyOf(option: (typeof UserAction.options)[number]) {
  const { type: _type, actor: _actor, partnerRoles: _partnerRoles, ...fields } = option.shape;
  return strictObject({ ...fields, actor: ActorField });
}

/**
 * `POST /deals/{dealId}/actions/<type>`: one route per deal action of the workflow (handoff
 * actions have their own routes), each documented with its own payload schema.
 */
export function registerActionRoutes(app: FastifyInstance, deps: { deals: DealService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const option of UserAction.options) {
    const type = option.shape.type.value;
    if (type.startsWith('handoff.')) continue;
    api.post(
      `/deals/:dealId/actions/${type}`,
      {
        schema: {
          tags: ['deals'],
          summary: SUMMARIES[type] ?? type,
          description:
            `The \`${type}\` update of the deal workflow, as the authenticated person. 403 when the playbook's RACI does not make ` +
            'them Responsible or Accountable; 409 when the deal\'s current state does not allow it. A refused action changes nothing.',
          security: authenticated,
          params: DealParams,
          body: bodyOf(option),
          response: { 200: ActionResponse, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => deps.deals.act(principalOf(request), request.params.dealId, { ...request.body, type }, request.log),
    );
  }
}
