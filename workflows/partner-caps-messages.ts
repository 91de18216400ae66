import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * The partner cap entity's messages and identity, importable by clients and activities without
 * the workflow code. One entity per partner and fiscal year counts Adopt registrations per
 * architecture x fiscal quarter x agreement type.
 */

/** A deal's request for a slot; `limit` comes from the program's cap rule, null when uncapped. */
export interface SlotRequest {
  partnerId: string;
  architecture: string;
  /** `FY2021 Q3` (the calendar's label) or `FY2021-Q3` (the spelling in cap keys). */
  fiscalQuarter: string;
  enterpriseAgreement: boolean;
  dealId: string;
  milestone: string;
  limit: number | null;
}

export interface SlotDecision {
  granted: boolean;
  /** Why the slot was refused. */
  reason?: string;
  /** Slots taken against the limit in the request's counter, this one included when granted. */
  used: number;
  limit: number | null;
}

/** One counter: a partner's adoptions in one architecture, fiscal quarter and agreement type. */
export interface CounterUsage {
  architecture: string;
  fiscalQuarter: string;
  enterpriseAgreement: boolean;
  /** Granted slots that count against a limit. */
  used: number;
  /** Granted registrations that were uncapped (e.g. an advanced partner): recorded, not counted. */
  uncapped: number;
  refused: number;
  /** The limit of the latest capped request, null when only uncapped requests were seen. */
  limit: number | null;
}

export interface PartnerCapsUsage {
  partnerId: string;
  fiscalYear: number;
  counters: CounterUsage[];
  /** Distinct (deal, milestone) requests recorded across every run of the entity. */
  reservations: number;
}

export const reserveSlotUpdate = defineUpdate<SlotDecision, [SlotRequest]>('caps.reserve');
export const capsUsageQuery = defineQuery<PartnerCapsUsage>('caps.usage');

/** The entity's workflow type name, as registered by the worker. */
export const PARTNER_CAPS_WORKFLOW_TYPE = 'partnerCapsWorkflow';

export function partnerCapsWorkflowId(partnerId: string, fiscalYear: number): string {
  return `caps:${partnerId}:FY${fiscalYear}`;
}

/** `FY2021 Q3` or `FY2021-Q3` as its fiscal year and canonical label; undefined when malformed. */
export function parseFiscalQuarter(text: string): { fiscalYear: number; label: string } | undefined {
  const match = /^FY(\d{4})[ -]Q([1-4])$/.exec(text);
  if (!match) return undefined;
  return { fiscalYear: Number(match[1]), label: `FY${match[1]} Q${match[2]}` };
}
