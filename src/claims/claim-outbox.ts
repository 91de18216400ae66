import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatZodError } from '../domain/schemas/errors';
import { Claim, type ClaimStatus, type FiscalQuarterLabel, type SubmissionReceipt } from '../incentives/claim-schema';
import { isTemporaryFileName, replaceFile, writeFileIfAbsent } from '../io/atomic-file';
import { claimsCsv } from './claim-csv';

/**
 * The export of submitted claims for the vendor portal, whatever the sink (the ledger of record
 * is the claims table in PostgreSQL, src/db/claims/):
 * `<dataDir>/claims/outbox/<FYxxxx-Qn>/<safe key>.json`, one self-contained file per claim,
 * written once; and `<dataDir>/claims/exports/<FYxxxx-Qn>.csv`, rebuilt from those files.
 */

export function claimsOutboxDir(dataDir: string): string {
  return join(dataDir, 'claims', 'outbox');
}

export function claimsExportsDir(dataDir: string): string {
  return join(dataDir, 'claims', 'exports');
}

/** `FY2022 Q3` → `FY2022-Q3`: no spaces in paths. */
export function quarterDirName(quarter: FiscalQuarterLabel): string {
  return quarter.replace(' ', '-');
}

function quarterOfDirName(name: string): FiscalQuarterLabel | undefined {
  return /^FY\d{4}-Q[1-4]$/.test(name) ? name.replace('-', ' ') : undefined;
}

/**
 * The key made portable (":" is not allowed in Windows file names) and short enough for any file
 * system, plus a digest of the exact key so that two keys never share a file.
 */
export function claimFileName(idempotencyKey: string): string {
  const readable = idempotencyKey.replace(/[^A-Za-z0-9@._-]/g, '_').slice(0, 150);
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
  return `${readable}.${digest}.json`;
}

export function claimFilePath(dataDir: string, claim: Pick<Claim, 'idempotencyKey' | 'fiscalQuarter'>): string {
  return join(claimsOutboxDir(dataDir), quarterDirName(claim.fiscalQuarter), claimFileName(claim.idempotencyKey));
}

/** The outbox file's path relative to the data dir, as recorded in receipts. */
export function claimFileReference(dataDir: string, claim: Pick<Claim, 'idempotencyKey' | 'fiscalQuarter'>): string {
  return relative(dataDir, claimFilePath(dataDir, claim)).split('\\').join('/');
}

async function readClaimFile(path: string): Promise<Claim> {
  const result = Claim.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!result.success) throw new Error(`claim file ${path} is not a valid claim:\n${formatZodError(result.error)}`);
  return result.data;
}

async function listQuarters(dataDir: string): Promise<FiscalQuarterLabel[]> {
  const names = await readdir(claimsOutboxDir(dataDir)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return names.flatMap((name) => quarterOfDirName(name) ?? []).sort();
}

async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

/**
 * The stored claim with this key in any quarter: a retry finds the original even if the caller
 * computed a different quarter the second time.
 */
export async function findClaim(dataDir: string, idempotencyKey: string): Promise<Claim | undefined> {
  for (const quarter of await listQuarters(dataDir)) {
    const path = claimFilePath(dataDir, { idempotencyKey, fiscalQuarter: quarter });
    if (await fileExists(path)) return readClaimFile(path);
  }
  return undefined;
}

/** The receipt of a stored claim; the schema guarantees one once a claim left draft. */
export function receiptOf(claim: Claim): SubmissionReceipt {
  if (!claim.sinkReceipt) throw new Error(`claim ${claim.claimId} is ${claim.status} and has no sink receipt`);
  return claim.sinkReceipt;
}

/** Stores a submitted claim unless one with its key exists; answers whichever claim is stored. */
export async function publishClaim(dataDir: string, claim: Claim): Promise<Claim> {
  const path = claimFilePath(dataDir, claim);
  const created = await writeFileIfAbsent(path, `${JSON.stringify(claim, null, 2)}\n`);
  return created ? claim : readClaimFile(path);
}

/**
 * Marks the stored claim withdrawn (once: a second withdrawal keeps the first) and rebuilds its
 * quarter's export, whose status column then tells the vendor portal. Undefined when the outbox
 * holds no claim with that key.
 */
export async function markClaimWithdrawn(dataDir: string, idempotencyKey: string, at: string, note: string): Promise<Claim | undefined> {
  const stored = await findClaim(dataDir, idempotencyKey);
  if (!stored) return undefined;
  const withdrawn: Claim = stored.status === 'withdrawn' ? stored : { ...stored, status: 'withdrawn', statusHistory: [...stored.statusHistory, { status: 'withdrawn', at, note }] };
  if (withdrawn !== stored) await replaceFile(claimFilePath(dataDir, stored), `${JSON.stringify(withdrawn, null, 2)}\n`);
  await exportQuarterCsv(dataDir, stored.fiscalQuarter);
  return withdrawn;
}

async function listQuarter(dataDir: string, quarter: FiscalQuarterLabel): Promise<Claim[]> {
  const dir = join(claimsOutboxDir(dataDir), quarterDirName(quarter));
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json') && !isTemporaryFileName(name));
  const claims = await Promise.all(names.map((name) => readClaimFile(join(dir, name))));
  return claims.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.claimId.localeCompare(b.claimId));
}

export interface ClaimFilter {
  fiscalQuarter?: FiscalQuarterLabel;
  status?: ClaimStatus;
  dealId?: string;
}

/** Stored claims, oldest quarter first, in submission order within a quarter. */
export async function listClaims(dataDir: string, filter: ClaimFilter = {}): Promise<Claim[]> {
  const quarters = (await listQuarters(dataDir)).filter((q) => !filter.fiscalQuarter || q === filter.fiscalQuarter);
  const claims = (await Promise.all(quarters.map((q) => listQuarter(dataDir, q)))).flat();
  return claims.filter((c) => (!filter.status || c.status === filter.status) && (!filter.dealId || c.dealId === filter.dealId));
}

// Export rebuilds of one quarter run one after another within this process,
// so the last rebuild always starts after the last change and sees every claim.
const quarterQueues = new Map<string, Promise<unknown>>();

function inQuarterQueue<T>(dataDir: string, quarter: FiscalQuarterLabel, work: () => Promise<T>): Promise<T> {
  const slot = `${resolve(dataDir)}\n${quarter}`;
  const run = (quarterQueues.get(slot) ?? Promise.resolve()).then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  quarterQueues.set(slot, settled);
  void settled.then(() => {
    if (quarterQueues.get(slot) === settled) quarterQueues.delete(slot);
  });
  return run;
}

async function rebuildExport(dataDir: string, quarter: FiscalQuarterLabel): Promise<string> {
  const path = join(claimsExportsDir(dataDir), `${quarterDirName(quarter)}.csv`);
  await replaceFile(path, claimsCsv(await listQuarter(dataDir, quarter)));
  return path;
}

/**
 * Rewrites the quarter's CSV from the outbox files: never a duplicate row, and a crash between
 * storing a claim and exporting it is healed by the next export of that quarter.
 */
export function exportQuarterCsv(dataDir: string, quarter: FiscalQuarterLabel): Promise<string> {
  return inQuarterQueue(dataDir, quarter, () => rebuildExport(dataDir, quarter));
}
