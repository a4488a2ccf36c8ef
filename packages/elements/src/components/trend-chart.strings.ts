// The English (UK) sentences of the trend chart (part of <test-results>), apart from the chart so
// that translations can import them alone.

/** The sentences the chart shows; part of `<test-results>`' strings. */
export interface TrendChartStrings {
  /**
   * The chart's accessible name: "eGFR: 7 results from 12-Jan-2024 to 03-Mar-2025, latest 38 mL/min/1.73m2"
   * (arguments: test, how many, first date, last date, latest value).
   */
  trendSummary: (name: string, count: number, from: string, to: string, latest: string) => string;
  /** The summary with the latest result's interpretation: "…, latest 38 mL/min/1.73m2, low". */
  trendSummaryFlag: (summary: string, flag: string) => string;
  trendShowTable: string;
  trendHideTable: string;
  /** Caption of the table alternative. */
  trendTableCaption: (name: string) => string;
  trendColumnDate: string;
  trendColumnResult: string;
  trendColumnFlag: string;
  trendColumnStatus: string;
  trendLegendLabel: string;
  trendLegendNormal: string;
  trendLegendHigh: string;
  trendLegendLow: string;
  trendLegendAbnormal: string;
  trendLegendCritical: string;
  trendLegendRange: (range: string) => string;
  /** The results were recorded in different units: joining them on one chart would mislead. */
  trendMixedUnits: (units: string) => string;
  /** Results of this test that are not on the chart, and why: without a number, cancelled, undated, entered in error. */
  trendNotCharted: (nonNumeric: number, cancelled: number, undated: number, enteredInError: number) => string;
}

export const defaultTrendChartStrings: TrendChartStrings = {
  trendSummary: (name, count, from, to, latest) =>
    `${name}: ${count} ${count === 1 ? 'result' : 'results'} ${from === to ? `on ${from}` : `from ${from} to ${to}`}, latest ${latest}`,
  trendSummaryFlag: (summary, flag) => `${summary}, ${flag}`,
  trendShowTable: 'Show as table',
  trendHideTable: 'Hide table',
  trendTableCaption: (name) => `${name}: every result on the chart, newest first`,
  trendColumnDate: 'Specimen taken',
  trendColumnResult: 'Result',
  trendColumnFlag: 'Flag',
  trendColumnStatus: 'Status',
  trendLegendLabel: 'Key',
  trendLegendNormal: 'Not flagged',
  trendLegendHigh: 'High',
  trendLegendLow: 'Low',
  trendLegendAbnormal: 'Abnormal',
  trendLegendCritical: 'Critical',
  trendLegendRange: (range) => `Reference range ${range}`,
  trendMixedUnits: (units) => `These results were recorded in different units (${units}), so they are not drawn on one chart. See the table.`,
  trendNotCharted: (nonNumeric, cancelled, undated, enteredInError) => {
    const parts = [
      nonNumeric ? `${nonNumeric} without a number` : '',
      cancelled ? `${cancelled} cancelled` : '',
      undated ? `${undated} without a date` : '',
      enteredInError ? `${enteredInError} entered in error` : '',
    ].filter(Boolean);
    return `Not on the chart: ${parts.join(', ')}.`;
  },
};
