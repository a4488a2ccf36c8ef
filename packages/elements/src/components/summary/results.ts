import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { formatDate, groupResults } from '@care-record/fhir';
import type { DiagnosticReport, DiagnosticReportView, FhirClient, InterpretationView, Observation, ObservationView } from '@care-record/fhir';
import { newestUpdate, notFetchedOf, organisationsOf, renderEnteredInError, renderLimitedList, renderSource, searchPart } from './common.js';
import type { SectionContext, SectionMeta } from './common.js';
import { labReportSearch, PAGE_SIZES } from '../../base/queries.js';
import type { SummaryStrings } from './strings.js';

export interface ResultSectionData extends SectionMeta {
  reports: DiagnosticReportView[];
}

/**
 * The newest laboratory reports with their results, in one request: test results' search
 * (`DiagnosticReport?patient={id}&category=…v2-0074|LAB&_include=DiagnosticReport:result&_sort=-date&_count=50`,
 * one request for both on a page), of which the first `limit` are shown. Only the first page is read:
 * the server's total says how many more there are.
 */
export async function loadResults(client: FhirClient, patientId: string, signal: AbortSignal, now: Date, limit: number): Promise<ResultSectionData> {
  const result = await client.search<DiagnosticReport>(...labReportSearch(patientId, Math.max(limit, PAGE_SIZES.labReports)), { signal, maxPages: 1 });
  const observations = result.included.filter((resource): resource is Observation => resource.resourceType === 'Observation');
  const groups = groupResults({ reports: result.matches, observations, resolve: (reference, from) => result.resolve(reference, from) });
  // The header and the audit speak of the reports on the card, as when only those were asked for;
  // the rest are counted in "and N more".
  const first = result.matches.slice(0, limit);
  return {
    reports: groups.reports,
    records: result.matches.length,
    items: groups.reports.length,
    search: searchPart(result, first),
    updated: newestUpdate(first, now),
    organisations: organisationsOf(groups.reports.slice(0, limit).map((report) => report.source)),
    enteredInError: groups.excluded.enteredInError,
    notFetched: notFetchedOf(result),
  };
}

/** Symbols beside the words, so that a flag never depends on colour (or on the symbol) alone. */
const FLAG_SYMBOL: Partial<Record<InterpretationView['flag'], string>> = {
  H: '▲',
  L: '▼',
  HH: '▲▲',
  LL: '▼▼',
  A: '!',
  AA: '!!',
  'outside-range': '!',
};

/** "▲ High (H)": symbol, words and the laboratory's code. */
export function renderFlag(flag: InterpretationView, strings: Pick<SummaryStrings, 'importantPrefix' | 'resultFlags'>): TemplateResult {
  const symbol = FLAG_SYMBOL[flag.flag];
  // The laboratory's code (HU, LL…) first, then the normalised flag; "other" flags are the record's own words.
  const words = (flag.code ? strings.resultFlags[flag.code] : undefined) ?? (flag.flag !== 'other' ? strings.resultFlags[flag.flag] : undefined) ?? flag.label;
  const code = flag.code && flag.flag !== 'outside-range' && flag.flag !== 'other' ? ` (${flag.code})` : '';
  return html`<span class="flag ${flag.critical ? 'critical' : 'abnormal'}" part="flag"
    >${flag.critical ? html`<span class="visually-hidden">${strings.importantPrefix}</span>` : nothing}${symbol
      ? html`<span aria-hidden="true">${symbol} </span>`
      : nothing}${words}${code}</span
  >`;
}

/** Abnormal results of a report, panels' members included. */
function flaggedResults(report: DiagnosticReportView): ObservationView[] {
  const all = (views: ObservationView[]): ObservationView[] => views.flatMap((view) => [view, ...all(view.members)]);
  return all(report.results).filter((observation) => observation.abnormal && observation.flag && observation.members.length === 0);
}

function countResults(report: DiagnosticReportView): number {
  const all = (views: ObservationView[]): ObservationView[] => views.flatMap((view) => (view.members.length ? all(view.members) : [view]));
  return all(report.results).length;
}

function renderReport(report: DiagnosticReportView, context: SectionContext): TemplateResult {
  const { strings, display } = context;
  const flagged = flaggedResults(report);
  const total = countResults(report);
  const date = report.effective ?? report.issued;
  return html`<p class="item-title">
      <strong>${report.name ?? strings.sectionTitle.results}</strong>
      ${formatDate(date, display) ? html` <span>${formatDate(date, display)}</span>` : nothing}
      ${report.statusLabel ? html` <span class="secondary">${strings.resultStatus(strings.resultStatuses[report.status] ?? report.statusLabel)}</span>` : nothing}
    </p>
    ${flagged.length
      ? html`<p class="item-detail">${strings.resultsAbnormal(flagged.length)}</p>
          <ul class="result-list" part="results">
            ${flagged.map(
              (observation) => html`<li class="result" part="result">
                <span class="result-name">${observation.name}</span>
                <span class="result-value">${observation.valueText ?? observation.dataAbsentReason ?? ''}</span>
                ${renderFlag(observation.flag!, strings)}
              </li>`,
            )}
          </ul>`
      : total > 0
        ? html`<p class="item-detail">${strings.resultsAllNormal(total)}</p>`
        : nothing}
    ${renderSource(context, report.source, date)}`;
}

export function renderResults(data: ResultSectionData, context: SectionContext): TemplateResult {
  return html`${data.reports.length
      ? renderLimitedList(data.reports, context, data.notFetched, (report) => renderReport(report, context))
      : html`<p class="empty" part="empty">${context.strings.noRecentResults}</p>`}
    ${renderEnteredInError(data.enteredInError, context.strings)}`;
}
