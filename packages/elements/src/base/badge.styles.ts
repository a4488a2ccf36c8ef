import { css } from 'lit';

/**
 * A document's status badges (`<document-list>`, `<discharge-list>`, `<discharge-summary>`): words in a
 * box with a border, so they never rely on colour alone; a preliminary or amended document also gets a
 * warning-coloured left edge. Widgets set the row's margin and the superseded badge's colour.
 */
export const documentStatusBadgeStyles = css`
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2);
  }

  .badge {
    display: inline-block;
    padding: 0 calc(var(--_cr-space) / 2);
    border: 1px solid currentColor;
    border-radius: var(--_cr-radius);
    font-size: 0.875em;
    font-weight: 600;
  }

  .badge-preliminary,
  .badge-amended {
    border-left: calc(var(--_cr-space) / 2) solid var(--_cr-warning);
  }
`;
