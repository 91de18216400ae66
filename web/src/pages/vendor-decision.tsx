import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';

type Decision = 'accepted' | 'rejected' | 'paid';

/** The moves the vendor's portal can make on a claim: submitted → accepted | rejected, accepted → paid. */
const NEXT: Record<string, Decision[]> = { submitted: ['accepted', 'rejected'], accepted: ['paid'] };

/**
 * Records what the vendor decided on one claim (POST /claims/{claimId}/decisions): accepted with the
 * amount approved, rejected, or paid with the amount and the day. The API says who may (the
 * practice lead or the executive sponsor) and refuses a move the claim's lifecycle does not allow.
 */
export function VendorDecisionForm({ claims }: { claims: Schemas['Claim'][] }) {
  const open = claims.filter((c) => NEXT[c.status]);
  const [claimId, setClaimId] = useState('');
  const [decision, setDecision] = useState<Decision | ''>('');
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const chosen = open.find((c) => c.claimId === claimId);
  const record = useMutation({
    mutationFn: () => {
      const at = new Date().toISOString();
      const usd = amount.trim() ? Number(amount) : undefined;
      const extra = note.trim() ? { note: note.trim() } : {};
      const body =
        decision === 'paid'
          ? { status: 'paid' as const, at, paidOn, ...(usd !== undefined ? { paidAmountUsd: usd } : {}), ...extra }
          : decision === 'accepted'
            ? { status: 'accepted' as const, at, ...(usd !== undefined ? { amountApprovedUsd: usd } : {}), ...extra }
            : { status: 'rejected' as const, at, ...extra };
      return unwrap(api.POST('/claims/{claimId}/decisions', { params: { path: { claimId } }, body }));
    },
    onSuccess: () => {
      setDecision('');
      setAmount('');
      setPaidOn('');
      setNote('');
    },
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['claims'] }), client.invalidateQueries({ queryKey: ['deal'] })]),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="vendor-decision">
      <h2 id="vendor-decision">Record the vendor's decision</h2>
      <SelectField label="Claim" value={claimId} onChange={(e) => setClaimId(e.target.value)} required>
        <option value="">{open.length === 0 ? 'no claim awaits a decision' : 'choose a claim'}</option>
        {open.map((c) => (
          <option key={c.claimId} value={c.claimId}>
            {c.dealId} · {c.milestone} · {c.status}
          </option>
        ))}
      </SelectField>
      <SelectField label="Decision" value={decision} onChange={(e) => setDecision(e.target.value as Decision)} required disabled={!chosen}>
        <option value="">choose</option>
        {(chosen ? NEXT[chosen.status]! : []).map((d) => (
          <option key={d}>{d}</option>
        ))}
      </SelectField>
      {decision !== 'rejected' && (
        <TextField label={decision === 'paid' ? 'Amount paid (USD)' : 'Amount approved (USD)'} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} hint="empty: the amount claimed" />
      )}
      {decision === 'paid' && <TextField label="Paid on" type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} required />}
      <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} hint="e.g. the portal's reference" />
      <ErrorNotice error={record.error} />
      {record.isSuccess && <p role="status">Recorded: the claim is {record.data.status}.</p>}
      <button type="submit" disabled={record.isPending}>
        Record
      </button>
    </form>
  );
}
