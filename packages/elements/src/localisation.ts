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
 * A translation is an object of the keys to change. In JavaScript any value can be given as the
 * default has it (a string, or a function of the numbers and names it receives). In JSON a value is:
 * a string; for a key whose default is a function, a template with `{0}`, `{1}`… for its arguments
 * (`"showingOf": "Yn dangos {0} o {1}"`), or plural forms chosen by the first numeric argument
 * (`{ "one": "1 cofnod", "other": "{0} cofnod" }`, Intl.PluralRules categories of `locale`); for a key
 * whose default is a set of strings (`sectionTitle`), an object of those you change.
 *
 * This module imports every widget's module (for their strings), not their registrations.
 */
import * as library from './index.js';

type Library = typeof library;
/** The names of the library's string sets: `defaultStrings`, `allergyListStrings`, `summaryStrings`… */
type StringSetName = { [K in keyof Library]: K extends `${string}Strings` ? (Library[K] extends object ? (Library[K] extends (...args: never[]) => unknown ? never : K) : never) : never }[keyof Library];
type StringSet = Library[StringSetName];
type KeysOf<T> = T extends object ? keyof T : never;
type ValueOf<T, K extends PropertyKey> = T extends object ? (K extends keyof T ? T[K] : never) : never;

/**
 * Every key a host can set in `strings`, with the type its widgets expect. A key used by several
 * widgets takes any of their types.
 */
export type CareRecordStrings = { [K in KeysOf<StringSet>]: ValueOf<StringSet, K> };

/** A translation, or any rewording: the keys to change. */
export type Translation = Partial<CareRecordStrings>;

function isStringSet(name: string, value: unknown): value is Record<string, unknown> {
  return name.endsWith('Strings') && typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The English (UK) strings grouped as each part of the library defines them (`defaultStrings` for
 * the shared states, `allergyListStrings`, `summaryStrings`…): a translator's source text.
 */
export const stringSets: Readonly<Record<StringSetName, Readonly<Record<string, unknown>>>> = Object.freeze(
  Object.fromEntries(Object.entries(library).filter(([name, value]) => isStringSet(name, value))) as Record<StringSetName, Record<string, unknown>>,
);

/**
 * Every string of every widget in English (UK), as one object: the keys a host can set in
 * `strings`. Where widgets share a key, the first set that defines it gives the default here (each
 * widget still uses its own default until the key is overridden).
 */
export const defaultStrings: Readonly<CareRecordStrings> = Object.freeze(
  Object.values(stringSets).reduce<Record<string, unknown>>((all, set) => {
    for (const [key, value] of Object.entries(set)) if (!(key in all)) all[key] = value;
    return all;
  }, {}),
) as CareRecordStrings;

/** Types a translation written in TypeScript or JavaScript against {@link CareRecordStrings}. */
export function defineTranslation<T extends Translation>(translation: T): T {
  return translation;
}

/** The keys of {@link defaultStrings} a translation leaves in English: a translator's to-do list. */
export function missingTranslations(translation: Translation): string[] {
  return Object.keys(defaultStrings).filter((key) => (translation as Record<string, unknown>)[key] === undefined);
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

/**
 * A translation from JSON (see the module's documentation for the shapes). Unknown keys and values of
 * the wrong shape are refused with a TypeError naming the key, so a typo does not go unnoticed.
 */
export function translationFromJson(json: unknown, options: TranslationOptions = {}): Translation {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('A translation is a JSON object of string keys.');
  const locale = options.locale ?? 'en-GB';
  const defaults = defaultStrings as Record<string, unknown>;
  const translation: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (!(key in defaults)) throw new TypeError(`"${key}" is not a Care Record string.`);
    const fallback = defaults[key];
    if (typeof fallback === 'function') {
      translation[key] = templateFunction(key, value, locale);
    } else if (typeof fallback === 'string') {
      if (typeof value !== 'string') throw new TypeError(`"${key}" takes a string.`);
      translation[key] = value;
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`"${key}" takes an object of strings.`);
      // A set of strings (by section, by scope…): the ones given replace the defaults.
      translation[key] = { ...(fallback as object), ...value };
    }
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
