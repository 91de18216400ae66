import { z } from 'zod';
import { Architecture, LIMITS, Slug } from '../../domain/schemas/common';
import { Deal } from '../../domain/schemas/deal';
import { strictObject } from '../../domain/schemas/strict';

const noQuotes = (s: string) => !/['"\\]/.test(s);

export const DealParams = strictObject({ dealId: Slug.describe('the deal id from the booking') });
export const HandoffParams = DealParams.extend({ templateId: Slug.describe('the handoff template, e.g. sales-to-cs') });

const FilterWord = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-" (no quotes or spaces)')
  .max(100, 'must be at most 100 characters');

const Instant = z
  .string()
  .max(LIMITS.instantChars, `must be at most ${LIMITS.instantChars} characters`)
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be a date YYYY-MM-DD or an ISO date-time such as 2026-03-01T09:00:00Z')
  .transform((s) => new Date(s));

/** Free text from a search box: any characters, bounded. */
const SearchText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const ListDealsQuery = strictObject({
  q: SearchText.optional().describe('free text: each word starts a word of the deal id or the customer name, or the text is part of the customer name'),
  customer: SearchText.optional().describe("part of the customer's name, any case"),
  stage: FilterWord.optional().describe('stage id, e.g. onboard'),
  step: FilterWord.optional().describe('step id, e.g. kickoff'),
  partner: FilterWord.optional().describe("partner id; only the caller's own partner ever matches"),
  architecture: Architecture.optional(),
  owner: z.email('must be an e-mail address').max(LIMITS.emailChars, `must be at most ${LIMITS.emailChars} characters`).refine(noQuotes, 'must not contain quotes').optional().describe('a person holding an open step or handoff (R or A)'),
  nextDeadlineBefore: Instant.optional().describe('deals whose next deadline falls before this date or instant'),
  includeClosed: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().describe('also list deals whose workflow finished (default false)'),
  pageSize: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-100').max(100, 'must be 1-100').default(20),
  nextPageToken: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters').optional().describe('from the previous page'),
});

/** Optional in bodies: when given it must be the authenticated person, who is always the actor. */
export const ActorField = z.string().max(254, 'must be at most 254 characters').optional().describe('optional; the actor is always the authenticated person, and a different one is refused');

/** `POST /deals`: the booking, registered by the authenticated person (`actor`/`registeredBy` may only name them). */
export const RegisterDealBody = Deal.extend({ actor: ActorField, registeredBy: ActorField });

export const ClaimsQuery = strictObject({
  dealId: Slug.optional(),
  status: z.enum(['draft', 'submitted', 'accepted', 'rejected', 'paid', 'withdrawn'], { message: 'must be draft, submitted, accepted, rejected, paid or withdrawn' }).optional(),
  fiscalQuarter: z.string().regex(/^FY\d{4} Q[1-4]$/, 'must be a fiscal quarter such as "FY2022 Q3"').optional(),
});

export const ClaimsExportQuery = strictObject({
  fiscalQuarter: z.string().regex(/^FY\d{4} Q[1-4]$/, 'must be a fiscal quarter such as "FY2022 Q3"').describe('the quarter to export'),
});
