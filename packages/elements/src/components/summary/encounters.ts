import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { encounterTimeline, formatDateTime } from '@care-record/fhir';
import type { Encounter, EncounterItem, FhirClient } from '@care-record/fhir';
import { newestUpdate, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, tag } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';

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

/**
 * `Encounter?patient={id}&date=ge{12 months ago}&_sort=-date&_include=Encounter:service-provider`,
 * then emergency and ambulance attendances by the encounters model (class EMER, emergency types;
 * ambulance by type, service or provider: class AMB means ambulatory, not ambulance, so no class filter).
 */
export async function loadEncounters(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<EncounterSectionData> {
  const result = await client.search<Encounter>(
    'Encounter',
    { patient: patientId, date: `ge${twelveMonthsBefore(now)}`, _sort: '-date', _include: 'Encounter:service-provider' },
    { signal },
  );
  const timeline = encounterTimeline(result.matches, { resolve: (reference, from) => result.resolve(reference, from) });
  const items = timeline.items.filter((item): item is EncounterSectionData['attendances'][number] => item.kind === 'emergency' || item.kind === 'ambulance');
  const shown = new Set(items.map((item) => item.reference));
  return {
    attendances: items,
    records: items.length,
    items: items.length,
    search: result,
    updated: newestUpdate(result.matches.filter((encounter) => shown.has(`Encounter/${encounter.id}`)), now),
    organisations: organisationsOf(items.map((item) => item.source)),
    enteredInError: timeline.excluded.enteredInError,
    // Encounters not fetched may be of any kind: say there may be more, not how many.
    notFetched: result.complete ? 0 : 'unknown',
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
