import type { HumanName, Patient, Practitioner } from '../fhir-types.js';
import { daysBetween, instantOf, possibleDays, readFhirDate, wallClockAt } from './calendar.js';
import { resolveDisplayOptions } from './options.js';

const squash = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';

function parts(values: readonly (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).map((value) => squash(value ?? undefined)).filter((value) => value !== '');
}

function hasContent(name: HumanName): boolean {
  return squash(name.family) !== '' || parts(name.given).length > 0 || squash(name.text) !== '';
}

/**
 * A name in NHS banner style, `FAMILY, Given Middle (Title)`: `'SMITH, John (Mr)'`.
 * Family name in capitals; given names joined with spaces; prefixes (titles) in brackets. Suffixes
 * (`MBE`, `Jr`) are left out, as on the NHS patient banner. `text` is used only when the name has
 * no family or given name (it is shown as recorded).
 *
 * @returns undefined when the name has nothing to show.
 */
export function formatHumanName(name: HumanName | null | undefined): string | undefined {
  if (!name) return undefined;
  const family = squash(name.family).toLocaleUpperCase('en-GB');
  const given = parts(name.given).join(' ');
  if (!family && !given) return squash(name.text) || undefined;
  const prefix = parts(name.prefix).join(' ');
  const main = family && given ? `${family}, ${given}` : family || given;
  return prefix ? `${main} (${prefix})` : main;
}

const USE_RANK: Readonly<Record<string, number>> = { official: 0, usual: 1, none: 2 };

// A period end recorded as a date covers the whole of that day (or month, or year), so dates are
// compared by calendar day in the UK and only times by the instant.
function inForce(name: HumanName, now: Date): boolean {
  if (name.use === 'old') return false;
  const timeZone = resolveDisplayOptions(undefined).timeZone;
  const { year, month, day } = wallClockAt(now, timeZone);
  const today = { year, month, day };
  const end = readFhirDate(name.period?.end);
  if (end) {
    const ended = end.precision === 'time' ? instantOf(end, timeZone) < now.getTime() : daysBetween(possibleDays(end, timeZone)[1], today) > 0;
    if (ended) return false;
  }
  const start = readFhirDate(name.period?.start);
  if (start) {
    const notBegun = start.precision === 'time' ? instantOf(start, timeZone) > now.getTime() : daysBetween(today, possibleDays(start, timeZone)[0]) > 0;
    if (notBegun) return false;
  }
  return true;
}

/**
 * The name to show for a person: `official`, then `usual`, then a name with no `use`, then any other
 * (`temp`, `nickname`, `anonymous`, `maiden`); the first of equals. Names marked `old` or whose
 * period has ended (or not yet begun) are passed over while a current name exists; when none is
 * current, the best of the rest is returned rather than nothing. Names with nothing to show are
 * ignored.
 *
 * @param now the moment that decides whether a period has ended, default the current time.
 */
export function preferredName(
  names: readonly HumanName[] | null | undefined,
  now: Date = new Date(),
): HumanName | undefined {
  const candidates = (names ?? []).filter((name): name is HumanName => name != null && hasContent(name));
  const rank = (name: HumanName) => USE_RANK[name.use ?? 'none'] ?? 3;
  const best = (list: HumanName[]) =>
    list.reduce<HumanName | undefined>((chosen, name) => (chosen === undefined || rank(name) < rank(chosen) ? name : chosen), undefined);
  const current = candidates.filter((name) => inForce(name, now));
  return best(current) ?? best(candidates);
}

/** The preferred name of a patient, formatted: `'SMITH, John (Mr)'`. */
export function formatPatientName(patient: Patient | null | undefined, now: Date = new Date()): string | undefined {
  return formatHumanName(preferredName(patient?.name, now));
}

/**
 * The preferred name of a practitioner, in the same style as patients so that every name on screen
 * reads one way: `'SMITH, Jane (Dr)'`.
 */
export function formatPractitionerName(
  practitioner: Practitioner | null | undefined,
  now: Date = new Date(),
): string | undefined {
  return formatHumanName(preferredName(practitioner?.name, now));
}
