import { z } from 'zod';
import { strictObject } from './strict';

const Count = z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10,000,000');
const Share = z.number({ message: 'must be a number' }).min(0, 'must be 0-1').max(1, 'must be 0-1');

/** DOMAIN 6's telemetry: licensed and active users, current-version compliance, features activated, value index. */
export const TelemetryInput = strictObject({
  licensedUsers: Count.optional(),
  activeUsers: Count.optional(),
  currentVersionShare: Share.optional().describe('share of users on the current version, 0-1'),
  featuresActivated: Count.optional(),
  valueIndex: z.array(z.number().min(0, 'must be 0 or more').max(10, 'must be at most 10')).max(20, 'must have at most 20 scores').optional().describe('the value index scores, summed and capped at the config maximum'),
}).refine((t) => t.activeUsers === undefined || t.licensedUsers === undefined || t.activeUsers <= t.licensedUsers, {
  message: 'activeUsers must not exceed licensedUsers',
  path: ['activeUsers'],
});

/** The CSM's scorecard: each field of config/health.yaml answered yes, in-progress or no. */
export const ScorecardInput = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a scorecard field id such as stakeholders-identified'),
  z.enum(['yes', 'in-progress', 'no'], { message: 'must be yes, in-progress or no' }),
);

/** `health.observe`: raw inputs Baton scores itself, at least one of scorecard and telemetry. */
export const HealthReadingInput = strictObject({
  scorecard: ScorecardInput.optional(),
  telemetry: TelemetryInput.optional(),
  source: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').optional().describe('where the reading comes from, e.g. telemetry or csm-scorecard'),
}).refine((r) => r.scorecard !== undefined || r.telemetry !== undefined, { message: 'needs a scorecard or telemetry (or both)' });
export type HealthReadingInput = z.infer<typeof HealthReadingInput>;
