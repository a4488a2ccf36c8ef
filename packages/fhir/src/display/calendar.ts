// Internal calendar arithmetic shared by the date, age and relative-age helpers. Not re-exported from
// the package: callers use parseFhirDate / formatDate and friends.

/** How much of a date FHIR recorded: `'2024'`, `'2024-03'`, `'2024-03-12'`, or a dateTime with a time. */
export type FhirDatePrecision = 'year' | 'month' | 'day' | 'time';

/** Calendar fields as written in a FHIR date, dateTime or instant. */
export interface WrittenFhirDate {
  precision: FhirDatePrecision;
  year: number;
  month: number; // 1-12; 1 when precision is 'year'
  day: number; // 1 when precision is 'year' or 'month'
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC from `Z` / `±hh:mm`; undefined when a time was written without a zone. */
  offsetMinutes?: number;
}

/** Calendar fields in a given time zone (a wall clock reading). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export interface WallClock extends CalendarDay {
  hour: number;
  minute: number;
  second: number;
}

// FHIR R4 date / dateTime / instant (http://hl7.org/fhir/R4/datatypes.html#dateTime). Tolerant on two
// points that real feeds get wrong: seconds may be missing, and so may the zone (read as wall-clock
// time in the display zone).
const FHIR_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (as JavaScript dates count them). */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return new Date(utcMilliseconds(year, month + 1, 0)).getUTCDate();
  if (month !== 2) return MONTH_DAYS[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Date.UTC for any year: Date.UTC maps years 0-99 to 1900-1999. */
export function utcMilliseconds(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  // Every date on a list is parsed, compared and formatted: no Date object for ordinary years.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** Reads a FHIR date/dateTime/instant without interpreting it; undefined when it is not one. */
export function readFhirDate(value: unknown): WrittenFhirDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = FHIR_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  // FHIR allows a leap second (60); JavaScript dates cannot hold one, so it reads as 59.
  const second = s === undefined ? 0 : Math.min(Number(s), 59);
  const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || (s !== undefined && Number(s) > 60)) return undefined;
  let offsetMinutes: number | undefined;
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') {
      offsetMinutes = 0;
    } else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const zoneHours = Number(zone.slice(1, 3));
      const zoneMinutes = Number(zone.slice(4, 6));
      if (zoneHours > 14 || zoneMinutes > 59) return undefined;
      offsetMinutes = sign * (zoneHours * 60 + zoneMinutes);
    }
  }
  const precision: FhirDatePrecision = h !== undefined ? 'time' : d !== undefined ? 'day' : mo !== undefined ? 'month' : 'year';
  return { precision, year, month, day, hour, minute, second, millisecond, offsetMinutes };
}

interface WallClockReader {
  formatter: Intl.DateTimeFormat;
  /** `format` text for this zone is in the shape EN_GB_WALL_CLOCK reads (checked once per zone). */
  textReadable: boolean;
}

const wallClockReaders = new Map<string, WallClockReader>();

// en-GB numeric with a 24-hour clock: "04/01/2005, 13:05:05".
const EN_GB_WALL_CLOCK = /^(\d{2})\/(\d{2})\/(\d{4,}), (\d{2}):(\d{2}):(\d{2})$/;

function wallClockFromParts(formatter: Intl.DateTimeFormat, instant: Date | number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour,
    minute: fields.minute,
    second: fields.second,
  };
}

function wallClockFromText(formatter: Intl.DateTimeFormat, instant: Date | number): WallClock | undefined {
  const match = EN_GB_WALL_CLOCK.exec(formatter.format(instant));
  if (!match) return undefined;
  return {
    year: Number(match[3]),
    month: Number(match[2]),
    day: Number(match[1]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
  };
}

const sameClock = (a: WallClock | undefined, b: WallClock) =>
  !!a && a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;

function wallClockReader(timeZone: string): WallClockReader {
  let reader = wallClockReaders.get(timeZone);
  if (!reader) {
    const formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Reading the formatted text is several times faster than formatToParts, which builds an object
    // per field; it is used only when this ICU's text gives the same reading as the parts.
    const probe = Date.UTC(2024, 6, 1, 23, 30, 15);
    const textReadable = sameClock(wallClockFromText(formatter, probe), wallClockFromParts(formatter, probe));
    reader = { formatter, textReadable };
    wallClockReaders.set(timeZone, reader);
  }
  return reader;
}

/** The wall clock in `timeZone` at `instant` (timeZone must already be known to be usable). */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  const { formatter, textReadable } = wallClockReader(timeZone);
  return (textReadable ? wallClockFromText(formatter, instant) : undefined) ?? wallClockFromParts(formatter, instant);
}

function zoneOffsetMilliseconds(instant: number, timeZone: string): number {
  const clock = wallClockAt(instant, timeZone);
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return utcMilliseconds(clock.year, clock.month, clock.day, clock.hour, clock.minute, clock.second) - wholeSeconds;
}

/**
 * The instant a written date stands for. Times with a zone are exact. Times without a zone are wall
 * clock time in `timeZone`. Dates without a time stand for midnight UTC at the start of the period.
 */
export function instantOf(written: WrittenFhirDate, timeZone: string): number {
  const { year, month, day, hour, minute, second, millisecond } = written;
  const asIfUtc = utcMilliseconds(year, month, day, hour, minute, second, millisecond);
  if (written.precision !== 'time') return asIfUtc;
  if (written.offsetMinutes !== undefined) return asIfUtc - written.offsetMinutes * 60_000;
  // Zone-less wall clock: correct the guess once more in case it crossed a daylight-saving change.
  const firstGuess = asIfUtc - zoneOffsetMilliseconds(asIfUtc, timeZone);
  return asIfUtc - zoneOffsetMilliseconds(firstGuess, timeZone);
}

/**
 * The calendar reading of a written date in `timeZone`: the fields as written for dates and zone-less
 * times, and the wall clock in `timeZone` for times with a zone (so a UTC instant late on 30 June is
 * 1 July in British Summer Time).
 */
export function wallClockOf(written: WrittenFhirDate, timeZone: string): WallClock {
  if (written.precision === 'time' && written.offsetMinutes !== undefined) {
    return wallClockAt(instantOf(written, timeZone), timeZone);
  }
  const { year, month, day, hour, minute, second } = written;
  return { year, month, day, hour, minute, second };
}

/** Whole days from `from` to `to` (calendar days, no time of day involved). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round(
    (utcMilliseconds(to.year, to.month, to.day) - utcMilliseconds(from.year, from.month, from.day)) / 86_400_000,
  );
}

/** Whole calendar months from `from` to `to`: a month is complete on the same day-of-month. */
export function monthsBetween(from: CalendarDay, to: CalendarDay): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  return to.day < from.day ? months - 1 : months;
}

/**
 * Whole years from `from` to `to`. Someone born on 29 February completes a year on 1 March in
 * other years (the UK reading of a leap-day birthday).
 */
export function yearsBetween(from: CalendarDay, to: CalendarDay): number {
  const years = to.year - from.year;
  const beforeAnniversary = to.month < from.month || (to.month === from.month && to.day < from.day);
  return beforeAnniversary ? years - 1 : years;
}

/** First and last calendar days a date of the given precision could mean. */
export function possibleDays(written: WrittenFhirDate, timeZone: string): [CalendarDay, CalendarDay] {
  const clock = wallClockOf(written, timeZone);
  if (written.precision === 'year') {
    return [
      { year: clock.year, month: 1, day: 1 },
      { year: clock.year, month: 12, day: 31 },
    ];
  }
  if (written.precision === 'month') {
    return [
      { year: clock.year, month: clock.month, day: 1 },
      { year: clock.year, month: clock.month, day: daysInMonth(clock.year, clock.month) },
    ];
  }
  const day = { year: clock.year, month: clock.month, day: clock.day };
  return [day, day];
}
