// The results table and its pieces (value, range, flag, status badge), shared by <test-results>,
// <diagnostic-report-list> and the flat rows of "All results": apart from the <test-results>
// element, so that a widget showing a report's results does not carry the whole of it.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { literal } from 'lit/static-html.js';
import {
  formatDateTime,
  formatQuantity,
  formatRange,
  formatReferenceRange,
} from '@care-record/fhir';
import type {
  DiagnosticReportView,
  DisplayOptions,
  InterpretationFlag,
  InterpretationView,
  ObservationComponentView,
  ObservationView,
  ReferenceRangeView,
} from '@care-record/fhir';
import { defaultTestResultsStrings } from './test-results.strings.js';
import type { TestResultsStrings } from './test-results.strings.js';

/** HL7 v2 table 0074 (diagnostic service section): `LAB` is "Laboratory". */
export const DIAGNOSTIC_SERVICE_SECTION = 'http://terminology.hl7.org/CodeSystem/v2-0074';

/** A test's name in a flat row: a button when its history can be shown (chosen through the table's listener). */
export const NAME_BUTTON = { open: literal`<button class="link-button test-name" part="button test-name" type="button">`, close: literal`</button>` };
export const NAME_TEXT = { open: literal`<span class="test-name" part="test-name">`, close: literal`</span>` };

export const FLAG_SYMBOL: Partial<Record<InterpretationFlag, string>> = {
  H: '↑',
  L: '↓',
  HH: '↑↑',
  LL: '↓↓',
  A: '!',
  AA: '!!',
  'outside-range': '*',
};

/** A result's value with its unit, in the display helpers' format ("5.3 mmol/L", "< 5 mg/L", "Positive"). */
export function resultValueText(view: ObservationView | ObservationComponentView, display: DisplayOptions, strings: TestResultsStrings): string {
  if (view.quantity) return formatQuantity(view.quantity, display) ?? view.valueText ?? strings.resultsNoValue;
  switch (view.valueKind) {
    case 'date-time':
      return formatDateTime(view.valueText, display) ?? strings.resultsNoValue;
    case 'absent':
      if (view.dataAbsentReason) return strings.resultsNoValueBecause(view.dataAbsentReason);
      return 'cancelled' in view && view.cancelled ? strings.resultsCancelled : strings.resultsNoValue;
    default:
      return view.valueText ?? strings.resultsNoValue;
  }
}

/** The reference ranges as text ("3.5–5.3 mmol/L", "≥ 60 mL/min/1.73m2"), with whom each applies to. */
export function referenceRangeText(ranges: ReferenceRangeView[], display: DisplayOptions): string | undefined {
  const texts = ranges
    .map((range) => {
      const text = formatReferenceRange({ low: range.low, high: range.high, text: range.text }, display);
      if (!text) return undefined;
      const age = range.age ? formatRange(range.age, display) : undefined;
      const qualifiers = [range.type, ...range.appliesTo, age ? `age ${age}` : undefined].filter((q) => q && q.toLowerCase() !== 'normal range');
      return qualifiers.length ? `${text} (${qualifiers.join(', ')})` : text;
    })
    .filter((text): text is string => !!text);
  return texts.length ? texts.join('; ') : undefined;
}

/**
 * An interpretation as words and symbol ("High ↑", "Critically low ↓↓"): never colour alone. Critical
 * ones carry a visually hidden "Important: " and a heavier style.
 */
export function renderFlag(flag: InterpretationView | InterpretationFlag | undefined, strings: TestResultsStrings): TemplateResult {
  if (!flag) return html`<span class="no-flag">${strings.resultsNoFlag}</span>`;
  const view: Pick<InterpretationView, 'flag' | 'label' | 'critical' | 'abnormal'> =
    typeof flag === 'string'
      ? { flag, label: defaultTestResultsStrings.resultsFlags[flag] ?? flag, critical: flag === 'HH' || flag === 'LL' || flag === 'AA', abnormal: flag !== 'N' && flag !== 'other' }
      : flag;
  const kind = view.critical ? 'critical' : view.abnormal ? 'abnormal' : view.flag === 'N' ? 'normal' : 'other';
  const symbol = FLAG_SYMBOL[view.flag];
  return html`<span class="flag flag-${kind}" part="flag flag-${kind}"
    >${view.critical ? html`<span class="visually-hidden">${strings.importantPrefix}</span>` : nothing}${flagText(view.flag, view.label, strings)}${symbol
      ? html`\u00a0<span class="flag-symbol" aria-hidden="true">${symbol}</span>`
      : nothing}</span
  >`;
}

/** An interpretation in words: ours for the codes we know, else the sender's. */
export function flagText(flag: InterpretationFlag, label: string, strings: TestResultsStrings): string {
  return (flag !== 'other' ? strings.resultsFlags[flag] : undefined) ?? label;
}

/** A status other than final as a badge ("Preliminary", "Corrected", "Cancelled"). */
export function renderStatusBadge(status: string | undefined, strings: TestResultsStrings): TemplateResult | typeof nothing {
  const text = status && status !== 'final' ? strings.resultsStatuses[status] : undefined;
  if (!text) return nothing;
  return html`<span class="badge badge-${status}" part="badge badge-${status}">${text}</span>`;
}

/** The laboratory (or other performer) that produced a result. */
export function performerOf(view: ObservationView, report?: DiagnosticReportView): string | undefined {
  return view.performers.find((p) => p.name)?.name ?? report?.performers.find((p) => p.name)?.name ?? view.source.organisationName ?? report?.source.organisationName;
}

export interface ResultsTableOptions {
  strings: TestResultsStrings;
  display: DisplayOptions;
  /** The table's caption (shown visually hidden unless `showCaption`). */
  caption: string;
  showCaption?: boolean;
  /** Makes each test name a button: choosing it shows the test's history. */
  onSelect?: (view: ObservationView, trigger: HTMLElement) => void;
  /** Adds "Specimen taken" and "Report and laboratory" columns (results outside a report). */
  detailed?: boolean;
  /** Each result's source line ("From Leeds Pathology · recorded 12-Mar-2024"), for detailed tables. */
  sourceLine?: (view: ObservationView) => string;
  /** Results the report names that were not sent. */
  missing?: DiagnosticReportView['missingResults'];
}

function flattenWithDepth(views: ObservationView[], depth = 0): Array<{ view: ObservationView; depth: number }> {
  return views.flatMap((view) => [{ view, depth }, ...flattenWithDepth(view.members, depth + 1)]);
}

function renderTestName(view: ObservationView, options: Pick<ResultsTableOptions, 'strings' | 'onSelect'>): TemplateResult {
  const s = options.strings;
  const name = view.name ?? s.resultsUnnamed;
  const onSelect = options.onSelect;
  return onSelect && view.codeKey
    ? html`<button class="link-button test-name" part="button test-name" type="button" @click=${(event: Event) => onSelect(view, event.currentTarget as HTMLElement)}>
        ${name}<span class="visually-hidden">${s.resultsShowHistory}</span>
      </button>`
    : html`<span class="test-name" part="test-name">${name}</span>`;
}

function renderNotes(view: ObservationView, strings: TestResultsStrings): TemplateResult | typeof nothing {
  if (!view.notes.length) return nothing;
  return html`<div class="notes">
    <span class="visually-hidden">${strings.resultsNotes}: </span>${view.notes.map((note) => html`<p class="note">${note}</p>`)}
  </div>`;
}

/**
 * A table of results (test, result, reference range, flag; with `detailed`, also when the specimen
 * was taken and where the result came from). Panels are followed by their members, indented. Shared
 * by `<test-results>` and `<diagnostic-report-list>`; add `resultsTableStyles` to the widget's styles.
 * At narrow widths the rows stack (explicit table roles keep the semantics when CSS changes `display`).
 */
export function renderResultsTable(results: ObservationView[], options: ResultsTableOptions): TemplateResult {
  const s = options.strings;
  const display = options.display;
  const rows = flattenWithDepth(results);
  const label = (text: string) => html`<span class="cell-label" aria-hidden="true">${text}</span>`;
  return html`<table class="results-table ${options.detailed ? 'detailed' : ''}" part="results-table" role="table">
    <caption class=${options.showCaption ? 'caption' : 'visually-hidden'}>
      ${options.caption}
    </caption>
    <thead role="rowgroup">
      <tr role="row">
        <th role="columnheader" scope="col">${s.resultsColumnTest}</th>
        <th role="columnheader" scope="col">${s.resultsColumnResult}</th>
        <th role="columnheader" scope="col">${s.resultsColumnRange}</th>
        <th role="columnheader" scope="col">${s.resultsColumnFlag}</th>
        ${options.detailed
          ? html`<th role="columnheader" scope="col">${s.resultsColumnTaken}</th>
              <th role="columnheader" scope="col">${s.resultsColumnSource}</th>`
          : nothing}
      </tr>
    </thead>
    <tbody role="rowgroup">
      ${rows.map(({ view, depth }) => {
        const panelOnly = view.valueKind === 'absent' && view.members.length > 0;
        return html`<tr
          role="row"
          class="result ${view.critical ? 'critical' : view.abnormal ? 'abnormal' : ''} ${view.cancelled ? 'cancelled' : ''} ${depth ? 'member' : ''}"
          part="result${view.critical ? ' result-critical' : view.abnormal ? ' result-abnormal' : ''}"
        >
          <th role="rowheader" scope="row" class="test depth-${Math.min(depth, 3)}">
            ${renderTestName(view, options)} ${renderStatusBadge(view.status, s)} ${renderNotes(view, s)}
          </th>
          <td role="cell" class="value">${label(s.resultsColumnResult)}${panelOnly ? '' : resultValueText(view, display, s)}</td>
          <td role="cell">${label(s.resultsColumnRange)}${panelOnly ? '' : (referenceRangeText(view.referenceRanges, display) ?? s.resultsNoRange)}</td>
          <td role="cell">${label(s.resultsColumnFlag)}${panelOnly ? '' : renderFlag(view.cancelled ? undefined : view.flag, s)}</td>
          ${options.detailed
            ? html`<td role="cell">${label(s.resultsColumnTaken)}${formatDateTime(view.effective, display) ?? s.notKnown}</td>
                <td role="cell" class="source">${label(s.resultsColumnSource)}${options.sourceLine?.(view) ?? performerOf(view) ?? s.notKnown}</td>`
            : nothing}
        </tr>`;
      })}
      ${(options.missing ?? []).map(
        (missing) => html`<tr role="row" class="result missing">
          <th role="rowheader" scope="row" class="test"><span class="test-name">${missing.display ?? s.resultsUnnamed}</span></th>
          <td role="cell" colspan=${options.detailed ? 5 : 3}>${s.resultsNotAvailable}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
