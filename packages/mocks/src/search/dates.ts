/** A span of time [low, high) in epoch milliseconds; a date's span is its whole precision (`2024` = the year). */
export interface DateRange {
  low: number;
  high: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The span a FHIR date, dateTime or instant stands for: `2024` is all of 2024, `2024-03-12T14:05` the
 * whole minute. Dates and times without a time zone are read as UTC (FHIR leaves it to the server).
 */
export function dateRange(value: string): DateRange | undefined {
  const match = DATE.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  if (mo === undefined) return { low: Date.UTC(year, 0, 1), high: Date.UTC(year + 1, 0, 1) };
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return undefined;
  if (d === undefined) return { low: Date.UTC(year, month, 1), high: Date.UTC(year, month + 1, 1) };
  const day = Number(d);
  if (day < 1 || day > 31) return undefined;
  if (h === undefined) return { low: Date.UTC(year, month, day), high: Date.UTC(year, month, day + 1) };
  let offsetMs = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;
  const low = Date.UTC(year, month, day, Number(h), Number(mi), s === undefined ? 0 : Number(s), ms) - offsetMs;
  const width = s === undefined ? 60_000 : fraction ? 1 : 1000;
  return { low, high: low + width };
}

/** The span of a date-like element: a date/dateTime/instant string or a Period (open ends unbounded). */
export function elementRange(value: unknown): DateRange | undefined {
  if (typeof value === 'string') return dateRange(value);
  if (typeof value === 'object' && value !== null && ('start' in value || 'end' in value)) {
    const { start, end } = value as { start?: string; end?: string };
    const low = start ? dateRange(start)?.low : -Infinity;
    const high = end ? dateRange(end)?.high : Infinity;
    if (low === undefined || high === undefined) return undefined;
    return { low, high };
  }
  return undefined;
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES: readonly DatePrefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** Splits `ge2024-03` into its prefix (default eq) and the date. */
export function splitPrefix(value: string): { prefix: DatePrefix; date: string } {
  const candidate = value.slice(0, 2) as DatePrefix;
  return PREFIXES.includes(candidate) ? { prefix: candidate, date: value.slice(2) } : { prefix: 'eq', date: value };
}

/**
 * FHIR's date comparison (R4 search §3.1.1.4.1.1): ranges, not instants. `eq` means the element lies
 * within the searched span, `gt` that some of it lies after the span, `ge` that some of it lies at or
 * after its start, and so on.
 */
export function compareRange(prefix: DatePrefix, target: DateRange, search: DateRange, now = Date.now()): boolean {
  const within = target.low >= search.low && target.high <= search.high;
  switch (prefix) {
    case 'eq':
      return within;
    case 'ne':
      return !within;
    case 'gt':
      return target.high > search.high;
    case 'lt':
      return target.low < search.low;
    case 'ge':
      // Read as "some of it lies at or after the start of the span" (as HAPI does): an admission that
      // ends on the 15th is found by ge…15, which the spec's stricter wording would miss.
      return target.high > search.low;
    case 'le':
      return target.low < search.high;
    case 'sa':
      return target.low >= search.high;
    case 'eb':
      return target.high <= search.low;
    case 'ap': {
      // "Approximately": the spec suggests 10% of the gap between the value and now.
      const slack = Math.max(86_400_000, Math.abs(now - search.low) * 0.1);
      return target.low < search.high + slack && target.high > search.low - slack;
    }
  }
}

/** A sort key for a date-like element: its start, else its end. */
export function sortInstant(value: unknown): number | undefined {
  const range = elementRange(value);
  if (!range) return undefined;
  if (Number.isFinite(range.low)) return range.low;
  return Number.isFinite(range.high) ? range.high : undefined;
}
