import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { encounterTimeline, formatDateTime } from '@care-record/fhir';
import type { Encounter, EncounterItem, FhirClient } from '@care-record/fhir';
import { newestUpdate, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, searchPart, tag } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { encounterSearch } from '../../base/queries.js';

export interface EncounterSectionData extends SectionMeta {
  /** Emergency department and ambulance attendances, newest first. */
  attendances: Array<EncounterItem & { kind: 'emergency' | 'ambulance' }>;
}

/** The first day of the window: the same day twelve months ago (YYYY-MM-DD). */
export function twelveMonthsBefore(now: Date): string {
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  return start.toISOString().slice(0, 10);
}

/** The UTC day a FHIR date or dateTime ends on (YYYY-MM-DD): a month or a year ends on its last day. */
function lastDayOf(value: string): string | undefined {
  if (/^\d{4}$/.test(value)) return `${value}-12-31`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-31`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** The UTC day a FHIR date or dateTime starts on (YYYY-MM-DD). */
function firstDayOf(value: string): string | undefined {
  if (value.length <= 10) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/**
 * Whether some of the encounter lies on or after `day`, as a `date=ge{day}` search reads its period:
 * an end on or after the day, or no end (ongoing). Encounters without a period are not in any window.
 */
function reaches(encounter: Encounter, day: string): boolean {
  const { start, end } = encounter.period ?? {};
  if (end) return (lastDayOf(end) ?? '') >= day;
  return !!start;
}

/** How many pages of the encounter list's search the section reads at most (50 encounters each). */
const MAX_PAGES = 10;

/**
 * The encounter list's search (`Encounter?patient={id}&_sort=-date&_include=Encounter:service-provider&_include=Encounter:location&_count=50`:
 * one request for both on a page), read newest first until the encounters start before the window,
 * then those of the last 12 months; emergency and ambulance attendances by the encounters model (class
 * EMER, emergency types; ambulance by type, service or provider: class AMB means ambulatory, not
 * ambulance, so no class filter).
 */
export async function loadEncounters(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<EncounterSectionData> {
  const windowStart = twelveMonthsBefore(now);
  let result = await client.search<Encounter>(...encounterSearch(patientId), { signal, maxPages: 1 });
  // Newest first: once one starts before the window (or has no date, sorted last), later pages are older.
  const pastWindow = () => {
    const oldest = result.matches.at(-1)?.period;
    const start = oldest?.start ?? oldest?.end;
    return result.matches.length > 0 && (!start || (firstDayOf(start) ?? '') < windowStart);
  };
  while (result.nextUrl && !pastWindow() && result.pages < MAX_PAGES) {
    result = await client.loadMore(result, { signal, maxPages: 1 });
  }
  const recent = result.matches.filter((encounter) => reaches(encounter, windowStart));
  const timeline = encounterTimeline(recent, { resolve: (reference, from) => result.resolve(reference, from) });
  const items = timeline.items.filter((item): item is EncounterSectionData['attendances'][number] => item.kind === 'emergency' || item.kind === 'ambulance');
  const shown = new Set(items.map((item) => item.reference));
  return {
    attendances: items,
    records: items.length,
    items: items.length,
    search: searchPart(result, recent),
    updated: newestUpdate(recent.filter((encounter) => shown.has(`Encounter/${encounter.id}`)), now),
    organisations: organisationsOf(items.map((item) => item.source)),
    enteredInError: timeline.excluded.enteredInError,
    // Encounters not fetched may be of any kind: say there may be more, not how many.
    notFetched: result.complete || pastWindow() ? 0 : 'unknown',
  };
}

function renderEncounter(item: EncounterSectionData['attendances'][number], context: SectionContext): TemplateResult {
  const { strings, display } = context;
  const when = formatDateTime(item.start ?? item.end, display);
  const where = item.serviceProvider?.name ?? item.locations.find((location) => location.name)?.name;
  return html`<p class="item-title">
      <strong>${strings.encounterKind[item.kind]}</strong>${when ? html` <span>${when}</span>` : nothing}
      ${item.status === 'in-progress' || item.status === 'arrived' || item.status === 'triaged' ? tag(strings.encounterInProgress, 'warning') : nothing}
    </p>
    ${where ? html`<p class="item-detail">${where}</p>` : nothing}
    ${item.reasons.length ? html`<p class="item-detail">${strings.encounterReason(item.reasons)}</p>` : nothing}
    ${item.dischargeDisposition ? html`<p class="item-detail">${strings.encounterOutcome(item.dischargeDisposition)}</p>` : nothing}
    ${renderSource(context, { ...item.source, organisationName: item.source.organisationName ?? where }, item.start)}`;
}

export function renderEncounters(data: EncounterSectionData, context: SectionContext): TemplateResult {
  return html`${data.attendances.length
      ? renderLimitedList(data.attendances, context, data.notFetched, (item) => renderEncounter(item, context))
      : html`<p class="empty" part="empty">${context.strings.noRecentAttendances}</p>`}
    ${renderEnteredInError(data.enteredInError, context.strings)}`;
}
