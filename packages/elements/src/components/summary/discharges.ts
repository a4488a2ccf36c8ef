import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { DISCHARGE_SUMMARY_CODES, formatDate, LOINC_SYSTEM, mergeDischargeDocuments, SNOMED_SYSTEM } from '@care-record/fhir';
import type { ClinicalDocumentItem, Composition, DocumentReference, FhirClient, SearchResult } from '@care-record/fhir';
import { newestUpdate, renderEnteredInError, renderLimitedList, searchPart } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { summaryCompositionSearch, summaryDocumentReferenceSearch } from '../../base/queries.js';

export interface DischargeSectionData extends SectionMeta {
  /** Discharge summaries, newest first. */
  summaries: ClinicalDocumentItem[];
  /** The DocumentReference search (`search` holds the Composition one). */
  documentSearch: SearchResult<DocumentReference>;
}

/** Typed as a discharge summary (SNOMED or LOINC), as the section's own `type=` search used to ask. */
function hasDischargeType(resource: Composition | DocumentReference): boolean {
  return (resource.type?.coding ?? []).some(
    (coding) =>
      !!coding.code &&
      ((coding.system === SNOMED_SYSTEM && (DISCHARGE_SUMMARY_CODES.snomed as readonly string[]).includes(coding.code)) ||
        (coding.system === LOINC_SYSTEM && (DISCHARGE_SUMMARY_CODES.loinc as readonly string[]).includes(coding.code))),
  );
}

/**
 * Discharge summaries come as Compositions (UK Core transfer of care) or as DocumentReferences
 * (PDFs), often both for one stay. The discharge list's two searches (every care-transfer summary
 * type, newest first, with authors and encounters: one request each for both on a page) are read to
 * the end, in parallel; the discharge-typed documents are merged by the documents model (a rendering of
 * a Composition joins its row). Every page, because emergency and ambulance summaries share the pages.
 */
export async function loadDischarges(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<DischargeSectionData> {
  const options = { signal };
  // The stay's encounter gives the admission and discharge dates.
  const [compositionResult, referenceResult]: [SearchResult<Composition>, SearchResult<DocumentReference>] = await Promise.all([
    client.search<Composition>(...summaryCompositionSearch(patientId), options),
    client.search<DocumentReference>(...summaryDocumentReferenceSearch(patientId), options),
  ]);
  const compositions = compositionResult.matches.filter(hasDischargeType);
  const references = referenceResult.matches.filter(hasDischargeType);
  const merged = mergeDischargeDocuments(compositions, references, {
    resolve: (reference, from) => compositionResult.resolve(reference, from) ?? referenceResult.resolve(reference, from),
  });
  // Emergency department summaries share the discharge summary type (told apart by care setting).
  const items = merged.items.filter((item) => item.kind === 'discharge');
  return {
    summaries: items,
    records: compositions.length + references.length,
    items: Math.min(1, items.length),
    search: searchPart(compositionResult, compositions),
    documentSearch: searchPart(referenceResult, references),
    updated: newestUpdate([...compositions, ...references], now),
    organisations: [...new Set(items.map((item) => item.organisation?.name).filter((name): name is string => !!name))],
    enteredInError: merged.excludedEnteredInError,
    // Documents not fetched may be of any summary type: there may be more, but not how many.
    notFetched: compositionResult.complete && referenceResult.complete ? 0 : 'unknown',
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
