// The English (UK) sentences of <test-results> (and of the results inside <diagnostic-report-list>),
// apart from the element so that translations can import them alone.
import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { defaultTrendChartStrings } from './trend-chart.strings.js';
import type { TrendChartStrings } from './trend-chart.strings.js';

/** Every sentence `<test-results>` (and the results inside `<diagnostic-report-list>`) shows; hosts override any of them through the provider's `strings`. */
export interface TestResultsStrings extends ListControlStrings, TrendChartStrings {
  resultsHeading: string;
  resultsNone: string;
  resultsUnavailable: string;
  resultsOtherUnavailable: string;
  resultsViewLabel: string;
  resultsViewReports: string;
  resultsViewAll: string;
  resultsFilterTest: string;
  resultsFilterTestHint: string;
  resultsFilterFrom: string;
  resultsFilterTo: string;
  resultsItems: string;
  /** "45 reports · 435 results" when everything is loaded and nothing is filtered. */
  resultsCount: (reports: number, results: number) => string;
  /** "Showing 50 of 81 reports and 540 of 636 results" while the server has more (reports, of reports, results, of results). */
  resultsShowingLoaded: (reports: number, reportsTotal: number, results: number, resultsTotal: number) => string;
  /** "Showing 3 of 435 results" while filters hide some. */
  resultsFiltered: (shown: number, total: number) => string;
  resultsEnteredInError: (count: number) => string;
  resultsOtherHeading: (count: number) => string;
  resultsColumnTest: string;
  resultsColumnResult: string;
  resultsColumnRange: string;
  resultsColumnFlag: string;
  resultsColumnTaken: string;
  resultsColumnSource: string;
  /** Interpretations in words, by normalised flag ("High", "Critically low"); others show the sender's text. */
  resultsFlags: Readonly<Record<string, string>>;
  resultsNoFlag: string;
  /** Statuses in words ("Preliminary", "Corrected", "Cancelled"…): every status but final shows as a badge. */
  resultsStatuses: Readonly<Record<string, string>>;
  resultsTaken: (date: string) => string;
  resultsIssued: (date: string) => string;
  resultsLab: (lab: string) => string;
  resultsAbnormalCount: (count: number) => string;
  resultsCriticalCount: (count: number) => string;
  resultsNotAvailable: string;
  resultsNoValue: string;
  /** No value, and the sender said why ("No result: sample haemolysed"). */
  resultsNoValueBecause: (reason: string) => string;
  resultsCancelled: string;
  resultsConclusion: string;
  resultsCodedConclusions: string;
  resultsNoRange: string;
  resultsInReport: (name: string) => string;
  resultsUnnamed: string;
  /** Visually hidden after a test's name on its button. */
  resultsShowHistory: string;
  resultsHistoryHeading: (name: string) => string;
  resultsHistoryClose: string;
  resultsHistoryEmpty: string;
  resultsHistoryUnavailable: string;
  /** The history found on the server is longer than what was fetched: "Showing the latest 500 of 812 results." */
  resultsHistoryPartial: (shown: number, total: number) => string;
  /** As `resultsHistoryPartial`, when the server did not say how many there are. */
  resultsHistoryLatest: (shown: number) => string;
  /** Caption of a report's results table: "Results of Full blood count, 12-Mar-2024". */
  resultsReportCaption: (name: string, date: string) => string;
  resultsOtherCaption: string;
  resultsAllCaption: string;
  /** Accessible name of the scrolling rows of a long "All results" table. */
  resultsScrollLabel: (count: number) => string;
  resultsShowMoreReports: string;
  resultsShowMoreResults: string;
  resultsShowingReports: (shown: number, total: number) => string;
  /** While the server has more reports and did not say how many. */
  resultsShowingReportsMore: (shown: number) => string;
  resultsShowingOther: (shown: number, total: number) => string;
  /** While the server may have more results outside reports. */
  resultsShowingOtherMore: (shown: number) => string;
  resultsLoadMoreFailed: string;
  resultsNotes: string;
  warningPrefix: string;
  importantPrefix: string;
  notKnown: string;
}

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, other: string) => `${count(n)} ${n === 1 ? one : other}`;

const FLAG_TEXT: Readonly<Record<string, string>> = {
  H: 'High',
  L: 'Low',
  HH: 'Critically high',
  LL: 'Critically low',
  A: 'Abnormal',
  AA: 'Critically abnormal',
  N: 'Normal',
  'outside-range': 'Outside reference range',
};

const STATUS_TEXT: Readonly<Record<string, string>> = {
  final: 'Final',
  registered: 'Awaiting result',
  partial: 'Partial',
  preliminary: 'Preliminary',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Appended',
  cancelled: 'Cancelled',
  unknown: 'Status not known',
};

export const defaultTestResultsStrings: TestResultsStrings = {
  ...defaultListControlStrings,
  ...defaultTrendChartStrings,
  resultsHeading: 'Test results',
  resultsNone: 'No test results recorded',
  resultsUnavailable: 'Test results could not be loaded',
  resultsOtherUnavailable: 'Results that are not part of a report could not be loaded.',
  resultsViewLabel: 'Show results',
  resultsViewReports: 'Grouped by report',
  resultsViewAll: 'All results',
  resultsFilterTest: 'Test name',
  resultsFilterTestHint: 'For example, potassium or eGFR',
  resultsFilterFrom: 'Taken from',
  resultsFilterTo: 'Taken to',
  resultsItems: 'test results',
  resultsCount: (reports, results) => `${plural(reports, 'report', 'reports')} · ${plural(results, 'result', 'results')}`,
  resultsShowingLoaded: (reports, reportsTotal, results, resultsTotal) => {
    const part = (shown: number, total: number, one: string, other: string) => (total > shown ? `${count(shown)} of ${plural(total, one, other)}` : plural(shown, one, other));
    return `Showing ${part(reports, reportsTotal, 'report', 'reports')} and ${part(results, resultsTotal, 'result', 'results')}. There are more.`;
  },
  resultsFiltered: (shown, total) => `Showing ${count(shown)} of ${plural(total, 'result', 'results')}`,
  resultsEnteredInError: (n) => `${plural(n, 'entry', 'entries')} marked as entered in error ${n === 1 ? 'is' : 'are'} not shown`,
  resultsOtherHeading: (n) => `Results not in a report (${count(n)})`,
  resultsColumnTest: 'Test',
  resultsColumnResult: 'Result',
  resultsColumnRange: 'Reference range',
  resultsColumnFlag: 'Flag',
  resultsColumnTaken: 'Specimen taken',
  resultsColumnSource: 'Report and laboratory',
  resultsFlags: FLAG_TEXT,
  resultsNoFlag: 'Not flagged',
  resultsStatuses: STATUS_TEXT,
  resultsTaken: (date) => `Specimen taken ${date}`,
  resultsIssued: (date) => `Issued ${date}`,
  resultsLab: (lab) => `Laboratory: ${lab}`,
  resultsAbnormalCount: (n) => `${plural(n, 'abnormal result', 'abnormal results')}`,
  resultsCriticalCount: (n) => `${plural(n, 'critical result', 'critical results')}`,
  resultsNotAvailable: 'Result not available',
  resultsNoValue: 'No result',
  resultsNoValueBecause: (reason) => `No result: ${reason}`,
  resultsCancelled: 'Cancelled: no result',
  resultsConclusion: 'Conclusion',
  resultsCodedConclusions: 'Coded conclusions',
  resultsNoRange: 'None given',
  resultsInReport: (name) => `In ${name}`,
  resultsUnnamed: 'Unnamed test',
  resultsShowHistory: ', show history',
  resultsHistoryHeading: (name) => `${name}: history`,
  resultsHistoryClose: 'Close history',
  resultsHistoryEmpty: 'There are no results with a number to show over time for this test.',
  resultsHistoryUnavailable: 'The history of this test could not be loaded',
  resultsHistoryPartial: (shown, total) => `Showing the latest ${count(shown)} of ${count(total)} results.`,
  resultsHistoryLatest: (shown) => `Showing the latest ${count(shown)} results.`,
  resultsReportCaption: (name, date) => `Results of ${name}, ${date}`,
  resultsOtherCaption: 'Results not in a report, newest first',
  resultsAllCaption: 'All results, newest first',
  resultsScrollLabel: (n) => `${count(n)} results: scroll to see more`,
  resultsShowMoreReports: 'Show more reports',
  resultsShowMoreResults: 'Show more results',
  resultsShowingReports: (shown, total) => `Showing ${count(shown)} of ${plural(total, 'report', 'reports')}`,
  resultsShowingReportsMore: (shown) => `Showing ${plural(shown, 'report', 'reports')}. There are more.`,
  resultsShowingOther: (shown, total) => `Showing ${count(shown)} of ${plural(total, 'result', 'results')}`,
  resultsShowingOtherMore: (shown) => `Showing ${plural(shown, 'result', 'results')}. There may be more.`,
  resultsLoadMoreFailed: 'More results could not be loaded.',
  resultsNotes: 'Notes',
  warningPrefix: 'Warning: ',
  importantPrefix: 'Important: ',
  notKnown: 'Not known',
};
