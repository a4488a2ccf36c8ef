/**
 * Language: every sentence the library shows, in English (UK), in one place, and the ways to put
 * another language (or other wording) in its place.
 *
 * Every widget takes its words from the provider's `strings` (overrides of any key below; keys not
 * given keep their English default) and formats dates and numbers with `Intl` in the provider's
 * `locale` and `time-zone` (default `en-GB`, `Europe/London`):
 *
 * ```js
 * import { loadTranslation } from '@care-record/elements/localisation.js';
 * provider.strings = await loadTranslation('/translations/cy.json', { locale: 'cy-GB' });
 * provider.setAttribute('locale', 'cy-GB');
 * ```
 *
 * A translation is an object of the keys to change. A key at the top level changes every widget that
 * uses it; under a widget's tag name it changes that widget only (`{ "discharge-list": { … } }`).
 * Some keys mean different sentences in different widgets (`enteredInError` is a count in one and a
 * badge in another): JSON must give those under the tag names ({@link translationFromJson} says
 * which), and in JavaScript a top-level value reaches only the widgets whose default has its shape.
 *
 * A translation is written as follows. In JavaScript any value can be given as the
 * default has it (a string, or a function of the numbers and names it receives). In JSON a value is:
 * a string; for a key whose default is a function, a template with `{0}`, `{1}`… for its arguments
 * (`"showingOf": "Yn dangos {0} o {1}"`), or plural forms chosen by the first numeric argument
 * (`{ "one": "1 cofnod", "other": "{0} cofnod" }`, Intl.PluralRules categories of `locale`); for a key
 * whose default is a set of strings (`sectionTitle`), an object of those you change.
 *
 * This module imports the widgets' strings modules only, not the widgets.
 */
import { defaultStrings as sharedDefaultStrings } from './strings.js';
import type { Strings } from './strings.js';
import { governanceStrings } from './governance/strings.js';
import type { GovernanceStrings } from './governance/strings.js';
import { defaultListControlStrings } from './base/list-controls.strings.js';
import { allergyListStrings } from './components/allergy-list.strings.js';
import type { AllergyListStrings } from './components/allergy-list.strings.js';
import { carePlanListStrings } from './components/care-plan-list.strings.js';
import type { CarePlanListStrings } from './components/care-plan-list.strings.js';
import { defaultDiagnosticReportListStrings } from './components/diagnostic-report-list.strings.js';
import type { DiagnosticReportListStrings } from './components/diagnostic-report-list.strings.js';
import { defaultDischargeListStrings } from './components/discharge-list.strings.js';
import type { DischargeListStrings } from './components/discharge-list.strings.js';
import { defaultDischargeSummaryStrings } from './components/discharge-summary.strings.js';
import type { DischargeSummaryStrings } from './components/discharge-summary.strings.js';
import { documentListStrings } from './components/document-list.strings.js';
import type { DocumentListStrings } from './components/document-list.strings.js';
import { defaultDocumentViewerStrings } from './components/document-viewer.strings.js';
import type { DocumentViewerStrings } from './components/document-viewer.strings.js';
import { encounterListStrings } from './components/encounter-list.strings.js';
import type { EncounterListStrings } from './components/encounter-list.strings.js';
import { medicationListStrings } from './components/medication-list.strings.js';
import type { MedicationListStrings } from './components/medication-list.strings.js';
import { patientIdentityStrings } from './components/patient-identity-line.strings.js';
import type { PatientIdentityStrings } from './components/patient-identity-line.strings.js';
import { problemListStrings } from './components/problem-list.strings.js';
import type { ProblemListStrings } from './components/problem-list.strings.js';
import { summaryStrings } from './components/summary/strings.js';
import type { SummaryStrings } from './components/summary/strings.js';
import { defaultTestResultsStrings } from './components/test-results.strings.js';
import type { TestResultsStrings } from './components/test-results.strings.js';
import { defaultTrendChartStrings } from './components/trend-chart.strings.js';

/**
 * Every set of English strings the library exports, by its exported name, in alphabetical order (the
 * order `defaultStrings` below takes them in).
 */
const library = {
  allergyListStrings,
  carePlanListStrings,
  defaultDiagnosticReportListStrings,
  defaultDischargeListStrings,
  defaultDischargeSummaryStrings,
  defaultDocumentViewerStrings,
  defaultListControlStrings,
  defaultStrings: sharedDefaultStrings,
  defaultTestResultsStrings,
  defaultTrendChartStrings,
  documentListStrings,
  encounterListStrings,
  governanceStrings,
  medicationListStrings,
  patientIdentityStrings,
  problemListStrings,
  summaryStrings,
};

type Library = typeof library;
/** The names of the library's string sets: `defaultStrings`, `allergyListStrings`, `summaryStrings`… */
type StringSetName = keyof Library;
type StringSet = Library[StringSetName];
type KeysOf<T> = T extends object ? keyof T : never;
type ValueOf<T, K extends PropertyKey> = T extends object ? (K extends keyof T ? T[K] : never) : never;

/** What every widget shows: the shared states, sign-in, the provider's messages and governance. */
export type SharedStrings = Strings & GovernanceStrings;

/** Each widget's own strings, by tag name (without a vendor prefix). */
export interface WidgetStrings {
  'care-record-provider': SharedStrings;
  'care-record-sign-in': SharedStrings;
  'patient-banner': PatientIdentityStrings;
  'care-record-summary': SummaryStrings;
  'care-record-document-viewer': DocumentViewerStrings;
  'discharge-summary': DischargeSummaryStrings;
  'discharge-list': DischargeListStrings;
  'allergy-list': AllergyListStrings;
  'problem-list': ProblemListStrings;
  'medication-list': MedicationListStrings;
  'test-results': TestResultsStrings;
  'diagnostic-report-list': DiagnosticReportListStrings & TestResultsStrings;
  'care-plan-list': CarePlanListStrings;
  'encounter-list': EncounterListStrings;
  'document-list': DocumentListStrings;
}

/** A widget's tag name (without a vendor prefix): a namespace in `strings`. */
export type WidgetTag = keyof WidgetStrings;

/**
 * Every key a host can set at the top level of `strings`, with the type its widgets expect (a key
 * used by several widgets takes any of their types; each widget uses only a value of its own type).
 */
export type CareRecordStrings = { [K in KeysOf<StringSet>]: ValueOf<StringSet, K> };

/**
 * A translation, or any rewording: top-level keys for every widget, and under a widget's tag name
 * the keys for that widget only (they win over top-level ones there).
 */
export type Translation = Partial<CareRecordStrings> & { [Tag in WidgetTag]?: Partial<WidgetStrings[Tag] & SharedStrings> };

/**
 * The English (UK) strings grouped as each part of the library defines them (`defaultStrings` for
 * the shared states, `allergyListStrings`, `summaryStrings`…): a translator's source text.
 */
export const stringSets: Readonly<Record<StringSetName, Readonly<Record<string, unknown>>>> = Object.freeze(
  // Interfaces have no index signature, hence through unknown: every set is a plain object of strings.
  { ...library } as unknown as Record<StringSetName, Record<string, unknown>>,
);

const shared = { ...library.defaultStrings, ...library.governanceStrings };

/**
 * Each widget's strings in English (UK), by tag name, the shared ones included: what a widget shows
 * and what may be set under its name in `strings`.
 */
export const stringsByWidget: { readonly [Tag in WidgetTag]: Readonly<WidgetStrings[Tag] & SharedStrings> } = Object.freeze({
  'care-record-provider': shared,
  'care-record-sign-in': shared,
  'patient-banner': { ...shared, ...library.patientIdentityStrings },
  'care-record-summary': { ...shared, ...library.patientIdentityStrings, ...library.summaryStrings },
  'care-record-document-viewer': { ...shared, ...library.defaultDocumentViewerStrings },
  'discharge-summary': { ...shared, ...library.defaultDischargeSummaryStrings },
  'discharge-list': { ...shared, ...library.defaultDischargeListStrings },
  'allergy-list': { ...shared, ...library.allergyListStrings },
  'problem-list': { ...shared, ...library.problemListStrings },
  'medication-list': { ...shared, ...library.medicationListStrings },
  'test-results': { ...shared, ...library.defaultTestResultsStrings },
  'diagnostic-report-list': { ...shared, ...library.defaultTestResultsStrings, ...library.defaultDiagnosticReportListStrings },
  'care-plan-list': { ...shared, ...library.carePlanListStrings },
  'encounter-list': { ...shared, ...library.encounterListStrings },
  'document-list': { ...shared, ...library.documentListStrings },
});

/**
 * Every string of every widget in English (UK), as one object: the keys a host can set at the top
 * level of `strings`. Where widgets share a key, the first set that defines it gives the default here
 * (each widget still uses its own default until the key is overridden).
 */
export const defaultStrings: Readonly<CareRecordStrings> = Object.freeze(
  Object.values(stringSets).reduce<Record<string, unknown>>((all, set) => {
    for (const [key, value] of Object.entries(set)) if (!(key in all)) all[key] = value;
    return all;
  }, {}),
) as CareRecordStrings;

type Shape = 'text' | 'function' | 'set';
const shapeOf = (value: unknown): Shape => (typeof value === 'function' ? 'function' : typeof value === 'object' && value !== null ? 'set' : 'text');

/**
 * Keys whose default is a different kind of value in different widgets (text in one, a function of
 * a count in another), with the widgets of each kind: these must be set under a tag name in JSON.
 */
export const ambiguousKeys: Readonly<Record<string, readonly WidgetTag[]>> = Object.freeze(
  (() => {
    const byKey = new Map<string, Map<Shape, Set<WidgetTag>>>();
    for (const [tag, set] of Object.entries(stringsByWidget) as Array<[WidgetTag, Record<string, unknown>]>) {
      for (const [key, value] of Object.entries(set)) {
        const shapes = byKey.get(key) ?? new Map<Shape, Set<WidgetTag>>();
        byKey.set(key, shapes);
        const tags = shapes.get(shapeOf(value)) ?? new Set<WidgetTag>();
        shapes.set(shapeOf(value), tags.add(tag));
      }
    }
    const result: Record<string, WidgetTag[]> = {};
    for (const [key, shapes] of byKey) if (shapes.size > 1) result[key] = [...shapes.values()].flatMap((tags) => [...tags]);
    return result;
  })(),
);

/** Types a translation written in TypeScript or JavaScript against {@link Translation}. */
export function defineTranslation<T extends Translation>(translation: T): T {
  return translation;
}

const isWidgetTag = (key: string): key is WidgetTag => Object.hasOwn(stringsByWidget, key);

/**
 * The keys a translation leaves in English, a translator's to-do list: top-level keys given neither
 * at the top level nor under every widget that uses them, then `tag.key` for each widget's own key
 * whose meaning differs between widgets and that is not given for that widget.
 */
export function missingTranslations(translation: Translation): string[] {
  const given = translation as Record<string, unknown>;
  const givenFor = (tag: WidgetTag, key: string): boolean => (given[tag] as Record<string, unknown> | undefined)?.[key] !== undefined;
  const missing: string[] = [];
  for (const key of Object.keys(defaultStrings)) {
    if (key in ambiguousKeys) continue;
    if (given[key] !== undefined) continue;
    const users = (Object.keys(stringsByWidget) as WidgetTag[]).filter((tag) => key in stringsByWidget[tag]);
    if (users.length > 0 && users.every((tag) => givenFor(tag, key))) continue;
    missing.push(key);
  }
  for (const [key, tags] of Object.entries(ambiguousKeys)) {
    for (const tag of tags) if (!givenFor(tag, key)) missing.push(`${tag}.${key}`);
  }
  return missing;
}

export interface TranslationOptions {
  /** BCP 47 locale whose plural rules choose between plural forms (default `en-GB`). */
  locale?: string;
}

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

function fillTemplate(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));
}

function templateFunction(key: string, value: unknown, locale: string): (...args: unknown[]) => string {
  if (typeof value === 'string') return (...args) => fillTemplate(value, args);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const forms = value as Record<string, unknown>;
    const categories = Object.keys(forms);
    if (categories.length > 0 && categories.every((category) => PLURAL_CATEGORIES.has(category) && typeof forms[category] === 'string') && 'other' in forms) {
      const rules = new Intl.PluralRules(locale);
      return (...args) => {
        const count = args.find((arg): arg is number => typeof arg === 'number');
        const form = count === undefined ? forms.other : (forms[rules.select(count)] ?? forms.other);
        return fillTemplate(form as string, args);
      };
    }
  }
  throw new TypeError(`"${key}" takes a template string or plural forms ({ "one": …, "other": … }).`);
}

/** One JSON value converted to what the widgets expect, given the default it replaces. */
function convertValue(path: string, fallback: unknown, value: unknown, locale: string): unknown {
  if (typeof fallback === 'function') return templateFunction(path, value, locale);
  if (typeof fallback === 'string') {
    if (typeof value !== 'string') throw new TypeError(`"${path}" takes a string.`);
    return value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`"${path}" takes an object of strings.`);
  // A set of strings (by section, by scope…): the ones given replace the defaults.
  return { ...(fallback as object), ...value };
}

/**
 * A translation from JSON (see the module's documentation for the shapes). Unknown keys, values of
 * the wrong shape and top-level keys that mean different things in different widgets are refused
 * with a TypeError naming the key (and for the latter, the widgets to set it under), so a typo or an
 * ambiguity does not go unnoticed.
 */
export function translationFromJson(json: unknown, options: TranslationOptions = {}): Translation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('A translation is a JSON object of string keys.');
  const locale = options.locale ?? 'en-GB';
  const defaults = defaultStrings as Record<string, unknown>;
  const translation: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (isWidgetTag(key)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`"${key}" takes an object of that widget's strings.`);
      const widgetDefaults = stringsByWidget[key] as Record<string, unknown>;
      const converted: Record<string, unknown> = {};
      for (const [innerKey, innerValue] of Object.entries(value)) {
        if (!(innerKey in widgetDefaults)) throw new TypeError(`"${innerKey}" is not a string of <${key}>.`);
        converted[innerKey] = convertValue(`${key}.${innerKey}`, widgetDefaults[innerKey], innerValue, locale);
      }
      translation[key] = converted;
      continue;
    }
    if (!(key in defaults)) throw new TypeError(`"${key}" is not a Care Record string.`);
    const widgets = ambiguousKeys[key];
    if (widgets) {
      const example = widgets.map((tag) => `"${tag}": { "${key}": … }`).join(', ');
      throw new TypeError(`"${key}" means different things in different widgets: set it under each widget's tag name (${example}).`);
    }
    translation[key] = convertValue(key, defaults[key], value, locale);
  }
  return translation as Translation;
}

/**
 * Fetches a JSON translation (e.g. `/translations/cy.json`) and converts it with
 * {@link translationFromJson}. Add its origin to the page's `connect-src` if it is another one.
 */
export async function loadTranslation(url: string | URL, options: TranslationOptions & { signal?: AbortSignal } = {}): Promise<Translation> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: options.signal });
  if (!response.ok) throw new Error(`The translation at ${String(url)} could not be loaded (HTTP ${response.status}).`);
  return translationFromJson(await response.json(), options);
}
