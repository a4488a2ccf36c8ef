import { css } from 'lit';
import { documentStatusBadgeStyles } from '../base/badge.styles.js';
import { detailListStyles } from '../base/detail-list.styles.js';
import { noticeStyles } from '../base/notice.styles.js';

export const documentListStyles = [detailListStyles, noticeStyles, documentStatusBadgeStyles, css`
  :host {
    --_document-superseded: var(--care-record-document-list-superseded-color, var(--_cr-text-secondary));
  }

  .document-list {
    container-type: inline-size;
  }

  .list-controls .control {
    flex: 0 1 14em;
  }

  .documents,
  .files {
    margin: 0 0 var(--_cr-space);
    padding: 0;
    list-style: none;
  }

  .documents {
    display: grid;
    gap: var(--_cr-space);
  }

  /*
   * A page can hold thousands of documents: those out of view skip layout and paint until scrolled to (they
   * stay in the accessibility tree, the tab order and find-in-page). The size is a typical document's at
   * 900px; once shown, each keeps its last height, so the scrollbar does not jump back.
   */
  .document {
    min-width: 0;
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-left: calc(var(--_cr-space) / 2) solid var(--_cr-primary);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
    content-visibility: auto;
    contain-intrinsic-size: auto 21em;
  }

  /* Replaced by a newer version: dashed border and muted text, with the words in a badge (never colour alone). */
  .document.superseded {
    border-left-style: dashed;
    border-left-color: var(--_cr-border);
  }

  .document.superseded .heading {
    color: var(--_document-superseded);
  }

  .document-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
  }

  .document-header .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
    font-size: 1.125em;
  }

  .badges {
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  .badge-superseded {
    border-style: dashed;
    color: var(--_document-superseded);
  }

  .details {
    grid-template-columns: minmax(6em, max-content) minmax(0, 1fr);
    margin: 0 0 var(--_cr-space);
  }

  .files {
    margin: 0;
  }

  .file-title {
    font-weight: 600;
  }

  .hint {
    color: var(--_cr-text-secondary);
  }

  .view-button {
    margin: 0 0 var(--_cr-space);
  }

  .viewer {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
  }

  .control-date {
    flex: 0 1 12em;
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
    .document {
      border-left-color: CanvasText;
    }
  }

  @media print {
    .list-controls,
    .button {
      display: none !important;
    }

    .document {
      break-inside: avoid-page;
      content-visibility: visible;
    }
  }
`];
