import { z } from 'zod';
import { PersonId, RequiredText } from '../../domain/schemas/common';
import { strictObject } from '../../domain/schemas/strict';
import { Person } from '../../domain/schemas/team';

export const HandoverBody = strictObject({
  from: PersonId.describe('the person whose roles pass on, e.g. someone leaving'),
  to: Person.describe('who takes them over'),
  reason: RequiredText('must give a reason'),
});
export type HandoverBody = z.infer<typeof HandoverBody>;

export const HandoverReport = z
  .object({
    from: z.string(),
    to: z.string(),
    deals: z.array(
      z.object({
        dealId: z.string(),
        outcome: z.enum(['handedOver', 'refused']),
        roles: z.array(z.string()).optional().describe('the roles that passed on'),
        reason: z.string().optional().describe('why the deal refused the handover'),
      }),
    ),
  })
  .meta({ id: 'HandoverReport' });
export type HandoverReport = z.infer<typeof HandoverReport>;
