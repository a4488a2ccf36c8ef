// Small helpers shared by the domain models. Not part of the public API: widgets format with display/.
import { LOINC_SYSTEM, SNOMED_SYSTEM } from '../codes.js';
import {
  codeableConceptText,
  formatDate,
  formatHumanName,
  formatQuantity,
  parseFhirDate,
  preferredName,
} from '../display/index.js';
import type { Annotation, CodeableConcept, Coding, Extension, HumanName, Quantity } from '../fhir-types.js';

export const SNOMED = SNOMED_SYSTEM;
export const LOINC = LOINC_SYSTEM;

type Concepts = CodeableConcept | CodeableConcept[] | undefined;

export function codingsOf(concepts: Concepts): Coding[] {
  if (!concepts) return [];
  const list = Array.isArray(concepts) ? concepts : [concepts];
  return list.flatMap((c) => c?.coding ?? []);
}

/** True when any coding carries one of `codes` (in `system` when given). */
export function hasCode(concepts: Concepts, codes: Iterable<string>, system?: string | Set<string>): boolean {
  const wanted = new Set(codes);
  return codingsOf(concepts).some(
    (c) =>
      c.code !== undefined &&
      wanted.has(c.code) &&
      (system === undefined || (typeof system === 'string' ? c.system === system : system.has(c.system ?? ''))),
  );
}

/** The first code of a CodeableConcept (status-like concepts carry one coding). */
export function firstCode(concept: CodeableConcept | undefined, system?: string): string | undefined {
  return codingsOf(concept).find((c) => c.code && (system === undefined || c.system === system))?.code;
}

/** Display text of a CodeableConcept (display/'s precedence: text, SNOMED/dm+d display, any display, code). */
export const conceptText = (concept: CodeableConcept | undefined): string | undefined => codeableConceptText(concept);

export function conceptTexts(concepts: CodeableConcept[] | undefined): string[] {
  return (concepts ?? []).map(conceptText).filter((t): t is string => t !== undefined);
}

export function notesText(notes: Annotation[] | undefined): string[] {
  return (notes ?? []).map((n) => n.text?.trim()).filter((t): t is string => !!t);
}

/** Extension by exact URL, or by a URL suffix (STU3 CareConnect and R4 UK Core versions differ in prefix). */
export function findExtension(extensions: Extension[] | undefined, ...urls: string[]): Extension | undefined {
  // A required `url` can still be missing in real data: such an extension matches nothing.
  return extensions?.find((e) => typeof e.url === 'string' && urls.some((u) => e.url === u || e.url.endsWith(u)));
}

export function extensionCoding(extension: Extension | undefined): Coding | undefined {
  if (!extension) return undefined;
  if (extension.valueCoding) return extension.valueCoding;
  if (extension.valueCodeableConcept) return extension.valueCodeableConcept.coding?.[0] ?? { display: extension.valueCodeableConcept.text };
  if (extension.valueCode) return { code: extension.valueCode };
  return undefined;
}

/** Milliseconds for a FHIR date/dateTime/instant of any precision ('2024', '2024-03', …), for ordering only. */
export function dateKey(value: string | undefined): number | undefined {
  return parseFhirDate(value)?.date.getTime();
}

const PRECISION_RANK = { year: 0, month: 1, day: 2, time: 3 } as const;

/**
 * Newest first; undated last (display/'s clinical-list order, compareFhirDatesNewestFirst). Each date
 * is read once per comparator, not at each of a sort's n log n comparisons: a page of thousands of
 * entries otherwise parses each date dozens of times. Reading a date depends on nothing but the text
 * (the default time zone), so the memo is kept, and emptied when it grows large.
 */
export function byNewest<T>(dateOf: (item: T) => string | undefined): (a: T, b: T) => number {
  const keys = new Map<string, readonly [number, number] | null>();
  const keyOf = (value: string | undefined): readonly [number, number] | null => {
    if (!value) return null;
    let key = keys.get(value);
    if (key === undefined) {
      const parsed = parseFhirDate(value);
      key = parsed ? [parsed.date.getTime(), PRECISION_RANK[parsed.precision]] : null;
      if (keys.size >= 20000) keys.clear();
      keys.set(value, key);
    }
    return key;
  };
  return (a, b) => {
    const left = keyOf(dateOf(a));
    const right = keyOf(dateOf(b));
    if (!left || !right) return left ? -1 : right ? 1 : 0;
    return right[0] - left[0] || right[1] - left[1];
  };
}

/** True when the whole of the recorded date is past: '2024-04-05' lasts until that day ends. */
export function isBefore(value: string | undefined, now: Date): boolean {
  const parsed = parseFhirDate(value);
  if (!parsed) return false;
  const end = new Date(parsed.date);
  if (parsed.precision === 'year') end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (parsed.precision === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else if (parsed.precision === 'day') end.setUTCDate(end.getUTCDate() + 1);
  return end.getTime() <= now.getTime();
}

/** "20 tablet", "< 5 mmol/L" (display/'s formatQuantity). */
export const quantityText = (q: Quantity | undefined): string | undefined => formatQuantity(q);

/** The unit a quantity is measured in, for comparing units (UCUM code first). */
export function unitKey(q: Quantity | undefined): string | undefined {
  if (!q) return undefined;
  if (q.code && (q.system === 'http://unitsofmeasure.org' || !q.system)) return q.code;
  return q.unit ?? q.code;
}

/** 'SMITH, John (Mr)': the preferred name in the NHS banner form. */
export function humanNameText(names: HumanName[] | undefined): string | undefined {
  return formatHumanName(preferredName(names));
}

/** '12-Mar-2024' (Europe/London, recorded precision only) for status labels such as "Dispensed 12-Mar-2024". */
export const labelDate = (value: string | undefined): string | undefined => formatDate(value);

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Drops keys whose value is undefined, so view models print and compare cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
