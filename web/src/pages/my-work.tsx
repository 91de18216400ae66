import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import { api, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TimeLeft } from '../components/time-left';
import { formatInstant } from '../format';
import { usePageTitle } from '../page-title';
import type { Principal } from '../session';

const ESCALATION_WORDS: Record<string, string> = {
  'deadline.reminder': 'Reminded',
  'deadline.escalated': 'Escalated',
  'deadline.breached': 'Breached',
};

const LETTERS = { R: 'Responsible', A: 'Accountable' } as const;

const fetchInbox = () => unwrap(api.GET('/inbox'));
type LeadEscalation = Awaited<ReturnType<typeof fetchInbox>>['escalations'][number];

export function MyWorkPage({ me }: { me: Principal }) {
  usePageTitle('My work');
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: fetchInbox, refetchInterval: 15_000 });
  const items = inbox.data?.items ?? [];
  const count = (letter: 'R' | 'A') => items.filter((i) => i.letters.includes(letter)).length;
  return (
    <>
      <h1>My work</h1>
      <p className="muted">Open steps and handoffs where you are Responsible or Accountable, soonest deadline first.</p>
      <ErrorNotice error={inbox.error} />
      {inbox.isPending && <p role="status">Loading your work…</p>}
      {inbox.data && (
        <>
          <dl className="counts" aria-label="Counts per role">
            {(['R', 'A'] as const).map((letter) => (
              <div key={letter}>
                <dt>{LETTERS[letter]}</dt>
                <dd>{count(letter)}</dd>
              </div>
            ))}
            <div>
              <dt>Overdue</dt>
              <dd>{items.filter((i) => (i.timeLeftMs ?? 0) < 0).length}</dd>
            </div>
          </dl>
          {items.length === 0 ? (
            <p>Nothing is waiting for you.</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="My open steps and handoffs">
              <table>
                <caption className="visually-hidden">My open steps and handoffs</caption>
                <thead>
                  <tr>
                    <th scope="col">Task</th>
                    <th scope="col">Deal</th>
                    <th scope="col">My part</th>
                    <th scope="col">Due</th>
                    <th scope="col">Escalation</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={`${item.dealId}:${item.kind}:${item.id}`}>
                      <td>
                        <Link to={dealPagePath(me.partnerId, item.dealId) + (item.kind === 'handoff' ? `#handoff-${item.id}` : '')}>
                          {item.kind === 'handoff' ? 'Handoff' : 'Step'}: {item.name}
                        </Link>
                        {item.status === 'returned' && <span className="badge warn"> returned</span>}
                      </td>
                      <td>
                        {item.dealId}
                        {item.stage && <span className="muted"> · {item.stage}</span>}
                      </td>
                      <td>{item.letters.map((l) => LETTERS[l]).join(', ')}</td>
                      <td>
                        <TimeLeft dueAt={item.dueAt} ms={item.timeLeftMs} />
                        {item.deadlineLabel && <div className="muted small">{item.deadlineLabel}</div>}
                      </td>
                      <td>
                        {item.escalation ? (
                          <>
                            <span className={`badge ${item.escalation.type === 'deadline.reminder' ? 'info' : 'warn'}`}>{ESCALATION_WORDS[item.escalation.type] ?? item.escalation.type}</span>
                            <div className="muted small">
                              {item.escalation.rung}, {formatInstant(item.escalation.at)}
                            </div>
                          </>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {inbox.data.escalations.length > 0 && <PartnerEscalations me={me} escalations={inbox.data.escalations} />}
        </>
      )}
    </>
  );
}

/** The practice lead's part of the inbox: every escalation across the partner, newest first. */
function PartnerEscalations({ me, escalations }: { me: Principal; escalations: LeadEscalation[] }) {
  return (
    <section aria-labelledby="partner-escalations">
      <h2 id="partner-escalations">Escalations across the partner</h2>
      <p className="muted">The latest rung or breach of every deadline still open or missed, on every deal, whether or not you are on its team.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Escalations across the partner">
        <table>
          <caption className="visually-hidden">Escalations across the partner</caption>
          <thead>
            <tr>
              <th scope="col">Deal</th>
              <th scope="col">Deadline</th>
              <th scope="col">Escalation</th>
              <th scope="col">Sent to</th>
            </tr>
          </thead>
          <tbody>
            {escalations.map((e) => (
              <tr key={`${e.dealId}:${e.deadlineId}`}>
                <td>
                  <Link to={dealPagePath(me.partnerId, e.dealId)}>{e.dealId}</Link>
                </td>
                <td>
                  {e.label}
                  {e.dueAt && <div className="muted small">due {formatInstant(e.dueAt)}</div>}
                </td>
                <td>
                  <span className="badge warn">{ESCALATION_WORDS[e.type] ?? e.type}</span>
                  <div className="muted small">
                    {e.rung}, {formatInstant(e.at)}
                  </div>
                </td>
                <td>{e.recipients.join(', ') || <span className="muted">nobody</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
