import { css } from 'lit';
import { recordItemStyles } from '../base/record-item.styles.js';

export const problemListStyles = [recordItemStyles, css`
  :host {
    --_problem-history: var(--care-record-problem-history-color, var(--_cr-primary));
  }

  .problem-list {
    container-type: inline-size;
  }

  .group {
    margin: 0 0 var(--_cr-space);
  }

  .group > .heading {
    margin: 0;
    font-size: 1.125em;
  }

  /* The whole heading is the button: a large target that says whether the group is open. */
  .group-toggle {
    display: flex;
    align-items: center;
    gap: var(--_cr-space);
    width: 100%;
    min-height: 44px;
    margin: 0;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border: 0;
    border-bottom: 1px solid var(--_cr-border);
    color: var(--_cr-primary);
    background: none;
    font: inherit;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }

  .group-toggle:disabled {
    color: var(--_cr-text);
    cursor: default;
  }

  .group-toggle:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow: 0 4px 0 var(--_cr-focus-text);
  }

  .chevron {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
  }

  .group-toggle[aria-expanded='true'] .chevron {
    transform: rotate(45deg);
  }

  @media (prefers-reduced-motion: no-preference) {
    .chevron {
      transition: transform 0.15s ease-in-out;
    }
  }

  .group-pastSignificant {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_problem-history);
    padding-left: var(--_cr-space);
  }

  .group-body {
    padding-top: var(--_cr-space);
  }

  .items {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item-header .heading {
    font-size: 1.0625em;
  }

  .none {
    margin: 0 0 var(--_cr-space);
  }

  .notice {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-text-secondary);
    border-radius: var(--_cr-radius);
  }

  @container (max-width: 30em) {
    .details {
      grid-template-columns: 1fr;
    }
    .details dd {
      margin-bottom: calc(var(--_cr-space) / 2);
    }
  }

  @media (forced-colors: active) {
    .group-toggle:focus-visible {
      outline: 3px solid Highlight;
    }
    .group-pastSignificant {
      border-left-color: CanvasText;
    }
  }
`];
