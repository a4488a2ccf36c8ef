import { daysBetween, monthsBetween, possibleDays, readFhirDate, wallClockAt, wallClockOf, yearsBetween } from './calendar.js';
import type { CalendarDay } from './calendar.js';
import { formatDate } from './dates.js';
import { resolveDisplayOptions } from './options.js';
import type { DisplayOptions } from './options.js';

function ageBetween(birth: CalendarDay, on: CalendarDay): string | undefined {
  if (daysBetween(birth, on) < 0) return undefined;
  const years = yearsBetween(birth, on);
  if (years >= 2) return `${years}y`;
  const months = monthsBetween(birth, on);
  if (months >= 1) return `${months}m`;
  return `${daysBetween(birth, on)}d`;
}

/** Age on a calendar day; undefined when the recorded birth date leaves the answer open. */
function ageOn(birthDate: string | null | undefined, on: CalendarDay, timeZone: string): string | undefined {
  const written = readFhirDate(birthDate);
  if (!written) return undefined;
  // A birth date recorded as a year or month only gives an age only when every day it could mean
  // gives the same one (never invent a day).
  const [earliest, latest] = possibleDays(written, timeZone);
  const oldest = ageBetween(earliest, on);
  return oldest !== undefined && oldest === ageBetween(latest, on) ? oldest : undefined;
}

function today(now: Date, timeZone: string): CalendarDay {
  const { year, month, day } = wallClockAt(now, timeZone);
  return { year, month, day };
}

/**
 * Age in NHS style: whole years from 2 years (`'84y'`), whole months from 1 month to 2 years
 * (`'18m'`), whole days under 1 month (`'12d'`). "Today" is the calendar day in the display time zone.
 *
 * @param birthDate FHIR `Patient.birthDate`.
 * @param now the moment to measure to, default the current time.
 * @returns undefined when there is no readable birth date, it is in the future, or it is recorded
 *   too coarsely to know the age (a birth year only, for most of the year).
 */
export function formatAge(
  birthDate: string | null | undefined,
  now: Date = new Date(),
  options?: DisplayOptions,
): string | undefined {
  const { timeZone } = resolveDisplayOptions(options);
  return ageOn(birthDate, today(now, timeZone), timeZone);
}

/**
 * The banner's "Born" value: the birth date and the age, `'14-Jul-1945 (81y)'`.
 *
 * For someone who has died, the age stops at the date of death (`'14-Jul-1945 (died aged 80y)'`);
 * with `deceased` true but no date of death, no age is shown.
 *
 * @param birthDate FHIR `Patient.birthDate`.
 * @param deceased `Patient.deceasedBoolean` or `Patient.deceasedDateTime`.
 * @returns undefined when there is no birth date; the date alone when the age is not known.
 */
export function formatBorn(
  birthDate: string | null | undefined,
  deceased?: boolean | string | null,
  now: Date = new Date(),
  options?: DisplayOptions,
): string | undefined {
  const born = formatDate(birthDate, options);
  if (born === undefined) return undefined;
  const { timeZone } = resolveDisplayOptions(options);
  if (typeof deceased === 'string' && deceased.trim() !== '') {
    const death = readFhirDate(deceased);
    // A date of death recorded without a day cannot give an exact age at death.
    if (!death || death.precision === 'year' || death.precision === 'month') return born;
    const { year, month, day } = wallClockOf(death, timeZone);
    const age = ageOn(birthDate, { year, month, day }, timeZone);
    return age ? `${born} (died aged ${age})` : born;
  }
  if (deceased === true) return born;
  const age = formatAge(birthDate, now, options);
  return age ? `${born} (${age})` : born;
}

/**
 * How long ago something was recorded, so staff can see how fresh batch-fed data is: `'today'`,
 * `'yesterday'`, `'3 days ago'` (up to 13 days), `'2 weeks ago'` (up to 2 months), `'4 months ago'`,
 * then `'over a year ago'`. Days are calendar days in the display time zone.
 *
 * Dates recorded as a month or year only are described at that precision: `'this month'`,
 * `'last month'`, `'N months ago'`, `'this year'`, `'last year'`, `'over a year ago'`.
 *
 * @returns undefined when the date is missing, unreadable or after today.
 */
export function formatRelativeAge(
  date: string | null | undefined,
  now: Date = new Date(),
  options?: DisplayOptions,
): string | undefined {
  const written = readFhirDate(date);
  if (!written) return undefined;
  const { timeZone } = resolveDisplayOptions(options);
  const current = today(now, timeZone);
  const clock = wallClockOf(written, timeZone);
  if (written.precision === 'year') {
    const years = current.year - clock.year;
    if (years < 0) return undefined;
    return years === 0 ? 'this year' : years === 1 ? 'last year' : 'over a year ago';
  }
  if (written.precision === 'month') {
    const months = (current.year - clock.year) * 12 + (current.month - clock.month);
    if (months < 0) return undefined;
    if (months === 0) return 'this month';
    if (months === 1) return 'last month';
    return months < 12 ? `${months} months ago` : 'over a year ago';
  }
  const day = { year: clock.year, month: clock.month, day: clock.day };
  const days = daysBetween(day, current);
  if (days < 0) return undefined;
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  const months = monthsBetween(day, current);
  if (months < 2) return `${Math.floor(days / 7)} weeks ago`;
  if (months < 12) return `${months} months ago`;
  return 'over a year ago';
}
