import type { Role } from './schemas/common';
import type { Person, Team } from './schemas/team';
import type { UserAction, UserActionType } from './schemas/actions';
import type { HandoffTemplate, MappedActionType, Playbook, RaciLetter, RaciRow, RecipientKind } from './playbook/schema';
import { findHandoff, findStep, rolesWith } from './playbook/queries';

/**
 * RACI authorisation: who may do what on a deal, who is kept in the loop, and who receives
 * each escalation rung. Pure: the playbook and the deal's team are inputs.
 */

export type Authorization = { allowed: true; roles: string[] } | { allowed: false; reason: string };

/** A step or a handoff: anything that has a RACI row. */
export type RaciSubject = { step: string } | { handoff: string };

export interface Stakeholders {
  responsible: Person[];
  accountable: Person[];
  consulted: Person[];
  informed: Person[];
}

const samePerson = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The people holding any of `roles` on the team, each once, in role order. */
export function peopleInRoles(team: Team, roles: readonly string[]): Person[] {
  const people: Person[] = [];
  for (const role of roles) {
    for (const person of team[role as Role] ?? []) {
      if (!people.some((p) => samePerson(p.id, person.id))) people.push(person);
    }
  }
  return people;
}

/** The roles `actor` holds on the team. */
export function rolesOf(team: Team, actor: string): string[] {
  return Object.entries(team)
    .filter(([, people]) => (people ?? []).some((p) => samePerson(p.id, actor)))
    .map(([role]) => role);
}

function raciOf(playbook: Playbook, subject: RaciSubject): { raci: RaciRow; label: string } | undefined {
  if ('step' in subject) {
    const placed = findStep(playbook, subject.step);
    return placed && { raci: placed.step.raci, label: `step ${placed.step.name}` };
  }
  const template = findHandoff(playbook, subject.handoff);
  return template && { raci: template.raci, label: `handoff ${template.name}` };
}

function subjectMissing(subject: RaciSubject): string {
  return 'step' in subject ? `step "${subject.step}" is not in the playbook` : `handoff "${subject.handoff}" is not in the playbook`;
}

/** Whether `actor` holds one of the roles with `letters` in the subject's RACI row. */
export function authorize(playbook: Playbook, team: Team, actor: string, subject: RaciSubject, letters: readonly RaciLetter[]): Authorization {
  const found = raciOf(playbook, subject);
  if (!found) return { allowed: false, reason: subjectMissing(subject) };
  return authorizeByRow(found, team, actor, letters);
}

function authorizeByRow(found: { raci: RaciRow; label: string }, team: Team, actor: string, letters: readonly RaciLetter[]): Authorization {
  const needed = [...new Set(letters.flatMap((l) => rolesWith(found.raci, l)))];
  const held = rolesOf(team, actor).filter((r) => needed.includes(r));
  if (held.length > 0) return { allowed: true, roles: held };
  const kinds = letters.map((l) => ({ R: 'Responsible', A: 'Accountable', C: 'Consulted', I: 'Informed' })[l]).join(' or ');
  return { allowed: false, reason: `${actor} is not ${kinds} for ${found.label} (needs ${needed.join(' or ')})` };
}

/** The RACI subject whose R or A may perform a user action (see `actionSteps` in the playbook). */
export function authoritySubject(playbook: Playbook, action: UserAction): RaciSubject {
  if (action.type === 'step.complete') return { step: action.step };
  if (isHandoffAction(action)) return { handoff: action.templateId };
  return { step: playbook.actionSteps[action.type as MappedActionType] };
}

export type HandoffAction = Extract<UserAction, { type: `handoff.${string}` }>;
export function isHandoffAction(action: UserAction): action is HandoffAction {
  return action.type.startsWith('handoff.');
}

/**
 * Whether the acting person may perform the action: the R or A of its step, or for handoff
 * actions the handoff's RACI: accepting or returning needs its A (the receiving side), ticking
 * an item needs the item's owner role or the A, attaching an artifact needs its R or A.
 */
export function authorizeAction(playbook: Playbook, dealTeam: Team, action: UserAction): Authorization {
  const team = teamActingAs(dealTeam, action.actor, action.partnerRoles);
  if (isHandoffAction(action)) return authorizeHandoffAction(playbook, team, action);
  const subject = authoritySubject(playbook, action);
  // A deal's recorded playbook may predate an action: it then names no step for it.
  if ('step' in subject && subject.step === undefined) return { allowed: false, reason: `playbook ${playbook.id} v${playbook.version} names no step whose R or A may ${action.type} (actionSteps)` };
  const byRaci = authorize(playbook, team, action.actor, subject, ['R', 'A']);
  if (byRaci.allowed || !isManagedAction(action.type)) return byRaci;
  const managing = escalationManagerRoles(playbook, team, action.actor);
  return managing.length > 0 ? { allowed: true, roles: managing } : { allowed: false, reason: `${byRaci.reason}${managersHint(playbook)}` };
}

/**
 * The team as the acting person sees it: the partner-wide roles they hold (the practice lead, the
 * executive sponsor) count on every deal of their partner, as if they were on its team in them.
 */
export function teamActingAs(team: Team, actor: string, partnerRoles: readonly Role[] = []): Team {
  let acting = team;
  for (const role of partnerRoles) {
    if (rolesOf(acting, actor).includes(role)) continue;
    acting = { ...acting, [role]: [...(acting[role] ?? []), { id: actor, name: actor }] };
  }
  return acting;
}

/** Deadlines and the bulk handover of a person's deals: the escalation managers may do them anywhere. */
const isManagedAction = (type: string): boolean => type.startsWith('deadline.') || type === 'team.handover';

/** The actor's roles that manage escalations; histories from before the setting carry none. */
function escalationManagerRoles(playbook: Playbook, team: Team, actor: string): string[] {
  const managers: readonly string[] = playbook.escalation.managers ?? [];
  return rolesOf(team, actor).filter((r) => managers.includes(r));
}

function managersHint(playbook: Playbook): string {
  const managers: readonly Role[] = playbook.escalation.managers ?? [];
  return managers.length > 0 ? `, nor ${managers.join(' or ')} (manages escalations)` : '';
}

export function authorizeHandoffAction(playbook: Playbook, team: Team, action: HandoffAction): Authorization {
  const template = findHandoff(playbook, action.templateId);
  return template ? authorizeOnHandoff(template, team, action) : { allowed: false, reason: subjectMissing({ handoff: action.templateId }) };
}

/** As authorizeHandoffAction, on the handoff's own template (all a handoff workflow carries). */
export function authorizeOnHandoff(template: HandoffTemplate, team: Team, action: HandoffAction): Authorization {
  const { actor } = action;
  const row = { raci: template.raci, label: `handoff ${template.name}` };
  switch (action.type) {
    case 'handoff.accept':
    case 'handoff.return':
      return authorizeByRow(row, team, actor, ['A']);
    case 'handoff.attach':
      return authorizeByRow(row, team, actor, ['R', 'A']);
    case 'handoff.tick': {
      const item = template.checklist.find((i) => i.id === action.itemId);
      if (item && rolesOf(team, actor).includes(item.owner)) return { allowed: true, roles: [item.owner] };
      return authorizeByRow(row, team, actor, ['A']);
    }
  }
}

/**
 * The action types `actor` may perform while the deal is at `currentStep`: `step.complete` when
 * they are R or A of that step, and every mapped action whose step they are R or A of.
 */
export function permittedActions(playbook: Playbook, dealTeam: Team, actor: string, currentStep: string | undefined, partnerRoles: readonly Role[] = []): UserActionType[] {
  const team = teamActingAs(dealTeam, actor, partnerRoles);
  const permitted: UserActionType[] = [];
  if (currentStep && authorize(playbook, team, actor, { step: currentStep }, ['R', 'A']).allowed) permitted.push('step.complete');
  const managesEscalations = escalationManagerRoles(playbook, team, actor).length > 0;
  for (const [type, step] of Object.entries(playbook.actionSteps)) {
    const allowed = authorize(playbook, team, actor, { step }, ['R', 'A']).allowed || (managesEscalations && isManagedAction(type));
    if (allowed) permitted.push(type as UserActionType);
  }
  return permitted;
}

/** The people behind each RACI letter of a step or handoff; empty lists for an unknown subject. */
export function stakeholders(playbook: Playbook, team: Team, subject: RaciSubject): Stakeholders {
  const raci = raciOf(playbook, subject)?.raci ?? {};
  const people = (letter: RaciLetter): Person[] => peopleInRoles(team, rolesWith(raci, letter));
  return { responsible: people('R'), accountable: people('A'), consulted: people('C'), informed: people('I') };
}

/**
 * Who receives an escalation rung. `via` says how they were found so the history can show a
 * fallback: a team without a CS Practice Lead escalates LEAD rungs to the playbook's
 * `escalation.leadContact`, or failing that to the subject's Accountable people.
 */
export interface Recipients {
  people: Person[];
  via: 'team' | 'lead-contact' | 'accountable-fallback';
}

/** Who a rung reaches on this deal, falling back along the ladder when nobody holds its roles. */
export interface RungRecipients extends Recipients {
  /** The roles nobody holds, when the rung fell back (or reached nobody). */
  missingRoles?: string[];
  /** The kind of recipient the rung fell back to. */
  fellBackTo?: RecipientKind;
}

export function rungRecipients(playbook: Playbook, team: Team, subject: RaciSubject, kind: RecipientKind): RungRecipients {
  const found = escalationRecipients(playbook, team, subject, kind);
  if (found.people.length > 0) return found;
  const raci = raciOf(playbook, subject)?.raci ?? {};
  const missingRoles = kind === 'LEAD' ? ['LEAD'] : rolesWith(raci, kind);
  for (const next of playbook.escalation.fallback ?? []) {
    if (next === kind) continue;
    const alternative = escalationRecipients(playbook, team, subject, next);
    if (alternative.people.length > 0) return { ...alternative, missingRoles, fellBackTo: next };
  }
  return { ...found, missingRoles };
}

export function escalationRecipients(playbook: Playbook, team: Team, subject: RaciSubject, kind: RecipientKind): Recipients {
  const people = stakeholders(playbook, team, subject);
  if (kind === 'R') return { people: people.responsible, via: 'team' };
  if (kind === 'A') return { people: people.accountable, via: 'team' };
  const leads = peopleInRoles(team, ['LEAD']);
  if (leads.length > 0) return { people: leads, via: 'team' };
  const contact = playbook.escalation.leadContact;
  if (contact) return { people: [contact], via: 'lead-contact' };
  return { people: people.accountable, via: 'accountable-fallback' };
}
