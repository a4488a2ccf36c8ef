import { css } from 'lit';
import { reportCardStyles } from './results-table.styles.js';

/** `<test-results>` itself. */
export const testResultsStyles = [reportCardStyles, css`
  :host {
    --_results-list-height: var(--care-record-test-results-list-height, 32rem);
  }

  .test-results {
    container-type: inline-size;
  }

  .view-switch {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cr-space);
    margin: 0 0 var(--_cr-space);
  }

  .view-button[aria-pressed='true'] {
    color: var(--_cr-primary-contrast);
    background-color: var(--_cr-primary);
  }

  .view-button[aria-pressed='true']::before {
    content: '✓ ';
  }

  .control-date {
    flex-basis: 9em;
  }

  /* Here a report shows its results table: a typical one is taller. */
  .report {
    contain-intrinsic-size: auto 17em;
  }

  .report-header {
    gap: 0 var(--_cr-space);
  }

  .report-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_cr-space) * 2);
    color: var(--_cr-text-secondary);
    font-size: 0.875em;
  }

  .report-meta .count-critical {
    color: var(--_cr-text);
    font-weight: 600;
  }

  .conclusion-codes {
    font-size: 0.875em;
  }

  .none {
    color: var(--_cr-text-secondary);
  }

  /* All results: one table; past a few hundred rows its body scrolls and is virtualised. */
  .flat-table {
    margin: 0 0 var(--_cr-space);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
  }

  .flat-caption {
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    font-weight: 600;
  }

  .flat-head {
    border-bottom: 2px solid var(--_cr-text-secondary);
    font-size: 0.875em;
    font-weight: 600;
  }

  /* The header keeps the same gutter as the scrolling body, so the columns line up. */
  .flat-table.virtual .flat-head {
    overflow: hidden;
    scrollbar-gutter: stable;
  }

  .flat-scroll {
    height: var(--_results-list-height);
    overflow: auto;
    scrollbar-gutter: stable;
  }

  .flat-scroll:focus-visible {
    outline: 3px solid var(--_cr-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_cr-focus-text);
  }

  .flat-row {
    display: grid;
    grid-template-columns: minmax(7em, 2fr) minmax(6em, 1.3fr) minmax(6em, 1fr) minmax(6em, 1.2fr) minmax(7em, 1.2fr) minmax(8em, 2fr);
    gap: 0 var(--_cr-space);
    width: 100%;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    overflow-wrap: anywhere;
  }

  .flat-body .flat-row {
    border-top: 1px solid var(--_cr-border);
    background-color: var(--_cr-background);
  }

  /* Up to a few hundred rows are all in the page: those out of view skip layout and paint until
     scrolled to (still in the accessibility tree and found by find-in-page). */
  .flat-table:not(.virtual) .flat-body > .flat-row {
    content-visibility: auto;
    contain-intrinsic-size: auto 3.5em;
  }

  .flat-body .flat-row.abnormal {
    box-shadow: inset 4px 0 0 var(--_results-abnormal);
  }

  .flat-body .flat-row.critical {
    box-shadow: inset 8px 0 0 var(--_results-abnormal);
  }

  .flat-row .test {
    font-weight: 600;
  }

  .flat-row .source {
    font-size: 0.875em;
    color: var(--_cr-text-secondary);
  }

  .in-report {
    display: block;
    color: var(--_cr-text);
  }

  @container (max-width: 48em) {
    .flat-head {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }

    .flat-row {
      display: block;
    }

    .flat-row > [role='cell'],
    .flat-row > [role='rowheader'] {
      display: block;
    }

    .flat-row .cell-label {
      display: inline;
      color: var(--_cr-text-secondary);
      font-size: 0.875em;
    }

    .flat-row .cell-label::after {
      content: ': ';
    }
  }

  .history {
    margin: 0 0 calc(var(--_cr-space) * 2);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 2px solid var(--_cr-primary);
    border-radius: var(--_cr-radius);
  }

  .history-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_cr-space);
  }

  .history-header .heading:focus {
    outline: 3px solid var(--_cr-focus);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .flat-body .flat-row.abnormal,
    .flat-body .flat-row.critical {
      border-left: 4px solid CanvasText;
    }
  }
`];
