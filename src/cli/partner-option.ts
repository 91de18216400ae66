import { join } from 'node:path';
import { loadPartnerProfile, PartnerProfileError } from '../config/partner-files';
import type { Deal } from '../domain/schemas/deal';
import { Partner } from '../domain/schemas/partner';
import { InputError, readInputFile } from './input-files';

/** The partner a local command computes for, and where its profile came from (printed with the result). */
export interface ChosenPartner {
  partner: Partner;
  from: string;
}

/**
 * `--partner FILE`, else the deal's `partnerId` profile in BATON_PARTNERS_DIR (as the server
 * registers deals). Nothing is assumed: the partner's specialization and architectures decide
 * every amount, so without a profile the command refuses.
 */
export async function choosePartner(deal: Deal, file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ChosenPartner> {
  if (file !== undefined) {
    const partner = await readInputFile(file, Partner, '--partner');
    if (partner.id !== deal.partnerId) throw new InputError(`--partner ${file}: id: is ${partner.id}, but the deal's partnerId is ${deal.partnerId}`);
    return { partner, from: file };
  }
  const dir = env.BATON_PARTNERS_DIR || 'config/partners';
  const path = join(dir, `${deal.partnerId}.yaml`);
  try {
    return { partner: await loadPartnerProfile(dir, deal.partnerId), from: path };
  } catch (err) {
    if (!(err instanceof PartnerProfileError)) throw err;
    if (err.missing) throw new InputError(`--partner: required: no profile ${path} for the deal's partner ${deal.partnerId} (BATON_PARTNERS_DIR); pass --partner FILE`);
    throw new InputError(err.message);
  }
}
