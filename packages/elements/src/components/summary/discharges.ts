import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { anyOf, DISCHARGE_SUMMARY_CODES, formatDate, LOINC_SYSTEM, mergeDischargeDocuments, SNOMED_SYSTEM, token } from '@care-record/fhir';
import type { ClinicalDocumentItem, Composition, DocumentReference, FhirClient, SearchResult } from '@care-record/fhir';
import { newestUpdate, notFetchedOf, renderEnteredInError, renderLimitedList } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';

export interface DischargeSectionData extends SectionMeta {
  /** Discharge summaries, newest first. */
  summaries: ClinicalDocumentItem[];
  /** The DocumentReference search (`search` holds the Composition one). */
  documentSearch: SearchResult<DocumentReference>;
}

/** How many discharge documents to ask for: the newest is shown, the rest are counted. */
const PAGE_SIZE = 20;

const dischargeTypes = () =>
  anyOf(
    ...DISCHARGE_SUMMARY_CODES.snomed.map((code) => token(SNOMED_SYSTEM, code)),
    ...DISCHARGE_SUMMARY_CODES.loinc.map((code) => token(LOINC_SYSTEM, code)),
  );

function addNotFetched(a: number | 'unknown', b: number | 'unknown'): number | 'unknown' {
  return a === 'unknown' || b === 'unknown' ? 'unknown' : a + b;
}

/**
 * Discharge summaries come as Compositions (UK Core transfer of care) or as DocumentReferences
 * (PDFs), often both for one stay: both are searched, in parallel, by discharge summary type, newest
 * first, with their encounters, and merged by the documents model (a rendering of a Composition joins its row).
 */
export async function loadDischarges(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<DischargeSectionData> {
  const params = { patient: patientId, type: dischargeTypes(), _sort: '-date', _count: PAGE_SIZE };
  const options = { signal, maxPages: 1 };
  // The stay's encounter gives the admission and discharge dates.
  const [compositions, references]: [SearchResult<Composition>, SearchResult<DocumentReference>] = await Promise.all([
    client.search<Composition>('Composition', { ...params, _include: 'Composition:encounter' }, options),
    client.search<DocumentReference>('DocumentReference', { ...params, _include: 'DocumentReference:encounter' }, options),
  ]);
  const merged = mergeDischargeDocuments(compositions.matches, references.matches, {
    resolve: (reference, from) => compositions.resolve(reference, from) ?? references.resolve(reference, from),
  });
  // Emergency department summaries share the discharge summary type (told apart by care setting).
  const items = merged.items.filter((item) => item.kind === 'discharge');
  return {
    summaries: items,
    records: compositions.matches.length + references.matches.length,
    items: Math.min(1, items.length),
    search: compositions,
    documentSearch: references,
    updated: newestUpdate([...compositions.matches, ...references.matches], now),
    organisations: [...new Set(items.map((item) => item.organisation?.name).filter((name): name is string => !!name))],
    enteredInError: merged.excludedEnteredInError,
    notFetched: addNotFetched(notFetchedOf(compositions), notFetchedOf(references)),
  };
}

function renderDischarge(item: ClinicalDocumentItem, context: SectionContext): TemplateResult {
  const { strings, display } = context;
  const stay = strings.admittedDischarged(formatDate(item.periodStart, display), formatDate(item.periodEnd, display));
  const title = item.title ?? item.typeText ?? strings.documentKind[item.kind];
  return html`<button class="item-button" part="button item-button" type="button" @click=${() => context.select(item.resource, 'discharges')}>
      <span class="item-title"><strong>${title}</strong></span>
      ${item.organisation?.name ? html`<span class="item-detail">${item.organisation.name}</span>` : nothing}
      ${stay ? html`<span class="item-detail">${stay}</span>` : nothing}
    </button>
    <p class="source" part="source">${context.sourceLine(item.organisation?.name, item.date ?? item.periodEnd)}</p>`;
}

/** The latest hospital discharge summary (a button that fires `care-record-select`), and how many others there are. */
export function renderDischarges(data: DischargeSectionData, context: SectionContext): TemplateResult {
  return html`${data.summaries.length
      ? renderLimitedList(data.summaries, context, data.notFetched, (item) => renderDischarge(item, context), { limit: 1 })
      : html`<p class="empty" part="empty">${context.strings.noDischargeSummaries}</p>`}
    ${renderEnteredInError(data.enteredInError, context.strings)}`;
}
