import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { USER_ACTION_TYPES } from '../../src/domain/schemas/actions';
import type { ScriptStep } from '../../src/simulation/script';
import { intersightEvidence, outcomesReport, people, successPlan } from './fixtures/journeys';
import { journeyEnvironment, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

const t = { templateId: 'sales-to-cs' };
/**
 * Every user action, each by a team member who is neither Responsible nor Accountable for it
 * (the playbook's RACI), or by someone outside the team.
 */
const attempts: ScriptStep[] = [
  { at: 'P1D', action: 'step.complete', actor: people.csm, step: 'purchase' },
  { at: 'P1D', action: 'handoff.tick', actor: people.css, ...t, itemId: 'gather-contract' },
  { at: 'P1D', action: 'handoff.attach', actor: people.css, ...t, artifactId: 'contract-data', reference: 'crm://x' },
  { at: 'P1D', action: 'handoff.accept', actor: people.css, ...t },
  { at: 'P1D', action: 'handoff.return', actor: people.outsider, ...t, reason: 'no' },
  { at: 'P1D', action: 'successPlan.submit', actor: people.arch, plan: successPlan },
  { at: 'P1D', action: 'successPlan.revise', actor: people.arch, plan: successPlan },
  { at: 'P1D', action: 'outcomes.record', actor: people.arch, reportId: 'outcomes-1', report: outcomesReport },
  { at: 'P1D', action: 'usage.record', actor: people.arch, evidence: intersightEvidence },
  { at: 'P1D', action: 'expansion.book', actor: people.csm, orderRef: 'SO-1', bookedOn: '2021-01-16', lineItems: [{ sku: 'X', netValueUsd: 1000 }] },
  { at: 'P1D', action: 'attestation.record', actor: people.csm, attestation: 'value-added-selling', evidence: { reference: 'crm://vas' } },
  { at: 'P1D', action: 'owner.reassign', actor: people.csm, role: 'CSM', from: people.csm, to: { id: people.newCsm, name: 'Nora Kim' } },
  { at: 'P1D', action: 'deadline.extend', actor: people.csm, deadlineId: 'adopt-success-plan', days: 30, reason: 'more time' },
  { at: 'P1D', action: 'deadline.pause', actor: people.outsider, deadlineId: 'adopt-success-plan', reason: 'holidays' },
  { at: 'P1D', action: 'deadline.resume', actor: people.csm, deadlineId: 'adopt-success-plan', reason: 'back' },
  { at: 'P1D', action: 'booking.amend', actor: people.csm, bookedOn: '2021-01-15', reason: 'typo' },
  { at: 'P1D', action: 'evidence.retract', actor: people.arch, fact: { kind: 'usage', id: intersightEvidence.id }, reason: 'wrong tenant' },
  { at: 'P1D', action: 'claim.withdraw', actor: people.csm, claimId: 'clm-any', reason: 'filed twice' },
  { at: 'P1D', action: 'deal.close', actor: people.csm, outcome: 'lost', reason: 'competitor' },
  { at: 'P1D', action: 'team.add', actor: people.csm, role: 'RM', person: { id: people.newCsm, name: 'Nora Kim' }, reason: 'renewal' },
  { at: 'P1D', action: 'team.remove', actor: people.css, role: 'CSM', personId: people.csm, reason: 'moved' },
  { at: 'P1D', action: 'team.handover', actor: people.outsider, from: people.csm, to: { id: people.newCsm, name: 'Nora Kim' }, reason: 'leaving' },
];

it('refuses every user action from someone without the R or A role, records why, and changes nothing else', async () => {
  expect(new Set(attempts.map((a) => a.action))).toEqual(new Set(USER_ACTION_TYPES));
  const untouched = await walk(env, 'untouched', [], { horizon: 'P2D' });
  const refused = await walk(env, 'refused', attempts, { horizon: 'P2D' });

  expect(refused.steps.map((s) => [s.action, s.outcome])).toEqual(attempts.map((a) => [a.action, 'refused']));
  for (const s of refused.steps) expect(s.reason).toMatch(/is not (Responsible or Accountable|Accountable)/);

  const refusals = refused.view.timeline.filter((e) => e.type === 'action.refused');
  expect(refusals.map((e) => [e.action, e.actor, e.at.slice(0, 10)])).toEqual(attempts.map((a) => [a.action, a.actor, '2021-01-16']));
  expect(refusals.map((e) => e.reason)).toEqual(refused.steps.map((s) => s.reason));

  const strip = (view: typeof refused.view) => ({
    position: view.position,
    team: view.team,
    openHandoffs: view.openHandoffs.map((h) => ({ ...h, workflowId: undefined })),
    // Time left is counted from the deal's last activity, which the refusals moved.
    deadlines: view.deadlines.map((d) => ({ ...d, timeLeftMs: undefined })),
    claims: view.claims,
    timeline: view.timeline.filter((e) => e.type !== 'action.refused').map((e) => ({ ...e, dealId: undefined, workflowId: undefined })),
    checklists: view.handoffDetails.map((h) => ({ ...h, dealId: undefined })),
  });
  expect(strip(refused.view)).toEqual(strip(untouched.view));
});

it('refuses an illegal action with the statechart reason, and reports a malformed one', async () => {
  const result = await walk(
    env,
    'illegal',
    [
      { at: 'P1D', action: 'step.complete', actor: people.am, step: 'onboard' },
      { at: 'P1D', action: 'successPlan.revise', actor: people.csm, plan: successPlan },
      { at: 'P1D', action: 'successPlan.submit', actor: people.csm, plan: { productsSold: [] } },
    ],
    { horizon: 'P2D' },
  );
  expect(result.steps.map((s) => [s.outcome, s.reason?.split('\n')[0]])).toEqual([
    ['refused', 'Onboard cannot complete yet: the deal is at Purchase'],
    ['refused', 'there is no success plan to revise: send successPlan.submit first'],
    ['invalid', 'plan.productsSold: must list at least one product sold'],
  ]);
  expect(result.view.timeline.filter((e) => e.type === 'action.refused').map((e) => e.action)).toEqual(['step.complete', 'successPlan.revise', 'successPlan.submit']);
});
