import { isoDateOfInstant } from '../domain/calendar';
import type { PlaybookCatalogue } from '../config/playbook-catalogue';
import { listPrograms } from '../config/program-files';
import type { Db } from '../db/connect';
import { forecastRows } from '../db/read-model/forecast-rows';
import { forecastPortfolio } from '../forecast/forecast';
import { horizonEnd } from '../forecast/horizon';
import { rulesCatalogue } from '../forecast/rules-catalogue';
import { describeWhatIf, parseWhatIf } from '../forecast/what-if';
import type { ForecastQuery, ForecastReport } from './schemas/forecast';

/**
 * `GET /forecast` for one partner: its open deals from the read model, priced by the pure
 * forecaster under the program versions in config/programs and the playbooks' ladders.
 * Reads only; a what-if is the same computation on altered inputs.
 */
export async function partnerForecast(db: Db, playbooks: PlaybookCatalogue, partnerId: string, query: ForecastQuery, today = isoDateOfInstant(Date.now())): Promise<ForecastReport> {
  const asOf = query.asOf ?? today;
  const whatIfs = (query.whatIf ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => parseWhatIf(part)!);
  const rulesOf = rulesCatalogue(await listPrograms(), (id) => playbooks.find(id));
  const forecast = forecastPortfolio(await forecastRows(db, partnerId), rulesOf, { asOf, until: horizonEnd(asOf, query.horizon)!, by: query.by, whatIfs });
  return { ...forecast, whatIfs: whatIfs.map(describeWhatIf) };
}
