import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml } from 'lit/static-html.js';
import { TaskStatus } from '@lit/task';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import {
  codeableConceptText,
  diagnosticReportView,
  formatDate,
  formatDateTime,
  isAbortError,
  isEnteredInError,
  observationHistory,
  observationResultView,
  parseFhirDate,
  referenceTo,
} from '@care-record/fhir';
import type {
  DiagnosticReport,
  DiagnosticReportView,
  DisplayOptions,
  FhirResource,
  Observation,
  ObservationHistory,
  ObservationView,
  ResourceLookup,
  Reference,
  SearchResult,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import {
  DIAGNOSTIC_SERVICE_SECTION,
  FLAG_SYMBOL,
  flagText,
  NAME_BUTTON,
  NAME_TEXT,
  performerOf,
  referenceRangeText,
  renderFlag,
  renderResultsTable,
  renderStatusBadge,
  resultValueText,
} from './results-table.js';
import { labObservationSearch, labReportSearch, observationHistorySearch, PAGE_SIZES } from '../base/queries.js';
import { createRecordTask } from '../base/record-task.js';
import { renderError, sourceLine } from '../base/states.js';
import { dayRange, listControlStyles, renderListControls, renderSearchControl } from '../base/list-controls.js';
import { CareRecordSelectEvent } from '../events.js';
import { notChartedText, renderTrendChart } from './trend-chart.js';
import type { TrendChartData } from './trend-chart.js';
import { trendChartStyles } from './trend-chart.styles.js';
import { resultsTableStyles } from './results-table.styles.js';
import { testResultsStyles } from './test-results.styles.js';
import { defaultTestResultsStrings } from './test-results.strings.js';
import type { TestResultsStrings } from './test-results.strings.js';
export { defaultTestResultsStrings } from './test-results.strings.js';
export type { TestResultsStrings } from './test-results.strings.js';

export type TestResultsView = 'reports' | 'all';

/** "All results" puts every row in the page up to this many; beyond, only the rows near the view. */
const VIRTUALISE_ABOVE = 300;

// ------------------------------------------------------------------------------ filtering

/**
 * A report or a result as the filters and the ordering see it. Names and calendar days are worked
 * out the first time a filter needs them, so that opening a record of thousands of results costs
 * one date reading per result and nothing more.
 */
class Entry<R extends DiagnosticReport | Observation = DiagnosticReport | Observation> {
  private _search?: string;
  private _days?: { start?: string; end?: string };

  constructor(
    readonly raw: R,
    /** Milliseconds, for ordering (undated last). */
    readonly time: number,
    private readonly _date: string | undefined,
    private readonly _timeZone: string,
    /** The names to search (one function per model and kind of entry, not a closure per entry). */
    private readonly _names: (entry: Entry<R>) => string[],
    /** The report a result is in. */
    readonly report?: DiagnosticReport,
  ) {}

  /** Folded (case and accent free) names to search. */
  get search(): string {
    return (this._search ??= fold(this._names(this).join(' | ')));
  }

  /** First and last calendar day (yyyy-mm-dd, display time zone) the date may mean; none when undated. */
  get days(): { start?: string; end?: string } {
    if (!this._days) {
      const [start, end] = dayRange(this._date, this._timeZone) ?? [];
      this._days = { start, end };
    }
    return this._days;
  }
}

/** A flat row of the "All results" view: one result (panel members included, panel headings not). */
class FlatRow extends Entry<Observation> {
  constructor(
    /** Given for results without an id; `Type/id` otherwise (written when first asked for: only rows on screen are). */
    private _key: string | undefined,
    raw: Observation,
    time: number,
    date: string | undefined,
    timeZone: string,
    names: (entry: Entry<Observation>) => string[],
    report: DiagnosticReport | undefined,
  ) {
    super(raw, time, date, timeZone, names, report);
  }

  /** Unique among the rows. */
  get key(): string {
    return (this._key ??= `${this.raw.resourceType}/${this.raw.id}`);
  }
}

/** A report with its results (top level, in the report's order). */
interface ReportEntry {
  entry: Entry<DiagnosticReport>;
  /** Its results as the filters see them, made when first filtered (see `ResultsModel.resultsOf`). */
  results?: Array<Entry<Observation>>;
}

/** Milliseconds of a FHIR date for ordering: the native parser reads every full FHIR form; the display helper the rest. */
function timeOf(value: string | undefined): number {
  if (!value) return Number.NEGATIVE_INFINITY;
  const native = Date.parse(value);
  if (!Number.isNaN(native)) return native;
  return parseFhirDate(value)?.date.getTime() ?? Number.NEGATIVE_INFINITY;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Filters {
  query: string;
  from?: string;
  to?: string;
}

function matches<R extends DiagnosticReport | Observation>(item: Entry<R>, filters: Filters): boolean {
  if (filters.query && !item.search.includes(filters.query)) return false;
  if (filters.from || filters.to) {
    const { start, end } = item.days;
    if (!start || !end) return false;
    if (filters.from && end < filters.from) return false;
    if (filters.to && start > filters.to) return false;
  }
  return true;
}

// ------------------------------------------------------------------------------ the widget's data

/** What the two searches brought back. */
interface ResultsModel {
  lookup: ResourceLookup;
  /** Reports (not entered in error), newest first. */
  reports: ReportEntry[];
  /** Results in no report (panel members inside their panel), newest first. */
  standalone: Array<Entry<Observation>>;
  /** Every result once (panel members included, panel headings not), newest first. */
  rows: FlatRow[];
  /** A report's results (top level, in the report's order) as the filters see them. */
  resultsOf: (report: ReportEntry) => Array<Entry<Observation>>;
  /** Reports and results entered in error: left out, counted. */
  enteredInError: number;
  /** View models (as `groupResults` makes them) of the reports and results on screen, made when first shown. */
  views: { reports: WeakMap<DiagnosticReport, DiagnosticReportView>; observations: WeakMap<Observation, ObservationView> };
  /** All observations loaded, when both searches are complete (worked out when first asked): a test's history needs no request. */
  allObservations?: () => Observation[];
  reportsLoaded: number;
  reportsTotal?: number;
  resultsTotal?: number;
  complete: boolean;
  warnings: string[];
}

interface HistoryData {
  data: TrendChartData;
  /** Fetched from the server (not from data already loaded). */
  fetched: boolean;
  complete: boolean;
  total?: number;
}

function searchWarnings(...results: Array<SearchResult | undefined>): string[] {
  const texts = results.flatMap((result) =>
    (result?.outcomes ?? []).flatMap((outcome) =>
      (outcome.issue ?? [])
        .filter((issue) => issue.severity === 'warning' || issue.severity === 'error')
        .map((issue) => issue.details?.text?.trim() || issue.diagnostics?.trim())
        .filter((text): text is string => !!text),
    ),
  );
  return [...new Set(texts)];
}

function hasCategory(report: DiagnosticReport, codes: readonly string[]): boolean {
  return (report.category ?? []).some((concept) => (concept.coding ?? []).some((c) => c.system === DIAGNOSTIC_SERVICE_SECTION && !!c.code && codes.includes(c.code)));
}

/** The reference range of the newest result whose range is in the chart's unit. */
function chartRange(observations: Observation[], history: ObservationHistory): TrendChartData['range'] {
  const wanted = new Set(history.points.map((p) => p.reference).filter(Boolean));
  const candidates = observations
    .filter((o) => wanted.has(referenceTo(o)))
    .sort((a, b) => (parseFhirDate(b.effectiveDateTime ?? b.issued)?.date.getTime() ?? 0) - (parseFhirDate(a.effectiveDateTime ?? a.issued)?.date.getTime() ?? 0));
  for (const observation of candidates) {
    const range = observation.referenceRange?.find((r) => r.low?.value !== undefined || r.high?.value !== undefined);
    if (!range) continue;
    const unit = (range.low ?? range.high)?.unit;
    if (unit && history.unit && unit.toLowerCase() !== history.unit.toLowerCase()) continue;
    return { low: range.low?.value, high: range.high?.value, text: range.text };
  }
  return undefined;
}

/**
 * Laboratory results: reports with their results, results that are in no report, each with value
 * and unit, reference range, interpretation in words and symbols ("Critically low ↓↓", never colour
 * alone), when the specimen was taken, when issued, status badges (preliminary, corrected, amended,
 * cancelled) and the laboratory. Choosing a test's name shows its history: a small trend chart with
 * the reference range, abnormal results marked by shape, a summary for screen readers and a table.
 *
 * Searches, one request per page each (never one per result):
 * `DiagnosticReport?patient={id}&category=http://terminology.hl7.org/CodeSystem/v2-0074|LAB&_include=DiagnosticReport:result&_sort=-date&_count={page-size}`
 * and `Observation?patient={id}&category=laboratory&_revinclude=DiagnosticReport:result&_sort=-date&_count={results-page-size}`
 * (the reverse include tells which results belong to a report not loaded yet, so they are not shown
 * twice). A test's history is `Observation?patient={id}&code={system|code}&_sort=-date`, or comes from
 * the results already loaded when every page has been read.
 *
 * "Grouped by report" lists reports first; "All results" is one flat, virtualised table for
 * searching thousands of results. Filters: test name, and the date the specimen was taken.
 *
 * @tag test-results
 * @summary Laboratory results by report, with flags, reference ranges, statuses and trend charts.
 *
 * @fires care-record-select - A test was chosen to see its history (detail `{ resource, reference }`: its latest Observation). Cancelable: `preventDefault()` keeps the history from opening here.
 * @fires care-record-error - Results could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `report-heading`, `group-heading`, `history-heading`).
 * @csspart controls - View switch and filters; each control has part `control`.
 * @csspart view-switch - The "Grouped by report" / "All results" buttons.
 * @csspart count - "45 reports · 435 results", or "Showing 3 of 435 results" while filtered.
 * @csspart notice - The entered-in-error notice.
 * @csspart warning - Warnings the server sent with the results.
 * @csspart list - The list of reports.
 * @csspart report - One report (also `item`).
 * @csspart report-meta - A report's dates, laboratory and counts.
 * @csspart results-table - Each table of results.
 * @csspart result - Each result row; also `result-abnormal`, `result-critical`.
 * @csspart test-name - A test's name (a button when its history can be shown).
 * @csspart flag - An interpretation flag; also `flag-abnormal`, `flag-critical`, `flag-normal`, `flag-other`.
 * @csspart badge - A status badge; also `badge-preliminary`, `badge-corrected`, `badge-amended`, `badge-cancelled`…
 * @csspart all-results - The "All results" table; `all-results-rows` its rows (they scroll when there are many).
 * @csspart history - The history panel; `trend-chart`, `trend-svg`, `trend-legend`, `trend-table` inside it.
 * @csspart source - Where and when a report came from.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (also `retry-button`, `load-more-button`, `show-more-button`, `close-button`, `table-toggle-button`).
 *
 * @cssprop --care-record-test-results-abnormal-color - Border of abnormal and critical results and flags (the error colour, #d5281b).
 * @cssprop --care-record-test-results-list-height - Height of the scrollable "All results" table (32rem).
 * @cssprop --care-record-trend-chart-height - Height of the trend chart's plot (180px).
 * @cssprop --care-record-trend-line-color - Trend line and markers (the primary colour).
 * @cssprop --care-record-trend-abnormal-color - Abnormal markers on the chart (the error colour).
 * @cssprop --care-record-trend-range-color - Reference range band (the primary colour).
 */
export class TestResults extends CareRecordElement {
  static override stringsNamespace = 'test-results';

  static override styles = [CareRecordElement.styles, listControlStyles, resultsTableStyles, trendChartStyles, testResultsStyles];

  /** `reports` (grouped by report, the default) or `all` (one flat table, newest first, for searching). */
  @property({ reflect: true }) view: TestResultsView = 'reports';

  /** Reports asked for per request (`_count`); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /** Laboratory observations asked for per request (`_count`) in the search for results outside reports. */
  @property({ attribute: 'results-page-size', type: Number }) resultsPageSize = 200;

  /**
   * Report categories to search, as HL7 v2-0074 codes separated by spaces (default `LAB`). Some
   * laboratories file reports under a section instead: `LAB HM CH MB` adds haematology, chemistry and
   * microbiology.
   */
  @property({ attribute: 'report-categories' }) reportCategories = 'LAB';

  /** Shows only tests whose name (or whose report's name) contains this text. */
  @property({ attribute: 'test-filter' }) testFilter = '';

  /** Shows only results whose specimen was taken on or after this day (`yyyy-mm-dd`). */
  @property({ attribute: 'date-from' }) dateFrom = '';

  /** Shows only results whose specimen was taken on or before this day (`yyyy-mm-dd`). */
  @property({ attribute: 'date-to' }) dateTo = '';

  @state() private _selected?: { codeKey: string; name: string; trigger?: HTMLElement };
  @state() private _tableOpen = false;
  @state() private _reportLimit = 20;
  @state() private _otherLimit = 50;
  @state() private _moreReports?: { base: SearchResult<DiagnosticReport>; result: SearchResult<DiagnosticReport> };
  @state() private _moreObservations?: { base: SearchResult<Observation>; result: SearchResult<Observation> };
  @state() private _loadingMore = false;
  @state() private _loadMoreError?: unknown;

  private _moreController?: AbortController;
  private _modelCache?: { reports?: SearchResult<DiagnosticReport>; observations?: SearchResult<Observation>; categories: string; timeZone: string; model: ResultsModel };
  private _filterCache?: { model: ResultsModel; key: string; rows: FlatRow[] };
  private _focusHistory = false;

  private get _categories(): string[] {
    const codes = (this.reportCategories ?? '').split(/[\s,]+/).filter(Boolean);
    return codes.length ? codes : ['LAB'];
  }

  private readonly _reportsTask = createRecordTask(this, {
    args: () => [this.pageSize, this._categories.join(' ')] as const,
    resourceTypes: ['DiagnosticReport', 'Observation'],
    section: 'test-results',
    // What the audit trail is told was shown: the reports on screen (entered-in-error ones are not).
    count: (result: SearchResult<DiagnosticReport>) => result.matches.filter((report) => !isEnteredInError(report)).length,
    task: ({ client, patientId, signal, args: [pageSize, categories] }) =>
      client.search<DiagnosticReport>(...labReportSearch(patientId, positive(pageSize, PAGE_SIZES.labReports), categories.split(' ')), { signal, maxPages: 1 }),
  });

  private readonly _observationsTask = createRecordTask(this, {
    args: () => [this.resultsPageSize] as const,
    resourceTypes: ['Observation'],
    section: 'test-results',
    count: (result: SearchResult<Observation>) => result.matches.filter((observation) => !isEnteredInError(observation)).length,
    task: ({ client, patientId, signal, args: [pageSize] }) =>
      client.search<Observation>(...labObservationSearch(patientId, positive(pageSize, PAGE_SIZES.labObservations)), { signal, maxPages: 1 }),
  });

  private readonly _historyTask = createRecordTask(this, {
    args: () => [this._selected?.codeKey, this._selected?.name, this._loadedObservations()] as const,
    resourceTypes: ['Observation'],
    section: 'test-results',
    task: async ({ client, patientId, signal, args: [codeKey, name, allLoaded] }): Promise<HistoryData | undefined> => {
      if (!codeKey) return undefined;
      if (allLoaded) {
        const loaded = allLoaded();
        const history = observationHistory(loaded, codeKey);
        return { data: { name: name ?? history.name ?? codeKey, history, range: chartRange(loaded, history) }, fetched: false, complete: true };
      }
      const bar = codeKey.indexOf('|');
      const result = await client.search<Observation>(...observationHistorySearch(patientId, codeKey.slice(0, bar), codeKey.slice(bar + 1)), {
        signal,
        maxPages: 5,
      });
      const history = observationHistory(result.matches, codeKey);
      return {
        data: { name: name ?? history.name ?? codeKey, history, range: chartRange(result.matches, history) },
        fetched: true,
        complete: result.complete,
        total: result.total,
      };
    },
  });

  /** The widget's strings with the host's overrides. */
  get resultsStrings(): TestResultsStrings {
    return this.localStrings(defaultTestResultsStrings);
  }

  private get _display(): DisplayOptions {
    return { locale: this.settings.locale, timeZone: this.settings.timeZone };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._moreController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.view !== 'reports' && this.view !== 'all') this.view = 'reports';
    if (changed.has('patientState') || changed.has('client')) {
      this._selected = undefined;
      this._reportLimit = 20;
      this._otherLimit = 50;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this._focusHistory) {
      const heading = this.renderRoot.querySelector<HTMLElement>('#results-history-heading');
      if (heading) {
        this._focusHistory = false;
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  }

  private _currentReports(): SearchResult<DiagnosticReport> | undefined {
    if (this._reportsTask.status !== TaskStatus.COMPLETE) return undefined;
    const base = this._reportsTask.value;
    const more = this._moreReports;
    return more && more.base === base ? more.result : base;
  }

  private _currentObservations(): SearchResult<Observation> | undefined {
    if (this._observationsTask.status !== TaskStatus.COMPLETE) return undefined;
    const base = this._observationsTask.value;
    const more = this._moreObservations;
    return more && more.base === base ? more.result : base;
  }

  /** Every observation loaded, when both searches have read every page (the history then needs no request). */
  private _loadedObservations(): (() => Observation[]) | undefined {
    return this._model()?.allObservations;
  }

  private _model(): ResultsModel | undefined {
    const reports = this._currentReports();
    const observations = this._currentObservations();
    if (!reports) return undefined;
    const categories = this._categories.join(' ');
    const timeZone = this.settings.timeZone;
    const cache = this._modelCache;
    if (cache && cache.reports === reports && cache.observations === observations && cache.categories === categories && cache.timeZone === timeZone) {
      return cache.model;
    }
    const model = buildModel(reports, observations, this._categories, timeZone, this._observationsTask.status === TaskStatus.ERROR);
    this._modelCache = { reports, observations, categories, timeZone, model };
    return model;
  }

  private get _filters(): Filters {
    const from = this.dateFrom || undefined;
    const to = this.dateTo || undefined;
    // A range entered backwards still means the days between.
    return { query: fold(this.testFilter ?? ''), ...(from && to && from > to ? { from: to, to: from } : { from, to }) };
  }

  private get _filtering(): boolean {
    const f = this._filters;
    return !!(f.query || f.from || f.to);
  }

  private _filteredRows(model: ResultsModel): FlatRow[] {
    const filters = this._filters;
    const key = JSON.stringify(filters);
    if (this._filterCache?.model === model && this._filterCache.key === key) return this._filterCache.rows;
    const rows = this._filtering ? model.rows.filter((row) => matches(row, filters)) : model.rows;
    this._filterCache = { model, key, rows };
    return rows;
  }

  override render(): TemplateResult {
    const s = this.resultsStrings;
    return html`<section class="test-results" part="section" aria-labelledby="results-heading">
      ${this.renderHeading(s.resultsHeading, { id: 'results-heading' })} ${this.renderIdentityLine()}
      ${this._reportsTask.render({
        complete: () => this._renderLoaded(),
        error: (error, retry) => renderError({ ...this.strings, errorTitle: s.resultsUnavailable }, error, retry),
      })}
    </section>`;
  }

  private _renderLoaded(): unknown {
    const model = this._model();
    const observations = this._observationsTask.status;
    // Both searches run at once; counts and the flat view wait for both (a failure of the second
    // still lets the reports show, with a warning).
    if (!model || observations === TaskStatus.PENDING || observations === TaskStatus.INITIAL) return this.renderLoading();
    const s = this.resultsStrings;
    const nothingAtAll = !model.reports.length && !model.standalone.length && observations !== TaskStatus.ERROR;
    const excluded = model.enteredInError;
    return html`
      ${model.warnings.map(
        (text) => html`<div class="banner warning" part="warning"><p><span class="visually-hidden">${s.warningPrefix}</span>${text}</p></div>`,
      )}
      ${excluded ? html`<p class="notice" part="notice">${s.resultsEnteredInError(excluded)}</p>` : nothing}
      ${nothingAtAll && model.complete
        ? this.renderEmpty(s.resultsNone)
        : html`${this._renderControls(model)} ${this._renderHistory()}
          ${this.view === 'all' ? html`${this._renderAll(model)} ${this._renderServerMore(model)}` : this._renderGrouped(model)}`}
    `;
  }

  private _renderControls(model: ResultsModel): TemplateResult {
    const s = this.resultsStrings;
    const filtered = this._filteredRows(model);
    const complete = model.complete;
    const allText = complete
      ? s.resultsCount(model.reportsLoaded, model.rows.length)
      : this._showingLoaded(model);
    return html`<div class="view-switch" part="view-switch" role="group" aria-label=${s.resultsViewLabel}>
        ${(['reports', 'all'] as const).map(
          (view) => html`<button
            class="button secondary-button view-button"
            part="button view-button"
            type="button"
            aria-pressed=${this.view === view ? 'true' : 'false'}
            @click=${() => (this.view = view)}
          >
            ${view === 'reports' ? s.resultsViewReports : s.resultsViewAll}
          </button>`,
        )}
      </div>
      ${renderListControls(s.controlsLabel(s.resultsItems), [
        renderSearchControl({
          id: 'results-test-filter',
          label: s.resultsFilterTest,
          hint: s.resultsFilterTestHint,
          value: this.testFilter,
          onInput: (value) => (this.testFilter = value),
        }),
        this._renderDateControl('results-date-from', s.resultsFilterFrom, this.dateFrom, (value) => (this.dateFrom = value)),
        this._renderDateControl('results-date-to', s.resultsFilterTo, this.dateTo, (value) => (this.dateTo = value)),
      ])}
      <div class="list-count" part="count">
        <p aria-live="polite">${this._filtering ? s.resultsFiltered(filtered.length, model.rows.length) : allText}</p>
        ${this._filtering
          ? html`<button class="link-button" part="button clear-filters-button" type="button" @click=${this._clearFilters}>${s.clearFilters}</button>`
          : nothing}
      </div>`;
  }

  private _renderDateControl(id: string, label: string, value: string, onChange: (value: string) => void): TemplateResult {
    return html`<div class="control control-date">
      <label class="control-label" for=${id}>${label}</label>
      <input
        id=${id}
        class="control-input"
        part="control date"
        type="date"
        .value=${value}
        @change=${(event: Event) => onChange((event.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  /** A report's view model, made the first time it is shown (its results' views are kept for their own rows). */
  private _reportView(model: ResultsModel, report: DiagnosticReport): DiagnosticReportView {
    let view = model.views.reports.get(report);
    if (!view) {
      view = diagnosticReportView(report, model.lookup, model.views.observations)!;
      model.views.reports.set(report, view);
    }
    return view;
  }

  /** A result's view model (with its panel members), made the first time it is shown. */
  private _observationView(model: ResultsModel, observation: Observation): ObservationView {
    let view = model.views.observations.get(observation);
    if (!view) {
      view = observationResultView(observation, model.lookup);
      model.views.observations.set(observation, view);
    }
    return view;
  }

  // ---- grouped by report

  private _renderGrouped(model: ResultsModel): TemplateResult {
    const s = this.resultsStrings;
    const filters = this._filters;
    const filtering = this._filtering;
    const reports: Array<{ report: ReportEntry; results?: Set<string> }> = [];
    for (const report of model.reports) {
      if (!filtering) {
        reports.push({ report });
        continue;
      }
      // A report whose own name matches keeps all its results that match the dates.
      const byName = !filters.query || report.entry.search.includes(filters.query);
      const all = model.resultsOf(report);
      const results = all.filter((result) => matches(result, { ...filters, query: byName ? '' : filters.query }));
      if (results.length || (!all.length && matches(report.entry, filters))) {
        reports.push({ report, results: new Set(results.map((result) => referenceTo(result.raw) ?? '')) });
      }
    }
    const shownReports = reports.slice(0, this._reportLimit);
    const other = filtering ? model.standalone.filter((entry) => matches(entry, filters)) : model.standalone;
    const shownOther = other.slice(0, this._otherLimit).map((entry) => this._observationView(model, entry.raw));
    const reportsTotal = filtering ? undefined : Math.max(model.reportsTotal ?? 0, reports.length);
    return html`
      ${shownReports.length
        ? html`<ul class="reports" part="list">
            ${shownReports.map(({ report, results }) => this._renderReport(this._reportView(model, report.entry.raw), results))}
          </ul>`
        : nothing}
      ${shownReports.length < reports.length
        ? this._renderMoreButton(s.resultsShowingReports(shownReports.length, reportsTotal ?? reports.length), s.resultsShowMoreReports, () => (this._reportLimit += 20))
        : this._currentReports()?.nextUrl
          ? this._renderFetchMore(
              reportsTotal !== undefined && reportsTotal > shownReports.length
                ? s.resultsShowingReports(shownReports.length, reportsTotal)
                : s.resultsShowingReportsMore(shownReports.length),
              () => (this._reportLimit = shownReports.length + 20),
            )
          : nothing}
      ${this._renderOther(other.length, shownOther)}
      ${filtering && !reports.length && !other.length ? html`<p class="none">${s.noMatches}</p>` : nothing}
    `;
  }

  /** A report; with `only`, just those of its results (by reference) that the filters let through. */
  private _renderReport(report: DiagnosticReportView, only?: Set<string>): TemplateResult {
    const s = this.resultsStrings;
    const results = only ? report.results.filter((view) => only.has(view.reference ?? '')) : report.results;
    const display = this._display;
    const name = report.name ?? s.resultsUnnamed;
    const taken = formatDateTime(report.effective, display);
    const issued = formatDateTime(report.issued, display);
    const lab = report.performers.map((p) => p.name).filter(Boolean).join(', ') || report.source.organisationName;
    const headingId = `report-${report.id ?? Math.abs(hashOf(report.reference ?? name))}`;
    return html`<li class="report ${report.criticalCount ? 'critical' : report.abnormalCount ? 'abnormal' : ''}" part="report item">
      <div class="report-header">
        ${this.renderHeading(name, { offset: 1, id: headingId, part: 'heading report-heading' })} ${renderStatusBadge(report.status, s)}
      </div>
      <p class="report-meta" part="report-meta">
        <span>${s.resultsTaken(taken ?? s.notKnown)}</span>
        <span>${s.resultsIssued(issued ?? s.notKnown)}</span>
        <span>${s.resultsLab(lab ?? s.notKnown)}</span>
        ${report.criticalCount
          ? html`<span class="count-critical"><span class="visually-hidden">${s.importantPrefix}</span>${s.resultsCriticalCount(report.criticalCount)}</span>`
          : nothing}
        ${report.abnormalCount > report.criticalCount ? html`<span>${s.resultsAbnormalCount(report.abnormalCount - report.criticalCount)}</span>` : nothing}
      </p>
      ${report.conclusion ? html`<p class="conclusion"><strong>${s.resultsConclusion}:</strong> ${report.conclusion}</p>` : nothing}
      ${report.conclusionCodes.length
        ? html`<p class="conclusion-codes"><strong>${s.resultsCodedConclusions}:</strong> ${report.conclusionCodes.join('; ')}</p>`
        : nothing}
      ${results.length || report.missingResults.length
        ? renderResultsTable(results, {
            strings: s,
            display,
            caption: s.resultsReportCaption(name, formatDate(report.effective ?? report.issued, display) ?? s.notKnown),
            onSelect: this._onSelect,
            missing: this._filtering ? [] : report.missingResults,
          })
        : nothing}
      <p class="source" part="source">${this.sourceLine(lab, report.issued ?? report.effective)}</p>
    </li>`;
  }

  private _renderOther(total: number, shown: ObservationView[]): unknown {
    const s = this.resultsStrings;
    const status = this._observationsTask.status;
    if (status === TaskStatus.ERROR) {
      return html`<div class="banner warning" part="warning">
        <p>
          <span class="visually-hidden">${s.warningPrefix}</span>${s.resultsOtherUnavailable}
          <button class="link-button" part="button retry-button" type="button" @click=${this._observationsTask.run}>${this.strings.retry}</button>
        </p>
      </div>`;
    }
    if (status !== TaskStatus.COMPLETE) return this.renderLoading();
    const canFetch = !!this._currentObservations()?.nextUrl;
    if (!total && !canFetch) return nothing;
    return html`${this.renderHeading(s.resultsOtherHeading(total), { offset: 1, part: 'heading group-heading', id: 'results-other-heading' })}
      <div class="other" part="other">
        ${renderResultsTable(shown, {
          strings: s,
          display: this._display,
          caption: s.resultsOtherCaption,
          onSelect: this._onSelect,
          detailed: true,
          sourceLine: (view) => this.sourceLine(performerOf(view), view.issued ?? view.effective),
        })}
      </div>
      ${shown.length < total
        ? this._renderMoreButton(s.resultsShowingOther(shown.length, total), s.resultsShowMoreResults, () => (this._otherLimit += 50))
        : canFetch
          ? this._renderFetchMore(s.resultsShowingOtherMore(shown.length), () => (this._otherLimit = shown.length + 50))
          : nothing}`;
  }

  /** Shows more of what is already loaded. */
  private _renderMoreButton(text: string, label: string, onClick: () => void): TemplateResult {
    return html`<div class="state partial" part="state partial">
      <p aria-live="polite">${text}</p>
      <button class="button secondary-button" part="button show-more-button" type="button" @click=${onClick}>${label}</button>
    </div>`;
  }

  /** Fetches the next page of both searches from the server, then shows more. */
  private _renderFetchMore(text: string, reveal?: () => void): TemplateResult {
    const onLoadMore = async () => {
      if (await this._loadMore()) reveal?.();
    };
    return html`<div class="state partial" part="state partial">
        <p aria-live="polite">${text}</p>
        <button
          class="button secondary-button"
          part="button load-more-button"
          type="button"
          ?disabled=${this._loadingMore}
          aria-busy=${this._loadingMore ? 'true' : 'false'}
          @click=${onLoadMore}
        >
          ${this.strings.loadMore}
        </button>
      </div>
      ${this._renderLoadMoreError()}`;
  }

  private _renderLoadMoreError(): unknown {
    return this._loadMoreError
      ? renderError({ ...this.strings, errorTitle: this.resultsStrings.resultsLoadMoreFailed }, this._loadMoreError, () => void this._loadMore())
      : nothing;
  }

  // ---- all results (flat, virtualised)

  private _renderAll(model: ResultsModel): TemplateResult {
    const s = this.resultsStrings;
    const rows = this._filteredRows(model);
    if (!rows.length) return html`<p class="none">${this._filtering ? s.noMatches : s.resultsNone}</p>`;
    const obsStatus = this._observationsTask.status;
    // Up to a few hundred rows are all in the page (find-in-page and screen readers see them all);
    // beyond that only the rows near the view are, so that thousands of results still open at once.
    // (The virtualiser may make browsers report a harmless "ResizeObserver loop completed with
    // undelivered notifications" to window.onerror; @lit-labs/virtualizer documents it as expected.)
    const virtual = rows.length > VIRTUALISE_ABOVE;
    const renderRow = this._flatRowRenderer(model, s);
    // One listener for every test name of the table (a row's name is a button when its history can be shown).
    const onChoose = (event: Event) => {
      const button = (event.target as Element).closest('button.test-name');
      const index = Number(button?.closest('[role="row"]')?.getAttribute('aria-rowindex')) - 2;
      const row = rows[index];
      if (button && row) this._onSelect(this._observationView(model, row.raw), button as HTMLElement);
    };
    return html`${obsStatus === TaskStatus.ERROR
        ? html`<div class="banner warning" part="warning">
            <p>
              <span class="visually-hidden">${s.warningPrefix}</span>${s.resultsOtherUnavailable}
              <button class="link-button" part="button retry-button" type="button" @click=${this._observationsTask.run}>${this.strings.retry}</button>
            </p>
          </div>`
        : nothing}
      <div class="flat-table ${virtual ? 'virtual' : ''}" part="all-results" role="table" aria-labelledby="results-all-caption" aria-rowcount=${rows.length + 1}>
        <div class="flat-caption" id="results-all-caption">${s.resultsAllCaption}</div>
        <div role="rowgroup" class="flat-head">
          <div role="row" class="flat-row" aria-rowindex="1">
            <span role="columnheader">${s.resultsColumnTest}</span>
            <span role="columnheader">${s.resultsColumnResult}</span>
            <span role="columnheader">${s.resultsColumnFlag}</span>
            <span role="columnheader">${s.resultsColumnRange}</span>
            <span role="columnheader">${s.resultsColumnTaken}</span>
            <span role="columnheader">${s.resultsColumnSource}</span>
          </div>
        </div>
        ${virtual
          ? html`<div role="rowgroup" class="flat-body flat-scroll" part="all-results-rows" tabindex="0" aria-label=${s.resultsScrollLabel(rows.length)} @click=${onChoose}>
              <div virtualizer-sizer aria-hidden="true"></div>
              ${virtualize({ items: rows, scroller: true, keyFunction: (row: FlatRow) => row.key, renderItem: renderRow })}
            </div>`
          : html`<div role="rowgroup" class="flat-body" part="all-results-rows" @click=${onChoose}>${rows.map(renderRow)}</div>`}
      </div>`;
  }

  /**
   * Renders rows of the flat table: what rows have in common (strings, display options, laboratories
   * and dates already written) is worked out once per render, not once per row.
   */
  private _flatRowRenderer(model: ResultsModel, s: TestResultsStrings): (row: FlatRow, index: number) => TemplateResult {
    const display = this._display;
    const baseStrings = this.strings;
    // A report's results share its laboratory and dates; results of one test, their reference range.
    const sources = new Map<string, string>();
    const takenTexts = new Map<string, string>();
    const rangeTexts = new Map<string, string>();
    const reportNames = new Map<DiagnosticReport, string>();
    return (row, index) => {
      const view = this._observationView(model, row.raw);
      // The report's view only when the result does not name its laboratory (the report's own name
      // and date are read from it directly).
      const report = row.report && !view.performers.some((performer) => performer.name) ? this._reportView(model, row.report) : undefined;
      const lab = performerOf(view, report);
      const date = view.issued ?? row.report?.issued ?? view.effective;
      let reportName = row.report && reportNames.get(row.report);
      if (row.report && reportName === undefined) {
        reportName = s.resultsInReport(codeableConceptText(row.report.code) ?? s.resultsUnnamed);
        reportNames.set(row.report, reportName);
      }
      const sourceKey = `${lab ?? ''}\u0000${date ?? ''}`;
      let source = sources.get(sourceKey);
      if (source === undefined) {
        source = sourceLine(baseStrings, lab, date, display);
        sources.set(sourceKey, source);
      }
      let taken = view.effective ? takenTexts.get(view.effective) : s.notKnown;
      if (taken === undefined) {
        taken = formatDateTime(view.effective, display) ?? s.notKnown;
        takenTexts.set(view.effective!, taken);
      }
      const rangeKey = JSON.stringify(view.referenceRanges);
      let range = rangeTexts.get(rangeKey);
      if (range === undefined) {
        range = referenceRangeText(view.referenceRanges, display) ?? s.resultsNoRange;
        rangeTexts.set(rangeKey, range);
      }
      const severity = view.critical ? 'critical' : view.abnormal ? 'abnormal' : '';
      // The flag as `renderFlag` writes it, in this template: one template per row, not one per cell
      // (the prefix, symbol and report spans stay empty when there is none).
      const flag = view.cancelled ? undefined : view.flag;
      const flagKind = flag && (flag.critical ? 'critical' : flag.abnormal ? 'abnormal' : flag.flag === 'N' ? 'normal' : 'other');
      const symbol = flag && FLAG_SYMBOL[flag.flag];
      const name = view.codeKey ? NAME_BUTTON : NAME_TEXT;
      return staticHtml`<div role="row" class="flat-row result ${severity}" part=${severity ? `result result-${severity}` : 'result'} aria-rowindex=${index + 2}>
        <span role="rowheader" class="test">${name.open}${view.name ?? s.resultsUnnamed}<span class="visually-hidden">${view.codeKey ? s.resultsShowHistory : ''}</span>${name.close} ${renderStatusBadge(view.status, s)}</span>
        <span role="cell" class="value"><span class="cell-label" aria-hidden="true">${s.resultsColumnResult}</span>${resultValueText(view, display, s)}</span>
        <span role="cell"
          ><span class="cell-label" aria-hidden="true">${s.resultsColumnFlag}</span><span
            class=${flagKind ? `flag flag-${flagKind}` : 'no-flag'}
            part=${ifDefined(flagKind && `flag flag-${flagKind}`)}
            ><span class="visually-hidden">${flag?.critical ? s.importantPrefix : ''}</span>${flag ? flagText(flag.flag, flag.label, s) : s.resultsNoFlag}${symbol
              ? '\u00a0'
              : ''}<span class="flag-symbol" aria-hidden="true">${symbol ?? ''}</span></span
          ></span
        >
        <span role="cell"
          ><span class="cell-label" aria-hidden="true">${s.resultsColumnRange}</span>${range}</span
        >
        <span role="cell"><span class="cell-label" aria-hidden="true">${s.resultsColumnTaken}</span>${taken}</span>
        <span role="cell" class="source"
          ><span class="cell-label" aria-hidden="true">${s.resultsColumnSource}</span><span class="in-report">${reportName ? `${reportName} ` : ''}</span>${source}</span
        >
      </div>`;
    };
  }

  // ---- paging from the server

  private _renderServerMore(model: ResultsModel): unknown {
    if (model.complete || !(this._currentReports()?.nextUrl || this._currentObservations()?.nextUrl)) return this._renderLoadMoreError();
    return this._renderFetchMore(this._showingLoaded(model));
  }

  /** "Showing 50 of 81 reports and 540 of 636 results. There are more." */
  private _showingLoaded(model: ResultsModel): string {
    const results = model.rows.length;
    return this.resultsStrings.resultsShowingLoaded(
      model.reportsLoaded,
      Math.max(model.reportsTotal ?? 0, model.reportsLoaded),
      results,
      Math.max(model.resultsTotal ?? 0, results),
    );
  }

  /** The next page of each search that has one; resolves true when pages were added. */
  private readonly _loadMore = async (): Promise<boolean> => {
    const client = this.client;
    const reportsBase = this._reportsTask.value;
    const observationsBase = this._observationsTask.value;
    const reports = this._currentReports();
    const observations = this._currentObservations();
    if (!client || this._loadingMore) return false;
    this._moreController?.abort();
    const controller = new AbortController();
    this._moreController = controller;
    this._loadingMore = true;
    this._loadMoreError = undefined;
    try {
      const [moreReports, moreObservations] = await Promise.all([
        reports?.nextUrl ? client.loadMore(reports, { signal: controller.signal, maxPages: 1 }) : undefined,
        observations?.nextUrl ? client.loadMore(observations, { signal: controller.signal, maxPages: 1 }) : undefined,
      ]);
      // A newer load (another patient, a retry) replaced the lists meanwhile: drop these pages.
      const addedReports = moreReports && reports && reportsBase && this._reportsTask.value === reportsBase;
      const addedObservations = moreObservations && observations && observationsBase && this._observationsTask.value === observationsBase;
      if (addedReports) this._moreReports = { base: reportsBase, result: moreReports };
      if (addedObservations) this._moreObservations = { base: observationsBase, result: moreObservations };
      if (!addedReports && !addedObservations) return false;
      await this.updateComplete;
      // Record tasks report their own views; what Load more adds is reported here, once on screen.
      const added = [
        ...(addedReports ? moreReports.matches.slice(reports.matches.length) : []),
        ...(addedObservations ? moreObservations.matches.slice(observations.matches.length) : []),
      ].filter((resource) => !isEnteredInError(resource));
      this.reportViewed({
        section: 'test-results',
        resourceTypes: ['DiagnosticReport', 'Observation'],
        count: added.length,
        references: added.filter((resource) => resource.id).map((resource) => `${resource.resourceType}/${resource.id}`),
        requestUrls: [
          ...(addedReports ? moreReports.requestUrls.slice(reports.requestUrls.length) : []),
          ...(addedObservations ? moreObservations.requestUrls.slice(observations.requestUrls.length) : []),
        ],
      });
      return true;
    } catch (error) {
      if (!isAbortError(error)) this._loadMoreError = error;
      return false;
    } finally {
      if (this._moreController === controller) this._loadingMore = false;
    }
  };

  // ---- history

  private readonly _onSelect = (view: ObservationView, trigger: HTMLElement): void => {
    if (!view.codeKey) return;
    const resource = (this._model()?.lookup(view.reference) ?? undefined) as FhirResource | undefined;
    if (resource) {
      // Cancelable: a host that shows trends its own way calls preventDefault().
      const event = new CareRecordSelectEvent({ resource, reference: view.reference ?? `Observation/${view.id}` }, { cancelable: true });
      if (!this.dispatchEvent(event)) return;
    }
    this._selected = { codeKey: view.codeKey, name: view.name ?? this.resultsStrings.resultsUnnamed, trigger };
    this._tableOpen = false;
    this._focusHistory = true;
  };

  private readonly _closeHistory = (): void => {
    const trigger = this._selected?.trigger;
    this._selected = undefined;
    if (trigger?.isConnected) trigger.focus();
    else this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
  };

  private _renderHistory(): unknown {
    const selected = this._selected;
    if (!selected) return nothing;
    const s = this.resultsStrings;
    return html`<section class="history" part="history" aria-labelledby="results-history-heading">
      <div class="history-header">
        ${this.renderHeading(s.resultsHistoryHeading(selected.name), { offset: 1, id: 'results-history-heading', part: 'heading history-heading' })}
        <button class="button secondary-button close-button" part="button close-button" type="button" @click=${this._closeHistory}>
          ${s.resultsHistoryClose}
        </button>
      </div>
      ${this._historyTask.render({
        complete: (value) => (value ? this._renderHistoryData(value) : nothing),
        error: (error, retry) => renderError({ ...this.strings, errorTitle: s.resultsHistoryUnavailable }, error, retry),
      })}
    </section>`;
  }

  private _renderHistoryData(value: HistoryData): TemplateResult {
    const s = this.resultsStrings;
    const { history } = value.data;
    if (!history.points.length) {
      const notCharted = notChartedText(s, history.excluded);
      return html`<p>${s.resultsHistoryEmpty}</p>
        ${notCharted ? html`<p class="trend-note">${notCharted}</p>` : nothing}`;
    }
    const partial = value.fetched && !value.complete;
    return html`${partial
      ? html`<p class="trend-note">
          ${value.total !== undefined && value.total > history.points.length
            ? s.resultsHistoryPartial(history.points.length, value.total)
            : s.resultsHistoryLatest(history.points.length)}
        </p>`
      : nothing}
    ${renderTrendChart(value.data, {
      id: 'results-trend',
      strings: s,
      display: this._display,
      tableOpen: this._tableOpen,
      onToggleTable: () => (this._tableOpen = !this._tableOpen),
      renderFlag: (flag) => renderFlag(flag, s),
      flagWord: (flag) => (flag && flag !== 'other' ? s.resultsFlags[flag]?.toLowerCase() : undefined),
      statusText: (status) => s.resultsStatuses[status] ?? status,
    })}`;
  }

  private readonly _clearFilters = (): void => {
    this.testFilter = '';
    this.dateFrom = '';
    this.dateTo = '';
  };
}

function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** True when an Observation carries a value of its own (value[x] or components). */
function hasValue(observation: Observation): boolean {
  // The usual value types first: going through every key is the slow way.
  if (observation.valueQuantity || observation.valueCodeableConcept || observation.valueString !== undefined) return true;
  for (const key in observation) if (key.startsWith('value')) return true;
  return !!observation.component?.length;
}

function observationDate(observation: Observation): string | undefined {
  return observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start ?? observation.issued;
}

function reportDateOf(report: DiagnosticReport): string | undefined {
  return report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued;
}

const NO_OBSERVATIONS: readonly Observation[] = [];

/**
 * Sorts out the two searches' results without building a view of each (views are made by
 * `groupResults` for what is on screen, see `_reportView`): which results belong to which report,
 * which stand alone, the flat rows and what was entered in error. The same Observation may come back
 * from both searches (as a report's included result and as a laboratory observation): the report's
 * copy is used so that it counts once. Observations that a laboratory report not loaded yet refers
 * to (known from the reverse include) wait for that report instead of showing outside a report;
 * results of a report entered in error are withheld with it.
 *
 * One pass over each search, and nothing made that the first screen does not need (thousands of
 * results open at once): names to search, the results of each report as filters see them and the
 * list of every observation are worked out when first asked for.
 */
function buildModel(
  reports: SearchResult<DiagnosticReport>,
  observations: SearchResult<Observation> | undefined,
  categories: string[],
  timeZone: string,
  observationsFailed: boolean,
): ResultsModel {
  const lookup: ResourceLookup = (reference, from) => reports.resolve(reference, from) ?? observations?.resolve(reference, from);
  // Views look up the same laboratory for row after row: each reference is resolved once (all but
  // contained ones mean the same whichever resource they are in).
  const resolved = new Map<string, FhirResource | null>();
  const viewLookup: ResourceLookup = (reference, from) => {
    const text = typeof reference === 'string' ? reference : reference?.reference;
    if (!text || text.startsWith('#')) return lookup(reference, from);
    let found = resolved.get(text);
    if (found === undefined) {
      found = lookup(reference, from) ?? null;
      resolved.set(text, found);
    }
    return found ?? undefined;
  };
  // The report search's copy of each of its results, by id.
  const included = new Map<string, Observation>();
  for (const resource of reports.included) {
    if (resource.resourceType === 'Observation' && resource.id) included.set(resource.id, resource);
  }
  const canonical = (observation: Observation) => (observation.resourceType === 'Observation' && observation.id ? included.get(observation.id) : undefined) ?? observation;
  const resolveObservation = (reference: Reference, from: FhirResource): Observation | undefined => {
    const target = lookup(reference, from);
    return target?.resourceType === 'Observation' ? canonical(target) : undefined;
  };
  const enteredInError = new Set<Observation>();
  const panels = new Map<Observation, Observation[]>();
  /** A panel's members (worked out once per panel; most results have none). */
  const membersOf = (observation: Observation): readonly Observation[] => {
    if (!observation.hasMember?.length) return NO_OBSERVATIONS;
    let members = panels.get(observation);
    if (!members) {
      members = [];
      for (const reference of observation.hasMember) {
        const member = resolveObservation(reference, observation);
        if (!member || member === observation) continue;
        if (isEnteredInError(member)) enteredInError.add(member);
        else members.push(member);
      }
      panels.set(observation, members);
    }
    return members;
  };
  const nameOf = (resource: DiagnosticReport | Observation) => codeableConceptText(resource.code) ?? '';
  const namesWithMembers = (observation: Observation, depth = 0): string[] => [
    nameOf(observation),
    ...(depth < 4 ? membersOf(observation).flatMap((member) => namesWithMembers(member, depth + 1)) : []),
  ];
  const rowNames = (row: Entry<Observation>) => [nameOf(row.raw), row.report ? nameOf(row.report) : ''];
  const resultNames = (entry: Entry<Observation>) => namesWithMembers(entry.raw);
  const reportNames = (entry: Entry<DiagnosticReport>) => [nameOf(entry.raw)];
  // A report's results share its date: each date is read once.
  const times = new Map<string, number>();
  const time = (date: string | undefined): number => {
    if (!date) return Number.NEGATIVE_INFINITY;
    let value = times.get(date);
    if (value === undefined) {
      value = timeOf(date);
      times.set(date, value);
    }
    return value;
  };

  const rows: FlatRow[] = [];
  // A result shows once however many times it comes: by id (no `Type/id` strings made for thousands of rows).
  const seenIds = new Set<string>();
  const seenOther = new Set<string | Observation>();
  const firstTime = (observation: Observation): boolean => {
    const seen = observation.resourceType === 'Observation' && observation.id ? seenIds : seenOther;
    const key = seen === seenIds ? observation.id! : (referenceTo(observation) ?? observation);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  /** Results placed in a report (with their panels' members): they do not show outside it. */
  const placed = new Set<Observation>();
  const addRows = (observation: Observation, report: DiagnosticReport | undefined, reportDate: string | undefined, depth = 0) => {
    placed.add(observation);
    const members = membersOf(observation);
    if ((hasValue(observation) || !members.length) && firstTime(observation)) {
      const date = observationDate(observation) ?? reportDate;
      rows.push(new FlatRow(observation.id ? undefined : `#${rows.length}`, observation, time(date), date, timeZone, rowNames, report));
    }
    if (depth < 4) for (const member of members) addRows(member, report, reportDate, depth + 1);
  };

  let reportsInError = 0;
  const withdrawn = new Set<Observation>();
  const reportEntries: ReportEntry[] = [];
  for (const report of reports.matches) {
    const results: Observation[] = [];
    for (const reference of report.result ?? []) {
      const result = resolveObservation(reference, report);
      if (result) results.push(result);
    }
    if (isEnteredInError(report)) {
      reportsInError++;
      for (const result of results) withdrawn.add(result);
      continue;
    }
    const reportDate = reportDateOf(report);
    for (const result of results) {
      if (isEnteredInError(result)) {
        enteredInError.add(result);
        continue;
      }
      addRows(result, report, reportDate);
    }
    reportEntries.push({ entry: new Entry(report, time(reportDate), reportDate, timeZone, reportNames) });
  }
  const resultsOf = (reportEntry: ReportEntry): Array<Entry<Observation>> => {
    if (reportEntry.results) return reportEntry.results;
    const report = reportEntry.entry.raw;
    const reportDate = reportDateOf(report);
    const entries: Array<Entry<Observation>> = [];
    for (const reference of report.result ?? []) {
      const result = resolveObservation(reference, report);
      if (!result || isEnteredInError(result)) continue;
      const date = observationDate(result) ?? reportDate;
      entries.push(new Entry(result, time(date), date, timeZone, resultNames));
    }
    return (reportEntry.results = entries);
  };

  // Results of laboratory reports not loaded yet: only needed when some observation is in no loaded report.
  let inOtherReports: Set<string> | undefined;
  const candidates: Observation[] = [];
  for (const match of observations?.matches ?? []) {
    const observation = canonical(match);
    if (placed.has(observation)) continue;
    inOtherReports ??= resultsOfOtherReports(observations!, categories, resolveObservation);
    if (inOtherReports.has(referenceTo(observation) ?? '')) continue;
    // A withdrawn report's results go with it (counted as part of the report).
    if (withdrawn.has(observation)) continue;
    if (isEnteredInError(observation)) {
      enteredInError.add(observation);
      continue;
    }
    candidates.push(observation);
  }
  // Members of standalone panels show inside their panel, not again on their own.
  const memberOfPanel = new Set(candidates.flatMap((observation) => membersOf(observation)));
  const standalone = [...new Set(candidates)]
    .filter((observation) => !memberOfPanel.has(observation))
    .map((observation) => {
      const date = observationDate(observation);
      return new Entry(observation, time(date), date, timeZone, resultNames);
    });
  for (const entry of standalone) addRows(entry.raw, undefined, undefined);

  const newestFirst = (a: { time: number }, b: { time: number }) => b.time - a.time;
  reportEntries.sort((a, b) => newestFirst(a.entry, b.entry));
  standalone.sort(newestFirst);
  rows.sort(newestFirst);

  const complete = reports.complete && !!observations?.complete && !observationsFailed;
  const resultsTotal = observations?.total !== undefined ? Math.max(observations.total, rows.length) : undefined;
  let all: Observation[] | undefined;
  return {
    lookup: viewLookup,
    reports: reportEntries,
    standalone,
    rows,
    resultsOf,
    enteredInError: reportsInError + enteredInError.size,
    views: { reports: new WeakMap(), observations: new WeakMap() },
    allObservations: complete ? () => (all ??= [...new Set([...included.values(), ...(observations?.matches ?? []).map(canonical)])]) : undefined,
    reportsLoaded: reportEntries.length,
    reportsTotal: reports.total,
    resultsTotal,
    complete,
    warnings: searchWarnings(reports, observations),
  };
}

/** `Type/id` of every result of the laboratory reports the observation search brought in (`_revinclude`). */
function resultsOfOtherReports(
  observations: SearchResult<Observation>,
  categories: readonly string[],
  resolveObservation: (reference: Reference, from: FhirResource) => Observation | undefined,
): Set<string> {
  const keys = new Set<string>();
  for (const resource of observations.included) {
    if (resource.resourceType !== 'DiagnosticReport' || !hasCategory(resource, categories) || isEnteredInError(resource)) continue;
    for (const reference of resource.result ?? []) {
      const target = resolveObservation(reference, resource);
      const key = target ? referenceTo(target) : undefined;
      if (key) keys.add(key);
    }
  }
  return keys;
}

declare global {
  interface HTMLElementTagNameMap {
    'test-results': TestResults;
  }
}
