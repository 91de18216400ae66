import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { ActionResponse } from '../../api/schemas/actions';
import type { DealRepairView, StuckDeals } from '../../api/schemas/repair';
import type { DealDetail, DealPage, DealSummary, RegisteredDeal } from '../../api/schemas/deal';
import { USER_ACTION_TYPES } from '../../domain/schemas/actions';
import { EXIT_CODES_HELP } from '../exit-codes';
import { InputError } from '../input-files';
import type { ApiClient } from '../api/api-client';
import { renderDeal, renderDealList } from '../api/render';
import { output, progress, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';
import { renderTable } from '../table';

/** `baton deal register|show|list|act|stuck|repair`: deals through the Baton API (BATON_API_URL, BATON_TOKEN). */

const CONNECTION = `
Talks to the Baton API at BATON_API_URL (default http://127.0.0.1:3000) as the person whose token
is in BATON_TOKEN. ${EXIT_CODES_HELP}`;

async function readStructured(file: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`${option} ${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputError(`${option} ${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
}

/** `--payload` is inline JSON when it starts with `{`, else a JSON or YAML file. */
async function readPayload(payload: string | undefined): Promise<Record<string, unknown>> {
  if (payload === undefined) return {};
  let value: unknown;
  if (payload.trim().startsWith('{')) {
    try {
      value = JSON.parse(payload);
    } catch (err) {
      throw new InputError(`--payload: not valid JSON: ${(err as Error).message}`);
    }
  } else value = await readStructured(payload, '--payload');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('--payload: must be a JSON or YAML object');
  return value as Record<string, unknown>;
}

/** Handoff actions have their own routes; every other action is `/actions/<type>`. */
export function actionPath(dealId: string, type: string, payload: Record<string, unknown>): { path: string; body: Record<string, unknown> } {
  const deal = `/deals/${encodeURIComponent(dealId)}`;
  if (!type.startsWith('handoff.')) return { path: `${deal}/actions/${type}`, body: payload };
  const { templateId, ...body } = payload;
  if (typeof templateId !== 'string') throw new InputError(`--payload: ${type} needs "templateId", the handoff (e.g. sales-to-cs)`);
  return { path: `${deal}/handoffs/${encodeURIComponent(templateId)}/${type.slice('handoff.'.length)}`, body };
}

async function listAll(api: ApiClient, filters: Record<string, string | undefined>, options: ListOptions): Promise<DealPage> {
  const query = { ...filters, pageSize: options.pageSize, nextPageToken: options.pageToken };
  if (!options.all) return api.get<DealPage>('/deals', query);
  const deals: DealSummary[] = [];
  let token = options.pageToken;
  do {
    const page = await api.get<DealPage>('/deals', { ...query, nextPageToken: token });
    deals.push(...page.deals);
    token = page.nextPageToken;
    if (token) progress(`… ${deals.length} deals so far`);
  } while (token);
  return { deals };
}

interface ListOptions extends OutputOptions {
  stage?: string;
  partner?: string;
  architecture?: string;
  owner?: string;
  deadlineBefore?: string;
  pageSize?: string;
  pageToken?: string;
  all?: boolean;
}

export function registerDealCommands(program: Command): void {
  const deal = program.command('deal').description('Register, show, list and act on deals (through the Baton API)');

  deal
    .command('register')
    .description('Register a deal from its booking (JSON or YAML); registering it again returns the same deal')
    .argument('<file>', 'the booked deal, as examples/deal.yaml')
    .option('--json', 'print {"created", "deal"} as JSON')
    .addHelpText('after', `\nExamples:\n  $ BATON_TOKEN=dev-northwind-ana baton deal register examples/deal.yaml\n  $ baton deal register booking.json --json\n${CONNECTION}`)
    .action((file: string, options: OutputOptions) =>
      runApiCommand('deal register', async (api) => {
        const booking = await readStructured(file, 'deal file');
        progress(`Registering the deal in ${file} and waiting for its workflow to start…`);
        const result = await api.post<RegisteredDeal>('/deals', booking);
        output(options, result, (r) => `${r.created ? 'Registered' : 'Already registered (unchanged)'}: deal ${r.deal.dealId}\n\n${renderDeal(r.deal)}`);
      }),
    );

  deal
    .command('show')
    .description('Show a deal: stage, step, team, open handoffs, deadlines with time left, escalations, claims')
    .argument('<dealId>')
    .option('--json', 'print the deal as JSON')
    .addHelpText('after', `\nExamples:\n  $ baton deal show acme-dc-2021\n  $ baton deal show acme-dc-2021 --json | jq .deadlines\n${CONNECTION}`)
    .action((dealId: string, options: OutputOptions) =>
      runApiCommand('deal show', async (api) => {
        const detail = await api.get<DealDetail>(`/deals/${encodeURIComponent(dealId)}`);
        output(options, detail, renderDeal);
      }),
    );

  deal
    .command('list')
    .description("List your partner's deals, newest first")
    .option('--stage <id>', 'stage id, e.g. onboard')
    .option('--partner <id>', 'partner id (only your own ever matches)')
    .option('--architecture <name>', 'e.g. data-center')
    .option('--owner <email>', 'a person holding an open step or handoff')
    .option('--deadline-before <date>', 'next deadline before this date (YYYY-MM-DD) or instant')
    .option('--page-size <n>', 'deals per page, 1-100', '20')
    .option('--page-token <token>', 'continue from a previous page')
    .option('--all', 'fetch every page')
    .option('--json', 'print {"deals", "nextPageToken"} as JSON')
    .addHelpText('after', `\nExamples:\n  $ baton deal list --stage onboard\n  $ baton deal list --owner chris.lee@northwind.example --deadline-before 2026-06-30 --all --json\n${CONNECTION}`)
    .action((options: ListOptions) =>
      runApiCommand('deal list', async (api) => {
        const filters = { stage: options.stage, partner: options.partner, architecture: options.architecture, owner: options.owner, nextDeadlineBefore: options.deadlineBefore };
        const page = await listAll(api, filters, options);
        output(options, page, (p) => renderDealList(p.deals, p.nextPageToken));
      }),
    );

  deal
    .command('act')
    .description('Perform a user action on a deal, as yourself')
    .argument('<dealId>')
    .argument('<action>', `one of: ${USER_ACTION_TYPES.join(', ')}`)
    .option('--payload <json|file>', 'the action\'s fields: inline JSON, or a JSON/YAML file')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  $ baton deal act acme-dc-2021 step.complete --payload '{"step":"onboard"}'\n  $ baton deal act acme-dc-2021 successPlan.submit --payload plan.yaml\n  $ baton deal act acme-dc-2021 deadline.extend --payload '{"deadlineId":"use","days":14,"reason":"customer holiday freeze"}'\n  $ baton deal act acme-dc-2021 handoff.tick --payload '{"templateId":"sales-to-cs","itemId":"gather-contract"}'\n${CONNECTION}`,
    )
    .action((dealId: string, action: string, options: OutputOptions & { payload?: string }) =>
      runApiCommand('deal act', async (api) => {
        if (!(USER_ACTION_TYPES as readonly string[]).includes(action)) throw new InputError(`<action>: must be one of ${USER_ACTION_TYPES.join(', ')}`);
        const { path, body } = actionPath(dealId, action, await readPayload(options.payload));
        const result = await api.post<ActionResponse>(path, body);
        output(options, result, renderActionResult);
      }),
    );

  deal
    .command('stuck')
    .description("List your partner's deals whose deal or handoff workflow task keeps failing (LEAD or EXEC)")
    .option('--json', 'print {"workflows"} as JSON')
    .addHelpText('after', `\nExamples:\n  $ baton deal stuck\n  $ baton deal stuck --json | jq '.workflows[].dealId'\n${CONNECTION}`)
    .action((options: OutputOptions) =>
      runApiCommand('deal stuck', async (api) => {
        output(options, await api.get<StuckDeals>('/stuck-deals'), renderStuck);
      }),
    );

  deal
    .command('repair')
    .description('Repair a stuck deal: reset its stuck workflows to the task that does not replay, reapplying later signals and updates; claims and notifications are idempotent by key (LEAD or EXEC)')
    .argument('<dealId>')
    .option('--json', 'print the repair as JSON')
    .addHelpText('after', `\nExamples:\n  $ baton deal stuck\n  $ baton deal repair acme-dc-2021\n${CONNECTION}`)
    .action((dealId: string, options: OutputOptions) =>
      runApiCommand('deal repair', async (api) => {
        const repair = await api.post<DealRepairView>(`/deals/${encodeURIComponent(dealId)}/repair`, {});
        output(options, repair, renderRepair);
      }),
    );
}

export function renderStuck({ workflows }: StuckDeals): string {
  if (workflows.length === 0) return 'No stuck deals.';
  return renderTable(
    ['DEAL', 'WORKFLOW', 'ATTEMPT', 'FAILURE'],
    workflows.map((w) => [w.dealId, w.workflowId, String(w.attempt), w.failure.length > 120 ? `${w.failure.slice(0, 117)}...` : w.failure]),
  );
}

export function renderRepair({ dealId, repaired }: DealRepairView): string {
  return [`Repaired deal ${dealId}:`, ...repaired.map((r) => `  ${r.workflowId}: reset to event ${r.resetToEventId}, run ${r.fromRunId} -> ${r.runId}`)].join('\n');
}

export function renderActionResult(result: ActionResponse): string {
  // The same fact again is a no-op: saying "done" would hide that nothing was recorded.
  const outcome = result.unchanged ? `unchanged: ${result.unchanged}` : 'done';
  const head = `${result.action} on ${result.dealId} by ${result.actor}: ${outcome}${result.handoffStatus ? ` (handoff ${result.handoffStatus})` : ''}`;
  return [head, ...result.entries.map((e) => `  ${e.summary}`)].join('\n');
}
