import type { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { Principal } from '../auth/token-store';
import type { PlaybookCatalogue } from '../config/playbook-catalogue';
import { DEFAULT_PROGRAM_ID, listPrograms } from '../config/program-files';
import type { Db } from '../db/connect';
import { partnerProfile } from '../db/people/partner-profiles';
import { isoDateOfInstant } from '../domain/calendar';
import { PARTNER_ADMINS } from '../domain/partner-admins';
import type { Deal } from '../domain/schemas/deal';
import type { ImportedBooking } from '../imports/booking-of-rows';
import { importDeals, type ImportEvent, type Registration } from '../imports/import-deals';
import type { ImportMapping } from '../imports/mapping';
import { readRows, type ImportFormat } from '../imports/row-source';
import { getDealRecord, InvalidInputError, registerDeal } from '../temporal/deal-client';
import { awaitDealRow } from './await-projection';
import { requireRole } from './require-role';

export interface ImportServiceOptions {
  client: Client;
  db: Db;
  taskQueue: string;
  playbooks: PlaybookCatalogue;
}

/** Sorted keys: two bookings that say the same thing serialise the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The booking fields on which two bookings of one deal differ. */
function differingFields(stored: Deal, imported: Deal): string[] {
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(imported)])].sort();
  return keys.filter((key) => canonical(stored[key as keyof Deal]) !== canonical(imported[key as keyof Deal]));
}

/** How long an imported deal may take to show in the read model (its worker runs its first task). */
const ROW_TIMEOUT_MS = 20_000;

/**
 * The booking a registered deal holds, from its read-model row (not a query to the deal: a query to
 * an idle deal is what trips the SDK's stuck-deal bug). Waits, bounded, for a deal registered a
 * moment ago; rows projected before the read model kept the booking are asked through the guarded query.
 */
async function storedBooking(client: Client, db: Db, workflowId: string): Promise<Deal> {
  const row = await awaitDealRow(db, workflowId, () => true, ROW_TIMEOUT_MS);
  const booking = row?.booking as { deal?: Deal } | null | undefined;
  if (booking?.deal) return booking.deal;
  return (await getDealRecord(client, { workflowId })).deal;
}

/**
 * Bulk registration from a CRM export, the one path that may bring facts dated before today.
 * A partner admin (LEAD or EXEC) imports for their own partner and is recorded as the importer
 * on every deal it registers and every fact it brings.
 */
export class ImportService {
  constructor(private readonly options: ImportServiceOptions) {}

  /** Refuses (403) a caller who may not import, before a byte of the file is read. */
  authorize(principal: Principal): void {
    requireRole(principal, PARTNER_ADMINS, 'importing deals');
  }

  /**
   * Everything an import needs before it reads the file (a refusal is an HTTP error, not a report
   * line): the caller's authority and partner profile, the programs. Returns the import to run.
   */
  async prepare(principal: Principal, mapping: ImportMapping, dryRun: boolean): Promise<(file: Readable, format: ImportFormat) => AsyncGenerator<ImportEvent>> {
    this.authorize(principal);
    const { client, db, taskQueue, playbooks } = this.options;
    const partner = await partnerProfile(db, principal.partnerId);
    const programs = new Map((await listPrograms()).map((p) => [p.id, p]));
    const check = (deal: Deal) => [
      ...(playbooks.find(deal.playbookId) ? [] : [{ column: 'playbookId' as const, rule: `unknown playbook ${deal.playbookId} (known: ${playbooks.ids().join(', ')})` }]),
      ...(programs.has(deal.programId ?? DEFAULT_PROGRAM_ID) ? [] : [{ column: 'programId' as const, rule: `unknown program ${deal.programId} (known: ${[...programs.keys()].join(', ')})` }]),
    ];
    const register = async ({ deal, history }: ImportedBooking): Promise<Registration> => {
      try {
        const playbook = playbooks.find(deal.playbookId)!;
        const program = programs.get(deal.programId ?? DEFAULT_PROGRAM_ID)!;
        const registered = await registerDeal(client, { deal, partner, playbook, program, registeredBy: principal.person.id, taskQueue, history });
        if (registered.created) {
          // Listed, searchable and on the board once the import says so.
          await awaitDealRow(db, registered.workflowId, () => true, ROW_TIMEOUT_MS);
          return { outcome: 'created' };
        }
        const fields = differingFields(await storedBooking(client, db, registered.workflowId), deal);
        return fields.length === 0 ? { outcome: 'unchanged' } : { outcome: 'conflict', fields };
      } catch (err) {
        if (err instanceof InvalidInputError) return { outcome: 'refused', column: err.what, rule: err.problems.replace(/\n/g, '; ') };
        throw err;
      }
    };
    return (file, format) => importDeals(readRows(file, format), { mapping, partnerId: principal.partnerId, today: isoDateOfInstant(Date.now()), dryRun, register, check });
  }
}
