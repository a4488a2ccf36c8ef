import { css } from 'lit';

/**
 * Styles shared by record HTML shown inline (FHIR narrative, HTML attachments): tables that scroll on
 * their own instead of the page, images and preformatted text that never widen the widget at 320px.
 */
export const narrativeStyles = css`
  .narrative {
    max-width: 100%;
    overflow-wrap: anywhere;
  }

  .narrative > :first-child {
    margin-top: 0;
  }

  .narrative > :last-child {
    margin-bottom: 0;
  }

  /* Tables wrap rather than scroll: at 320px a scrolling region would need its own keyboard stop. */
  .narrative table {
    width: 100%;
    max-width: 100%;
    border-collapse: collapse;
    margin: 0 0 var(--_cr-space);
    word-break: break-word;
  }

  .narrative th,
  .narrative td {
    hyphens: auto;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border: 1px solid var(--_cr-border);
    text-align: left;
    vertical-align: top;
  }

  .narrative img {
    max-width: 100%;
    height: auto;
  }

  .narrative pre,
  .text {
    margin: 0 0 var(--_cr-space);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
    font-size: 0.875em;
  }

  .narrative h1,
  .narrative h2,
  .narrative h3,
  .narrative h4,
  .narrative h5,
  .narrative h6 {
    margin: var(--_cr-space) 0;
    font-size: 1em;
  }

  .notice {
    padding: var(--_cr-space);
    border-left: calc(var(--_cr-space) / 2) solid var(--_cr-warning);
    background-color: var(--_cr-surface);
  }
`;

export const documentViewerStyles = [
  narrativeStyles,
  css`
    :host {
      --care-record-document-viewer-max-height: none;
    }

    .attachments {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .attachment {
      margin: 0 0 var(--_cr-space);
      padding: var(--_cr-space) 0;
      border-top: 1px solid var(--_cr-border);
    }

    .attachment:first-child {
      border-top: 0;
      padding-top: 0;
    }

    .attachment-title {
      margin: 0;
      font-weight: 600;
    }

    .attachment-meta {
      color: var(--_cr-text-secondary);
      font-size: 0.875em;
    }

    .attachment > .narrative,
    .attachment > .text {
      max-height: var(--care-record-document-viewer-max-height);
      overflow: auto;
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_cr-space) calc(var(--_cr-space) * 2);
    }

    .links a {
      display: inline-block;
      min-height: 24px;
      padding: 2px 0;
    }

    .attachment-state.error {
      padding: var(--_cr-space);
      border-left: calc(var(--_cr-space) / 2) solid var(--_cr-error);
    }

    @media print {
      .links,
      .button {
        display: none;
      }

      .attachment > .narrative,
      .attachment > .text {
        max-height: none;
        overflow: visible;
      }
    }
  `,
];
