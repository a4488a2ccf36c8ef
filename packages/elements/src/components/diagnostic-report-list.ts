import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { anyOf, escapeSearchValue, formatDate, formatDateTime, groupResults, isAbortError, isEnteredInError, SearchValue, token } from '@care-record/fhir';
import type { CodeableConcept, DiagnosticReport, DiagnosticReportView, DisplayOptions, ResultsGroups, SearchResult } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { nestedTag, registeredTag } from '../base/nested-tag.js';
import { CareRecordDocumentViewer } from './document-viewer.js';
import { createRecordTask } from '../base/record-task.js';
import { diagnosticReportSearch, PAGE_SIZES } from '../base/queries.js';
import { renderError } from '../base/states.js';
import { listControlStyles } from '../base/list-controls.js';
import { DIAGNOSTIC_SERVICE_SECTION, renderResultsTable, renderStatusBadge } from './results-table.js';
import { defaultTestResultsStrings } from './test-results.strings.js';
import type { TestResultsStrings } from './test-results.strings.js';
import { resultsTableStyles } from './results-table.styles.js';
import { diagnosticReportListStyles } from './diagnostic-report-list.styles.js';
import { defaultDiagnosticReportListStrings } from './diagnostic-report-list.strings.js';
import type { DiagnosticReportListStrings } from './diagnostic-report-list.strings.js';
export { defaultDiagnosticReportListStrings } from './diagnostic-report-list.strings.js';
export type { DiagnosticReportListStrings } from './diagnostic-report-list.strings.js';

type Strings = DiagnosticReportListStrings & TestResultsStrings;

/** The results table's wording and the list's own, as the list shows both. */
const reportListDefaults: Strings = { ...defaultTestResultsStrings, ...defaultDiagnosticReportListStrings };

/** Conclusions longer than this are cut short until the report is opened. */
const SHORT_CONCLUSION = 200;

function shortText(text: string): string {
  if (text.length <= SHORT_CONCLUSION) return text;
  const cut = text.slice(0, SHORT_CONCLUSION);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SHORT_CONCLUSION * 0.6)).trimEnd()}…`;
}

/** `category` as search values: `LAB`, `http://loinc.org|LP29684-5`, several separated by spaces or commas. */
function categoryParam(category: string): SearchValue | undefined {
  const values = category
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((value) => {
      const bar = value.lastIndexOf('|');
      return bar >= 0 ? token(value.slice(0, bar), value.slice(bar + 1)) : new SearchValue(escapeSearchValue(value));
    });
  return values.length ? anyOf(...values) : undefined;
}

function categoryTexts(concepts: CodeableConcept[] | undefined, strings: Strings): string[] {
  const texts = (concepts ?? []).map((concept) => {
    const coded = concept.coding?.find((c) => c.system === DIAGNOSTIC_SERVICE_SECTION && c.code && strings.reportsCategories[c.code]);
    return (coded?.code ? strings.reportsCategories[coded.code] : undefined) ?? concept.text ?? concept.coding?.find((c) => c.display)?.display ?? concept.coding?.[0]?.code;
  });
  return [...new Set(texts.filter((t): t is string => !!t))];
}

interface ReportsModel {
  groups: ResultsGroups;
  raw: Map<string, DiagnosticReport>;
  warnings: string[];
}

/**
 * Diagnostic reports of every kind (imaging, pathology, laboratory, others), newest first: name,
 * kind, conclusion, coded conclusions, who did it, when it was issued, status, how many results and
 * which documents are attached. Opening a report ("Show details", a disclosure button) shows its
 * results (the same table as `<test-results>`), its full conclusion and its documents (PDF or HTML
 * `presentedForm`, through `<care-record-document-viewer>`).
 *
 * Searches `DiagnosticReport?patient={id}&_include=DiagnosticReport:result&_sort=-date&_count={page-size}`
 * (plus `category` when set): one request per page; Load more fetches the next page.
 *
 * @tag diagnostic-report-list
 * @summary Imaging, pathology and other diagnostic reports, with conclusions, results and documents.
 *
 * @dependency care-record-document-viewer
 *
 * @fires care-record-error - The reports could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `item-heading`, `details-heading`).
 * @csspart count - How many reports there are.
 * @csspart notice - The entered-in-error notice.
 * @csspart warning - Warnings the server sent with the reports.
 * @csspart list - The list of reports.
 * @csspart item - One report.
 * @csspart category - A report's kind ("Radiology").
 * @csspart badge - A status badge (also `badge-preliminary`, `badge-amended`…).
 * @csspart meta - A report's dates, performer and counts.
 * @csspart conclusion - The conclusion.
 * @csspart coded-conclusions - The coded conclusions.
 * @csspart details - The region a report's disclosure button opens.
 * @csspart results-table - The results table; `result`, `flag`, `test-name` inside it.
 * @csspart source - Where and when a report came from.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (also `details-button`, `retry-button`, `load-more-button`).
 *
 * @cssprop --care-record-test-results-abnormal-color - Border of abnormal and critical results and flags (the error colour, #d5281b).
 */
export class DiagnosticReportList extends CareRecordElement {
  static override stringsNamespace = 'diagnostic-report-list';

  static override styles = [CareRecordElement.styles, listControlStyles, resultsTableStyles, diagnosticReportListStyles];

  /**
   * Only reports of these categories: HL7 v2-0074 codes (`LAB`, `RAD`…) or `system|code` tokens,
   * separated by spaces. All reports when empty (the default).
   */
  @property() category = '';

  /** Reports asked for per request (`_count`); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  @state() private _expanded = new Set<string>();
  @state() private _more?: { base: SearchResult<DiagnosticReport>; result: SearchResult<DiagnosticReport> };
  @state() private _loadingMore = false;
  @state() private _loadMoreError?: unknown;

  private _moreController?: AbortController;
  private _modelCache?: { result: SearchResult<DiagnosticReport>; model: ReportsModel };

  private readonly _reportsTask = createRecordTask(this, {
    args: () => [this.category, this.pageSize] as const,
    resourceTypes: ['DiagnosticReport'],
    section: 'diagnostic-reports',
    // What the audit trail is told was shown: the reports on screen (entered-in-error ones are not).
    count: (result: SearchResult<DiagnosticReport>) => result.matches.filter((report) => !isEnteredInError(report)).length,
    task: ({ client, patientId, signal, args: [category, pageSize] }) =>
      client.search<DiagnosticReport>(
        ...diagnosticReportSearch(patientId, {
          category: categoryParam(category ?? ''),
          // Results come with their reports, when the person may see Observations at all.
          withResults: this.hasScopeFor('Observation'),
          count: Number.isFinite(pageSize) && pageSize > 0 ? Math.floor(pageSize) : PAGE_SIZES.diagnosticReports,
        }),
        { signal, maxPages: 1 },
      ),
  });

  /** The list's strings (and the results table's) with the host's overrides. */
  get reportStrings(): Strings {
    return this.localStrings(reportListDefaults, ['test-results', 'diagnostic-report-list']);
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
    if (changed.has('patientState') || changed.has('category')) this._expanded = new Set();
  }

  private _current(): SearchResult<DiagnosticReport> | undefined {
    const base = this._reportsTask.value;
    const more = this._more;
    return more && more.base === base ? more.result : base;
  }

  private _model(result: SearchResult<DiagnosticReport>): ReportsModel {
    if (this._modelCache?.result === result) return this._modelCache.model;
    const groups = groupResults({ reports: result.matches, resolve: (reference, from) => result.resolve(reference, from) });
    const raw = new Map(result.matches.filter((r) => r.id).map((r) => [`DiagnosticReport/${r.id}`, r]));
    const warnings = [
      ...new Set(
        result.outcomes.flatMap((outcome) =>
          (outcome.issue ?? [])
            .filter((issue) => issue.severity === 'warning' || issue.severity === 'error')
            .map((issue) => issue.details?.text?.trim() || issue.diagnostics?.trim())
            .filter((text): text is string => !!text),
        ),
      ),
    ];
    const model = { groups, raw, warnings };
    this._modelCache = { result, model };
    return model;
  }

  override render(): TemplateResult {
    const s = this.reportStrings;
    return html`<section class="diagnostic-report-list" part="section" aria-labelledby="reports-heading">
      ${this.renderHeading(s.reportsHeading, { id: 'reports-heading' })} ${this.renderIdentityLine()}
      ${this._reportsTask.render({
        complete: () => this._renderReports(this._current()!),
        error: (error, retry) => renderError({ ...this.strings, errorTitle: s.reportsUnavailable }, error, retry),
      })}
    </section>`;
  }

  private _renderReports(result: SearchResult<DiagnosticReport>): TemplateResult {
    const s = this.reportStrings;
    const model = this._model(result);
    const reports = model.groups.reports;
    const excluded = model.groups.excluded.enteredInError;
    return html`
      ${model.warnings.map(
        (text) => html`<div class="banner warning" part="warning"><p><span class="visually-hidden">${s.reportsWarningPrefix}</span>${text}</p></div>`,
      )}
      ${excluded ? html`<p class="notice" part="notice">${s.reportsEnteredInError(excluded)}</p>` : nothing}
      ${reports.length
        ? html`<p class="count" part="count">${s.reportsCount(result.complete ? reports.length : Math.max(result.total ?? 0, reports.length))}</p>
            <ul class="reports" part="list">
              ${reports.map((report, index) => this._renderReport(report, index, model))}
            </ul>`
        : this.renderEmpty(this.category ? s.reportsNoneInCategory : s.reportsNone)}
      ${result.complete
        ? nothing
        : this.renderPartial({ shown: reports.length, total: result.total, onLoadMore: result.nextUrl ? this._loadMore : undefined, loading: this._loadingMore })}
      ${this._loadMoreError ? renderError({ ...this.strings, errorTitle: s.reportsLoadMoreFailed }, this._loadMoreError, this._loadMore) : nothing}
    `;
  }

  private _renderReport(report: DiagnosticReportView, index: number, model: ReportsModel): TemplateResult {
    const s = this.reportStrings;
    const display = this._display;
    const raw = report.reference ? model.raw.get(report.reference) : undefined;
    const key = report.reference ?? `#${index}`;
    const expanded = this._expanded.has(key);
    const name = report.name ?? s.resultsUnnamed;
    const headingId = `report-heading-${index}`;
    const detailsId = `report-details-${index}`;
    const categories = categoryTexts(raw?.category, s);
    const performer = report.performers.map((p) => p.name).filter(Boolean).join(', ') || undefined;
    const interpreter = report.resultsInterpreters.map((p) => p.name).filter(Boolean).join(', ') || undefined;
    const resultCount = countResults(report);
    const resultsText = resultCount ? s.reportsResults(resultCount, report.abnormalCount, report.criticalCount) : undefined;
    const kinds = [...new Set(report.presentedForm.map((form) => s.reportsAttachmentKinds[form.kind] ?? form.kind))].join(', ');
    const issued = formatDateTime(report.issued, display);
    const taken = formatDateTime(report.effective, display);
    const hasDetails = resultCount > 0 || report.missingResults.length > 0 || report.presentedForm.length > 0 || (report.conclusion?.length ?? 0) > SHORT_CONCLUSION;
    return html`<li class="report ${report.criticalCount ? 'critical' : report.abnormalCount ? 'abnormal' : ''}" part="item">
      <div class="report-header">
        ${this.renderHeading(name, { offset: 1, id: headingId, part: 'heading item-heading' })}
        ${categories.map((text) => html`<span class="category" part="category"><span class="visually-hidden">${s.reportsCategoryLabel}: </span>${text}</span>`)}
        ${renderStatusBadge(report.status, s)}
      </div>
      <p class="meta" part="meta">
        <span>${s.reportsIssued(issued ?? s.notKnown)}</span>
        ${taken && taken !== issued ? html`<span>${s.reportsTaken(taken)}</span>` : nothing}
        ${performer ? html`<span>${s.reportsPerformer(performer)}</span>` : nothing}
        ${interpreter && interpreter !== performer ? html`<span>${s.reportsInterpreter(interpreter)}</span>` : nothing}
        ${resultsText
          ? html`<span class=${report.criticalCount ? 'count-critical' : ''}
              >${report.criticalCount ? html`<span class="visually-hidden">${s.importantPrefix}</span>` : nothing}${resultsText}</span
            >`
          : nothing}
        ${report.presentedForm.length ? html`<span>${s.reportsAttachments(report.presentedForm.length, kinds)}</span>` : nothing}
      </p>
      ${report.conclusion
        ? html`<p class="conclusion" part="conclusion">
            <strong>${s.reportsConclusion}:</strong> <span class="conclusion-text">${expanded ? report.conclusion : shortText(report.conclusion)}</span>
          </p>`
        : nothing}
      ${report.conclusionCodes.length
        ? html`<div class="coded-conclusions" part="coded-conclusions">
            <strong>${s.reportsCodedConclusions}:</strong>
            <ul>
              ${report.conclusionCodes.map((text) => html`<li>${text}</li>`)}
            </ul>
          </div>`
        : nothing}
      <p class="source" part="source">${this.sourceLine(report.source.organisationName ?? performer, report.issued ?? report.effective)}</p>
      ${hasDetails
        ? html`<button
              class="button secondary-button details-button"
              part="button details-button"
              type="button"
              aria-expanded=${expanded ? 'true' : 'false'}
              aria-controls=${detailsId}
              @click=${() => this._toggle(key)}
            >
              ${expanded ? s.reportsHideDetails : s.reportsShowDetails}<span class="visually-hidden">: ${name}</span>
            </button>
            <div class="details" part="details" id=${detailsId} ?hidden=${!expanded}>${expanded ? this._renderDetails(report, raw, name) : nothing}</div>`
        : nothing}
    </li>`;
  }

  private _renderDetails(report: DiagnosticReportView, raw: DiagnosticReport | undefined, name: string): TemplateResult {
    const s = this.reportStrings;
    const display = this._display;
    const date = formatDate(report.effective ?? report.issued, display);
    const viewerDefined = !!registeredTag(CareRecordDocumentViewer, 'care-record-document-viewer');
    const viewerTag = nestedTag(CareRecordDocumentViewer, 'care-record-document-viewer');
    return html`
      ${report.results.length || report.missingResults.length
        ? html`${this.renderHeading(s.reportsResultsHeading, { offset: 2, part: 'heading details-heading' })}
          ${renderResultsTable(report.results, {
            strings: s,
            display,
            caption: s.resultsReportCaption(name, date ?? s.notKnown),
            missing: report.missingResults,
          })}`
        : nothing}
      ${raw?.presentedForm?.length
        ? html`${this.renderHeading(s.reportsDocumentsHeading, { offset: 2, part: 'heading details-heading' })}
          ${viewerDefined
            ? staticHtml`<${viewerTag}
                exportparts="attachment, link, narrative"
                .attachments=${raw.presentedForm}
                document-title=${date ? `${name} ${date}` : name}
                heading-level=${this.effectiveHeadingLevel + 3}
              ></${viewerTag}>`
            : html`<p>${s.reportsViewerMissing}</p>`}`
        : nothing}
    `;
  }

  private _toggle(key: string): void {
    const next = new Set(this._expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this._expanded = next;
  }

  private readonly _loadMore = async (): Promise<void> => {
    const base = this._reportsTask.value;
    const current = this._current();
    const client = this.client;
    if (!base || !current?.nextUrl || !client || this._loadingMore) return;
    this._moreController?.abort();
    const controller = new AbortController();
    this._moreController = controller;
    this._loadingMore = true;
    this._loadMoreError = undefined;
    try {
      const result = await client.loadMore(current, { signal: controller.signal, maxPages: 1 });
      if (this._reportsTask.value !== base) return;
      this._more = { base, result };
      await this.updateComplete;
      // Record tasks report their own views; what Load more adds is reported here, once on screen.
      const added = result.matches.slice(current.matches.length).filter((report) => !isEnteredInError(report));
      this.reportViewed({
        section: 'diagnostic-reports',
        resourceTypes: ['DiagnosticReport'],
        count: added.length,
        references: added.filter((report) => report.id).map((report) => `DiagnosticReport/${report.id}`),
        requestUrls: result.requestUrls.slice(current.requestUrls.length),
      });
    } catch (error) {
      if (!isAbortError(error)) this._loadMoreError = error;
    } finally {
      if (this._moreController === controller) this._loadingMore = false;
    }
  };
}

/** Results with a value (panel headings not counted), members of panels included. */
function countResults(report: DiagnosticReportView): number {
  const walk = (views: DiagnosticReportView['results']): number =>
    views.reduce((n, view) => n + (view.valueKind === 'absent' && view.members.length ? 0 : 1) + walk(view.members), 0);
  return walk(report.results);
}

declare global {
  interface HTMLElementTagNameMap {
    'diagnostic-report-list': DiagnosticReportList;
  }
}
