import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { formatDate, groupProblems } from '@care-record/fhir';
import type { Condition, FhirClient, ProblemItem } from '@care-record/fhir';
import { newestUpdate, notFetchedOf, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, tag } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { conditionSearch } from '../../base/queries.js';

export interface ProblemSectionData extends SectionMeta {
  /** Active problems: problem-list items first, then other active conditions (Synthea files everything as encounter-diagnosis). */
  active: ProblemItem[];
  pastSignificant: number;
}

/** The problem list's search (`Condition?patient={id}&_count=100`), every page: every condition, grouped by the problems model. */
export async function loadProblems(client: FhirClient, patientId: string, signal: AbortSignal, now: Date): Promise<ProblemSectionData> {
  const result = await client.search<Condition>(...conditionSearch(patientId), { signal });
  const groups = groupProblems(result.matches, { now, resolve: (reference, from) => result.resolve(reference, from) });
  const onProblemList = (item: ProblemItem) => (item.categoryCodes.includes('problem-list-item') ? 0 : 1);
  const active = [...groups.active].sort((a, b) => onProblemList(a) - onProblemList(b));
  return {
    active,
    pastSignificant: groups.pastSignificant.length,
    records: result.matches.length,
    items: active.length,
    search: result,
    updated: newestUpdate(result.matches, now),
    organisations: organisationsOf(active.map((item) => item.source)),
    enteredInError: groups.excluded.enteredInError,
    notFetched: notFetchedOf(result),
  };
}

function renderProblem(item: ProblemItem, context: SectionContext): TemplateResult {
  const { strings } = context;
  const since = formatDate(item.onsetDate, context.display) ?? item.onsetText;
  return html`<p class="item-title">
      <strong>${item.name ?? strings.sectionTitle.problems}</strong>
      ${item.unconfirmed ? tag(strings.problemUnconfirmed, 'warning') : nothing}
    </p>
    ${since ? html`<p class="item-detail">${strings.problemSince(since)}</p>` : nothing} ${renderSource(context, item.source)}`;
}

export function renderProblems(data: ProblemSectionData, context: SectionContext): TemplateResult {
  const { strings } = context;
  return html`${data.active.length
      ? renderLimitedList(data.active, context, data.notFetched, (item) => renderProblem(item, context))
      : html`<p class="empty" part="empty">${strings.noActiveProblems}</p>`}
    ${data.pastSignificant > 0
      ? html`<p class="past-history">
          <button class="link-button" part="button past-history-button" type="button" @click=${() => context.navigate('problems')}>
            ${strings.pastSignificantHistory(data.pastSignificant)}
          </button>
        </p>`
      : nothing}
    ${renderEnteredInError(data.enteredInError, strings)}`;
}
