import { css } from 'lit';
import { detailListStyles } from '../base/detail-list.styles.js';
import { noticeStyles } from '../base/notice.styles.js';

export const carePlanListStyles = [detailListStyles, noticeStyles, css`
  :host {
    --_care-plan-current: var(--care-record-care-plan-current-color, var(--_cr-primary));
    --_care-plan-gap: var(--care-record-care-plan-gap, calc(var(--_cr-space) * 2));
  }

  .list-controls .control {
    flex: 0 1 20em;
  }

  .plans,
  .sub-list,
  .missing {
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  .plans {
    display: grid;
    gap: var(--_care-plan-gap);
    margin-bottom: calc(var(--_cr-space) * 2);
  }

  .missing {
    padding-left: calc(var(--_cr-space) * 2);
    list-style: disc;
  }

  /*
   * A page can hold thousands of plans: those out of view skip layout and paint until scrolled to (they
   * stay in the accessibility tree, the tab order and find-in-page). The size is a typical plan's at
   * 900px; once shown, each keeps its last height, so the scrollbar does not jump back.
   */
  .plan {
    min-width: 0;
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-left: var(--_cr-space) solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
    content-visibility: auto;
    contain-intrinsic-size: auto 31em;
  }

  /* Current plans: a coloured border, with the status in words beside the title (never colour alone). */
  .plan.current {
    border-left-color: var(--_care-plan-current);
  }

  .plan.ended {
    border-left-style: dashed;
  }

  .plan-header,
  .activity-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
  }

  .plan-header .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
  }

  .heading[part~='sub-heading'] {
    margin: var(--_cr-space) 0 calc(var(--_cr-space) / 2);
    font-size: 1em;
  }

  .badges,
  .statuses {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  .badge {
    display: inline-block;
    padding: 0 calc(var(--_cr-space) / 2);
    border: 1px solid var(--_cr-text-secondary);
    border-radius: var(--_cr-radius);
    font-size: 0.875em;
    font-weight: 600;
    white-space: nowrap;
  }

  .badge-active,
  .badge-in-progress {
    border-color: var(--_care-plan-current);
  }

  .badge-cancelled,
  .badge-stopped,
  .badge-revoked,
  .badge-worsening,
  .badge-not-achieved {
    border-style: dashed;
  }

  .status-label {
    color: var(--_cr-text-secondary);
  }

  .details {
    grid-template-columns: minmax(6em, max-content) minmax(0, 1fr);
    margin: 0 0 var(--_cr-space);
  }

  .goal,
  .activity {
    margin: 0 0 var(--_cr-space);
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border-left: 3px solid var(--_cr-border);
  }

  .goal > p,
  .activity > p,
  .activity-header > p {
    margin: 0;
  }

  .goal-title,
  .activity-title {
    font-weight: 600;
  }

  .activity.status-completed .activity-title,
  .activity.status-cancelled .activity-title,
  .activity.status-stopped .activity-title {
    font-weight: 400;
  }

  /* "Do not do this": heavy border and bold words, so it is not missed. */
  .activity.do-not-perform {
    border-left: 6px solid var(--_cr-error);
  }

  .do-not {
    font-weight: 700;
  }

  .note {
    margin: 0;
  }

  .hint,
  .none {
    color: var(--_cr-text-secondary);
  }

  .narrative-disclosure {
    margin: var(--_cr-space) 0;
  }

  .narrative-disclosure > summary {
    display: inline-block;
    min-height: 24px;
    padding: 2px 0;
    color: var(--_cr-primary);
    text-decoration: underline;
    cursor: pointer;
  }

  .narrative-disclosure > summary::before {
    content: '▸ ';
  }

  .narrative-disclosure[open] > summary::before {
    content: '▾ ';
  }

  .narrative-disclosure > summary:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow:
      0 -2px var(--_cr-focus),
      0 4px var(--_cr-focus-text);
    text-decoration: none;
  }

  .narrative {
    margin: var(--_cr-space) 0;
    padding: var(--_cr-space);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
  }

  /* Record tables wrap rather than scroll: a narrow screen (320px) never scrolls sideways. */
  .narrative table {
    width: 100%;
    table-layout: fixed;
    border-collapse: collapse;
  }

  .narrative th,
  .narrative td {
    padding: 2px calc(var(--_cr-space) / 2);
    border: 1px solid var(--_cr-border);
    text-align: left;
    vertical-align: top;
  }

  .narrative > :last-child {
    margin-bottom: 0;
  }

  @media (forced-colors: active) {
    .plan.current,
    .activity.do-not-perform {
      border-left-color: CanvasText;
    }

    .narrative-disclosure > summary:focus-visible {
      outline: 3px solid Highlight;
    }
  }

  @media print {
    .list-controls,
    .button {
      display: none !important;
    }

    .plan {
      break-inside: avoid-page;
      content-visibility: visible;
    }
  }
`];
