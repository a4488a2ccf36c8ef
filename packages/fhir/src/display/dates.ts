import type { Period } from '../fhir-types.js';
import { instantOf, readFhirDate, wallClockOf } from './calendar.js';
import type { FhirDatePrecision, WallClock, WrittenFhirDate } from './calendar.js';
import { resolveDisplayOptions } from './options.js';
import type { DisplayOptions, ResolvedDisplayOptions } from './options.js';

export type { FhirDatePrecision } from './calendar.js';

/** A FHIR date, dateTime or instant read into a JavaScript Date, with how much of it was recorded. */
export interface ParsedFhirDate {
  /**
   * The instant it stands for. Dates without a time (`'2024'`, `'2024-03'`, `'2024-03-12'`) are
   * midnight UTC on the first day they could mean: read their fields with `getUTC*`, or better, use
   * {@link formatDate}. A time without a zone (not valid FHIR, but seen in feeds) is read as wall clock
   * time in the display time zone.
   */
  date: Date;
  precision: FhirDatePrecision;
}

// NHS style abbreviations. Intl's en-GB gives 'Sept' for September in current ICU, so English locales
// use this table rather than Intl.
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const localMonthNames = new Map<string, string[]>();

function monthAbbreviation(month: number, locale: string): string {
  if (/^en(?:-|$)/i.test(locale)) return ENGLISH_MONTHS[month - 1];
  let names = localMonthNames.get(locale);
  if (!names) {
    try {
      const formatter = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
      // Some locales abbreviate with a full stop ('janv.'), which would sit badly before the hyphen.
      names = ENGLISH_MONTHS.map((_, index) => formatter.format(Date.UTC(2000, index, 1)).replace(/\.$/, ''));
    } catch {
      names = ENGLISH_MONTHS;
    }
    localMonthNames.set(locale, names);
  }
  return names[month - 1];
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function datePart(clock: WallClock, precision: FhirDatePrecision, options: ResolvedDisplayOptions): string {
  const year = pad(clock.year, 4);
  if (precision === 'year') return year;
  const month = monthAbbreviation(clock.month, options.locale);
  if (precision === 'month') return `${month}-${year}`;
  return `${pad(clock.day)}-${month}-${year}`;
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Reads a FHIR `date`, `dateTime` or `instant`.
 *
 * @returns the instant and its precision, or undefined when the value is missing or not a real date
 *   (`'2023-02-29'`, `'2024-13'`, `'12/03/2024'`).
 * @example parseFhirDate('2024-03') // { date: 2024-03-01T00:00:00Z, precision: 'month' }
 */
export function parseFhirDate(
  value: string | null | undefined,
  options?: Pick<DisplayOptions, 'timeZone'>,
): ParsedFhirDate | undefined {
  const written = readFhirDate(value);
  if (!written) return undefined;
  const { timeZone } = resolveDisplayOptions(options);
  return { date: new Date(instantOf(written, timeZone)), precision: written.precision };
}

/**
 * Formats a FHIR date, dateTime or instant as a date, NHS style (`dd-Mmm-yyyy`), showing only the
 * precision recorded: a day is never invented.
 *
 * A dateTime's date is the date in the display time zone (Europe/London by default), so
 * `'2024-06-30T23:30:00Z'` is `'01-Jul-2024'` in British Summer Time.
 *
 * @returns `'12-Mar-2024'`, `'Mar-2024'` or `'2024'`; the value as given (trimmed) when it is not a
 *   FHIR date; undefined when there is no value.
 */
export function formatDate(value: string | null | undefined, options?: DisplayOptions): string | undefined {
  const raw = present(value);
  if (raw === undefined) return undefined;
  const written = readFhirDate(raw);
  if (!written) return raw;
  const resolved = resolveDisplayOptions(options);
  const precision = written.precision === 'time' ? 'day' : written.precision;
  return datePart(wallClockOf(written, resolved.timeZone), precision, resolved);
}

/**
 * Formats a FHIR dateTime or instant as date and 24-hour time in the display time zone:
 * `'2024-03-12T14:05:00Z'` → `'12-Mar-2024 14:05'`. Values without a time are formatted as
 * {@link formatDate} does (a time is never invented either).
 *
 * @returns the formatted text; the value as given (trimmed) when it is not a FHIR date; undefined
 *   when there is no value.
 */
export function formatDateTime(value: string | null | undefined, options?: DisplayOptions): string | undefined {
  const raw = present(value);
  if (raw === undefined) return undefined;
  const written = readFhirDate(raw);
  if (!written) return raw;
  const resolved = resolveDisplayOptions(options);
  const clock = wallClockOf(written, resolved.timeZone);
  const date = datePart(clock, written.precision === 'time' ? 'day' : written.precision, resolved);
  return written.precision === 'time' ? `${date} ${pad(clock.hour)}:${pad(clock.minute)}` : date;
}

const PRECISION_RANK: Record<FhirDatePrecision, number> = { year: 0, month: 1, day: 2, time: 3 };

function comparable(value: string | null | undefined): [number, number] | undefined {
  const written: WrittenFhirDate | undefined = readFhirDate(value);
  if (!written) return undefined;
  return [instantOf(written, resolveDisplayOptions(undefined).timeZone), PRECISION_RANK[written.precision]];
}

/**
 * Compares two FHIR dates for `Array.prototype.sort`, oldest first. Missing or unreadable dates sort
 * after all readable ones, whichever way the list is sorted, so undated items never hide newer ones.
 * Dates are compared by the start of the period they stand for (`'2024-03'` as 1 March 2024); a tie
 * puts the less precise date first.
 */
export function compareFhirDates(a: string | null | undefined, b: string | null | undefined): number {
  const left = comparable(a);
  const right = comparable(b);
  if (!left || !right) return left ? -1 : right ? 1 : 0;
  return left[0] - right[0] || left[1] - right[1];
}

/**
 * Compares two FHIR dates newest first (the order of clinical lists). Missing or unreadable dates
 * still sort last.
 */
export function compareFhirDatesNewestFirst(a: string | null | undefined, b: string | null | undefined): number {
  const left = comparable(a);
  const right = comparable(b);
  if (!left || !right) return left ? -1 : right ? 1 : 0;
  return right[0] - left[0] || right[1] - left[1];
}

/**
 * A new array of `items`, newest first by the date `dateOf` picks; undated items keep their order at
 * the end. The input is not changed.
 *
 * @example newestFirst(reports, (r) => r.effectiveDateTime ?? r.issued)
 */
export function newestFirst<T>(items: readonly T[], dateOf: (item: T) => string | null | undefined): T[] {
  return items
    .map((item) => ({ item, date: dateOf(item) }))
    .sort((a, b) => compareFhirDatesNewestFirst(a.date, b.date))
    .map(({ item }) => item);
}

/** Options for {@link formatPeriod}. */
export interface PeriodFormatOptions extends DisplayOptions {
  /** Show times of day where the period records them (`formatDateTime`), default false (dates only). */
  showTime?: boolean;
}

/**
 * Formats a FHIR Period: `'12-Mar-2024 to 20-Mar-2024'`, open-ended `'From 12-Mar-2024'` or
 * `'Until 20-Mar-2024'`. Each end shows only the precision recorded.
 *
 * @returns undefined when the period has neither start nor end.
 */
export function formatPeriod(period: Period | null | undefined, options?: PeriodFormatOptions): string | undefined {
  const format = options?.showTime ? formatDateTime : formatDate;
  const start = format(period?.start, options);
  const end = format(period?.end, options);
  if (start && end) return `${start} to ${end}`;
  if (start) return `From ${start}`;
  if (end) return `Until ${end}`;
  return undefined;
}
