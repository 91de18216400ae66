import type { Milestone, Proof, WindowMetBy } from '../program-schema';

const DEFAULT_WINDOW_MET_BY: Record<Proof['type'], WindowMetBy> = {
  'success-plan': 'received',
  'business-outcomes': 'received',
  evidence: 'received',
  'expansion-booking': 'booked',
};

/** The date that meets the milestone's window: as the program says, else the proof type's default. */
export function windowMetByOf(milestone: Pick<Milestone, 'windowMetBy' | 'proof'>): WindowMetBy {
  return milestone.windowMetBy ?? DEFAULT_WINDOW_MET_BY[milestone.proof.type];
}
