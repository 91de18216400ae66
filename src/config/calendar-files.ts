import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CALENDAR, type BusinessCalendar } from '../domain/business-days';
import type { Playbook } from '../domain/playbook/schema';
import { BusinessCalendar as BusinessCalendarFile } from '../domain/schemas/business-calendar';
import { formatZodError } from '../domain/schemas/errors';

/** Where the business calendars ship: `<id>.yaml` each; a partner's calendar has the partner's id. */
export const DEFAULT_CALENDARS_DIR = fileURLToPath(new URL('../../config/calendars/', import.meta.url));

export class CalendarFileError extends Error {}

/** Every calendar of the folder, each validated; the file name is the calendar's id. */
export async function loadCalendars(dir: string = DEFAULT_CALENDARS_DIR): Promise<BusinessCalendar[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  } catch (err) {
    throw new CalendarFileError(`calendars folder ${dir}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      const result = BusinessCalendarFile.safeParse(parseYaml(await readFile(file, 'utf8')));
      if (!result.success) throw new CalendarFileError(`calendar ${file} is invalid:\n${formatZodError(result.error)}`);
      const id = name.slice(0, -'.yaml'.length);
      if (result.data.id !== id) throw new CalendarFileError(`calendar ${file}: id is "${result.data.id}" but the file name says "${id}"`);
      return result.data;
    }),
  );
}

/** The calendar ids a playbook's business-day SLAs name. */
function namedCalendars(playbook: Playbook): string[] {
  return [...new Set(playbook.handoffs.flatMap((h) => (typeof h.sla === 'object' && h.sla.calendar !== undefined ? [h.sla.calendar] : [])))];
}

/**
 * The calendars a deal counts business days on, as its workflow input carries them: the
 * partner's (`<partnerId>.yaml`, else `default.yaml`, else DOMAIN's default) first, then each one
 * the playbook names. A playbook naming a calendar the folder lacks is refused.
 */
export function calendarsForDeal(calendars: readonly BusinessCalendar[], partnerId: string, playbook: Playbook): BusinessCalendar[] {
  const byId = new Map(calendars.map((c) => [c.id, c]));
  const partner = byId.get(partnerId) ?? byId.get(DEFAULT_CALENDAR.id) ?? DEFAULT_CALENDAR;
  const named = namedCalendars(playbook).map((id) => {
    const found = byId.get(id);
    if (!found) throw new CalendarFileError(`playbook ${playbook.id} counts business days on calendar ${id}, which is not in the calendars folder (calendars: ${[...byId.keys()].join(', ') || 'none'})`);
    return found;
  });
  return [partner, ...named.filter((c) => c.id !== partner.id)];
}
