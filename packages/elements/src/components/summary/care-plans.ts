import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { carePlanItems, formatPeriod } from '@care-record/fhir';
import type { CarePlan, CarePlanItem, CodeableConcept, FhirClient } from '@care-record/fhir';
import { newestUpdate, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, searchPart } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { carePlanSearch } from '../../base/queries.js';

export interface CarePlanSummaryItem extends CarePlanItem {
  /** The plan's title, else its description, else the first category with words (not a bare code). */
  heading?: string;
}

export interface CarePlanSectionData extends SectionMeta {
  plans: CarePlanSummaryItem[];
}

function wordsOf(concept: CodeableConcept): string | undefined {
  return concept.text?.trim() || concept.coding?.find((coding) => coding.display?.trim())?.display?.trim();
}

/**
 * The care plan list's search (`CarePlan?patient={id}&_sort=-date&_include=CarePlan:goal&_include=CarePlan:condition&_count=20`),
 * every page, and its active plans: one request for both on a page. Not `status=active` on the server:
 * the list asks for every status, and the first page of that could miss an older active plan, hence every page.
 */
export async function loadCarePlans(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<CarePlanSectionData> {
  const result = await client.search<CarePlan>(...carePlanSearch(patientId), { signal });
  const active = result.matches.filter((plan) => plan.status === 'active');
  const list = carePlanItems(active, { resolve: (reference, from) => result.resolve(reference, from) });
  const byReference = new Map(active.map((plan) => [`CarePlan/${plan.id}`, plan]));
  const items = list.items.map((item): CarePlanSummaryItem => {
    const plan = item.reference ? byReference.get(item.reference) : undefined;
    const category = (plan?.category ?? []).map(wordsOf).find((text) => !!text);
    return { ...item, heading: item.title ?? item.description ?? category };
  });
  return {
    plans: items,
    records: active.length,
    items: items.length,
    search: searchPart(result, active),
    updated: newestUpdate(active, now),
    organisations: organisationsOf(items.map((item) => item.source)),
    enteredInError: list.excluded.enteredInError,
    // Plans not fetched may have any status: there may be more, but not how many.
    notFetched: result.complete ? 0 : 'unknown',
  };
}

function renderCarePlan(item: CarePlanSummaryItem, context: SectionContext): TemplateResult {
  const { strings, display } = context;
  const period = formatPeriod(item.period, display);
  return html`<p class="item-title"><strong>${item.heading ?? strings.carePlanTitleNotKnown}</strong></p>
    ${period ? html`<p class="item-detail">${strings.carePlanPeriod(period)}</p>` : nothing}
    ${item.addresses.length ? html`<p class="item-detail">${item.addresses.join(', ')}</p>` : nothing}
    ${renderSource(context, { ...item.source, organisationName: item.source.organisationName ?? item.author?.name }, item.created ?? item.period?.start)}`;
}

export function renderCarePlans(data: CarePlanSectionData, context: SectionContext): TemplateResult {
  return html`${data.plans.length
      ? renderLimitedList(data.plans, context, data.notFetched, (item) => renderCarePlan(item, context))
      : html`<p class="empty" part="empty">${context.strings.noActiveCarePlans}</p>`}
    ${renderEnteredInError(data.enteredInError, context.strings)}`;
}
