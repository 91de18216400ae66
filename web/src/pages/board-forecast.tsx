import { Link } from 'react-router';
import { dealPagePath } from '../../../src/api/console-pages';
import type { Schemas } from '../api/client';
import { formatUsd } from '../format';

export type Forecast = Schemas['Forecast'];

/** Dollars at stake per deal deadline (`dealId:deadlineId`): the open windows' amounts under it. */
export function atStakeByDeadline(forecast: Forecast | undefined): Map<string, number> {
  const sums = new Map<string, number>();
  for (const w of forecast?.windows ?? []) {
    if (w.status === 'earned' || w.status === 'missed') continue;
    const key = `${w.dealId}:${w.windowId}`;
    sums.set(key, (sums.get(key) ?? 0) + w.atStakeUsd);
  }
  return sums;
}

const STATUS_BADGE: Record<Forecast['windows'][number]['status'], string> = { earned: 'ok', 'on-track': '', 'at-risk': 'warn', escalated: 'danger', missed: 'danger' };

/** GET /forecast on the board: totals by the quarter they would be paid in, and the windows needing attention. */
export function ForecastSection({ forecast, partnerId }: { forecast: Forecast; partnerId: string }) {
  const attention = forecast.windows.filter((w) => w.status === 'at-risk' || w.status === 'escalated');
  return (
    <section aria-labelledby="forecast">
      <h2 id="forecast">Incentive dollars at stake</h2>
      <p>
        Windows closing by {forecast.until}, by the fiscal quarter they would be paid in ({forecast.deals.read} open deals).
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Dollars at stake by quarter">
        <table>
          <caption className="visually-hidden">Dollars at stake by quarter</caption>
          <thead>
            <tr>
              <th scope="col">Paid in</th>
              <th scope="col" className="num">Earned</th>
              <th scope="col" className="num">At stake</th>
              <th scope="col" className="num">At risk</th>
              <th scope="col" className="num">Missed</th>
            </tr>
          </thead>
          <tbody>
            {forecast.totals.map((t) => (
              <tr key={t.key}>
                <th scope="row">{t.key}</th>
                <td className="num">{formatUsd(t.earnedUsd)}</td>
                <td className="num">{formatUsd(t.atStakeUsd)}</td>
                <td className="num">{formatUsd(t.atRiskUsd)}</td>
                <td className="num">{formatUsd(t.missedUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>At risk or escalated</h3>
      {attention.length === 0 ? (
        <p>None.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Windows at risk or escalated">
          <table>
            <caption className="visually-hidden">Windows at risk or escalated</caption>
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Window</th>
                <th scope="col">Last day</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">At stake</th>
              </tr>
            </thead>
            <tbody>
              {attention.map((w) => (
                <tr key={`${w.dealId}:${w.milestone}`}>
                  <td>
                    <Link to={dealPagePath(partnerId, w.dealId)}>{w.dealId}</Link>
                  </td>
                  <td>{w.label}</td>
                  <td>{w.lastDay}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[w.status]}`}>{w.status}</span> {w.why}
                  </td>
                  <td className="num">{formatUsd(w.atStakeUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
