import { css } from 'lit';

/**
 * Results tables, flags and status badges: shared by `<test-results>` and `<diagnostic-report-list>`.
 * Knob: `--care-record-test-results-abnormal-color` (abnormal rows and flags; the error colour).
 */
export const resultsTableStyles = css`
  :host {
    --_results-abnormal: var(--care-record-test-results-abnormal-color, var(--_cr-error));
  }

  /* Fixed columns, so that every report's table lines up with the next. */
  .results-table {
    width: 100%;
    margin: 0 0 var(--_cr-space);
    border-collapse: collapse;
    table-layout: fixed;
  }

  .results-table thead th:nth-child(1) {
    width: 32%;
  }

  .results-table thead th:nth-child(2) {
    width: 22%;
  }

  .results-table thead th:nth-child(3) {
    width: 26%;
  }

  .results-table.detailed thead th:nth-child(1) {
    width: 22%;
  }

  .results-table.detailed thead th:nth-child(2),
  .results-table.detailed thead th:nth-child(3),
  .results-table.detailed thead th:nth-child(4),
  .results-table.detailed thead th:nth-child(5) {
    width: 14%;
  }

  .results-table .caption {
    text-align: left;
    font-weight: 600;
    padding: 0 0 calc(var(--_cr-space) / 2);
  }

  .results-table th,
  .results-table td {
    padding: calc(var(--_cr-space) / 2) var(--_cr-space) calc(var(--_cr-space) / 2) 0;
    border-bottom: 1px solid var(--_cr-border);
    text-align: left;
    vertical-align: top;
    overflow-wrap: anywhere;
  }

  .results-table thead th {
    border-bottom: 2px solid var(--_cr-text-secondary);
    font-size: 0.875em;
  }

  .results-table tbody th {
    font-weight: 600;
  }

  .results-table .member .test {
    padding-left: calc(var(--_cr-space) * 2);
    font-weight: 400;
  }

  .results-table .test.depth-2,
  .results-table .test.depth-3 {
    padding-left: calc(var(--_cr-space) * 4);
  }

  .results-table .result.abnormal > .test,
  .results-table .result.critical > .test {
    box-shadow: inset 4px 0 0 var(--_results-abnormal);
    padding-left: calc(var(--_cr-space) * 1.25);
  }

  .results-table .result.critical > .test {
    box-shadow: inset 8px 0 0 var(--_results-abnormal);
    padding-left: calc(var(--_cr-space) * 1.75);
  }

  .results-table .missing td {
    color: var(--_cr-text-secondary);
    font-style: italic;
  }

  .value {
    font-variant-numeric: tabular-nums;
  }

  .cell-label {
    display: none;
  }

  .flag {
    display: inline-block;
    max-width: 100%;
    padding: 0 calc(var(--_cr-space) / 2);
    border-radius: var(--_cr-radius);
    font-weight: 600;
  }

  .flag-abnormal {
    border: 1px solid var(--_results-abnormal);
  }

  .flag-critical {
    border: 2px solid var(--_results-abnormal);
    color: var(--_cr-background);
    background-color: var(--_results-abnormal);
  }

  .flag-normal,
  .flag-other,
  .no-flag {
    font-weight: 400;
    color: var(--_cr-text-secondary);
  }

  .badge {
    display: inline-block;
    margin: 0 0 0 calc(var(--_cr-space) / 2);
    padding: 0 calc(var(--_cr-space) / 2);
    border: 1px solid var(--_cr-text-secondary);
    border-radius: var(--_cr-radius);
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
    vertical-align: middle;
  }

  .badge-preliminary,
  .badge-registered,
  .badge-partial {
    border-style: dashed;
  }

  .badge-amended,
  .badge-corrected,
  .badge-appended {
    border-color: var(--_cr-primary);
    color: var(--_cr-primary);
  }

  .badge-cancelled {
    border-color: var(--_cr-text);
    text-decoration: none;
  }

  .result.cancelled .value {
    color: var(--_cr-text-secondary);
  }

  .notes .note {
    margin: calc(var(--_cr-space) / 2) 0 0;
    font-weight: 400;
    font-size: 0.875em;
  }

  .test-name.link-button {
    padding: 0;
    min-height: 24px;
    text-align: left;
    font-weight: 600;
  }

  /* Narrow containers: each result becomes a small card; the explicit roles keep the table semantics. */
  @container (max-width: 34em) {
    .results-table,
    .results-table tbody,
    .results-table tr,
    .results-table th,
    .results-table td {
      display: block;
    }

    .results-table thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }

    .results-table tr {
      padding: calc(var(--_cr-space) / 2) 0;
      border-bottom: 1px solid var(--_cr-border);
    }

    .results-table .result.abnormal,
    .results-table .result.critical {
      padding-left: calc(var(--_cr-space) * 1.5);
      box-shadow: inset 4px 0 0 var(--_results-abnormal);
    }

    .results-table .result.critical {
      box-shadow: inset 8px 0 0 var(--_results-abnormal);
    }

    .results-table .result.abnormal > .test,
    .results-table .result.critical > .test {
      padding-left: 0;
      box-shadow: none;
    }

    .results-table th,
    .results-table td {
      padding: 2px 0;
      border: 0;
    }

    .results-table .cell-label {
      display: inline;
      color: var(--_cr-text-secondary);
      font-size: 0.875em;
    }

    .results-table .cell-label::after {
      content: ': ';
    }
  }

  @media (forced-colors: active) {
    .flag-critical {
      border-color: CanvasText;
      color: CanvasText;
      background: Canvas;
      outline: 2px solid CanvasText;
    }

    .results-table .result.abnormal > .test,
    .results-table .result.critical > .test {
      border-left: 4px solid CanvasText;
    }
  }
`;

/**
 * Report cards and the notices above them: shared by `<test-results>` (its reports view) and
 * `<diagnostic-report-list>`, which set their header's spacing.
 */
export const reportCardStyles = css`
  .notice,
  .banner {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-text-secondary);
    border-radius: var(--_cr-radius);
  }

  .banner.warning {
    border-left-color: var(--_cr-warning);
  }

  .banner p {
    margin: 0;
  }

  .reports {
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  /*
   * "Load more" can gather thousands of reports: those out of view skip layout and paint until scrolled
   * to (they stay in the accessibility tree, the tab order and find-in-page). The size is a typical
   * collapsed report's at 900px; once shown, each keeps its last height, so the scrollbar does not jump.
   */
  .report {
    margin: 0 0 calc(var(--_cr-space) * 1.5);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
    content-visibility: auto;
    contain-intrinsic-size: auto 10em;
  }

  .report.abnormal {
    border-left: 4px solid var(--_results-abnormal);
  }

  .report.critical {
    border-left: 8px solid var(--_results-abnormal);
  }

  .report-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
  }

  .report-header .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
  }

  @media (forced-colors: active) {
    .report.abnormal,
    .report.critical {
      border-left-color: CanvasText;
    }
  }

  @media print {
    .report {
      content-visibility: visible;
    }
  }
`;
