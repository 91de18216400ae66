import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { DEFAULT_PLAYBOOK_PATH } from '../../../src/config/playbook-files';
import { parsePlaybook } from '../../../src/domain/playbook/parse';
import type { Playbook, PlaybookInput } from '../../../src/domain/playbook/schema';
import type { Team } from '../../../src/domain/schemas/team';
import type { UserAction } from '../../../src/domain/schemas/actions';
import type { BusinessOutcomesReport } from '../../../src/domain/schemas/outcomes';
import type { SuccessPlan } from '../../../src/domain/schemas/success-plan';

/** The shipped default playbook as raw YAML data, for tests that edit it before parsing. */
export function defaultPlaybookInput(): PlaybookInput {
  return parseYaml(readFileSync(DEFAULT_PLAYBOOK_PATH, 'utf8')) as PlaybookInput;
}

export const playbook: Playbook = parsePlaybook(defaultPlaybookInput());

export const person = (role: string) => ({ id: `${role.toLowerCase()}@partner.example`, name: `${role} person` });

/** One person per role, each holding only that role. */
export const fullTeam: Team = {
  AM: [person('AM')],
  ARCH: [person('ARCH')],
  ENG: [person('ENG')],
  DEL: [person('DEL')],
  PM: [person('PM')],
  CSM: [person('CSM')],
  CSS: [person('CSS')],
  RM: [person('RM')],
  LEAD: [person('LEAD')],
  EXEC: [person('EXEC')],
};

export const plan: SuccessPlan = {
  productsSold: ['Webex Suite'],
  outcomes: [{ name: 'Cut travel cost', initiatives: [{ name: 'Remote meetings', kpis: [{ name: 'Trips per month', initialState: '40', targetState: '10', measurement: 'Expense reports' }] }] }],
  adoptionPlan: { strategy: 'Pilot two offices, then all branches', milestones: [] },
  stakeholders: [],
  useCases: [],
  adoptionBarriers: [],
  changeManagement: [],
  communications: [],
  measurementResults: [],
};

export const report: BusinessOutcomesReport = {
  results: [{ kpi: 'Trips per month', initialState: '40', achievedState: '12', measuredOn: '2026-09-30' }],
  confirmation: { kind: 'email', from: 'cio@customer.example', messageId: '<abc@customer.example>', receivedOn: '2026-10-02' },
};

/** A valid payload for each user action type, acted by `actor`. */
export function userAction(type: UserAction['type'], actor: string, step = 'purchase'): UserAction {
  switch (type) {
    case 'step.complete':
      return { type, actor, step };
    case 'handoff.accept':
      return { type, actor, templateId: 'sales-to-cs' };
    case 'handoff.return':
      return { type, actor, templateId: 'sales-to-cs', reason: 'contract data missing' };
    case 'handoff.tick':
      return { type, actor, templateId: 'sales-to-cs', itemId: 'notify-cs' };
    case 'handoff.attach':
      return { type, actor, templateId: 'sales-to-cs', artifactId: 'contract-data', reference: 'crm://42' };
    case 'successPlan.submit':
    case 'successPlan.revise':
      return { type, actor, plan };
    case 'outcomes.record':
      return { type, actor, reportId: 'outcomes-1', report };
    case 'usage.record':
      return { type, actor, evidence: { id: 'ev-1', useCase: 'webex', observedOn: '2026-05-01', source: 'telemetry', metrics: { licensedUsers: 85, activeUsers: 72 } } };
    case 'expansion.book':
      return { type, actor, orderRef: 'SO-2027-0042', bookedOn: '2027-02-01', lineItems: [{ sku: 'WX-ALL', quantity: 1, netValueUsd: 120000, software: true }] };
    case 'attestation.record':
      return { type, actor, attestation: 'value-added-selling', evidence: { reference: 'crm://opportunity/42/vas' } };
    case 'owner.reassign':
      return { type, actor, role: 'CSM', from: person('CSM').id, to: { id: 'new-csm@partner.example', name: 'New CSM' } };
    case 'deadline.extend':
      return { type, actor, deadlineId: 'sales-to-cs-sla', days: 7, reason: 'customer on holiday' };
    case 'deadline.pause':
    case 'deadline.resume':
      return { type, actor, deadlineId: 'sales-to-cs-sla', reason: 'customer on holiday' };
    case 'booking.amend':
      return { type, actor, bookedOn: '2026-01-20', reason: 'the order was signed later than entered' };
    case 'evidence.retract':
      return { type, actor, fact: { kind: 'usage', id: 'ev-1' }, reason: 'reading from the wrong tenant' };
    case 'claim.withdraw':
      return { type, actor, claimId: 'clm-1', reason: 'filed twice by mistake' };
    case 'deal.close':
      return { type, actor, outcome: 'cancelled', reason: 'customer cancelled the order' };
    case 'team.add':
      return { type, actor, role: 'RM', person: { id: 'rm@partner.example', name: 'Renewals Manager' }, reason: 'renewal coming up' };
    case 'team.remove':
      return { type, actor, role: 'CSS', personId: person('CSS').id, reason: 'moved to another account' };
    case 'team.handover':
      return { type, actor, from: person('CSM').id, to: { id: 'new-csm@partner.example', name: 'New CSM' }, reason: 'leaving the company' };
  }
}
