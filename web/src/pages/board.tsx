import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import { api, unwrap, type Schemas } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TimeLeft } from '../components/time-left';
import { formatInstant, formatUsd } from '../format';
import { usePageTitle } from '../page-title';
import type { Principal } from '../session';
import { atStakeByDeadline, ForecastSection } from './board-forecast';

type BoardDeadline = Schemas['Board']['dueIn7Days'][number];

function DeadlineTable({ caption, rows, partnerId, atStake: windowsAtStake }: { caption: string; rows: BoardDeadline[]; partnerId: string; atStake: Map<string, number> }) {
  const atStake = [...new Map(rows.map((r) => [r.dealId, r.dealValueUsd ?? 0])).values()].reduce((a, b) => a + b, 0);
  return (
    <section aria-label={caption}>
      <h2>{caption}</h2>
      <p>
        {rows.length} deadline{rows.length === 1 ? '' : 's'} on deals booked at <strong>{formatUsd(atStake)}</strong>
      </p>
      {rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Deadline</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Deal value
                </th>
                <th scope="col" className="num">
                  Incentives at stake
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.dealId}:${d.deadlineId}`}>
                  <td>
                    <Link to={dealPagePath(partnerId, d.dealId)}>{d.dealId}</Link>
                  </td>
                  <td>
                    {d.label} {d.paused && <span className="badge warn">paused</span>}
                  </td>
                  <td>{d.status === 'open' ? <TimeLeft dueAt={d.dueAt} ms={d.timeLeftMs} /> : formatInstant(d.dueAt)}</td>
                  <td className="num">{d.dealValueUsd !== undefined ? formatUsd(d.dealValueUsd) : '—'}</td>
                  <td className="num">{windowsAtStake.has(`${d.dealId}:${d.deadlineId}`) ? formatUsd(windowsAtStake.get(`${d.dealId}:${d.deadlineId}`)!) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The practice lead's board (GET /board): what falls due across the partner, escalations and breaches. */
export function BoardPage({ me }: { me: Principal }) {
  usePageTitle('Board');
  const board = useQuery({ queryKey: ['board'], queryFn: () => unwrap(api.GET('/board')), refetchInterval: 30_000 });
  const forecast = useQuery({ queryKey: ['forecast'], queryFn: () => unwrap(api.GET('/forecast', { params: { query: {} } })), refetchInterval: 60_000 });
  const atStake = atStakeByDeadline(forecast.data);
  const data = board.data;
  return (
    <>
      <h1>Practice lead's board</h1>
      <ErrorNotice error={board.error} />
      {board.isPending && <p role="status">Loading the board…</p>}
      {data && (
        <>
          {data.truncated && <p className="notice warn">Only the first {data.dealsRead} running deals are shown.</p>}
          <DeadlineTable caption="Due in the next 7 days" atStake={atStake} rows={data.dueIn7Days} partnerId={me.partnerId} />
          <DeadlineTable caption="Due in 8 to 30 days" atStake={atStake} rows={data.dueIn30Days} partnerId={me.partnerId} />
          <DeadlineTable caption="Breaches" atStake={atStake} rows={data.breaches} partnerId={me.partnerId} />
          <ErrorNotice error={forecast.error} />
          {forecast.data && <ForecastSection forecast={forecast.data} partnerId={me.partnerId} />}
          <section aria-labelledby="escalations">
            <h2 id="escalations">Escalations of the last 30 days</h2>
            {data.escalations.length === 0 ? (
              <p>None.</p>
            ) : (
              <ol className="timeline">
                {data.escalations.map((e) => (
                  <li key={`${e.dealId}:${e.id}`}>
                    <time dateTime={e.at}>{formatInstant(e.at)}</time>
                    <div>
                      <Link to={dealPagePath(me.partnerId, e.dealId)}>{e.dealId}</Link>: {e.summary}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </>
  );
}
