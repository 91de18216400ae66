import type { DealView } from '../../workflows/deal-messages';

/**
 * A read-model view as of `nowMs` (wall clock): the row was written at the deal's last change, so
 * the time left on its running deadlines is counted again from the deal's business now. Paused
 * and closed deadlines keep theirs (frozen at the pause or the close).
 */
export function viewAsOf<V extends Pick<DealView, 'deadlines' | 'timeShiftMs'>>(view: V, nowMs: number): V & { now: string } {
  const now = nowMs + view.timeShiftMs;
  return {
    ...view,
    now: new Date(now).toISOString(),
    deadlines: view.deadlines.map((d) => (d.paused || d.closedAt !== undefined ? d : { ...d, timeLeftMs: d.dueAt - now })),
  };
}
