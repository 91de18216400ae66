import { z } from 'zod';
import { strictObject } from '../schemas/strict';
import { Role, Slug } from '../schemas/common';
import { Person } from '../schemas/team';
import { USER_ACTION_TYPES, type UserActionType } from '../schemas/actions';
import { SLA_DURATION, slaDurationMs } from './handoff-sla';
import { BusinessDaysSla } from './business-days-sla';
import { COMPLETED_STATE } from './reserved';

/**
 * Stage, step and handoff ids become statechart state keys and Mermaid node ids, so they are
 * narrower than a Slug: no dots (xstate paths) and lower-case.
 */
const Key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits or "-", starting with a letter');
const text = z.string().trim().min(1, 'must not be empty');

/** One RACI cell: "R", "A", "C", "I" or a combination such as "R/A" (the role holds both). */
export const RaciCell = z
  .string()
  .regex(/^[RACI](\/[RACI])*$/, 'must be R, A, C, I or a combination such as R/A')
  .refine((cell) => new Set(cell.split('/')).size === cell.split('/').length, 'must not repeat a letter');
export type RaciCell = z.infer<typeof RaciCell>;
export type RaciLetter = 'R' | 'A' | 'C' | 'I';

/** A RACI row: role id -> cell, the way the DOMAIN table reads. Roles left out have no part. */
export const RaciRow = z.record(z.string(), RaciCell);
export type RaciRow = z.infer<typeof RaciRow>;

/** Named, data-only predicates a step's exit requires; the lifecycle evaluates them. */
export const ExitCriterion = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('handoff-accepted'), handoff: Key }),
  strictObject({ kind: z.literal('success-plan-submitted') }),
  strictObject({ kind: z.literal('business-outcomes-confirmed') }),
  strictObject({ kind: z.literal('usage-recorded') }),
  strictObject({ kind: z.literal('expansion-booked') }),
]);
export type ExitCriterion = z.infer<typeof ExitCriterion>;

export const Step = strictObject({
  id: Key,
  name: text,
  description: z.string().optional(),
  raci: RaciRow,
  exitCriteria: z.array(ExitCriterion).default([]),
});
export type Step = z.infer<typeof Step>;

export const Stage = strictObject({
  id: Key,
  name: text,
  steps: z.array(Step).min(1, 'a stage needs at least one step'),
});
export type Stage = z.infer<typeof Stage>;

/** What starts a handoff. */
export const HandoffTrigger = z.discriminatedUnion('on', [
  /** Generic, stage progression: the handoff starts when the deal enters `step`. */
  strictObject({ on: z.literal('step-entered'), step: Key }),
  /** Specific: a health observation below either threshold, once the deal has reached `fromStep`. */
  strictObject({
    on: z.literal('health-low'),
    fromStep: Key,
    /** Health score on the 1-10 scale. */
    healthScoreBelow: z.number().min(1, 'must be on the 1-10 scale').max(10, 'must be on the 1-10 scale').optional(),
    /** Active / licensed users, 0-1. */
    utilisationBelow: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
  }).refine((t) => t.healthScoreBelow !== undefined || t.utilisationBelow !== undefined, {
    message: 'must set healthScoreBelow or utilisationBelow (or both)',
  }),
  /** Ahead of renewal: the workflow raises `renewal.due` `leadDays` before the renewal date. */
  strictObject({
    on: z.literal('renewal-due'),
    leadDays: z.number().int().positive('must be a positive whole number of days'),
    /** An early renewal review: a computed renewal risk at one of `levels`, once the deal has reached `fromStep`, starts it before its lead time. */
    earlyOnRisk: strictObject({ levels: z.array(z.enum(['High', 'Medium', 'Low'], { message: 'must be High, Medium or Low' })).min(1, 'needs at least one level'), fromStep: Key }).optional(),
  }),
]);
export type HandoffTrigger = z.infer<typeof HandoffTrigger>;

export const ChecklistItem = strictObject({ id: Key, task: text, owner: z.string() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Artifact = strictObject({ id: Key, name: text, required: z.boolean().default(true) });
export type Artifact = z.infer<typeof Artifact>;

/** DOMAIN section 3: objective, RACI, ordered plan, next steps, audience, trigger, scope, resources, success. */
export const HandoffTemplate = strictObject({
  id: Key,
  name: text,
  kind: z.enum(['stage-progression', 'triggered']),
  objective: text,
  raci: RaciRow,
  trigger: HandoffTrigger,
  /** Days the receiving side has to accept, from the moment the handoff starts. */
  slaDays: z.number().int().positive('must be a positive whole number of days').optional(),
  /**
   * Instead of slaDays: an exact duration of days and time, e.g. `PT20S` or `P1DT12H`; or business
   * days, `{ businessDays: 5 }`, counted on the partner's calendar or on the one named
   * (`calendar: <id>` of config/calendars/).
   */
  sla: z
    .union([
      z
        .string()
        .regex(SLA_DURATION, 'must be an ISO-8601 duration of days and time, e.g. P2D, PT4H or PT20S')
        .refine((s) => !SLA_DURATION.test(s) || slaDurationMs(s) !== undefined, 'must be a duration longer than zero, e.g. PT20S'),
      BusinessDaysSla,
    ])
    .optional(),
  checklist: z.array(ChecklistItem).min(1, 'a handoff needs at least one checklist item'),
  artifacts: z.array(Artifact).default([]),
  nextSteps: z.array(text).default([]),
  customerAudience: z.string().optional(),
  scope: z.string().optional(),
  successCriteria: z.array(text).min(1, 'a handoff needs at least one success criterion'),
});
export type HandoffTemplate = z.infer<typeof HandoffTemplate>;

/** Who an escalation rung goes to: the people in the R or A roles of the subject, or the practice lead. */
export const RecipientKind = z.enum(['R', 'A', 'LEAD']);
export type RecipientKind = z.infer<typeof RecipientKind>;

export const LadderRung = strictObject({
  id: Key,
  action: z.enum(['remind', 'escalate']),
  to: RecipientKind,
  /** Fraction of the window elapsed, strictly between 0 and 1. */
  atFractionOfWindow: z.number().optional(),
  /** Whole days before the deadline, at least 1 (the deadline itself is the breach). */
  daysBefore: z.number().int('must be a whole number of days').optional(),
}).refine((r) => (r.atFractionOfWindow === undefined) !== (r.daysBefore === undefined), {
  message: 'must set exactly one of atFractionOfWindow or daysBefore',
});
export type LadderRung = z.infer<typeof LadderRung>;

export const EscalationLadder = strictObject({
  rungs: z.array(LadderRung),
  /** At the deadline the breach is recorded and these recipients are escalated to. */
  breach: strictObject({ to: z.array(RecipientKind).min(1, 'a breach must go to someone') }),
  /**
   * Where a rung goes when nobody on the deal holds its roles: the first of these kinds someone
   * holds. Playbooks recorded before the setting have none.
   */
  fallback: z.array(RecipientKind).optional(),
  /** Receives LEAD rungs when a deal's team has no CS Practice Lead; else the Accountable people do. */
  leadContact: Person.optional(),
  /**
   * Roles that manage escalations (DOMAIN: the practice lead): besides the R/A of the mapped step,
   * they may extend, pause and resume any deadline.
   */
  managers: z.array(Role).default([]),
});
export type EscalationLadder = z.infer<typeof EscalationLadder>;

/**
 * Action type -> step whose Responsible/Accountable roles may perform it. `step.complete` is
 * authorised by the step being completed and `handoff.*` by the handoff template's own RACI,
 * so neither appears here.
 */
export type MappedActionType = Exclude<UserActionType, 'step.complete' | `handoff.${string}`>;
export const MAPPED_ACTION_TYPES = USER_ACTION_TYPES.filter(
  (t): t is MappedActionType => t !== 'step.complete' && !t.startsWith('handoff.'),
);
export const ActionSteps = strictObject(
  Object.fromEntries(MAPPED_ACTION_TYPES.map((t) => [t, Key])) as Record<MappedActionType, typeof Key>,
);
export type ActionSteps = z.infer<typeof ActionSteps>;

export const RoleDefinition = strictObject({ id: Role, name: text });

const PlaybookShape = strictObject({
  id: Slug,
  version: z.number().int().positive('must be a positive whole number'),
  name: text,
  description: z.string().optional(),
  roles: z.array(RoleDefinition).min(1, 'must declare at least one role'),
  /** Deals enter the lifecycle here; steps before it are optional history that may be recorded. */
  entryStep: Key,
  stages: z.array(Stage).min(1, 'must have at least one stage'),
  actionSteps: ActionSteps,
  handoffs: z.array(HandoffTemplate).default([]),
  escalation: EscalationLadder,
});

export { COMPLETED_STATE } from './reserved';

type Shape = z.infer<typeof PlaybookShape>;
type Report = (path: PropertyKey[], message: string) => void;

/** Rules across fields, each reported at the place it was broken. */
function checkConsistency(pb: Shape, report: Report): void {
  const roleIds = new Set<string>();
  pb.roles.forEach((r, i) => {
    if (roleIds.has(r.id)) report(['roles', i, 'id'], `duplicate role "${r.id}"`);
    roleIds.add(r.id);
  });
  const known = [...roleIds].join(', ');
  const checkRole = (path: PropertyKey[], role: string): void => {
    if (!roleIds.has(role)) report(path, `unknown role "${role}" (declared roles: ${known})`);
  };
  const checkRaci = (path: PropertyKey[], raci: RaciRow, what: string): void => {
    const cells = Object.entries(raci);
    for (const [role] of cells) checkRole([...path, role], role);
    for (const letter of ['R', 'A'] as const) {
      if (!cells.some(([, cell]) => cell.split('/').includes(letter))) {
        report(path, `${what} has no ${letter === 'R' ? 'Responsible (R)' : 'Accountable (A)'} role`);
      }
    }
  };

  const stageIds = new Set<string>();
  const stepIds = new Set<string>();
  pb.stages.forEach((stage, si) => {
    if (stage.id === COMPLETED_STATE) report(['stages', si, 'id'], `stage id "${COMPLETED_STATE}" is reserved for the end of the lifecycle`);
    if (stageIds.has(stage.id)) report(['stages', si, 'id'], `duplicate stage id "${stage.id}"`);
    stageIds.add(stage.id);
    stage.steps.forEach((step, ti) => {
      const at = ['stages', si, 'steps', ti];
      if (stepIds.has(step.id)) report([...at, 'id'], `duplicate step id "${step.id}"`);
      stepIds.add(step.id);
      checkRaci([...at, 'raci'], step.raci, `step "${step.id}"`);
    });
  });
  const checkStep = (path: PropertyKey[], step: string, what: string): void => {
    if (!stepIds.has(step)) report(path, `${what} names step "${step}", which is not in any stage`);
  };

  checkStep(['entryStep'], pb.entryStep, 'entryStep');
  for (const [action, step] of Object.entries(pb.actionSteps)) {
    checkStep(['actionSteps', action], step, `action "${action}"`);
  }

  const handoffIds = new Set<string>();
  pb.handoffs.forEach((h, hi) => {
    const at = ['handoffs', hi];
    if (handoffIds.has(h.id)) report([...at, 'id'], `duplicate handoff id "${h.id}"`);
    handoffIds.add(h.id);
    checkRaci([...at, 'raci'], h.raci, `handoff "${h.id}"`);
    if ((h.slaDays === undefined) === (h.sla === undefined)) report(at, `handoff "${h.id}" must set exactly one of slaDays or sla`);
    if (h.trigger.on === 'step-entered') checkStep([...at, 'trigger', 'step'], h.trigger.step, `handoff "${h.id}" trigger`);
    if (h.trigger.on === 'health-low') checkStep([...at, 'trigger', 'fromStep'], h.trigger.fromStep, `handoff "${h.id}" trigger`);
    if (h.trigger.on === 'renewal-due' && h.trigger.earlyOnRisk) checkStep([...at, 'trigger', 'earlyOnRisk', 'fromStep'], h.trigger.earlyOnRisk.fromStep, `handoff "${h.id}" trigger`);
    const itemIds = new Set<string>();
    h.checklist.forEach((item, ii) => {
      if (itemIds.has(item.id)) report([...at, 'checklist', ii, 'id'], `duplicate checklist item "${item.id}"`);
      itemIds.add(item.id);
      checkRole([...at, 'checklist', ii, 'owner'], item.owner);
    });
    const artifactIds = new Set<string>();
    h.artifacts.forEach((a, ai) => {
      if (artifactIds.has(a.id)) report([...at, 'artifacts', ai, 'id'], `duplicate artifact "${a.id}"`);
      artifactIds.add(a.id);
    });
  });

  pb.stages.forEach((stage, si) =>
    stage.steps.forEach((step, ti) =>
      step.exitCriteria.forEach((c, ci) => {
        if (c.kind === 'handoff-accepted' && !handoffIds.has(c.handoff)) {
          report(['stages', si, 'steps', ti, 'exitCriteria', ci, 'handoff'], `step "${step.id}" waits for handoff "${c.handoff}", which is not defined`);
        }
      }),
    ),
  );

  const rungIds = new Set<string>();
  pb.escalation.rungs.forEach((rung, ri) => {
    const at = ['escalation', 'rungs', ri];
    if (rungIds.has(rung.id)) report([...at, 'id'], `duplicate rung id "${rung.id}"`);
    rungIds.add(rung.id);
    if (rung.daysBefore !== undefined && rung.daysBefore < 1) {
      report([...at, 'daysBefore'], `rung "${rung.id}" falls at or after the deadline (daysBefore must be at least 1; the deadline itself is the breach)`);
    }
    if (rung.atFractionOfWindow !== undefined && (rung.atFractionOfWindow <= 0 || rung.atFractionOfWindow >= 1)) {
      report([...at, 'atFractionOfWindow'], `rung "${rung.id}" must fall inside the window (fraction strictly between 0 and 1)`);
    }
  });
  const needsLead = pb.escalation.rungs.some((r) => r.to === 'LEAD') || pb.escalation.breach.to.includes('LEAD');
  if (needsLead && !roleIds.has('LEAD')) report(['escalation'], 'the ladder escalates to LEAD but LEAD is not a declared role');
  pb.escalation.managers.forEach((role, i) => {
    if (!roleIds.has(role)) report(['escalation', 'managers', i], `unknown role "${role}": not among the playbook's roles`);
  });
}

/** The playbook: a partner's lifecycle, RACI, handoffs and escalation rules (DOMAIN sections 2-3). */
export const Playbook = PlaybookShape.superRefine(
  (pb, ctx) => checkConsistency(pb, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
  // Cross-references are only meaningful (and only safe to walk) once the shape is right.
  { when: (payload) => payload.issues.length === 0 },
);
export type Playbook = z.infer<typeof Playbook>;
export type PlaybookInput = z.input<typeof Playbook>;
