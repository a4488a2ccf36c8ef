import type { ObservationReferenceRange, Quantity, Range, Ratio } from '../fhir-types.js';
import { resolveDisplayOptions } from './options.js';
import type { DisplayOptions } from './options.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A decimal as people write it: no float artefacts (0.1 + 0.2 shows as 0.3), no exponent, no
 * thousands separators (lab values are read digit by digit).
 */
function formatDecimal(value: number, locale: string): string {
  // 15 significant digits are exact in a double, so rounding to them removes artefacts only.
  const rounded = Number(value.toPrecision(15));
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 });
    numberFormats.set(locale, format);
  }
  return format.format(rounded);
}

const COMPARATORS: Readonly<Record<string, string>> = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' };

/** The unit to show: `unit` as recorded, else the UCUM code without its annotation braces. */
function unitOf(quantity: Quantity): string | undefined {
  const unit = quantity.unit?.trim();
  if (unit) return unit;
  const code = quantity.code?.trim();
  // UCUM "1" is "no unit"; curly braces are annotations ({beats}/min reads as beats/min).
  if (!code || code === '1') return undefined;
  return code.replace(/[{}]/g, '') || undefined;
}

// Percent and degree signs sit against the number (45%, 37.5°C); other units follow a space.
const joinUnit = (number: string, unit: string | undefined) =>
  unit === undefined ? number : /^(%|°)/.test(unit) ? `${number}${unit}` : `${number} ${unit}`;

function hasValue(quantity: Quantity | null | undefined): quantity is Quantity & { value: number } {
  return typeof quantity?.value === 'number' && Number.isFinite(quantity.value);
}

/**
 * A Quantity (also Age, Duration, SimpleQuantity) as value and unit: `'5.3 mmol/L'`, `'45%'`,
 * `'37.5°C'`, `'< 5 mmol/L'`, `'≥ 90 mL/min/1.73m2'`. The unit is `unit`, else the UCUM `code`.
 *
 * @returns undefined when there is no numeric value.
 */
export function formatQuantity(quantity: Quantity | null | undefined, options?: DisplayOptions): string | undefined {
  if (!hasValue(quantity)) return undefined;
  const { locale } = resolveDisplayOptions(options);
  const number = formatDecimal(quantity.value, locale);
  const comparator = quantity.comparator ? COMPARATORS[quantity.comparator] : undefined;
  const text = joinUnit(number, unitOf(quantity));
  return comparator ? `${comparator} ${text}` : text;
}

/**
 * A Range: `'3.5–5.3 mmol/L'` (unit once when both ends share it). FHIR range ends are inclusive,
 * so a range open at one end reads `'≥ 60 mL/min'` or `'≤ 5.2 mmol/L'`.
 *
 * @returns undefined when neither end has a value.
 */
export function formatRange(range: Range | null | undefined, options?: DisplayOptions): string | undefined {
  const low = hasValue(range?.low) ? range.low : undefined;
  const high = hasValue(range?.high) ? range.high : undefined;
  if (low && high) {
    const lowUnit = unitOf(low);
    const highUnit = unitOf(high);
    if (lowUnit === highUnit || lowUnit === undefined) {
      const { locale } = resolveDisplayOptions(options);
      return joinUnit(`${formatDecimal(low.value, locale)}–${formatDecimal(high.value, locale)}`, highUnit);
    }
    return `${formatQuantity(low, options)} – ${formatQuantity(high, options)}`;
  }
  if (low) return `≥ ${formatQuantity({ ...low, comparator: undefined }, options)}`;
  if (high) return `≤ ${formatQuantity({ ...high, comparator: undefined }, options)}`;
  return undefined;
}

/**
 * A Ratio: `'5 mg/mL'` when the denominator is one unit, `'1:128'` for unitless ratios (titres),
 * otherwise `'500 mg / 5 mL'`. A ratio with no denominator shows its numerator.
 *
 * @returns undefined when the numerator has no value.
 */
export function formatRatio(ratio: Ratio | null | undefined, options?: DisplayOptions): string | undefined {
  const numerator = formatQuantity(ratio?.numerator, options);
  if (numerator === undefined) return undefined;
  const denominator = ratio?.denominator;
  if (!hasValue(denominator)) return numerator;
  const denominatorUnit = unitOf(denominator);
  if (denominator.value === 1 && denominatorUnit && !denominator.comparator) return `${numerator}/${denominatorUnit}`;
  if (!denominatorUnit && ratio?.numerator && !unitOf(ratio.numerator)) {
    return `${numerator}:${formatQuantity(denominator, options)}`;
  }
  return `${numerator} / ${formatQuantity(denominator, options)}`;
}

/**
 * An Observation reference range: `low–high` with unit (as {@link formatRange}), else its `text`
 * (`'< 5.2'`, `'Negative'`).
 *
 * @returns undefined when it has neither.
 */
export function formatReferenceRange(
  referenceRange: ObservationReferenceRange | null | undefined,
  options?: DisplayOptions,
): string | undefined {
  if (!referenceRange) return undefined;
  return formatRange({ low: referenceRange.low, high: referenceRange.high }, options) ?? (referenceRange.text?.trim() || undefined);
}

const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * An attachment's size for a download link: `'512 bytes'`, `'340 KB'`, `'1.2 MB'` (binary multiples,
 * as Windows shows file sizes; one decimal below 10).
 *
 * @param bytes `Attachment.size`.
 * @returns undefined when the size is missing or not a non-negative number.
 */
export function formatAttachmentSize(bytes: number | null | undefined, options?: DisplayOptions): string | undefined {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  const { locale } = resolveDisplayOptions(options);
  const rounded = (value: number) => (value < 10 ? Math.round(value * 10) / 10 : Math.round(value));
  let size = bytes / 1024;
  let unit = 0;
  // Step up while the rounded figure would reach 1024 (1023.96 KB shows as 1 MB, not 1024 KB).
  while (unit < SIZE_UNITS.length - 1 && rounded(size) >= 1024) {
    size /= 1024;
    unit++;
  }
  return `${formatDecimal(rounded(size), locale)} ${SIZE_UNITS[unit]}`;
}
