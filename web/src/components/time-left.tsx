import { formatInstant, timeLeft, urgency } from '../format';

/** A due date with the time left, coloured by urgency (and worded, so colour is never the only cue). */
export function TimeLeft({ dueAt, ms }: { dueAt?: string | undefined; ms?: number | undefined }) {
  if (!dueAt || ms === undefined) return <span className="muted">no deadline</span>;
  return (
    <span className={`due ${urgency(ms)}`}>
      <time dateTime={dueAt}>{formatInstant(dueAt)}</time> · <strong>{timeLeft(ms)}</strong>
    </span>
  );
}
