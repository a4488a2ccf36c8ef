import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { compareFhirDates, recordedDateOf } from '@care-record/fhir';
import type { DisplayOptions, FhirResource, RecordSource, SearchResult } from '@care-record/fhir';
import type { SummarySection } from './sections.js';
import type { SummaryStrings } from './strings.js';

/** What each section renderer gets from the element. */
export interface SectionContext {
  strings: SummaryStrings;
  display: DisplayOptions;
  /** How many items the section shows; the rest are counted ("and 3 more"). */
  limit: number;
  /** `CareRecordElement.sourceLine`: "From Royal Free Hospital · recorded 12-Mar-2024 (3 days ago)". */
  sourceLine: (organisation: string | undefined, date: string | undefined) => string;
  /** Fires `care-record-select` for a resource (and, unless the host cancels it, `care-record-navigate`). */
  select: (resource: FhirResource, section: SummarySection) => void;
  /** Fires `care-record-navigate`. */
  navigate: (section: SummarySection) => void;
  now: Date;
}

/** What every section's data says about itself, for the section's header and footer. */
export interface SectionMeta {
  /** How many records the section's searches returned (0: nothing recorded, so no source line). */
  records: number;
  /** The newest date any of the section's records was updated or recorded (raw FHIR), not in the future. */
  updated?: string;
  /** Organisations the shown records came from, most frequent first. */
  organisations: string[];
  /** Records left out because they were marked entered in error. */
  enteredInError: number;
  /** Matches the server has that were not fetched (from Bundle.total); 'unknown' when it did not say how many. */
  notFetched: number | 'unknown';
  /** How many items the section lists (before its limit), for the audit trail. */
  items: number;
  /**
   * The search the section came from: the record task's audit report lists its matches as the
   * resources viewed. (Sections with two searches have a second property holding the other.)
   */
  search?: SearchResult;
}

/**
 * The part of a search a section draws on. Sections read the lists' searches (one request for both
 * on a page), which can be wider than the section (every status, every date): the audit trail lists
 * a section's search matches as the resources viewed, so it gets only these.
 */
export function searchPart<T extends FhirResource>(result: SearchResult<T>, matches: T[]): SearchResult<T> {
  return {
    resourceType: result.resourceType,
    matches,
    included: result.included,
    outcomes: result.outcomes,
    total: result.total,
    complete: result.complete,
    incompleteReason: result.incompleteReason,
    nextUrl: result.nextUrl,
    pages: result.pages,
    requestUrls: result.requestUrls,
    resolve: (reference, from) => result.resolve(reference, from),
  };
}

/** The server's count of matches beyond those fetched. */
export function notFetchedOf(result: SearchResult): number | 'unknown' {
  if (result.complete) return 0;
  if (result.total !== undefined) return Math.max(0, result.total - result.matches.length);
  return 'unknown';
}

/**
 * The newest "last updated or recorded" date among the records (batch-fed sources lag, so staff
 * need to see how old the data is). Dates after `now` (planned periods, clock skew) are ignored.
 */
export function newestUpdate(resources: readonly FhirResource[], now: Date): string | undefined {
  const nowIso = now.toISOString();
  let newest: string | undefined;
  for (const resource of resources) {
    for (const date of [resource.meta?.lastUpdated, recordedDateOf(resource)]) {
      if (!date || compareFhirDates(date, nowIso) > 0) continue;
      if (newest === undefined || compareFhirDates(date, newest) > 0) newest = date;
    }
  }
  return newest;
}

/** Distinct organisation names of the items' sources, most frequent first. */
export function organisationsOf(sources: ReadonlyArray<RecordSource | undefined>): string[] {
  const counts = new Map<string, number>();
  for (const source of sources) {
    const name = source?.organisationName?.trim();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/**
 * The first `limit` items as a list, then "and N more" for the rest, including matches the server
 * holds that were not fetched: nothing is dropped without saying so.
 */
export function renderLimitedList<T>(
  items: readonly T[],
  context: SectionContext,
  notFetched: number | 'unknown',
  renderItem: (item: T) => TemplateResult,
  options: { limit?: number; listClass?: string } = {},
): TemplateResult {
  const limit = options.limit ?? context.limit;
  const shown = items.slice(0, limit);
  const hidden = items.length - shown.length;
  const more = notFetched === 'unknown' ? 'unknown' : hidden + notFetched;
  return html`<ul class="items ${options.listClass ?? ''}" part="list">
      ${shown.map((item) => html`<li class="item" part="item">${renderItem(item)}</li>`)}
    </ul>
    ${more === 'unknown'
      ? html`<p class="more" part="more">${context.strings.andSomeMore}</p>`
      : more > 0
        ? html`<p class="more" part="more">${context.strings.andMore(more)}</p>`
        : nothing}`;
}

/** "1 entry marked as entered in error is not shown". */
export function renderEnteredInError(count: number, strings: SummaryStrings): TemplateResult | typeof nothing {
  return count > 0 ? html`<p class="notice" part="notice entered-in-error">${strings.enteredInError(count)}</p>` : nothing;
}

/** A small text tag ("Unconfirmed", "High risk"): words, so colour is never the only signal. */
export function tag(text: string, kind: 'neutral' | 'warning' | 'danger' = 'neutral'): TemplateResult {
  return html`<span class="tag ${kind}" part="tag">${text}</span>`;
}

/** The source line under an item. */
export function renderSource(context: SectionContext, source: RecordSource | undefined, date?: string): TemplateResult {
  return html`<p class="source" part="source">${context.sourceLine(source?.organisationName, date ?? source?.recorded)}</p>`;
}
