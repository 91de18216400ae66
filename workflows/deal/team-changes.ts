import type { LifecycleEffect } from '../../src/domain/lifecycle';
import { rolesOf } from '../../src/domain/raci';
import type { Role } from '../../src/domain/schemas/common';
import type { Person, Team } from '../../src/domain/schemas/team';
import type { TimelineEntry } from '../deal-state';
import type { DealContext } from './context';
import { record } from './timeline';

/** People joining, leaving or handing over their roles on the deal; each is one timeline entry. */

type TeamChange = Extract<LifecycleEffect, { type: 'team.added' | 'team.removed' | 'team.handedOver' }>;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function without(team: Team, role: Role, personId: string): Team {
  const people = (team[role] ?? []).filter((p) => !same(p.id, personId));
  const { [role]: _gone, ...rest } = team;
  return people.length > 0 ? { ...rest, [role]: people } : rest;
}

function withPerson(team: Team, role: Role, person: Person): Team {
  return rolesOf(team, person.id).includes(role) ? team : { ...team, [role]: [...(team[role] ?? []), person] };
}

export function applyTeamChange(ctx: DealContext, effect: TeamChange): TimelineEntry {
  const { memory } = ctx;
  ctx.work.push({ kind: 'team-changed' });
  switch (effect.type) {
    case 'team.added':
      memory.team = withPerson(memory.team, effect.role, effect.person);
      return record(ctx, 'team.added', { role: effect.role, personId: effect.person.id, reason: effect.reason }, effect.by);
    case 'team.removed':
      memory.team = without(memory.team, effect.role, effect.personId);
      return record(ctx, 'team.removed', { role: effect.role, personId: effect.personId, reason: effect.reason }, effect.by);
    case 'team.handedOver': {
      const roles = rolesOf(memory.team, effect.from) as Role[];
      memory.team = roles.reduce((team, role) => withPerson(without(team, role, effect.from), role, effect.to), memory.team);
      return record(ctx, 'team.handedOver', { from: effect.from, to: effect.to.id, roles, reason: effect.reason }, effect.by);
    }
  }
}
