import { z } from 'zod';
import { PersonId, Role } from './common';

export const Person = z.object({
  id: PersonId,
  name: z.string().min(1, 'must not be empty'),
});
export type Person = z.infer<typeof Person>;

/** A deal's team: people per RACI role; a role may have several people, a person several roles. */
export const Team = z
  .partialRecord(Role, z.array(Person).min(1, 'a listed role needs at least one person'))
  .refine((t) => (t.AM?.length ?? 0) > 0, { message: 'must name at least one Account Manager (AM)', path: ['AM'] });
export type Team = z.infer<typeof Team>;
