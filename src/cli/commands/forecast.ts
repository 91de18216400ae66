import type { Command } from 'commander';
import type { ForecastReport } from '../../api/schemas/forecast';
import { WHAT_IF_SYNTAX } from '../../forecast/what-if';
import { EXIT_CODES_HELP } from '../exit-codes';
import { forecastCsv, renderForecast } from '../forecast-render';
import { runApiCommand } from '../runner';

interface ForecastOptions {
  asOf?: string;
  horizon?: string;
  by?: string;
  json?: boolean;
  csv?: boolean;
  whatIf: string[];
}

const EXAMPLES = `
Every open deal's incentive windows from the read model: the amount quoted (as \`baton quote\`
on the same facts and day), the dollars at stake, the window's last day and its status
(earned, on-track, at-risk, escalated, missed), totalled by the fiscal quarter it is paid in.
A what-if changes nothing: ${WHAT_IF_SYNTAX}.
${EXIT_CODES_HELP}

Examples:
  $ baton forecast
  $ baton forecast --as-of 2021-06-30 --horizon P18M --by partner
  $ baton forecast --what-if slip:acme-dc-2021:30 --what-if advanced:northwind --json
  $ baton forecast --by owner --csv > forecast.csv`;

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description("Forecast every open deal's incentive windows: dollars at stake, last day, status, totals by quarter paid")
    .option('--as-of <date>', 'the business day to forecast on, YYYY-MM-DD; default: today (UTC)')
    .option('--horizon <duration>', 'windows closing within this ISO 8601 duration after --as-of (default P6M)')
    .option('--by <grouping>', 'totals by quarter | partner | owner | architecture | stage (default quarter)')
    .option('--what-if <change>', `repeatable: ${WHAT_IF_SYNTAX}`, (value: string, all: string[]) => [...all, value], [])
    .option('--json', 'print the forecast as JSON (the GET /forecast body)')
    .option('--csv', 'print one CSV row per window')
    .addHelpText('after', EXAMPLES)
    .action((options: ForecastOptions) =>
      runApiCommand('forecast', async (api) => {
        const report = await api.get<ForecastReport>('/forecast', {
          asOf: options.asOf,
          horizon: options.horizon,
          by: options.by,
          whatIf: options.whatIf.length > 0 ? options.whatIf.join(',') : undefined,
        });
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else if (options.csv) process.stdout.write(forecastCsv(report));
        else process.stdout.write(`${renderForecast(report)}\n`);
      }),
    );
}
