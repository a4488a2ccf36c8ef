import { css } from 'lit';

export const signInStyles = css`
  .sign-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_cr-space);
  }

  .sign-in > p,
  .user {
    margin: 0;
  }

  .name {
    font-weight: 600;
  }

  .role {
    display: block;
    color: var(--_cr-text-secondary);
  }

  .sign-in.session-ended {
    padding: var(--_cr-space) calc(var(--_cr-space) * 2);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-primary);
  }
`;
