import type { DealSnapshot } from '../../../workflows/deal-messages';
import type { TimelineEntry } from '../../../workflows/deal-state';

export interface SnapshotShape {
  partnerId?: string;
  dealId: string;
  seq?: number;
  customerName?: string;
  architecture?: string;
  stage?: string;
  step?: string;
  owners?: string[];
  nextDeadlineAt?: string | null;
  atStakeUsd?: number;
  closed?: boolean;
  timeline?: TimelineEntry['type'][];
  openHandoffs?: ('open' | 'returned')[];
}

/** A deal's snapshot as the workflow would send it, with only what a test cares about set. */
export function snapshot(shape: SnapshotShape): DealSnapshot {
  const partnerId = shape.partnerId ?? 'northwind';
  const stage = shape.stage ?? 'onboard';
  const step = shape.step ?? 'kickoff';
  const owners = shape.owners ?? ['ana.moreno@northwind.example'];
  return {
    workflowId: `deal:${partnerId}:${shape.dealId}`,
    seq: shape.seq ?? 1,
    partnerId,
    dealId: shape.dealId,
    customerName: shape.customerName ?? 'Acme Corp',
    architecture: shape.architecture ?? 'data-center',
    dealValueUsd: 420000,
    openTaskOwners: owners,
    nextDeadlineAt: shape.nextDeadlineAt === undefined ? '2026-03-01T00:00:00.000Z' : shape.nextDeadlineAt,
    atStakeUsd: shape.atStakeUsd ?? 0,
    health: null,
    closed: shape.closed ?? false,
    runId: `run-${shape.dealId}`,
    playbook: { id: 'default', version: 1 },
    program: { id: 'vendor-success', version: 1 },
    view: {
      dealId: shape.dealId,
      partnerId,
      position: { stage: { id: stage, name: stage }, step: { id: step, name: step }, completed: false },
      team: { AM: owners.map((id) => ({ id, name: id.split('@')[0]! })) },
      openHandoffs: (shape.openHandoffs ?? []).map((status, i) => ({
        templateId: `handoff-${i}`,
        instance: 1,
        name: `Handoff ${i}`,
        workflowId: `handoff:${shape.dealId}:${i}`,
        status,
        startedAt: '2026-01-01T00:00:00.000Z',
        deadlineId: `sla-${i}`,
      })),
      deadlines: [],
      escalations: [],
      claims: [],
      ineligibleClaims: [],
      timeline: (shape.timeline ?? []).map((type, i) => ({ id: `t${i + 1}`, at: '2026-01-01T00:00:00.000Z', type })),
      now: '2026-01-01T00:00:00.000Z',
      timeShiftMs: 0,
    },
  };
}
