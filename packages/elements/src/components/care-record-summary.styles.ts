import { css } from 'lit';

export const careRecordSummaryStyles = css`
  :host {
    --_card-min: var(--care-record-summary-card-min-width, 18rem);
    --_allergy-border: var(--care-record-summary-allergy-border-color, var(--_cr-error));
    /* Columns follow the space the host gives us, not the window: 1 at 320px, 2–3 when wide. */
    container-type: inline-size;
  }

  .summary > .heading {
    margin-bottom: var(--_cr-space);
  }

  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_cr-space) * 2);
    align-items: start;
  }

  @container (min-width: 40rem) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }

  @container (min-width: 64rem) {
    .grid {
      grid-template-columns: repeat(auto-fill, minmax(max(var(--_card-min), calc((100% - 4 * var(--_cr-space)) / 3)), 1fr));
    }
  }

  .card {
    display: flex;
    flex-direction: column;
    min-width: 0;
    height: 100%;
    padding: calc(var(--_cr-space) * 2);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    background-color: var(--_cr-background);
    overflow-wrap: anywhere;
  }

  .card-body {
    flex: 1 1 auto;
  }

  /* Allergies first and prominent: the full width of the grid and a strong border. */
  .card.allergies {
    grid-column: 1 / -1;
    border: 2px solid var(--_allergy-border);
    border-left-width: calc(var(--_cr-space) + 2px);
  }

  .card .heading {
    font-size: 1.125em;
  }

  .items {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    padding: var(--_cr-space) 0;
    border-top: 1px solid var(--_cr-border);
  }

  .item:first-child {
    border-top: 0;
    padding-top: 0;
  }

  .item p,
  .item-title,
  .item-detail {
    margin: 0;
  }

  .item-title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
  }

  .item-button {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_cr-space) / 4);
    width: 100%;
    min-height: 44px;
    margin: 0 0 calc(var(--_cr-space) / 2);
    padding: var(--_cr-space);
    border: 1px solid var(--_cr-primary);
    border-radius: var(--_cr-radius);
    color: var(--_cr-primary);
    background-color: var(--_cr-background);
    font: inherit;
    text-align: left;
    cursor: pointer;
  }

  .item-button .item-detail {
    color: var(--_cr-text);
  }

  .item-button:hover {
    text-decoration: underline;
  }

  .link-button {
    min-height: 24px;
    margin: 0;
    padding: 0;
    border: 0;
    color: var(--_cr-primary);
    background: none;
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .item-button:focus-visible,
  .link-button:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow: 0 4px 0 var(--_cr-focus-text);
  }

  .item-button:focus-visible .item-detail {
    color: var(--_cr-focus-text);
  }

  .section-source {
    margin-bottom: var(--_cr-space);
  }

  .item .source {
    margin-top: calc(var(--_cr-space) / 4);
  }

  .more {
    margin: var(--_cr-space) 0 0;
    font-weight: 600;
  }

  .notice {
    margin: var(--_cr-space) 0 0;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border-left: 4px solid var(--_cr-border);
    font-size: 0.875em;
  }

  .notice.warning {
    border-left-color: var(--_cr-warning);
  }

  .allergy-state {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
  }

  .empty {
    margin: 0;
  }

  .tag {
    display: inline-block;
    padding: 0 calc(var(--_cr-space) / 2);
    border: 1px solid currentColor;
    border-radius: var(--_cr-radius);
    font-size: 0.8125em;
    font-weight: 600;
    line-height: 1.5;
  }

  .tag.danger {
    border-color: var(--_cr-error);
    color: var(--_cr-background);
    background-color: var(--_cr-error);
  }

  .tag.warning {
    border-color: var(--_cr-warning);
    color: var(--_cr-text);
    background-color: color-mix(in srgb, var(--_cr-warning) 25%, var(--_cr-background));
  }

  .result-list {
    margin: calc(var(--_cr-space) / 2) 0 0;
    padding: 0;
    list-style: none;
  }

  .result {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_cr-space);
  }

  .result-value {
    font-weight: 600;
  }

  .flag {
    font-weight: 600;
  }

  .flag.critical {
    text-decoration: underline;
    text-decoration-thickness: 2px;
  }

  .view-all {
    margin: var(--_cr-space) 0 0;
  }

  .view-all .button {
    min-height: 24px;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    font-size: 0.875em;
  }

  .configuration-error {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-error);
  }

  .configuration-error p {
    margin: 0;
  }

  .state.restricted {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-warning);
  }

  @media (forced-colors: active) {
    .card.allergies,
    .item-button,
    .tag {
      border-color: CanvasText;
    }

    .tag.danger,
    .tag.warning {
      forced-color-adjust: none;
      color: Canvas;
      background-color: CanvasText;
    }

    .item-button:focus-visible,
    .link-button:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
