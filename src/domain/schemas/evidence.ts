import { z } from 'zod';
import { Count, IsoDate, Reference, Slug } from './common';
import { strictObject } from './strict';

const MetricName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a metric name in camelCase, e.g. claimedServers').max(100, 'must be at most 100 characters');

/**
 * Proof of performance for a use case: a PoP submission or a telemetry reading. Metrics are a
 * named map so that program versions (data) decide which metrics a use case needs; the API
 * checks the names against the deal's program.
 */
export const UsageEvidence = strictObject({
  id: Slug,
  useCase: Slug,
  observedOn: IsoDate,
  source: z.enum(['pop', 'telemetry']),
  /** e.g. { licensedServers: 100, claimedServers: 35 } or { licensedUsers: 85, activeUsers: 72 } */
  metrics: z
    .record(MetricName, Count)
    .refine((m) => Object.keys(m).length <= 50, 'must have at most 50 metrics'),
  /** Where the proof lives (document id, telemetry export URL). */
  reference: Reference().optional(),
});
export type UsageEvidence = z.infer<typeof UsageEvidence>;
