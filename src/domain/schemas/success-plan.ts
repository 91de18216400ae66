import { z } from 'zod';
import { FreeText, IsoDate, List, Name, RequiredText } from './common';
import { strictObject } from './strict';

const text = RequiredText();

/** SMART: each letter is a short statement so a reviewer can see the KPI was thought through. */
export const SmartCriteria = strictObject({
  specific: text,
  measurable: text,
  achievable: text,
  relevant: text,
  timeBound: IsoDate.describe('date by which the target state is reached'),
});
export type SmartCriteria = z.infer<typeof SmartCriteria>;

export const Kpi = strictObject({
  name: Name,
  initialState: text,
  targetState: text,
  /** How the KPI is measured (data source, formula, cadence). */
  measurement: text,
  smart: SmartCriteria.optional(),
});
export type Kpi = z.infer<typeof Kpi>;

export const Initiative = strictObject({
  name: Name,
  kpis: List(Kpi).min(1, 'an initiative needs at least one KPI'),
});
export type Initiative = z.infer<typeof Initiative>;

/** DOMAIN section 4: business outcome -> initiatives -> KPIs per initiative. */
export const BusinessOutcome = strictObject({
  name: Name,
  description: FreeText.optional(),
  initiatives: List(Initiative).min(1, 'a business outcome needs at least one initiative'),
});
export type BusinessOutcome = z.infer<typeof BusinessOutcome>;

export const Stakeholder = strictObject({
  name: Name,
  title: Name.optional(),
  email: z.email('must be an e-mail address').max(254).optional(),
  /** Role in the customer's organisation for this plan (sponsor, champion, end-user lead...). */
  role: text,
});

export const UseCase = strictObject({
  name: Name,
  personas: List(text).min(1, 'a use case needs at least one persona'),
});

export const AdoptionBarrier = strictObject({
  description: text,
  kind: z.enum(['business', 'technical']),
  resolved: z.boolean().default(false),
});

export const AdoptionPlan = strictObject({
  strategy: text,
  milestones: List(strictObject({ name: Name, due: IsoDate })).default([]),
});

export const Communication = strictObject({
  activity: text,
  kind: z.enum(['communication', 'training']),
  audience: FreeText.optional(),
  startsOn: IsoDate,
  endsOn: IsoDate.optional(),
});

export const MeasurementResult = strictObject({
  kpi: Name,
  measuredOn: IsoDate,
  value: text,
});

/**
 * Customer success plan (DOMAIN section 4). The Adopt incentive requires products sold,
 * outcomes, KPIs (inside the outcomes) and the adoption plan; the rest is the living document
 * the CSM fills in over time.
 */
export const SuccessPlan = strictObject({
  productsSold: List(text).min(1, 'must list at least one product sold'),
  outcomes: List(BusinessOutcome).min(1, 'must state at least one business outcome'),
  adoptionPlan: AdoptionPlan,
  stakeholders: List(Stakeholder).default([]),
  useCases: List(UseCase).default([]),
  adoptionBarriers: List(AdoptionBarrier).default([]),
  changeManagement: List(text).default([]),
  communications: List(Communication).default([]),
  measurementResults: List(MeasurementResult).default([]),
});
export type SuccessPlan = z.infer<typeof SuccessPlan>;
export type SuccessPlanInput = z.input<typeof SuccessPlan>;
