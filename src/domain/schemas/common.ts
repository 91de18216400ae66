import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`, that exists (no Feb 30). All dates are UTC calendar days. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant, ISO 8601 with offset or `Z`. */
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-01-31T09:00:00Z' });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** US dollars, non-negative, at most cent precision. */
export const Usd = z
  .number({ message: 'must be a number of US dollars' })
  .nonnegative('must be zero or more')
  .refine((n) => Number.isFinite(n) && Math.round(n * 100) === n * 100, 'must have at most 2 decimals');

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
export const PersonId = z.email('must be an e-mail address').transform((s) => s.toLowerCase());
export type PersonId = z.infer<typeof PersonId>;

/** Identifiers that travel in workflow ids and URLs. */
export const Slug = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');
