import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import { Architecture } from '../../../src/domain/schemas/common';
import { api, ApiFailure, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';
import { usePageTitle } from '../page-title';
import { bookingErrors, bookingOf, emptyBooking, type BookingForm } from '../register/booking-form';
import { LineItemsFieldset } from '../register/line-items';
import { TeamFieldset } from '../register/team';
import type { Principal } from '../session';

export function RegisterDealPage({ me }: { me: Principal }) {
  usePageTitle('Register a deal');
  const navigate = useNavigate();
  const [form, setForm] = useState<BookingForm>(() => emptyBooking(me));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [existing, setExisting] = useState<string | undefined>();
  const register = useMutation({
    mutationFn: (body: ReturnType<typeof bookingOf>) => unwrap(api.POST('/deals', { body })),
    onSuccess: (result) => {
      if (result.created) navigate(dealPagePath(me.partnerId, result.deal.dealId), { state: { notice: 'Deal registered.' } });
      else setExisting(result.deal.dealId);
    },
    onError: (err) => setErrors(err instanceof ApiFailure ? err.fieldErrors() : new Map()),
  });
  const set = (patch: Partial<BookingForm>) => setForm((f) => ({ ...f, ...patch }));
  const at = (path: string) => errors.get(path);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExisting(undefined);
    const booking = bookingOf(form, me.partnerId);
    const found = bookingErrors(booking);
    setErrors(found);
    if (found.size > 0) {
      document.getElementById('form-problems')?.focus();
      return;
    }
    register.mutate(booking);
  };

  return (
    <>
      <h1>Register a deal</h1>
      <p className="muted">The booking starts the deal's lifecycle and every incentive clock. You must be its Account Manager.</p>
      {errors.size > 0 && (
        <div className="notice error" id="form-problems" tabIndex={-1} role="alert">
          <strong>
            {errors.size} problem{errors.size === 1 ? '' : 's'} with this booking
          </strong>
          , shown beside each field:
          <ul>
            {[...errors].map(([path, message]) => (
              <li key={path}>
                <code>{path || 'booking'}</code>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {existing && (
        <div className="notice info" role="status">
          Deal <strong>{existing}</strong> is already registered; nothing was changed. <Link to={dealPagePath(me.partnerId, existing)}>Open deal {existing}</Link>
        </div>
      )}
      {register.error && !(register.error instanceof ApiFailure && register.error.status === 400) && <ErrorNotice error={register.error} />}
      <form onSubmit={submit} noValidate className="booking">
        <fieldset>
          <legend>Booking</legend>
          <TextField label="Deal id" value={form.id} onChange={(e) => set({ id: e.target.value })} error={at('id')} hint="From the booking, e.g. acme-dc-2021" />
          <TextField label="Booked on" type="date" value={form.bookedOn} onChange={(e) => set({ bookedOn: e.target.value })} error={at('bookedOn')} />
          <SelectField label="Architecture" value={form.architecture} onChange={(e) => set({ architecture: e.target.value })} error={at('architecture')}>
            {Architecture.options.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </SelectField>
          <div className="field checkbox">
            <input id="ea" type="checkbox" checked={form.enterpriseAgreement} onChange={(e) => set({ enterpriseAgreement: e.target.checked })} />
            <label htmlFor="ea">Enterprise Agreement (EA)</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Customer</legend>
          <TextField label="Customer name" value={form.customerName} onChange={(e) => set({ customerName: e.target.value })} error={at('customer.name')} />
          <TextField label="Contact name" value={form.contactName} onChange={(e) => set({ contactName: e.target.value })} error={at('customer.contacts[0].name')} />
          <TextField label="Contact e-mail" type="email" value={form.contactEmail} onChange={(e) => set({ contactEmail: e.target.value })} error={at('customer.contacts[0].email')} />
        </fieldset>
        <LineItemsFieldset lines={form.lineItems} errors={errors} onChange={(lineItems) => set({ lineItems })} />
        <fieldset>
          <legend>Renewal</legend>
          {at('renewal') && <p className="field-error">{at('renewal')}</p>}
          <div className="field radio">
            <input id="renew-term" type="radio" name="renewal" checked={form.renewalBy === 'termMonths'} onChange={() => set({ renewalBy: 'termMonths' })} />
            <label htmlFor="renew-term">After a term</label>
            <input id="renew-date" type="radio" name="renewal" checked={form.renewalBy === 'date'} onChange={() => set({ renewalBy: 'date' })} />
            <label htmlFor="renew-date">On a date</label>
          </div>
          {form.renewalBy === 'termMonths' ? (
            <TextField label="Term, months" inputMode="numeric" value={form.termMonths} onChange={(e) => set({ termMonths: e.target.value })} error={at('renewal.termMonths')} />
          ) : (
            <TextField label="Renewal date" type="date" value={form.renewalDate} onChange={(e) => set({ renewalDate: e.target.value })} error={at('renewal.date')} />
          )}
        </fieldset>
        <TeamFieldset team={form.team} errors={errors} onChange={(team) => set({ team })} />
        <button type="submit" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register the deal'}
        </button>
      </form>
    </>
  );
}
