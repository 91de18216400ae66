import { describe, expect, it } from 'vitest';
import { authorizeAction, escalationRecipients, peopleInRoles, permittedActions, stakeholders, teamActingAs } from '../../../src/domain/raci';
import type { Playbook } from '../../../src/domain/playbook/schema';
import type { Team } from '../../../src/domain/schemas/team';
import { fullTeam, person, playbook, userAction } from './support';

const id = (role: string) => person(role).id;
const { LEAD: _lead, ...teamWithoutLead } = fullTeam;

describe('authorising actions', () => {
  it('lets the R or A of the mapped step act, and says who is needed otherwise', () => {
    expect(authorizeAction(playbook, fullTeam, userAction('usage.record', id('CSS')))).toEqual({ allowed: true, roles: ['CSS'] });
    expect(authorizeAction(playbook, fullTeam, userAction('usage.record', id('ENG')))).toEqual({
      allowed: false,
      reason: 'eng@partner.example is not Responsible or Accountable for step Use (needs CSM or CSS or AM)',
    });
  });

  it('lets the practice lead, who manages escalations, move any deadline and hand a person\'s deals over, but nothing else', () => {
    for (const type of ['deadline.extend', 'deadline.pause', 'deadline.resume', 'team.handover'] as const) {
      expect(authorizeAction(playbook, fullTeam, userAction(type, id('LEAD')))).toEqual({ allowed: true, roles: ['LEAD'] });
    }
    expect(authorizeAction(playbook, fullTeam, userAction('deadline.extend', id('CSS')))).toEqual({
      allowed: false,
      reason: 'css@partner.example is not Responsible or Accountable for step Purchase (needs AM), nor LEAD (manages escalations)',
    });
    expect(authorizeAction(playbook, fullTeam, userAction('owner.reassign', id('LEAD'))).allowed).toBe(false);
    expect(authorizeAction(playbook, fullTeam, userAction('team.add', id('LEAD'))).allowed).toBe(false);
    expect(permittedActions(playbook, fullTeam, id('LEAD'), 'purchase')).toEqual(['deadline.extend', 'deadline.pause', 'deadline.resume', 'team.handover']);
  });

  it('lets a partner-wide practice lead act as LEAD on a deal whose team does not name them, and nobody else by saying so', () => {
    const outsider = 'lead.elsewhere@partner.example';
    const extend = { ...userAction('deadline.extend', outsider) };
    expect(authorizeAction(playbook, teamWithoutLead, extend).allowed).toBe(false);
    expect(authorizeAction(playbook, teamWithoutLead, { ...extend, partnerRoles: ['LEAD'] })).toEqual({ allowed: true, roles: ['LEAD'] });
    // The executive sponsor has no authority over deadlines in this playbook, partner-wide or not.
    expect(authorizeAction(playbook, teamWithoutLead, { ...extend, partnerRoles: ['EXEC'] }).allowed).toBe(false);
    expect(teamActingAs(teamWithoutLead, outsider, ['LEAD']).LEAD).toEqual([{ id: outsider, name: outsider }]);
    expect(teamActingAs(fullTeam, id('LEAD'), ['LEAD'])).toBe(fullTeam);
    expect(permittedActions(playbook, teamWithoutLead, outsider, 'purchase', ['LEAD'])).toEqual(['deadline.extend', 'deadline.pause', 'deadline.resume', 'team.handover']);
  });

  it('accepts both accountable roles of Onboard', () => {
    expect(authorizeAction(playbook, fullTeam, userAction('step.complete', id('DEL'), 'onboard')).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, userAction('step.complete', id('AM'), 'onboard')).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, userAction('step.complete', id('ARCH'), 'onboard')).allowed).toBe(false);
  });

  it('matches people by e-mail case-insensitively and counts every role a person holds', () => {
    const team: Team = { AM: [{ id: 'Pat@Partner.Example', name: 'Pat' }], CSM: [{ id: 'pat@partner.example', name: 'Pat' }] };
    expect(authorizeAction(playbook, team, userAction('successPlan.submit', 'pat@partner.example'))).toEqual({ allowed: true, roles: ['AM', 'CSM'] });
  });

  it('handoff actions follow the handoff RACI: A accepts, item owners tick, R or A attach', () => {
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.accept', id('CSM'))).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.accept', id('CSS')))).toEqual({
      allowed: false,
      reason: 'css@partner.example is not Accountable for handoff Sales to Customer Success transfer (needs AM or CSM)',
    });
    // notify-cs is owned by AM; CSM is an A of the handoff, CSS only informed.
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.tick', id('AM'))).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.tick', id('CSM'))).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.tick', id('CSS'))).allowed).toBe(false);
    expect(authorizeAction(playbook, fullTeam, userAction('handoff.attach', id('AM'))).allowed).toBe(true);
    expect(authorizeAction(playbook, fullTeam, { ...userAction('handoff.attach', id('AM')), templateId: 'nope' } as never)).toEqual({
      allowed: false,
      reason: 'handoff "nope" is not in the playbook',
    });
  });
});

describe('a playbook recorded before an action existed', () => {
  it('refuses the action, naming the playbook and its missing actionSteps entry', () => {
    const { 'deal.close': _missing, ...actionSteps } = playbook.actionSteps;
    const older = { ...playbook, actionSteps } as Playbook;
    expect(authorizeAction(older, fullTeam, userAction('deal.close', id('AM')))).toEqual({
      allowed: false,
      reason: `playbook ${playbook.id} v${playbook.version} names no step whose R or A may deal.close (actionSteps)`,
    });
  });
});

describe('permitted actions now', () => {
  it('lists what each person may do at the current step', () => {
    expect(permittedActions(playbook, fullTeam, id('AM'), 'purchase')).toEqual([
      'step.complete', 'successPlan.submit', 'successPlan.revise', 'outcomes.record', 'usage.record', 'expansion.book', 'attestation.record', 'owner.reassign', 'deadline.extend', 'deadline.pause', 'deadline.resume',
      'booking.amend', 'evidence.retract', 'claim.withdraw', 'deal.close', 'team.add', 'team.remove', 'team.handover',
    ]);
    expect(permittedActions(playbook, fullTeam, id('RM'), 'purchase')).toEqual(['expansion.book']);
    expect(permittedActions(playbook, fullTeam, id('RM'), 'renew')).toEqual(['step.complete', 'expansion.book']);
    expect(permittedActions(playbook, fullTeam, id('EXEC'), 'renew')).toEqual([]);
  });
});

describe('stakeholders', () => {
  it('resolves the RACI of a step and of a handoff to people', () => {
    expect(stakeholders(playbook, fullTeam, { step: 'purchase' })).toEqual({
      responsible: [person('AM')],
      accountable: [person('AM')],
      consulted: [],
      informed: [person('ARCH'), person('ENG'), person('CSM'), person('CSS'), person('RM')],
    });
    expect(stakeholders(playbook, fullTeam, { handoff: 'csm-to-css' })).toEqual({
      responsible: [person('CSS')],
      accountable: [person('CSM')],
      consulted: [person('AM')],
      informed: [person('EXEC')],
    });
  });

  it('lists a person holding two roles once', () => {
    const twice = { id: 'x@p.example', name: 'X' };
    expect(peopleInRoles({ CSM: [twice], CSS: [twice] }, ['CSM', 'CSS'])).toEqual([twice]);
  });
});

describe('escalation recipients', () => {
  it('sends R, A and LEAD rungs to those people', () => {
    expect(escalationRecipients(playbook, fullTeam, { step: 'onboard' }, 'R')).toEqual({ people: [person('CSM'), person('CSS')], via: 'team' });
    expect(escalationRecipients(playbook, fullTeam, { step: 'onboard' }, 'A')).toEqual({ people: [person('AM'), person('DEL')], via: 'team' });
    expect(escalationRecipients(playbook, fullTeam, { step: 'onboard' }, 'LEAD')).toEqual({ people: [person('LEAD')], via: 'team' });
  });

  it('without a practice lead: the playbook lead contact, else the Accountable people', () => {
    expect(escalationRecipients(playbook, teamWithoutLead, { handoff: 'sales-to-cs' }, 'LEAD')).toEqual({ people: [person('AM'), person('CSM')], via: 'accountable-fallback' });
    const contact = { id: 'cs-lead@partner.example', name: 'CS lead' };
    const withContact: Playbook = { ...playbook, escalation: { ...playbook.escalation, leadContact: contact } };
    expect(escalationRecipients(withContact, teamWithoutLead, { handoff: 'sales-to-cs' }, 'LEAD')).toEqual({ people: [contact], via: 'lead-contact' });
  });
});
