import { css } from 'lit';
import { recordItemStyles } from '../base/record-item.styles.js';

export const allergyListStyles = [recordItemStyles, css`
  :host {
    --_allergy-critical: var(--care-record-allergy-critical-color, var(--_cr-error));
    --_allergy-critical-border: var(--care-record-allergy-critical-border-width, 8px);
  }

  .allergy-list {
    container-type: inline-size;
  }

  .items,
  .reactions {
    margin: 0 0 calc(var(--_cr-space) * 2);
    padding: 0;
    list-style: none;
  }

  .item {
    border-left: 4px solid var(--_cr-border);
  }

  /* High criticality: a heavy border and an icon, with the words "High criticality" (never colour alone). */
  .item.critical {
    border-color: var(--_allergy-critical);
    border-left-width: var(--_allergy-critical-border);
  }

  .item.inactive {
    border-left-style: dashed;
  }

  .item-header .heading {
    font-size: 1.125em;
  }

  .flag {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }

  .flag-critical {
    border: 2px solid var(--_allergy-critical);
    color: var(--_cr-text);
  }

  .flag-critical .icon,
  .banner.conflict .icon {
    color: var(--_allergy-critical);
    flex: none;
  }

  .reactions {
    margin: 0;
  }

  .severity::before {
    /* Decorative separator: empty alternative text, so screen readers do not say "middle dot". */
    content: ' · ' / '';
    font-weight: 400;
  }

  .severity.severe {
    font-weight: 700;
  }

  .none {
    margin: 0 0 calc(var(--_cr-space) * 2);
  }

  .banner,
  .statement,
  .notice {
    margin: 0 0 var(--_cr-space);
    padding: var(--_cr-space) calc(var(--_cr-space) * 1.5);
    border: 1px solid var(--_cr-border);
    border-radius: var(--_cr-radius);
  }

  .banner > :last-child,
  .statement > :last-child,
  .banner > div > :last-child {
    margin-bottom: 0;
  }

  .banner.warning {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-warning);
  }

  .banner.conflict {
    display: flex;
    gap: var(--_cr-space);
    border: 2px solid var(--_allergy-critical);
    border-left-width: var(--_allergy-critical-border);
  }

  .banner-title,
  .statement-title {
    font-weight: 600;
  }

  .statement {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-primary);
  }

  .statement.past {
    border-left-style: dashed;
  }

  .statement-title {
    font-size: 1.125em;
  }

  .statement-by {
    margin: 0;
  }

  .notice {
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-text-secondary);
  }

  /* Narrow hosts (tablets in portrait, 320 px): labels above values. */
  @container (max-width: 30em) {
    .details {
      grid-template-columns: 1fr;
    }
    .details dd {
      margin-bottom: calc(var(--_cr-space) / 2);
    }
  }

  @media (forced-colors: active) {
    .item.critical,
    .banner.conflict,
    .flag-critical {
      border-color: CanvasText;
    }
    .flag-critical .icon,
    .banner.conflict .icon {
      color: CanvasText;
    }
  }
`];
