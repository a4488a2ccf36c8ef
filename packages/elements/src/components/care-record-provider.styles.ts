import { css } from 'lit';

export const providerStyles = css`
  :host {
    background-color: transparent;
  }

  .message {
    margin-bottom: calc(var(--_cr-space) * 2);
  }

  /* Access reason and break glass (NHS design system form patterns). */
  .access-prompt {
    margin: 0 0 calc(var(--_cr-space) * 2);
    padding: calc(var(--_cr-space) * 2);
    border: 1px solid var(--_cr-border);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-primary);
    border-radius: var(--_cr-radius);
    background-color: var(--_cr-background);
  }

  .access-prompt.restricted {
    border: 2px solid var(--_cr-error);
    border-left-width: calc(var(--_cr-space) + 2px);
  }

  .access-prompt .heading:focus {
    outline: 4px solid var(--_cr-focus);
    outline-offset: 2px;
  }

  .restricted-warning {
    font-weight: 600;
  }

  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  legend {
    padding: 0;
    margin-bottom: var(--_cr-space);
    font-weight: 600;
  }

  .form-group {
    margin-bottom: calc(var(--_cr-space) * 2);
  }

  .form-group.has-error {
    padding-left: calc(var(--_cr-space) * 1.5);
    border-left: 4px solid var(--_cr-error);
  }

  .error-message {
    color: var(--_cr-error);
    font-weight: 600;
  }

  .hint {
    color: var(--_cr-text-secondary);
  }

  .radio,
  .checkbox {
    display: flex;
    align-items: flex-start;
    gap: var(--_cr-space);
    margin-bottom: var(--_cr-space);
  }

  .radio input,
  .checkbox input {
    flex: none;
    width: 28px;
    height: 28px;
    margin: 0;
    accent-color: var(--_cr-primary);
  }

  .radio label,
  .checkbox label {
    padding-top: 2px;
    cursor: pointer;
  }

  .conditional {
    margin: 0 0 var(--_cr-space) 13px;
    padding-left: calc(var(--_cr-space) * 2);
    border-left: 4px solid var(--_cr-border);
  }

  label {
    display: block;
  }

  textarea {
    display: block;
    width: 100%;
    max-width: 40em;
    padding: var(--_cr-space);
    border: 2px solid var(--_cr-text);
    border-radius: 0;
    color: var(--_cr-text);
    background-color: var(--_cr-background);
    font: inherit;
  }

  .has-error textarea {
    border-color: var(--_cr-error);
  }

  input:focus-visible,
  textarea:focus-visible {
    outline: 4px solid var(--_cr-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_cr-focus-text);
  }

  .button.warning-button {
    border-color: var(--_cr-error);
    background-color: var(--_cr-error);
  }

  .access-note {
    margin: 0 0 calc(var(--_cr-space) * 2);
    color: var(--_cr-text-secondary);
  }

  .access-note.break-glass {
    padding: var(--_cr-space) calc(var(--_cr-space) * 2);
    border: 2px solid var(--_cr-error);
    border-radius: var(--_cr-radius);
    color: var(--_cr-text);
    font-weight: 600;
  }

  .access-note.break-glass p {
    margin: 0;
  }

  .access-note:focus {
    outline: 4px solid var(--_cr-focus);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .access-prompt.restricted,
    .access-note.break-glass,
    .form-group.has-error {
      border-color: CanvasText;
    }

    input:focus-visible,
    textarea:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
