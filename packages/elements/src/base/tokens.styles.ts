import { css } from 'lit';

/**
 * Design tokens. Hosts theme us by setting the public `--care-record-*` custom properties on any
 * ancestor (or on the element itself); inside we only read the private `--_cr-*` copies, so an
 * inherited value always wins over our default. NHS identity colours are the defaults.
 *
 * Dark defaults follow `prefers-color-scheme`; a host that sets a token keeps its value in both
 * schemes (set every colour token to pin a scheme). In forced-colours mode the system colours apply.
 */
export const tokenStyles = css`
  :host {
    --_cr-primary: var(--care-record-color-primary, #005eb8);
    --_cr-primary-contrast: var(--care-record-color-primary-contrast, #ffffff);
    --_cr-text: var(--care-record-color-text, #212b32);
    --_cr-text-secondary: var(--care-record-color-text-secondary, #4c6272);
    --_cr-background: var(--care-record-color-background, #ffffff);
    --_cr-surface: var(--care-record-color-surface, #f0f4f5);
    --_cr-border: var(--care-record-color-border, #d8dde0);
    --_cr-focus: var(--care-record-color-focus, #ffeb3b);
    --_cr-focus-text: var(--care-record-color-focus-text, #212b32);
    --_cr-error: var(--care-record-color-error, #d5281b);
    --_cr-warning: var(--care-record-color-warning, #ffb81c);
    --_cr-font-family: var(--care-record-font-family, 'Frutiger W01', Arial, sans-serif);
    --_cr-font-size: var(--care-record-font-size, 1rem);
    --_cr-line-height: var(--care-record-line-height, 1.5);
    --_cr-space: var(--care-record-space, 8px);
    --_cr-radius: var(--care-record-radius, 4px);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_cr-primary: var(--care-record-color-primary, #5ea8f0);
      --_cr-primary-contrast: var(--care-record-color-primary-contrast, #0b0c0c);
      --_cr-text: var(--care-record-color-text, #f0f4f5);
      --_cr-text-secondary: var(--care-record-color-text-secondary, #aeb7bd);
      --_cr-background: var(--care-record-color-background, #1b1f23);
      --_cr-surface: var(--care-record-color-surface, #2a3138);
      --_cr-border: var(--care-record-color-border, #4c6272);
      --_cr-error: var(--care-record-color-error, #ff7b6e);
    }
  }

  @media (forced-colors: active) {
    :host {
      --_cr-primary: LinkText;
      --_cr-primary-contrast: ButtonText;
      --_cr-text: CanvasText;
      --_cr-text-secondary: CanvasText;
      --_cr-background: Canvas;
      --_cr-surface: Canvas;
      --_cr-border: CanvasText;
      --_cr-focus: Highlight;
      --_cr-focus-text: HighlightText;
      --_cr-error: CanvasText;
      --_cr-warning: CanvasText;
    }
  }
`;

/** The public tokens, for documentation and for the test that every token is used. */
export const tokenNames = [
  '--care-record-color-primary',
  '--care-record-color-primary-contrast',
  '--care-record-color-text',
  '--care-record-color-text-secondary',
  '--care-record-color-background',
  '--care-record-color-surface',
  '--care-record-color-border',
  '--care-record-color-focus',
  '--care-record-color-focus-text',
  '--care-record-color-error',
  '--care-record-color-warning',
  '--care-record-font-family',
  '--care-record-font-size',
  '--care-record-line-height',
  '--care-record-space',
  '--care-record-radius',
] as const;
