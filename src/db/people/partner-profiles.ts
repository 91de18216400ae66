import { PartnerProfileError } from '../../config/partner-files';
import { formatZodError } from '../../domain/schemas/errors';
import { Partner } from '../../domain/schemas/partner';
import type { Db } from '../connect';

export async function upsertPartnerProfile(db: Db, partner: Partner): Promise<void> {
  const profile = JSON.stringify(partner);
  await db
    .insertInto('partners')
    .values({ id: partner.id, name: partner.name, profile })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: partner.name, profile, updated_at: new Date() }))
    .execute();
}

/** The profile of `partnerId`: specialization and architectures decide which incentives a deal earns. */
export async function partnerProfile(db: Db, partnerId: string): Promise<Partner> {
  const row = await db.selectFrom('partners').select('profile').where('id', '=', partnerId).executeTakeFirst();
  if (!row) throw new PartnerProfileError(`partner ${partnerId} has no profile in Baton's database`);
  const result = Partner.safeParse(row.profile);
  if (!result.success) throw new PartnerProfileError(`the stored profile of partner ${partnerId} is invalid:\n${formatZodError(result.error)}`);
  return result.data;
}
