import { css } from 'lit';
import { detailListStyles } from '../base/detail-list.styles.js';
import { noticeStyles } from '../base/notice.styles.js';

export const encounterListStyles = [detailListStyles, noticeStyles, css`
  :host {
    --_encounter-line: var(--care-record-encounter-list-line-color, var(--_cr-border));
    --_encounter-urgent: var(--care-record-encounter-list-emergency-color, var(--_cr-error));
  }

  .encounter-list {
    container-type: inline-size;
  }

  .filters {
    margin: 0 0 var(--_cr-space);
  }

  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2) calc(var(--_cr-space) * 2);
    min-width: 0;
    margin: 0 0 var(--_cr-space);
    padding: 0;
    border: 0;
  }

  .kinds legend {
    float: left;
    width: 100%;
    margin: 0;
    padding: 0;
    font-weight: 600;
  }

  .kind-choice {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_cr-space) / 2);
    min-height: 44px;
    cursor: pointer;
  }

  .kind-choice input {
    width: 24px;
    height: 24px;
    margin: 0;
    accent-color: var(--_cr-primary);
  }

  .kind-choice input:focus-visible {
    outline: 3px solid var(--_cr-focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_cr-focus-text);
  }

  .control-date {
    flex: 0 1 12em;
  }

  /* The timeline: an ordered list, newest first, a line joining the markers. */
  .timeline {
    position: relative;
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  /*
   * A page can hold thousands of encounters: those out of view skip layout and paint until scrolled to (they
   * stay in the accessibility tree, the tab order and find-in-page). The size is a typical encounter's at
   * 900px; once shown, each keeps its last height, so the scrollbar does not jump back.
   */
  .item {
    position: relative;
    display: grid;
    grid-template-columns: 32px minmax(0, 1fr);
    gap: 0 var(--_cr-space);
    padding: 0 0 calc(var(--_cr-space) * 2);
    content-visibility: auto;
    contain-intrinsic-size: auto 16em;
    /* content-visibility clips a row's paint to its box: the heading's focus outline may reach past its right edge. */
    overflow-clip-margin: 4px;
  }

  .item::before {
    content: '';
    position: absolute;
    top: 32px;
    bottom: 0;
    left: 15px;
    border-left: 2px solid var(--_encounter-line);
  }

  .item:last-child::before {
    display: none;
  }

  .marker {
    display: flex;
    align-items: center;
    justify-content: center;
    width: 32px;
    height: 32px;
    border: 2px solid var(--_encounter-line);
    border-radius: 50%;
    color: var(--_cr-text);
    background-color: var(--_cr-background);
  }

  .kind-icon {
    width: 20px;
    height: 20px;
  }

  .kind-inpatient .marker {
    border-color: var(--_cr-primary);
    color: var(--_cr-primary);
  }

  .kind-emergency .marker,
  .kind-ambulance .marker {
    border-color: var(--_encounter-urgent);
    color: var(--_encounter-urgent);
  }

  .item-body {
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .kind {
    margin: 0;
    color: var(--_cr-text-secondary);
    font-size: 0.875em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }

  .item-body .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
  }

  .item-heading:focus {
    outline: 3px solid var(--_cr-focus);
  }

  .details {
    grid-template-columns: minmax(7em, max-content) minmax(0, 1fr);
    margin: 0 0 var(--_cr-space);
  }

  .status-in-progress,
  .status-arrived,
  .status-triaged {
    font-weight: 700;
  }

  .summaries {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cr-space);
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  .summary-button {
    max-width: 100%;
    text-align: left;
    overflow-wrap: anywhere;
  }

  .summary-meta {
    font-weight: 400;
  }

  /* Narrow (320px): labels above their values. */
  @container (max-width: 24em) {
    .details {
      grid-template-columns: minmax(0, 1fr);
    }

    .details dd {
      margin-bottom: calc(var(--_cr-space) / 2);
    }
  }

  @media (forced-colors: active) {
    .marker {
      border-color: CanvasText;
      color: CanvasText;
    }

    .kind-choice input:focus-visible,
    .item-heading:focus {
      outline: 3px solid Highlight;
    }
  }

  @media print {
    .filters,
    .button {
      display: none !important;
    }

    .item {
      break-inside: avoid-page;
      content-visibility: visible;
    }
  }
`];
