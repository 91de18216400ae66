import { z } from 'zod';
import { IsoDate, Slug } from './common';

/**
 * Proof of performance for a use case: a PoP submission or a telemetry reading. Metrics are a
 * named map so that program versions (data) decide which metrics a use case needs.
 */
export const UsageEvidence = z.object({
  id: Slug,
  useCase: z.string().min(1, 'must name the use case'),
  observedOn: IsoDate,
  source: z.enum(['pop', 'telemetry']),
  /** e.g. { licensedServers: 100, claimedServers: 35 } or { licensedUsers: 85, activeUsers: 72 } */
  metrics: z.record(z.string(), z.number({ message: 'metric values must be numbers' }).finite()),
  /** Where the proof lives (document id, telemetry export URL). */
  reference: z.string().optional(),
});
export type UsageEvidence = z.infer<typeof UsageEvidence>;
