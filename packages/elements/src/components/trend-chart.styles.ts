import { css } from 'lit';

/**
 * Styles of the trend chart (see trend-chart.ts). Knobs, declared by the widget that shows the chart:
 * `--care-record-trend-chart-height` (plot height, 180px), `--care-record-trend-line-color`
 * (line and markers, the primary colour), `--care-record-trend-abnormal-color` (abnormal markers,
 * the error colour), `--care-record-trend-range-color` (reference range band, the primary colour).
 */
export const trendChartStyles = css`
  :host {
    --_trend-height: var(--care-record-trend-chart-height, 180px);
    --_trend-line: var(--care-record-trend-line-color, var(--_cr-primary));
    --_trend-abnormal: var(--care-record-trend-abnormal-color, var(--_cr-error));
    --_trend-range: var(--care-record-trend-range-color, var(--_cr-primary));
  }

  .trend {
    margin: 0 0 var(--_cr-space);
  }

  .trend-plot-area {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: var(--_trend-height) auto;
    column-gap: var(--_cr-space);
    margin: var(--_cr-space) 0 0;
  }

  .trend-y-axis {
    position: relative;
    min-width: 2.5em;
    font-size: 0.875em;
    color: var(--_cr-text-secondary);
    text-align: right;
  }

  .trend-tick {
    position: absolute;
    right: 0;
    transform: translateY(-50%);
    line-height: 1;
    white-space: nowrap;
  }

  .trend-svg {
    display: block;
    overflow: visible;
    border-left: 1px solid var(--_cr-text-secondary);
    border-bottom: 1px solid var(--_cr-text-secondary);
  }

  .trend-x-axis {
    grid-column: 2;
    display: flex;
    justify-content: space-between;
    gap: var(--_cr-space);
    font-size: 0.875em;
    color: var(--_cr-text-secondary);
  }

  .trend-unit {
    margin: 0;
    font-size: 0.875em;
    color: var(--_cr-text-secondary);
  }

  .trend-grid {
    stroke: var(--_cr-border);
    stroke-width: 1;
  }

  .trend-band {
    fill: color-mix(in srgb, var(--_trend-range) 14%, transparent);
  }

  .trend-band-edge {
    stroke: var(--_trend-range);
    stroke-width: 1;
    stroke-dasharray: 4 3;
  }

  .trend-line {
    stroke: var(--_trend-line);
    stroke-width: 2;
  }

  .trend-point,
  .trend-key {
    fill: var(--_trend-line);
    stroke: var(--_cr-background);
    stroke-width: 1.5;
  }

  .trend-point.high,
  .trend-point.low,
  .trend-point.abnormal,
  .trend-key.high,
  .trend-key.low,
  .trend-key.abnormal {
    fill: var(--_trend-abnormal);
  }

  .trend-point.critical,
  .trend-key.critical {
    fill: var(--_trend-abnormal);
    stroke: var(--_cr-text);
    stroke-width: 2;
  }

  .trend-key.range {
    stroke: var(--_trend-range);
    stroke-dasharray: 3 2;
    stroke-width: 1;
  }

  .trend-legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_cr-space) / 2) calc(var(--_cr-space) * 2);
    margin: var(--_cr-space) 0;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }

  .trend-legend li {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_cr-space) / 2);
  }

  .trend-note {
    color: var(--_cr-text-secondary);
  }

  .trend-toggle {
    margin: 0 0 var(--_cr-space);
  }

  .trend-table {
    width: 100%;
    border-collapse: collapse;
  }

  .trend-table caption {
    text-align: left;
    font-weight: 600;
    padding: 0 0 calc(var(--_cr-space) / 2);
  }

  .trend-table th,
  .trend-table td {
    padding: calc(var(--_cr-space) / 2) var(--_cr-space) calc(var(--_cr-space) / 2) 0;
    border-bottom: 1px solid var(--_cr-border);
    text-align: left;
    vertical-align: top;
    overflow-wrap: anywhere;
  }

  @media (forced-colors: active) {
    .trend-point,
    .trend-key,
    .trend-point.high,
    .trend-point.low,
    .trend-point.abnormal,
    .trend-point.critical,
    .trend-key.high,
    .trend-key.low,
    .trend-key.abnormal,
    .trend-key.critical {
      fill: CanvasText;
      stroke: Canvas;
    }

    .trend-line,
    .trend-band-edge,
    .trend-key.range {
      stroke: CanvasText;
    }

    .trend-band {
      fill: transparent;
    }

    .trend-grid {
      stroke: GrayText;
    }
  }
`;
