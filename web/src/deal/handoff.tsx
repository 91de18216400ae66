import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TextAreaField, TextField } from '../components/field';
import { TimeLeft } from '../components/time-left';
import { formatInstant } from '../format';
import { useDealAction, useHandoff } from './use-deal';

type Allowed = Schemas['DealPermissions']['handoffs'][number];

function Artifact({ dealId, templateId, artifact, mayAttach }: { dealId: string; templateId: string; artifact: Schemas['Handoff']['artifacts'][number]; mayAttach: boolean }) {
  const [reference, setReference] = useState('');
  const attach = useDealAction(dealId, (ref: string) =>
    unwrap(api.POST('/deals/{dealId}/handoffs/{templateId}/attach', { params: { path: { dealId, templateId } }, body: { artifactId: artifact.id, reference: ref } })),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attach.mutate(reference, { onSuccess: () => setReference('') });
  };
  return (
    <li>
      <strong>{artifact.name}</strong>
      {artifact.required ? '' : <span className="muted"> (optional)</span>}:{' '}
      {artifact.reference ? (
        <span>
          {artifact.reference} <span className="muted">attached by {artifact.attachedBy}</span>
        </span>
      ) : mayAttach ? (
        <form className="inline" onSubmit={submit}>
          <TextField label={`Where is "${artifact.name}"?`} value={reference} onChange={(e) => setReference(e.target.value)} hint="document id, URL or CRM record" />
          <button type="submit" disabled={attach.isPending}>
            Attach
          </button>
          <ErrorNotice error={attach.error} />
        </form>
      ) : (
        <span className="muted">not attached yet</span>
      )}
    </li>
  );
}

/** An open handoff: its checklist to tick, its artifacts, and accept or return for its Accountable. */
interface PanelProps {
  dealId: string;
  item: Schemas['OpenHandoff'];
  allowed: Allowed | undefined;
  /** Told when the handoff was accepted or returned: an accepted handoff leaves the page, the news must not. */
  onDone(message: string): void;
}

export function HandoffPanel({ dealId, item, allowed, onDone }: PanelProps) {
  const handoff = useHandoff(dealId, item.templateId);
  const [reason, setReason] = useState('');
  const params = { params: { path: { dealId, templateId: item.templateId } } };
  const tick = useDealAction(dealId, (itemId: string) => unwrap(api.POST('/deals/{dealId}/handoffs/{templateId}/tick', { ...params, body: { itemId } })));
  const accept = useDealAction(
    dealId,
    () => unwrap(api.POST('/deals/{dealId}/handoffs/{templateId}/accept', { ...params, body: {} })),
    () => onDone(`Handoff ${item.name} accepted.`),
  );
  const giveBack = useDealAction(
    dealId,
    (why: string) => unwrap(api.POST('/deals/{dealId}/handoffs/{templateId}/return', { ...params, body: { reason: why } })),
    () => {
      setReason('');
      onDone(`Handoff ${item.name} returned.`);
    },
  );
  const view = handoff.data;
  const returnIt = (event: FormEvent) => {
    event.preventDefault();
    giveBack.mutate(reason);
  };
  return (
    <section className="card" id={`handoff-${item.templateId}`} aria-labelledby={`handoff-${item.templateId}-title`}>
      <h3 id={`handoff-${item.templateId}-title`}>
        Handoff: {item.name} <span className={`badge ${item.status === 'returned' ? 'warn' : 'info'}`}>{view?.status ?? item.status}</span>
      </h3>
      <p>
        Accept by <TimeLeft dueAt={item.dueAt} ms={item.timeLeftMs} />
      </p>
      <ErrorNotice error={handoff.error} />
      {view && (
        <>
          <fieldset>
            <legend>Checklist</legend>
            <ul className="checklist">
              {view.checklist.map((entry) => {
                const mine = allowed?.tick.includes(entry.id) ?? false;
                return (
                  <li key={entry.id}>
                    <input
                      type="checkbox"
                      id={`tick-${item.templateId}-${entry.id}`}
                      checked={Boolean(entry.tickedBy)}
                      disabled={Boolean(entry.tickedBy) || !mine || tick.isPending}
                      onChange={() => tick.mutate(entry.id)}
                    />
                    <label htmlFor={`tick-${item.templateId}-${entry.id}`}>
                      {entry.task} <span className="muted">({entry.owner}{entry.tickedBy ? `, ticked by ${entry.tickedBy}` : mine ? '' : ', not yours to tick'})</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            <ErrorNotice error={tick.error} />
          </fieldset>
          <h4>Artifacts</h4>
          <ul className="artifacts">
            {view.artifacts.map((artifact) => (
              <Artifact key={artifact.id} dealId={dealId} templateId={item.templateId} artifact={artifact} mayAttach={allowed?.attach ?? false} />
            ))}
          </ul>
          {view.returns.length > 0 && (
            <>
              <h4>Returned</h4>
              <ul>
                {view.returns.map((r) => (
                  <li key={r.at}>
                    {formatInstant(r.at)} by {r.by}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {allowed?.accept && (
            <div className="actions">
              <button type="button" onClick={() => accept.mutate(undefined)} disabled={accept.isPending || view.status === 'accepted'}>
                Accept the handoff
              </button>
              <ErrorNotice error={accept.error} />
            </div>
          )}
          {allowed?.return && view.status !== 'accepted' && (
            <form onSubmit={returnIt} className="actions">
              <TextAreaField label="What information is missing?" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
              <button type="submit" className="secondary" disabled={giveBack.isPending}>
                Return the handoff
              </button>
              <ErrorNotice error={giveBack.error} />
            </form>
          )}
          {!allowed?.accept && <p className="muted">Only the handoff's Accountable (the receiving side) may accept or return it.</p>}
        </>
      )}
    </section>
  );
}
