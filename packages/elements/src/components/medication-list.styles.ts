import { css } from 'lit';
import { recordItemStyles } from '../base/record-item.styles.js';

export const medicationListStyles = [recordItemStyles, css`
  :host {
    --_med-done: var(--care-record-medication-done-color, #007f3b);
    --_med-progress: var(--care-record-medication-progress-color, var(--_cr-primary));
    --_med-problem: var(--care-record-medication-problem-color, var(--_cr-error));
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_med-done: var(--care-record-medication-done-color, #5ec98a);
    }
  }

  .medication-list {
    container-type: inline-size;
  }

  .items,
  .steps,
  .history {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .items {
    margin-bottom: calc(var(--_cr-space) * 2);
  }

  .item {
    border-left: var(--_cr-space) solid var(--_cr-border);
  }

  .item.current {
    border-left-color: var(--_med-progress);
  }

  .item.past {
    border-left-style: dashed;
  }

  .item-header .heading {
    font-size: 1.125em;
  }

  .status-line {
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  /* The status badge: words first; the border colour only repeats them. */
  .badge {
    display: inline-block;
    padding: 2px var(--_cr-space);
    border: 2px solid var(--_cr-text-secondary);
    border-left-width: calc(var(--_cr-space) / 2 + 2px);
    border-radius: var(--_cr-radius);
    font-weight: 600;
  }

  .badge.small {
    padding: 0 calc(var(--_cr-space) / 2);
    border-width: 1px 1px 1px 4px;
    font-size: 0.875em;
  }

  .badge.tone-done {
    border-color: var(--_med-done);
  }

  .badge.tone-progress {
    border-color: var(--_med-progress);
  }

  .badge.tone-attention {
    border-color: var(--_cr-warning);
  }

  .badge.tone-problem {
    border-color: var(--_med-problem);
  }

  /* Step indicator: "Issued by GP ✓ → With pharmacy ✓ → Dispensed 12-Mar-2024". */
  .steps {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px var(--_cr-space);
    margin: 0 0 var(--_cr-space);
    font-size: 0.9375em;
  }

  .step {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }

  /* Arrows and marks are decoration (empty alternative text): each step says its state in words. */
  .step + .step::before {
    content: '→' / '';
    margin-right: var(--_cr-space);
    color: var(--_cr-text-secondary);
  }

  .step-mark {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 1.25em;
    height: 1.25em;
    border: 2px solid currentColor;
    border-radius: 50%;
    font-size: 0.875em;
    font-weight: 700;
    line-height: 1;
  }

  .step.done .step-mark {
    border-color: var(--_med-done);
    color: var(--_cr-background);
    background-color: var(--_med-done);
  }

  .step.done .step-mark::before {
    content: '✓' / '';
  }

  .step.current .step-mark {
    border-color: var(--_med-progress);
  }

  .step.current .step-mark::before {
    content: '' / '';
    width: 0.5em;
    height: 0.5em;
    border-radius: 50%;
    background-color: var(--_med-progress);
  }

  .step.current {
    font-weight: 600;
  }

  .step.todo {
    color: var(--_cr-text-secondary);
  }

  .step.todo .step-mark {
    border-style: dotted;
  }

  .step.partial .step-mark {
    border-color: var(--_cr-warning);
  }

  .step.partial .step-mark::before {
    content: '½' / '';
  }

  .step.failed {
    font-weight: 600;
  }

  .step.failed .step-mark {
    border-color: var(--_med-problem);
    color: var(--_med-problem);
  }

  .step.failed .step-mark::before {
    content: '✕' / '';
  }

  @container (max-width: 24em) {
    .details {
      grid-template-columns: 1fr;
      gap: 0;
    }

    .details dd {
      margin-bottom: calc(var(--_cr-space) / 2);
    }
  }

  .secondary {
    color: var(--_cr-text-secondary);
  }

  .none {
    margin: 0 0 calc(var(--_cr-space) * 2);
  }

  .notice {
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border-left: calc(var(--_cr-space) / 2) solid var(--_cr-text-secondary);
    background-color: var(--_cr-surface);
  }

  .banner {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-warning);
    border-radius: var(--_cr-radius);
  }

  .banner > :last-child {
    margin-bottom: 0;
  }

  .banner-title {
    font-weight: 600;
  }

  /* Disclosure buttons: the past list and each repeat's issue history. */
  .disclosure {
    display: inline-flex;
    align-items: center;
    gap: var(--_cr-space);
    min-height: 44px;
    margin: 0;
    padding: 2px 4px;
    border: 0;
    color: var(--_cr-primary);
    background: none;
    font: inherit;
    font-weight: 600;
    text-align: left;
    text-decoration: underline;
    cursor: pointer;
  }

  .heading .disclosure {
    font-size: inherit;
  }

  .disclosure-mark {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 0.15s ease-in-out;
  }

  .disclosure[aria-expanded='true'] .disclosure-mark {
    transform: rotate(45deg);
  }

  .disclosure:hover {
    text-decoration-thickness: 3px;
  }

  .disclosure:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow:
      0 -2px var(--_cr-focus),
      0 4px var(--_cr-focus-text);
    text-decoration: none;
  }

  .history-disclosure {
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  .history {
    margin: calc(var(--_cr-space) / 2) 0 var(--_cr-space);
    padding-left: calc(var(--_cr-space) * 1.5);
    border-left: 2px solid var(--_cr-border);
  }

  .issue {
    margin: 0 0 var(--_cr-space);
  }

  .issue p {
    margin: 0;
  }

  .issue-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px var(--_cr-space);
  }

  @media (prefers-reduced-motion: reduce) {
    .disclosure-mark {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    .badge,
    .badge.tone-done,
    .badge.tone-progress,
    .badge.tone-attention,
    .badge.tone-problem,
    .step-mark,
    .step.done .step-mark,
    .step.current .step-mark,
    .step.partial .step-mark,
    .step.failed .step-mark {
      border-color: CanvasText;
      color: CanvasText;
      background-color: Canvas;
    }

    .step.current .step-mark::before {
      background-color: CanvasText;
    }

    .disclosure {
      color: LinkText;
    }

    .disclosure:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`];
