import { css } from 'lit';
import { documentStatusBadgeStyles } from '../base/badge.styles.js';
import { narrativeStyles } from './document-viewer.styles.js';

/** Status badges: text on a tint with a border, so they never rely on colour alone. Shared with the list. */
export const badgeStyles = [documentStatusBadgeStyles, css`
  .badges {
    margin: 0 0 var(--_cr-space);
  }

  .badge {
    line-height: 1.5;
  }

  .badge-superseded {
    color: var(--_cr-text-secondary);
  }
`];

export const dischargeSummaryStyles = [
  narrativeStyles,
  badgeStyles,
  css`
    :host {
      --care-record-discharge-summary-section-gap: calc(var(--_cr-space) * 2);
    }

    .summary {
      min-width: 0;
    }

    .back {
      margin: 0 0 var(--_cr-space);
    }

    #summary-heading:focus {
      outline: 3px solid var(--_cr-focus);
      outline-offset: 2px;
    }

    .header {
      margin: 0 0 var(--care-record-discharge-summary-section-gap);
      padding: 0 0 var(--_cr-space);
      border-bottom: 2px solid var(--_cr-border);
    }

    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
      gap: calc(var(--_cr-space) / 2) calc(var(--_cr-space) * 2);
      margin: 0 0 var(--_cr-space);
    }

    .field {
      min-width: 0;
    }

    .field dt {
      color: var(--_cr-text-secondary);
      font-size: 0.875em;
    }

    .field dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .not-known {
      color: var(--_cr-text-secondary);
    }

    .section {
      margin: 0 0 var(--care-record-discharge-summary-section-gap);
    }

    .section .section {
      margin: var(--_cr-space) 0 var(--_cr-space) var(--_cr-space);
      padding-left: var(--_cr-space);
      border-left: 2px solid var(--_cr-border);
    }

    .section > .heading {
      font-size: 1.1em;
    }

    .entries-caption {
      margin: var(--_cr-space) 0 0;
      color: var(--_cr-text-secondary);
      font-size: 0.875em;
      font-weight: 600;
    }

    .entries {
      margin: 0 0 var(--_cr-space);
      padding-left: calc(var(--_cr-space) * 3);
    }

    .entries li {
      overflow-wrap: anywhere;
    }

    .empty-reason {
      color: var(--_cr-text-secondary);
      font-style: italic;
    }

    .description {
      overflow-wrap: anywhere;
    }

    @media print {
      :host {
        color: #000;
        background: #fff;
      }

      .back,
      .button {
        display: none !important;
      }

      .section {
        break-inside: avoid-page;
      }

      .section > .heading {
        break-after: avoid-page;
      }

      .badge {
        border-color: #000;
      }
    }
  `,
];
