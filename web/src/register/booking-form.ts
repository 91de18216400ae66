import type { z } from 'zod';
import { Deal, type DealInput } from '../../../src/domain/schemas/deal';
import { formatPath, issueRule } from '../../../src/domain/schemas/errors';

export interface LineForm {
  sku: string;
  useCase: string;
  quantity: string;
  netValueUsd: string;
}

export interface PersonForm {
  name: string;
  email: string;
}

/** The team roles the form asks for; the AM is required, the others as the deal has them. */
export const TEAM_ROLES = [
  { role: 'AM', name: 'Account Manager' },
  { role: 'CSM', name: 'Customer Success Manager' },
  { role: 'CSS', name: 'Customer Success Specialist' },
  { role: 'RM', name: 'Renewals Manager' },
  { role: 'LEAD', name: 'CS Practice Lead' },
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number]['role'];

export interface BookingForm {
  id: string;
  customerName: string;
  contactName: string;
  contactEmail: string;
  architecture: string;
  bookedOn: string;
  enterpriseAgreement: boolean;
  lineItems: LineForm[];
  renewalBy: 'termMonths' | 'date';
  termMonths: string;
  renewalDate: string;
  team: Record<TeamRole, PersonForm>;
}

export const emptyLine = (): LineForm => ({ sku: '', useCase: '', quantity: '1', netValueUsd: '' });

export function emptyBooking(me: { person: { id: string; name: string } }): BookingForm {
  const nobody = { name: '', email: '' };
  return {
    id: '',
    customerName: '',
    contactName: '',
    contactEmail: '',
    architecture: 'data-center',
    bookedOn: new Date().toISOString().slice(0, 10),
    enterpriseAgreement: false,
    lineItems: [emptyLine()],
    renewalBy: 'termMonths',
    termMonths: '36',
    renewalDate: '',
    team: { AM: { name: me.person.name, email: me.person.id }, CSM: nobody, CSS: nobody, RM: nobody, LEAD: nobody },
  };
}

/** A number typed in a field; empty means absent, so the schema says the field is required. */
const numberOf = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const textOf = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** The booking as `POST /deals` takes it, for the caller's partner. */
export function bookingOf(form: BookingForm, partnerId: string): DealInput {
  const contact = textOf(form.contactName) || textOf(form.contactEmail) ? [{ name: form.contactName.trim(), email: textOf(form.contactEmail) }] : [];
  const team: Record<string, { id: string; name: string }[]> = {};
  for (const { role } of TEAM_ROLES) {
    const person = form.team[role];
    if (person.name.trim() || person.email.trim()) team[role] = [{ id: person.email.trim(), name: person.name.trim() }];
  }
  return {
    id: form.id.trim(),
    partnerId,
    customer: { name: form.customerName.trim(), contacts: contact },
    architecture: form.architecture as DealInput['architecture'],
    enterpriseAgreement: form.enterpriseAgreement,
    bookedOn: form.bookedOn,
    lineItems: form.lineItems.map((line) => ({
      sku: line.sku.trim(),
      useCase: textOf(line.useCase),
      quantity: numberOf(line.quantity) as number,
      netValueUsd: numberOf(line.netValueUsd) as number,
    })),
    renewal: form.renewalBy === 'termMonths' ? { termMonths: numberOf(form.termMonths) as number } : { date: form.renewalDate },
    team,
  };
}

/**
 * The booking checked by the API's own schema (src/domain/schemas/deal.ts): each problem by the
 * field path the API would name (`lineItems[0].netValueUsd`), so it shows beside its field.
 */
export function bookingErrors(booking: DealInput): Map<string, string> {
  const result = Deal.safeParse(booking);
  const errors = new Map<string, string>();
  if (result.success) return errors;
  for (const issue of result.error.issues.flatMap(meantBranch)) {
    const path = issue.path.length === 0 ? '' : formatPath(issue.path);
    if (!errors.has(path)) errors.set(path, issueRule(issue));
  }
  return errors;
}

type Issue = z.core.$ZodIssue;

/**
 * A value that matches no option of a union (the renewal: a term or a date) is reported against
 * the option it was meant for: the one whose fields it has (no unknown-field complaint).
 */
function meantBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const branch = issue.errors.find((branchIssues) => !branchIssues.some((i) => i.code === 'unrecognized_keys'));
  if (!branch || branch.length === 0) return [issue];
  return branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}
