import { css } from 'lit';
import { detailListStyles } from './detail-list.styles.js';

/**
 * A bordered card per record item (allergies, medicines, problems): its name beside its flags, then
 * its details. Widgets add the left border that carries the item's status and their heading size.
 */
export const recordItemStyles = [detailListStyles, css`
  .item {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
    overflow-wrap: anywhere;
  }

  .item-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_cr-space);
  }

  .item-header .heading {
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  /* Flags (allergies, problems) and tags (medicines): small bordered words beside the name. */
  .flags,
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2);
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  .flag,
  .tag {
    padding: 0 calc(var(--_cr-space) / 2);
    border: 1px solid var(--_cr-text-secondary);
    border-radius: var(--_cr-radius);
    font-size: 0.875em;
    font-weight: 600;
  }

  .details {
    grid-template-columns: minmax(7em, max-content) 1fr;
    margin: 0 0 calc(var(--_cr-space) / 2);
  }

  .note {
    margin: 0;
  }

  .hint {
    color: var(--_cr-text-secondary);
  }
`];
