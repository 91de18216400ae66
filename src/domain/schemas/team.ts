import { z } from 'zod';
import { LIMITS, Name, PersonId, Role } from './common';
import { strictObject, strictPartialRecord } from './strict';

export const Person = strictObject({
  id: PersonId,
  name: Name,
});
export type Person = z.infer<typeof Person>;

/** A deal's team: people per RACI role; a role may have several people, a person several roles. */
export const Team = strictPartialRecord(
  Role,
  z.array(Person).min(1, 'a listed role needs at least one person').max(LIMITS.listItems, `must have at most ${LIMITS.listItems} people`),
).refine((t) => (t.AM?.length ?? 0) > 0, { message: 'must name at least one Account Manager (AM)', path: ['AM'] });
export type Team = z.infer<typeof Team>;
