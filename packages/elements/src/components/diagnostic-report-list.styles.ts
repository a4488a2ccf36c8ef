import { css } from 'lit';
import { reportCardStyles } from './results-table.styles.js';

export const diagnosticReportListStyles = [reportCardStyles, css`
  .diagnostic-report-list {
    container-type: inline-size;
  }

  .count {
    color: var(--_cr-text-secondary);
  }

  .report-header {
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
  }

  .category {
    display: inline-block;
    padding: 0 calc(var(--_cr-space) / 2);
    border-radius: var(--_cr-radius);
    background-color: var(--_cr-surface);
    font-size: 0.8125em;
    font-weight: 600;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_cr-space) * 2);
    color: var(--_cr-text-secondary);
    font-size: 0.875em;
  }

  .meta .count-critical {
    color: var(--_cr-text);
    font-weight: 600;
  }

  /* Reports keep their line breaks (radiology reports are often set out in lines). */
  .conclusion-text {
    white-space: pre-line;
  }

  .coded-conclusions {
    margin: 0 0 var(--_cr-space);
  }

  .coded-conclusions ul {
    margin: 0;
    padding-left: calc(var(--_cr-space) * 2.5);
  }

  .details-button {
    margin: 0 0 var(--_cr-space);
  }

  .details-button::before {
    content: '▸ ';
  }

  .details-button[aria-expanded='true']::before {
    content: '▾ ';
  }

  .details {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) 0 0;
    border-top: 1px solid var(--_cr-border);
  }

  .details .heading {
    font-size: 1em;
  }

  @media (forced-colors: active) {
    .category {
      border: 1px solid CanvasText;
    }
  }
`];
