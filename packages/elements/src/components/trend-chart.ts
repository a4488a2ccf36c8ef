import { html, nothing, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { formatDate, formatDateTime, formatQuantity, formatRange, parseFhirDate } from '@care-record/fhir';
import type { DisplayOptions, InterpretationFlag, ObservationHistory, ObservationHistoryPoint, Quantity } from '@care-record/fhir';
import type { TrendChartStrings } from './trend-chart.strings.js';
export { defaultTrendChartStrings } from './trend-chart.strings.js';
export type { TrendChartStrings } from './trend-chart.strings.js';

/*
 * A small hand-written SVG trend chart for one test's results (no chart library: widgets stay light).
 * Plain functions returning templates, like base/states.ts; `<test-results>` keeps the state (which
 * test, table open or not).
 *
 * Geometry is in percentages of the plot (SVG allows % for x/y/cx/x1…), and each marker is a nested
 * <svg> placed by percentage whose shape is drawn in pixels: the chart fills any width, from 320 px
 * up, without stretching circles into ellipses, and its labels are HTML text that never shrinks.
 * Positions are set through the CSSOM (`element.style`) after render: a `style` attribute, which
 * `styleMap` writes on first render, is refused by `style-src 'self'` in strict host pages.
 */

/** "Not on the chart: 2 without a number." when some of the test's results are left out; undefined when none are. */
export function notChartedText(strings: TrendChartStrings, excluded: ObservationHistory['excluded']): string | undefined {
  const { nonNumeric, cancelled, undated, enteredInError } = excluded;
  return nonNumeric + cancelled + undated + enteredInError > 0 ? strings.trendNotCharted(nonNumeric, cancelled, undated, enteredInError) : undefined;
}

/** What the chart draws: one test's numeric history and, when known, its reference range. */
export interface TrendChartData {
  name: string;
  history: ObservationHistory;
  /** The reference range of the latest result in the chart's unit (drawn as a band). */
  range?: { low?: number; high?: number; text?: string };
}

export interface TrendChartOptions {
  /** Unique prefix for ids inside the widget's shadow root. */
  id: string;
  strings: TrendChartStrings;
  display: DisplayOptions;
  tableOpen: boolean;
  onToggleTable: () => void;
  /** The flag as words and symbol (the results table's rendering). */
  renderFlag: (flag: InterpretationFlag | undefined) => unknown;
  /** The flag as a word for the summary ("low"); undefined for none. */
  flagWord: (flag: InterpretationFlag | undefined) => string | undefined;
  /** A result's status in words ("Final", "Preliminary"). */
  statusText: (status: string) => string;
}

type Marker = 'normal' | 'high' | 'low' | 'abnormal' | 'critical';

/** Shape by meaning, so that abnormal points never differ by colour alone. */
function markerOf(point: ObservationHistoryPoint, range: TrendChartData['range']): Marker {
  switch (point.flag) {
    case 'HH':
    case 'LL':
    case 'AA':
      return 'critical';
    case 'H':
      return 'high';
    case 'L':
      return 'low';
    case 'A':
      return 'abnormal';
    case 'outside-range':
      if (range?.high !== undefined && point.value > range.high) return 'high';
      if (range?.low !== undefined && point.value < range.low) return 'low';
      return 'abnormal';
    default:
      return point.abnormal ? 'abnormal' : 'normal';
  }
}

// Shapes centred on 0,0, in pixels.
const SHAPES: Record<Exclude<Marker, 'normal'>, string> = {
  high: 'M0,-7 L6.5,5 L-6.5,5 Z',
  low: 'M0,7 L6.5,-5 L-6.5,-5 Z',
  abnormal: 'M-5,-5 H5 V5 H-5 Z',
  critical: 'M0,-8.5 L8.5,0 L0,8.5 L-8.5,0 Z',
};

function markerShape(marker: Marker): SVGTemplateResult {
  return marker === 'normal' ? svg`<circle r="5"></circle>` : svg`<path d=${SHAPES[marker]}></path>`;
}

/** 1, 2 or 5 × a power of ten, giving about `target` steps over `span`. */
function niceStep(span: number, target = 4): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * magnitude;
}

interface Scale {
  ticks: number[];
  y: (value: number) => number;
  x: (time: number) => number;
}

const PLOT_TOP = 5;
const PLOT_BOTTOM = 95;
const PLOT_LEFT = 3;
const PLOT_RIGHT = 97;

function scaleFor(points: ObservationHistoryPoint[], times: number[], range: TrendChartData['range']): Scale {
  const values = points.map((p) => p.value);
  if (range?.low !== undefined) values.push(range.low);
  if (range?.high !== undefined) values.push(range.high);
  let min = Math.min(...values);
  let max = Math.max(...values);
  // A range open at one end ("≥ 60") still gets a visible band beyond its bound.
  const margin = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  if (range?.low !== undefined && range.high === undefined && max <= range.low) max = range.low + margin;
  if (range?.high !== undefined && range.low === undefined && min >= range.high) min = range.high - margin;
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min);
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  const first = Math.min(...times);
  const last = Math.max(...times);
  return {
    ticks,
    y: (value) => PLOT_BOTTOM - ((value - low) / (high - low)) * (PLOT_BOTTOM - PLOT_TOP),
    x: (time) => (last === first ? 50 : PLOT_LEFT + ((time - first) / (last - first)) * (PLOT_RIGHT - PLOT_LEFT)),
  };
}

function pointQuantity(point: ObservationHistoryPoint): Quantity {
  return { value: point.value, unit: point.unit, comparator: point.comparator as Quantity['comparator'] };
}

/** The chart's accessible name, e.g. "eGFR: 7 results from 12-Jan-2024 to 03-Mar-2025, latest 38 mL/min/1.73m2, low". */
export function trendSummary(data: TrendChartData, options: Pick<TrendChartOptions, 'strings' | 'display' | 'flagWord'>): string {
  const { points } = data.history;
  const latest = points.at(-1);
  const date = (value: string | undefined) => formatDate(value, options.display) ?? value ?? '';
  const summary = options.strings.trendSummary(
    data.name,
    points.length,
    date(points[0]?.date),
    date(latest?.date),
    latest ? (formatQuantity(pointQuantity(latest), options.display) ?? String(latest.value)) : '',
  );
  const flag = latest ? options.flagWord(latest.flag) : undefined;
  return flag ? options.strings.trendSummaryFlag(summary, flag) : summary;
}

function rangeText(range: TrendChartData['range'], unit: string | undefined, display: DisplayOptions): string | undefined {
  if (!range) return undefined;
  return (
    formatRange(
      {
        low: range.low !== undefined ? { value: range.low, unit } : undefined,
        high: range.high !== undefined ? { value: range.high, unit } : undefined,
      },
      display,
    ) ?? range.text
  );
}

function renderPlot(data: TrendChartData, options: TrendChartOptions): TemplateResult {
  const { history, range } = data;
  const points = history.points;
  const times = points.map((p) => parseFhirDate(p.date)?.date.getTime() ?? Date.parse(p.date));
  const scale = scaleFor(points, times, range);
  const number = new Intl.NumberFormat(options.display.locale ?? 'en-GB', { maximumFractionDigits: 3, useGrouping: false });
  const markers = points.map((point) => markerOf(point, range));
  const used = new Set(markers);
  const band =
    range && (range.low !== undefined || range.high !== undefined)
      ? {
          top: range.high !== undefined ? scale.y(range.high) : 0,
          bottom: range.low !== undefined ? scale.y(range.low) : 100,
        }
      : undefined;
  const bandText = rangeText(range, history.unit, options.display);
  const segments: SVGTemplateResult[] = [];
  for (let i = 1; i < points.length; i++) {
    segments.push(
      svg`<line class="trend-line" x1="${scale.x(times[i - 1]!)}%" y1="${scale.y(points[i - 1]!.value)}%" x2="${scale.x(times[i]!)}%" y2="${scale.y(points[i]!.value)}%"></line>`,
    );
  }
  const legend: Array<[Marker | 'range', string]> = [
    ['normal', options.strings.trendLegendNormal],
    ['high', options.strings.trendLegendHigh],
    ['low', options.strings.trendLegendLow],
    ['abnormal', options.strings.trendLegendAbnormal],
    ['critical', options.strings.trendLegendCritical],
  ];
  const entries = legend.filter(([marker]) => used.has(marker as Marker));
  if (band && bandText) entries.push(['range', options.strings.trendLegendRange(bandText)]);
  return html`<div class="trend-plot-area">
      <div class="trend-y-axis" aria-hidden="true">
        ${scale.ticks.map((tick) => html`<span class="trend-tick" ${ref(placeAt(scale.y(tick)))}>${number.format(tick)}</span>`)}
      </div>
      <svg class="trend-svg" part="trend-svg" role="img" aria-label=${trendSummary(data, options)} focusable="false" width="100%" height="100%">
        ${scale.ticks.map((tick) => svg`<line class="trend-grid" x1="0" x2="100%" y1="${scale.y(tick)}%" y2="${scale.y(tick)}%"></line>`)}
        ${band
          ? svg`<rect class="trend-band" x="0" width="100%" y="${band.top}%" height="${Math.max(0, band.bottom - band.top)}%"></rect>
              <line class="trend-band-edge" x1="0" x2="100%" y1="${band.top}%" y2="${band.top}%"></line>
              <line class="trend-band-edge" x1="0" x2="100%" y1="${band.bottom}%" y2="${band.bottom}%"></line>`
          : nothing}
        ${segments}
        ${points.map(
          (point, i) => svg`<svg class="trend-point ${markers[i]}" x="${scale.x(times[i]!)}%" y="${scale.y(point.value)}%" overflow="visible">
            <title>${formatDateTime(point.date, options.display)}: ${formatQuantity(pointQuantity(point), options.display)}</title>
            ${markerShape(markers[i]!)}
          </svg>`,
        )}
      </svg>
      <div class="trend-x-axis" aria-hidden="true">
        <span>${formatDate(points[0]?.date, options.display)}</span>
        ${points.length > 1 && formatDate(points[0]?.date, options.display) !== formatDate(points.at(-1)?.date, options.display)
          ? html`<span>${formatDate(points.at(-1)?.date, options.display)}</span>`
          : nothing}
      </div>
    </div>
    ${history.unit ? html`<p class="trend-unit" aria-hidden="true">${history.unit}</p>` : nothing}
    <ul class="trend-legend" part="trend-legend" aria-label=${options.strings.trendLegendLabel}>
      ${entries.map(
        ([marker, label]) => html`<li>
          <svg class="trend-key ${marker}" aria-hidden="true" focusable="false" width="20" height="20" viewBox="-10 -10 20 20">
            ${marker === 'range' ? svg`<rect class="trend-band" x="-9" y="-6" width="18" height="12"></rect>` : markerShape(marker)}
          </svg>
          ${label}
        </li>`,
      )}
    </ul>`;
}

/** A ref callback that places a tick label `top` percent down the axis, through the CSSOM. */
function placeAt(top: number) {
  return (element: Element | undefined) => {
    if (element instanceof HTMLElement) element.style.top = `${top}%`;
  };
}

/**
 * A test's results over time: reference range band, results joined by a line, abnormal results
 * marked by shape (▲ high, ▼ low, ■ abnormal, ◆ critical) with a key, and an accessible name that
 * summarises it. A "Show as table" button opens the same results as a table. Results in different
 * units are never joined on one chart: the table shows them instead.
 */
export function renderTrendChart(data: TrendChartData, options: TrendChartOptions): TemplateResult {
  const { history } = data;
  const s = options.strings;
  const tableId = `${options.id}-table`;
  const notCharted = notChartedText(s, history.excluded);
  const chartable = history.points.length > 0 && history.consistentUnits;
  // Without a chart, the table is the only view: always open.
  const tableOpen = options.tableOpen || !chartable;
  return html`<figure class="trend" part="trend-chart">
    ${chartable ? renderPlot(data, options) : nothing}
    ${!history.consistentUnits ? html`<p class="trend-note">${s.trendMixedUnits(history.units.join(', '))}</p>` : nothing}
    ${notCharted ? html`<p class="trend-note">${notCharted}</p>` : nothing}
    ${chartable
      ? html`<button
          class="button secondary-button trend-toggle"
          part="button table-toggle-button"
          type="button"
          aria-expanded=${tableOpen ? 'true' : 'false'}
          aria-controls=${tableId}
          @click=${options.onToggleTable}
        >
          ${tableOpen ? s.trendHideTable : s.trendShowTable}
        </button>`
      : nothing}
    <div id=${tableId} class="trend-table-wrap" ?hidden=${!tableOpen}>${tableOpen && history.points.length ? renderTrendTable(data, options) : nothing}</div>
  </figure>`;
}

/** The table alternative: every charted result, newest first. */
export function renderTrendTable(data: TrendChartData, options: TrendChartOptions): TemplateResult {
  const s = options.strings;
  const rows = [...data.history.points].reverse();
  return html`<table class="trend-table" part="trend-table">
    <caption>
      ${s.trendTableCaption(data.name)}
    </caption>
    <thead>
      <tr>
        <th scope="col">${s.trendColumnDate}</th>
        <th scope="col">${s.trendColumnResult}</th>
        <th scope="col">${s.trendColumnFlag}</th>
        <th scope="col">${s.trendColumnStatus}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (point) => html`<tr>
          <td>${formatDateTime(point.date, options.display)}</td>
          <td>${formatQuantity(pointQuantity(point), options.display)}</td>
          <td>${options.renderFlag(point.flag)}</td>
          <td>${options.statusText(point.status)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
