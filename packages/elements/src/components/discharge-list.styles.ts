import { css } from 'lit';
import { noticeStyles } from '../base/notice.styles.js';
import { badgeStyles } from './discharge-summary.styles.js';

export const dischargeListStyles = [
  badgeStyles,
  noticeStyles,
  css`
    :host {
      --care-record-discharge-list-row-gap: var(--_cr-space);
    }

    /* Block layout (not grid): a list of thousands of rows lays out in one cheap pass. */
    .rows {
      margin: 0 0 var(--_cr-space);
      padding: 0;
      list-style: none;
    }

    /*
     * The row's button stretches over the whole row (a larger target), the row's text stays readable.
     * Rows out of view skip layout and paint until scrolled to (they stay in the accessibility tree and
     * find-in-page); a row keeps its last height once shown, so the scrollbar does not jump.
     */
    .row {
      position: relative;
      min-width: 0;
      padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
      border: 1px solid var(--_cr-border);
      border-left: calc(var(--_cr-space) / 2) solid var(--_cr-primary);
      border-radius: var(--_cr-radius);
      content-visibility: auto;
      contain-intrinsic-size: auto 7.5em;
    }

    .row + .row {
      margin-top: var(--care-record-discharge-list-row-gap);
    }

    .row > p {
      margin: 0;
    }

    .row-button {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_cr-space);
      width: 100%;
      min-height: 24px;
      margin: 0 0 calc(var(--_cr-space) / 2);
      padding: 0;
      border: 0;
      color: var(--_cr-primary);
      background: none;
      font: inherit;
      font-weight: 600;
      text-align: left;
      text-decoration: underline;
      cursor: pointer;
      overflow-wrap: anywhere;
    }

    .row-button::after {
      content: '';
      position: absolute;
      inset: 0;
    }

    .row:hover {
      background-color: var(--_cr-surface);
    }

    .row-button:focus-visible {
      outline: 4px solid transparent;
      color: var(--_cr-focus-text);
      background-color: var(--_cr-focus);
      box-shadow: 0 4px 0 var(--_cr-focus-text);
      text-decoration: none;
    }

    .row:has(.row-button:focus-visible) {
      border-color: var(--_cr-focus-text);
    }

    .row-date {
      color: var(--_cr-text);
    }

    .row-button:focus-visible .row-date {
      color: var(--_cr-focus-text);
    }

    .row-kind {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_cr-space) / 2) var(--_cr-space);
    }

    .kind {
      font-weight: 600;
    }

    .row-detail {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--_cr-space) * 2);
      overflow-wrap: anywhere;
    }

    .filters {
      margin: 0 0 var(--_cr-space);
    }

    .control-date {
      flex-basis: 9em;
    }

    @media (forced-colors: active) {
      .row-button:focus-visible {
        outline: 3px solid Highlight;
      }
    }

    @media print {
      .filters,
      .button,
      .row-button::after {
        display: none !important;
      }

      .row {
        break-inside: avoid-page;
        border-color: #000;
        content-visibility: visible;
      }
    }
  `,
];
