import { css } from 'lit';

export const patientBannerStyles = css`
  :host {
    --_banner-background: var(--patient-banner-background, var(--_cr-surface));
    --_banner-border: var(--patient-banner-border-color, var(--_cr-primary));
    container-type: inline-size;
  }

  .banner {
    padding: calc(var(--_cr-space) * 1.5) calc(var(--_cr-space) * 2);
    border-top: calc(var(--_cr-space) / 2) solid var(--_banner-border);
    border-radius: var(--_cr-radius);
    background-color: var(--_banner-background);
    overflow-wrap: anywhere;
  }

  .banner .heading {
    margin-bottom: calc(var(--_cr-space) / 2);
  }

  .details {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2) calc(var(--_cr-space) * 3);
    margin: 0;
  }

  .detail {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_cr-space);
    min-width: 0;
  }

  .detail dt {
    color: var(--_cr-text-secondary);
  }

  .detail dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_cr-space) / 2) var(--_cr-space);
    margin: 0;
    font-weight: 600;
  }

  .detail.gp-practice dd,
  .detail.address dd {
    font-weight: normal;
  }

  /* One click selects the whole number; it never wraps between its groups. */
  .nhs-number {
    white-space: nowrap;
    user-select: all;
    -webkit-user-select: all;
    font-variant-numeric: tabular-nums;
  }

  .copy-button {
    min-height: 24px;
    min-width: 24px;
    padding: 2px var(--_cr-space);
    font-size: 0.875em;
  }

  .copy-status {
    font-weight: normal;
    font-size: 0.875em;
  }

  .copy-status.copied::before {
    content: '✓ ';
  }

  .restricted-marker {
    margin: 0 0 var(--_cr-space);
  }

  .deceased-marker {
    display: inline-block;
    margin: 0 0 var(--_cr-space);
    padding: 0 var(--_cr-space);
    border: 2px solid var(--_cr-text);
    border-radius: var(--_cr-radius);
  }

  .banner.deceased {
    --_banner-border: var(--patient-banner-border-color, var(--_cr-text));
  }

  .nhs-number-warning {
    display: flex;
    gap: var(--_cr-space);
    align-items: flex-start;
    margin: var(--_cr-space) 0 0;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-error);
    background-color: var(--_cr-background);
    font-weight: 600;
  }

  .warning-icon {
    display: inline-flex;
    justify-content: center;
    flex: none;
    width: 1.5em;
    height: 1.5em;
    border-radius: 50%;
    color: var(--_cr-primary-contrast);
    background-color: var(--_cr-error);
    line-height: 1.5;
  }

  .banner.restricted {
    border-top-color: var(--_cr-warning);
    border-left: calc(var(--_cr-space) / 2 + 2px) solid var(--_cr-warning);
  }

  .padlock {
    vertical-align: -0.125em;
  }

  .banner.restricted p {
    margin-bottom: 0;
  }

  @container (max-width: 24rem) {
    .details {
      flex-direction: column;
    }
  }

  @media (forced-colors: active) {
    .banner,
    .nhs-number-warning,
    .restricted-marker {
    margin: 0 0 var(--_cr-space);
  }

  .deceased-marker {
      border-color: CanvasText;
    }

    .warning-icon {
      forced-color-adjust: none;
      color: Canvas;
      background-color: CanvasText;
    }
  }
`;
