import type { IsoDate } from '../../domain/schemas/common';
import type { LineItem } from '../../domain/schemas/deal';
import type { UsageEvidence } from '../../domain/schemas/evidence';
import type { CustomerConfirmation } from '../../domain/schemas/outcomes';
import type { DealFacts } from '../facts-schema';

/**
 * A fact arriving on a deal, as the everyday actions deliver it, with its identity. The day it
 * is received is never part of it: `recordFact` stamps the deal's own today.
 */
export type NewFact =
  /** Version 1 is the submission that earns; later versions are revisions. */
  | { kind: 'success-plan'; version: number; submittedOn?: IsoDate; reference?: string }
  | { kind: 'business-outcomes'; reportId: string; reportedOn?: IsoDate; confirmation?: CustomerConfirmation }
  /** Identified by `evidence.id`; `evidence.observedOn` is the claimed reading day. */
  | { kind: 'usage'; evidence: UsageEvidence }
  | { kind: 'expansion'; orderRef: string; bookedOn: IsoDate; lineItems: LineItem[]; reference?: string }
  /** `id` is the attestation's kind, e.g. `value-added-selling`: one per deal. */
  | { kind: 'attestation'; id: string; by: string; evidence: { reference: string; description?: string } };

/** The deal's side of the judgement: claimed dates must fall from its booking to its today. */
export interface FactClock {
  bookedOn: IsoDate;
  /** The deal's business day (the workflow's clock), stamped as `receivedOn`. */
  today: IsoDate;
}

export type RecordOutcome =
  | { outcome: 'recorded'; facts: DealFacts; message: string }
  /** The same fact again: nothing changes. */
  | { outcome: 'duplicate'; message: string }
  /** A different fact under an identity already recorded: refused, both named. */
  | { outcome: 'conflict'; message: string }
  /** A claimed date outside the deal's booking..today, or a value no fact may have. */
  | { outcome: 'refused'; message: string };
