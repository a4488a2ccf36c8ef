import { css } from 'lit';

/** Label/value pairs (`<dl class="details">` of `<div><dt/><dd/></div>`) side by side; widgets set the columns. */
export const detailListStyles = css`
  .details {
    display: grid;
    gap: 2px calc(var(--_cr-space) * 2);
  }

  .details > div {
    display: contents;
  }

  .details dt {
    font-weight: 600;
  }

  .details dd {
    margin: 0;
  }
`;
