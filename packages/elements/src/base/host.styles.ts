import { css } from 'lit';

/**
 * Shared host, typography, button and state styles of every element. Widgets add their own:
 * `static override styles = [CareRecordElement.styles, styles]`.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--_cr-text);
    background-color: var(--_cr-background);
    font-family: var(--_cr-font-family);
    font-size: var(--_cr-font-size);
    line-height: var(--_cr-line-height);
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  .heading {
    margin: 0 0 var(--_cr-space);
    font-size: 1.25em;
    font-weight: 600;
    line-height: 1.3;
  }

  p {
    margin: 0 0 var(--_cr-space);
  }

  .secondary,
  .source {
    color: var(--_cr-text-secondary);
  }

  .source {
    font-size: 0.875em;
  }

  a {
    color: var(--_cr-primary);
  }

  /* NHS focus style: yellow behind dark text, with a dark underline. */
  a:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow:
      0 -2px var(--_cr-focus),
      0 4px var(--_cr-focus-text);
    text-decoration: none;
  }

  .button {
    display: inline-block;
    min-height: 44px;
    margin: 0;
    padding: calc(var(--_cr-space) * 1) calc(var(--_cr-space) * 2);
    border: 2px solid var(--_cr-primary);
    border-radius: var(--_cr-radius);
    color: var(--_cr-primary-contrast);
    background-color: var(--_cr-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
  }

  .button.secondary-button {
    color: var(--_cr-primary);
    background-color: var(--_cr-background);
  }

  .button:hover {
    background-color: color-mix(in srgb, var(--_cr-primary) 80%, black);
    color: var(--_cr-primary-contrast);
  }

  .button:focus-visible {
    outline: 4px solid transparent;
    border-color: var(--_cr-focus-text);
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow: 0 4px 0 var(--_cr-focus-text);
  }

  .button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  /* Shared states: loading, empty, error, signed out, access denied, session ended, no patient. */
  .state {
    margin: 0 0 var(--_cr-space);
    padding: calc(var(--_cr-space) * 2);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    color: var(--_cr-text);
    background-color: var(--_cr-background);
  }

  .state.loading {
    background-color: var(--_cr-surface);
  }

  .state > :last-child {
    margin-bottom: 0;
  }

  .state.error,
  .state.access-denied {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-error);
  }

  .state.restricted {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-error);
  }

  .state.access-reason,
  .state.scope-denied,
  .state.session-ended,
  .state.signed-out {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-primary);
  }

  .state.partial {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_cr-space);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-warning);
  }

  .state.partial p {
    margin: 0;
    flex: 1 1 auto;
  }

  .state-title {
    font-weight: 600;
  }

  .skeleton {
    display: grid;
    gap: var(--_cr-space);
  }

  .skeleton-line {
    display: block;
    height: 1em;
    border-radius: var(--_cr-radius);
    background-color: var(--_cr-border);
    animation: care-record-pulse 1.5s ease-in-out infinite;
  }

  .skeleton-line:nth-child(2) {
    width: 80%;
  }

  .skeleton-line:nth-child(3) {
    width: 60%;
  }

  @keyframes care-record-pulse {
    50% {
      opacity: 0.5;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton-line {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    .skeleton-line {
      border: 1px solid GrayText;
    }

    .button,
    .button:hover {
      border-color: ButtonText;
      color: ButtonText;
      background-color: ButtonFace;
    }

    .button:focus-visible,
    a:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
