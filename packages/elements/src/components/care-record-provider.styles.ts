import { css } from 'lit';

export const providerStyles = css`
  :host {
    background-color: transparent;
  }

  .message {
    margin-bottom: calc(var(--_cr-space) * 2);
  }
`;
