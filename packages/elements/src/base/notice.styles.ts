import { css } from 'lit';

/** Notices on a tinted panel (entered in error, what the server noted); `.warning` when something failed. */
export const noticeStyles = css`
  .notice {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space);
    border-left: calc(var(--_cr-space) / 2) solid var(--_cr-border);
    background-color: var(--_cr-surface);
  }

  .notice.warning {
    border-left-color: var(--_cr-warning);
  }

  .notice > :last-child {
    margin-bottom: 0;
  }
`;
