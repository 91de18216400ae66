import { z } from 'zod';

/**
 * The bounds every value crossing a boundary is held to (README "Limits"). Free text is bounded
 * so that no caller can push a deal's history toward Temporal's size limits; amounts, counts and
 * dates so that a slip of the keyboard (an extra zero, a 1920 date) is refused, not computed.
 */
export const LIMITS = {
  idChars: 100,
  instantChars: 40,
  emailChars: 254,
  tokenChars: 200,
  nameChars: 200,
  referenceChars: 1_000,
  textChars: 2_000,
  listItems: 200,
  maxUsd: 1e12,
  maxCount: 1e12,
  firstDate: '2000-01-01',
  lastDate: '2100-12-31',
} as const;

/** A calendar date, `YYYY-MM-DD`, that exists (no Feb 30), 2000-01-01..2100-12-31. All dates are UTC calendar days. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date')
  .refine((s) => s >= LIMITS.firstDate && s <= LIMITS.lastDate, `must be between ${LIMITS.firstDate} and ${LIMITS.lastDate}`);
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant, ISO 8601 with offset or `Z` (at most 40 characters: the format allows any number of fraction digits). */
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-01-31T09:00:00Z' }).max(LIMITS.instantChars, `must be at most ${LIMITS.instantChars} characters`);
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** US dollars, non-negative, at most cent precision, at most $10^12. */
export const Usd = z
  .number({ message: 'must be a number of US dollars' })
  .nonnegative('must be zero or more')
  .max(LIMITS.maxUsd, 'must be at most 1,000,000,000,000 USD')
  .refine((n) => Math.round(n * 100) === n * 100, 'must have at most 2 decimals');

/** A count or measured quantity (servers, users, months of telemetry): zero or more, bounded. */
export const Count = z
  .number({ message: 'must be a number' })
  .nonnegative('must be zero or more')
  .max(LIMITS.maxCount, 'must be at most 10^12');

/** A name or short label: not empty, at most 200 characters. */
export const Name = z.string().trim().min(1, 'must not be empty').max(LIMITS.nameChars, `must be at most ${LIMITS.nameChars} characters`);

/** Free text (a reason, a description, a note): at most 2,000 characters. */
export const FreeText = z.string().max(LIMITS.textChars, `must be at most ${LIMITS.textChars} characters`);

/** Free text that must say something, with the rule to show when it does not. */
export const RequiredText = (emptyRule = 'must not be empty') => z.string().trim().min(1, emptyRule).max(LIMITS.textChars, `must be at most ${LIMITS.textChars} characters`);

/** Where something lives (document id, URL, CRM record): at most 1,000 characters. */
export const Reference = (emptyRule = 'must not be empty') => z.string().trim().min(1, emptyRule).max(LIMITS.referenceChars, `must be at most ${LIMITS.referenceChars} characters`);

/** A list of at most 200 items. */
export const List = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.listItems, `must have at most ${LIMITS.listItems} items`);

/** RACI columns of the playbook (DOMAIN section 1). */
export const Role = z.enum(['AM', 'ARCH', 'ENG', 'DEL', 'PM', 'CSM', 'CSS', 'RM', 'LEAD', 'EXEC']);
export type Role = z.infer<typeof Role>;

export const Architecture = z.enum([
  'collaboration',
  'data-center',
  'enterprise-agreement',
  'enterprise-networks',
  'security',
]);
export type Architecture = z.infer<typeof Architecture>;

export const SpecializationLevel = z.enum(['none', 'specialized', 'advanced']);
export type SpecializationLevel = z.infer<typeof SpecializationLevel>;

/** People are identified by their e-mail address, lower-cased. */
export const PersonId = z.email('must be an e-mail address').max(LIMITS.emailChars, `must be at most ${LIMITS.emailChars} characters`).transform((s) => s.toLowerCase());
export type PersonId = z.infer<typeof PersonId>;

/** Identifiers that travel in workflow ids and URLs. */
export const Slug = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.idChars, `must be at most ${LIMITS.idChars} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');
