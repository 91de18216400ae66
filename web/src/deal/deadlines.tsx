import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';
import { TimeLeft } from '../components/time-left';
import { formatInstant } from '../format';
import { useDealAction } from './use-deal';

type Deadline = Schemas['Deal']['deadlines'][number];

type Rung = Deadline['ladder'][number];

/** Where a rung stands: sent, spent unsent before the deal entered Baton, the next one, or later. */
function rungState(rung: Rung, next: Rung | undefined, deadline: Deadline): { className: string; label: string } {
  if (rung.beforeEntry) return { className: 'before-entry', label: rung.fired ? 'missed (before Baton)' : 'not sent (before Baton)' };
  if (rung.fired) return { className: 'fired', label: 'fired' };
  return rung === next && deadline.status === 'open' ? { className: 'next', label: 'next' } : { className: 'later', label: 'later' };
}

function Ladder({ deadline }: { deadline: Deadline }) {
  const next = deadline.ladder.find((rung) => !rung.fired && !rung.beforeEntry);
  return (
    <ol className="ladder" aria-label={`Escalation ladder of ${deadline.label}`}>
      {deadline.ladder.map((rung) => {
        const state = rungState(rung, next, deadline);
        return (
          <li key={rung.id} className={state.className}>
            <span>{state.label}</span> {rung.action} to {rung.to.join(', ')},{' '}
            <time dateTime={rung.at}>{formatInstant(rung.at)}</time>
          </li>
        );
      })}
    </ol>
  );
}

type DeadlineMove = 'deadline.extend' | 'deadline.pause' | 'deadline.resume';

/** Extend, pause or resume one of the deal's open deadlines, always with a reason. */
function DeadlineActions({ dealId, deadlines, allowed }: { dealId: string; deadlines: Deadline[]; allowed: DeadlineMove[] }) {
  const open = deadlines.filter((d) => d.status === 'open');
  const [move, setMove] = useState<DeadlineMove>(allowed[0] ?? 'deadline.extend');
  const [deadlineId, setDeadlineId] = useState(open[0]?.id ?? '');
  const [days, setDays] = useState('7');
  const [reason, setReason] = useState('');
  const act = useDealAction(dealId, async () => {
    const params = { params: { path: { dealId } } };
    if (move === 'deadline.extend') return unwrap(api.POST('/deals/{dealId}/actions/deadline.extend', { ...params, body: { deadlineId, days: Number(days), reason } }));
    if (move === 'deadline.pause') return unwrap(api.POST('/deals/{dealId}/actions/deadline.pause', { ...params, body: { deadlineId, reason } }));
    return unwrap(api.POST('/deals/{dealId}/actions/deadline.resume', { ...params, body: { deadlineId, reason } }));
  });
  if (open.length === 0 || allowed.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    act.mutate(undefined, { onSuccess: () => setReason('') });
  };
  return (
    <form onSubmit={submit} className="card">
      <h3>Change a deadline</h3>
      <SelectField label="Change" value={move} onChange={(e) => setMove(e.target.value as DeadlineMove)}>
        {allowed.map((m) => (
          <option key={m} value={m}>
            {{ 'deadline.extend': 'Extend', 'deadline.pause': 'Pause', 'deadline.resume': 'Resume' }[m]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Deadline" value={deadlineId} onChange={(e) => setDeadlineId(e.target.value)}>
        {open.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </SelectField>
      {move === 'deadline.extend' && <TextField label="By days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
      <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      <button type="submit" disabled={act.isPending}>
        Apply
      </button>
      <ErrorNotice error={act.error} />
    </form>
  );
}

export function Deadlines({ dealId, deadlines, actions }: { dealId: string; deadlines: Deadline[]; actions: string[] }) {
  const moves = (['deadline.extend', 'deadline.pause', 'deadline.resume'] as const).filter((m) => actions.includes(m));
  // Open deadlines first, soonest first; then the closed ones.
  const ordered = [...deadlines].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.dueAt.localeCompare(b.dueAt));
  return (
    <section aria-labelledby="deadlines">
      <h2 id="deadlines">Deadlines</h2>
      {deadlines.length === 0 && <p>No deadlines.</p>}
      <ul className="deadlines">
        {ordered.map((d) => (
          <li key={d.id} className="card">
            <h3>
              {d.label} <span className={`badge ${d.status === 'breached' ? 'danger' : d.status === 'open' ? 'info' : 'ok'}`}>{d.paused ? 'paused' : d.status}</span>
            </h3>
            <p>
              Due{' '}
              {d.status === 'open' ? (
                <TimeLeft dueAt={d.dueAt} ms={d.timeLeftMs} />
              ) : (
                <time dateTime={d.dueAt}>{formatInstant(d.dueAt)}</time>
              )}
            </p>
            {d.paused && (
              <p>
                Paused {formatInstant(d.paused.at)} by {d.paused.by}: {d.paused.reason}
              </p>
            )}
            {d.extensions.map((x) => (
              <p key={x.at} className="muted small">
                Extended {formatInstant(x.at)} by {x.by} to {formatInstant(x.toDueAt)}: {x.reason}
              </p>
            ))}
            <Ladder deadline={d} />
          </li>
        ))}
      </ul>
      <DeadlineActions dealId={dealId} deadlines={deadlines} allowed={[...moves]} />
    </section>
  );
}
