import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { buildMedicationList } from '@care-record/fhir';
import type { FhirClient, MedicationDispense, MedicationItem, MedicationRequest } from '@care-record/fhir';
import { newestUpdate, notFetchedOf, organisationsOf, renderEnteredInError, renderLimitedList, renderSource } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { medicationRequestSearch } from '../../base/queries.js';
import { medicationStatusText } from '../medication-status.js';

export interface MedicationSectionData extends SectionMeta {
  current: MedicationItem[];
}

/**
 * One search, the medication list's prescriptions (one request for both on a page):
 * `MedicationRequest?patient={id}&_include=MedicationRequest:medication&_revinclude=MedicationDispense:prescription&_sort=-authoredon`.
 * The included Medications name the medicines; the dispenses give "Dispensed 12-Mar-2024".
 */
export async function loadMedications(
  client: FhirClient,
  patientId: string,
  signal: AbortSignal,
  now: Date,
  // As the list: without a MedicationDispense scope the dispenses are not asked for (and the URL stays the list's).
  dispensesPermitted = true,
): Promise<MedicationSectionData> {
  const result = await client.search<MedicationRequest>(...medicationRequestSearch(patientId, { dispenses: dispensesPermitted }), { signal });
  const dispenses = result.included.filter((resource): resource is MedicationDispense => resource.resourceType === 'MedicationDispense');
  const list = buildMedicationList({
    requests: result.matches,
    dispenses,
    included: result.included,
    resolve: (reference, from) => result.resolve(reference, from),
    now,
  });
  return {
    current: list.current,
    records: result.matches.length,
    items: list.current.length,
    search: result,
    updated: newestUpdate([...result.matches, ...dispenses], now),
    organisations: organisationsOf(list.current.map((item) => item.source)),
    enteredInError: list.excluded.enteredInError,
    notFetched: notFetchedOf(result),
  };
}

function renderMedication(item: MedicationItem, context: SectionContext): TemplateResult {
  const { strings } = context;
  return html`<p class="item-title"><strong>${item.name ?? strings.medicineNotKnown}</strong></p>
    ${item.doseText ? html`<p class="item-detail">${item.doseText}</p>` : nothing}
    <p class="item-detail prescription-status" part="prescription-status">
      <span class="secondary">${strings.prescriptionStatus}</span> <strong>${medicationStatusText(item, strings, context.display)}</strong>
    </p>
    ${renderSource(context, item.source, item.lastIssuedDate ?? item.authorisedDate ?? item.source.recorded)}`;
}

export function renderMedications(data: MedicationSectionData, context: SectionContext): TemplateResult {
  return html`${data.current.length
      ? renderLimitedList(data.current, context, data.notFetched, (item) => renderMedication(item, context))
      : html`<p class="empty" part="empty">${context.strings.noCurrentMedication}</p>`}
    ${renderEnteredInError(data.enteredInError, context.strings)}`;
}
