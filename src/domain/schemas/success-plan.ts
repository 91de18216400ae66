import { z } from 'zod';
import { IsoDate } from './common';

const text = z.string().trim().min(1, 'must not be empty');

/** SMART: each letter is a short statement so a reviewer can see the KPI was thought through. */
export const SmartCriteria = z.object({
  specific: text,
  measurable: text,
  achievable: text,
  relevant: text,
  timeBound: IsoDate.describe('date by which the target state is reached'),
});
export type SmartCriteria = z.infer<typeof SmartCriteria>;

export const Kpi = z.object({
  name: text,
  initialState: text,
  targetState: text,
  /** How the KPI is measured (data source, formula, cadence). */
  measurement: text,
  smart: SmartCriteria.optional(),
});
export type Kpi = z.infer<typeof Kpi>;

export const Initiative = z.object({
  name: text,
  kpis: z.array(Kpi).min(1, 'an initiative needs at least one KPI'),
});
export type Initiative = z.infer<typeof Initiative>;

/** DOMAIN section 4: business outcome -> initiatives -> KPIs per initiative. */
export const BusinessOutcome = z.object({
  name: text,
  description: z.string().optional(),
  initiatives: z.array(Initiative).min(1, 'a business outcome needs at least one initiative'),
});
export type BusinessOutcome = z.infer<typeof BusinessOutcome>;

export const Stakeholder = z.object({
  name: text,
  title: z.string().optional(),
  email: z.email('must be an e-mail address').optional(),
  /** Role in the customer's organisation for this plan (sponsor, champion, end-user lead...). */
  role: text,
});

export const UseCase = z.object({
  name: text,
  personas: z.array(text).min(1, 'a use case needs at least one persona'),
});

export const AdoptionBarrier = z.object({
  description: text,
  kind: z.enum(['business', 'technical']),
  resolved: z.boolean().default(false),
});

export const AdoptionPlan = z.object({
  strategy: text,
  milestones: z.array(z.object({ name: text, due: IsoDate })).default([]),
});

export const Communication = z.object({
  activity: text,
  kind: z.enum(['communication', 'training']),
  audience: z.string().optional(),
  startsOn: IsoDate,
  endsOn: IsoDate.optional(),
});

export const MeasurementResult = z.object({
  kpi: text,
  measuredOn: IsoDate,
  value: text,
});

/**
 * Customer success plan (DOMAIN section 4). The Adopt incentive requires products sold,
 * outcomes, KPIs (inside the outcomes) and the adoption plan; the rest is the living document
 * the CSM fills in over time.
 */
export const SuccessPlan = z.object({
  productsSold: z.array(text).min(1, 'must list at least one product sold'),
  outcomes: z.array(BusinessOutcome).min(1, 'must state at least one business outcome'),
  adoptionPlan: AdoptionPlan,
  stakeholders: z.array(Stakeholder).default([]),
  useCases: z.array(UseCase).default([]),
  adoptionBarriers: z.array(AdoptionBarrier).default([]),
  changeManagement: z.array(text).default([]),
  communications: z.array(Communication).default([]),
  measurementResults: z.array(MeasurementResult).default([]),
});
export type SuccessPlan = z.infer<typeof SuccessPlan>;
export type SuccessPlanInput = z.input<typeof SuccessPlan>;
