import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import { Architecture } from '../../../src/domain/schemas/common';
import { api, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { SelectField, TextField } from '../components/field';
import { formatDay, formatUsd } from '../format';
import { usePageTitle } from '../page-title';
import type { Principal } from '../session';

const FILTERS = ['q', 'customer', 'stage', 'architecture', 'owner', 'nextDeadlineBefore'] as const;
type Filter = (typeof FILTERS)[number];

/** The partner's deals from GET /deals (the read model): search, filters, soonest deadline first, a page at a time. */
export function DealsPage({ me }: { me: Principal }) {
  usePageTitle('Deals');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<Record<Filter, string>>(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>);
  const [pages, setPages] = useState<string[]>([]);
  const [goTo, setGoTo] = useState('');
  const token = pages.at(-1);
  const query = Object.fromEntries(FILTERS.filter((f) => params.get(f)).map((f) => [f, params.get(f)]));
  const deals = useQuery({
    queryKey: ['deals', query, token],
    queryFn: () => unwrap(api.GET('/deals', { params: { query: { ...query, pageSize: 25, ...(token ? { nextPageToken: token } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPages([]);
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  };
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (goTo.trim()) navigate(dealPagePath(me.partnerId, goTo.trim()));
  };
  return (
    <>
      <h1>Deals</h1>
      <form className="filters" onSubmit={open} role="search" aria-label="Open a deal by id">
        <TextField label="Deal id" value={goTo} onChange={(e) => setGoTo(e.target.value)} />
        <button type="submit">Open</button>
      </form>
      <form className="filters" onSubmit={apply} aria-label="Filter deals">
        <TextField label="Search" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} hint="deal id or customer, e.g. acme" />
        <TextField label="Customer" value={draft.customer} onChange={(e) => setDraft({ ...draft, customer: e.target.value })} hint="part of the name" />
        <TextField label="Stage" value={draft.stage} onChange={(e) => setDraft({ ...draft, stage: e.target.value })} hint="e.g. onboard" />
        <SelectField label="Architecture" value={draft.architecture} onChange={(e) => setDraft({ ...draft, architecture: e.target.value })}>
          <option value="">any</option>
          {Architecture.options.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </SelectField>
        <TextField label="Owner (e-mail)" type="email" value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} hint="holds an open step or handoff" />
        <TextField label="Next deadline before" type="date" value={draft.nextDeadlineBefore} onChange={(e) => setDraft({ ...draft, nextDeadlineBefore: e.target.value })} />
        <button type="submit">Filter</button>
      </form>
      <ErrorNotice error={deals.error} />
      {deals.isPending && <p role="status">Loading deals…</p>}
      {deals.data && (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Deals">
            <table>
              <caption className="visually-hidden">Deals, soonest next deadline first</caption>
              <thead>
                <tr>
                  <th scope="col">Deal</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Stage / step</th>
                  <th scope="col">Architecture</th>
                  <th scope="col">Open tasks held by</th>
                  <th scope="col">Next deadline</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {deals.data.deals.map((d) => (
                  <tr key={d.workflowId}>
                    <td>
                      <Link to={dealPagePath(d.partnerId, d.dealId)}>{d.dealId}</Link>
                      {d.status !== 'running' && <span className="muted"> ({d.status})</span>}
                    </td>
                    <td>{d.customerName}</td>
                    <td>
                      {d.stage ?? '—'} / {d.step ?? '—'}
                    </td>
                    <td>{d.architecture ?? '—'}</td>
                    <td className="small">{d.openTaskOwners.join(', ') || '—'}</td>
                    <td>{d.nextDeadline ? formatDay(d.nextDeadline) : '—'}</td>
                    <td className="num">{d.dealValueUsd !== undefined ? formatUsd(d.dealValueUsd) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deals.data.deals.length === 0 && <p>No deals match.</p>}
          <nav className="pager" aria-label="Pages">
            <button type="button" className="secondary" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
              Previous page
            </button>
            <span>Page {pages.length + 1}</span>
            <button type="button" className="secondary" disabled={!deals.data.nextPageToken} onClick={() => deals.data.nextPageToken && setPages([...pages, deals.data.nextPageToken])}>
              Next page
            </button>
          </nav>
        </>
      )}
    </>
  );
}
