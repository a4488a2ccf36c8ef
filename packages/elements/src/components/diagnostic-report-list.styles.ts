import { css } from 'lit';

export const diagnosticReportListStyles = css`
  .diagnostic-report-list {
    container-type: inline-size;
  }

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

  .count {
    color: var(--_cr-text-secondary);
  }

  .reports {
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  .report {
    margin: 0 0 calc(var(--_cr-space) * 1.5);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
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
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
  }

  .report-header .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
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
    .report.abnormal,
    .report.critical {
      border-left-color: CanvasText;
    }

    .category {
      border: 1px solid CanvasText;
    }
  }
`;
