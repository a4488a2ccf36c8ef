import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { summariseAllergies } from '@care-record/fhir';
import type { AllergyIntolerance, AllergyItem, AllergySummary, FhirClient } from '@care-record/fhir';
import { newestUpdate, notFetchedOf, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, tag } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { allergySearch } from '../../base/queries.js';

export interface AllergySectionData extends SectionMeta {
  summary: AllergySummary;
}

/**
 * The allergy list's search (`AllergyIntolerance?patient={id}&_count=100`), every page: every record,
 * so the most critical can be put first.
 */
export async function loadAllergies(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<AllergySectionData> {
  const result = await client.search<AllergyIntolerance>(...allergySearch(patientId), { signal });
  const summary = summariseAllergies(result.matches, { resolve: (reference, from) => result.resolve(reference, from) });
  return {
    summary,
    records: result.matches.length,
    items: summary.state === 'list' ? summary.items.length : summary.noKnown ? 1 : 0,
    search: result,
    updated: newestUpdate(result.matches, now),
    organisations: organisationsOf([...summary.items.map((item) => item.source), summary.noKnown?.source]),
    enteredInError: summary.excluded.enteredInError,
    notFetched: notFetchedOf(result),
  };
}

function renderAllergy(item: AllergyItem, context: SectionContext): TemplateResult {
  const { strings } = context;
  const manifestations = [...new Set(item.reactions.flatMap((reaction) => reaction.manifestations))];
  const reaction = item.highestSeverity || manifestations.length ? strings.allergyReaction(item.highestSeverity, manifestations) : undefined;
  const high = item.criticality === 'high' && !item.inactive;
  return html`<p class="item-title">
      ${high ? html`<span class="visually-hidden">${strings.importantPrefix}</span>` : nothing}<strong>${item.substance ?? strings.substanceNotKnown}</strong>
      ${high ? tag(strings.allergyHighRisk, 'danger') : nothing}
      ${item.criticality === 'unable-to-assess' ? tag(strings.allergyUnableToAssess) : nothing}
      ${item.type === 'intolerance' ? tag(strings.allergyIntolerance) : nothing}
      ${item.unconfirmed ? tag(strings.allergyUnconfirmed, 'warning') : nothing}
      ${item.inactive ? tag(item.resolved ? strings.allergyResolved : strings.allergyInactive) : nothing}
    </p>
    ${reaction ? html`<p class="item-detail">${reaction}</p>` : nothing} ${renderSource(context, item.source)}`;
}

/**
 * The four allergy states are worded differently on purpose (clinical safety): a list; "No known
 * allergies" (a positive statement, with who said so and when); "No allergies recorded"; and, in the
 * element, "Allergy information unavailable" when loading failed.
 */
export function renderAllergies(data: AllergySectionData, context: SectionContext): TemplateResult {
  const { summary } = data;
  const { strings } = context;
  let body: TemplateResult;
  if (summary.state === 'list') {
    body = html`${summary.conflictingNoKnownStatement
        ? html`<p class="notice warning" part="notice"><span class="visually-hidden">${strings.importantPrefix}</span>${strings.allergyConflict}</p>`
        : nothing}
      ${renderLimitedList(summary.items, context, data.notFetched, (item) => renderAllergy(item, context))}`;
  } else if (summary.state === 'no-known-allergies') {
    const statement = summary.noKnown;
    body = html`<p class="allergy-state no-known-allergies" part="allergy-state no-known-allergies">
        <strong>${strings.noKnownAllergies[statement?.noKnownScope ?? 'all'] ?? strings.noKnownAllergies.all}</strong>
      </p>
      ${statement ? renderSource(context, statement.source) : nothing}`;
  } else {
    body = html`<p class="allergy-state none-recorded" part="allergy-state none-recorded">${strings.noAllergiesRecorded}</p>`;
  }
  const refuted = summary.refuted.map((item) => item.substance ?? strings.substanceNotKnown);
  return html`${body}
  ${refuted.length ? html`<p class="notice" part="notice refuted">${strings.allergyRuledOut(refuted)}</p>` : nothing}
  ${summary.warnings.map((warning) => html`<p class="notice warning" part="notice list-warning">${warning}</p>`)}
  ${renderEnteredInError(data.enteredInError, strings)}`;
}
