import type { NotificationRequest } from '../../activities/notify';
import type { BusinessCalendar } from '../../src/domain/business-days';
import type { Lifecycle } from '../../src/domain/lifecycle';
import type { EscalationLadder, Playbook } from '../../src/domain/playbook/schema';
import type { UserAction } from '../../src/domain/schemas/actions';
import type { Deal } from '../../src/domain/schemas/deal';
import type { Partner } from '../../src/domain/schemas/partner';
import type { Program } from '../../src/incentives/program-schema';
import type { DealMemory, OpenHandoff } from '../deal-state';
import type { BusinessClock } from './clock';

/** The user actions the deal answers itself; handoff actions go to the handoff's workflow. */
export type DealUserAction = Exclude<UserAction, { type: `handoff.${string}` }>;

/** Side effects the pure parts ask for; the deal's loop performs them in order. */
export type Work =
  | { kind: 'notify'; requests: NotificationRequest[] }
  | { kind: 'start-handoff'; handoff: OpenHandoff; dueAt: number }
  | { kind: 'team-changed' }
  | { kind: 'claims' }
  | { kind: 'withdraw-claim'; claimId: string; reason: string; by: string }
  | { kind: 'close-handoffs'; workflowIds: string[]; reason: string; by: string };

/**
 * Which rules this run follows: each is decided once when the run starts (by `patched()` in the
 * workflow body), so a run recorded before a rule existed keeps its old behaviour on replay.
 */
export interface DealRules {
  /**
   * The run started under one marker for every rule (`rules-2026-12`, or `rules-2026-12b` which
   * adds `claimsBesideAtStart`): the rules below are all true, and so are the patches `perform`
   * decides at first use, without a marker each.
   */
  allRulesAtStart: boolean;
  /** Facts are judged by identity and dated by the day received (money integrity). */
  factsByIdentity: boolean;
  /** A rung whose roles nobody holds on the deal goes to the ladder's fallback. */
  rungFallback: boolean;
  /** The deal keeps its row in the read model (PostgreSQL) current. */
  readModel: boolean;
  /** It hands its rows to the worker's read-model sink, not to a local activity (`rules-2026-12c`). */
  readModelBySink: boolean;
  /** Rungs already due fire before a handoff's answer is applied, so none is lost to an early accept. */
  ladderBeforeAnswers: boolean;
  /** A deal booked in the past announces nothing due before it entered, and takes its imported history. */
  pastAsOfBooking: boolean;
  /** An SLA given in business days counts them on the partner's calendar, and so do its rungs. */
  businessCalendars: boolean;
  /** A handoff's workflow is started with its own template, not the whole playbook. */
  handoffTemplateOnly: boolean;
  /**
   * Claims are settled beside the loop from the first one (marker `rules-2026-12b`); a run without
   * it decides at each piece of claim work (`perform.ts`), so running deals move over too.
   */
  claimsBesideAtStart: boolean;
  /**
   * A handoff's workflow is started beside the loop (marker `rules-2026-12d`): its assignment mail
   * and the deal's timer go out in the same workflow task as the start.
   */
  handoffStartsBeside: boolean;
}

/**
 * Everything one deal's workflow works with, shared by its modules: what the deal runs under
 * (fixed at registration), what it knows (`memory`, carried across continue-as-new), the work
 * it has queued, and its business clock.
 */
export interface DealContext {
  readonly workflowId: string;
  /** The booking, as amended when a correction amended it (kept in `memory.booking`). */
  deal: Deal;
  readonly partner: Partner;
  readonly playbook: Playbook;
  readonly program: Program;
  /** The partner's business calendar first, then those the playbook names. */
  readonly calendars: readonly BusinessCalendar[];
  readonly lifecycle: Lifecycle;
  readonly ladder: EscalationLadder;
  readonly rules: DealRules;
  readonly memory: DealMemory;
  readonly clock: BusinessClock;
  /** Side effects waiting for the loop, in the order they were asked for. */
  readonly work: Work[];
  /** Set when state changed so that the loop re-evaluates before it waits again. */
  changed: boolean;
  readonly log: (message: string, attributes: Record<string, unknown>) => void;
}
