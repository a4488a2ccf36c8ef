/** Locale used by every display helper unless a caller passes another (NHS common user interface). */
export const DEFAULT_LOCALE = 'en-GB';

/** Time zone used by every display helper unless a caller passes another: care homes in the UK read UK times. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * Options shared by the display helpers. Widgets pass their `settingsContext` values here so that a
 * host can change locale or time zone in one place.
 */
export interface DisplayOptions {
  /**
   * BCP 47 locale, default `'en-GB'`. English locales keep NHS month abbreviations (`Sep`, never `Sept`).
   * A malformed tag falls back to the default.
   */
  locale?: string;
  /** IANA time zone, default `'Europe/London'`. An unknown zone falls back to the default (helpers never throw). */
  timeZone?: string;
}

/** Options with defaults applied and an unusable time zone replaced by the default. */
export interface ResolvedDisplayOptions {
  locale: string;
  timeZone: string;
}

const usableTimeZones = new Map<string, boolean>();
const usableLocales = new Map<string, boolean>();

function isUsableLocale(locale: string): boolean {
  let usable = usableLocales.get(locale);
  if (usable === undefined) {
    try {
      Intl.getCanonicalLocales(locale);
      usable = true;
    } catch {
      usable = false;
    }
    usableLocales.set(locale, usable);
  }
  return usable;
}

function isUsableTimeZone(timeZone: string): boolean {
  let usable = usableTimeZones.get(timeZone);
  if (usable === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone });
      usable = true;
    } catch {
      usable = false;
    }
    usableTimeZones.set(timeZone, usable);
  }
  return usable;
}

/** @internal Applies defaults; display helpers never throw on bad options. */
export function resolveDisplayOptions(options: DisplayOptions | undefined): ResolvedDisplayOptions {
  const requestedLocale = options?.locale?.trim();
  const locale = requestedLocale && isUsableLocale(requestedLocale) ? requestedLocale : DEFAULT_LOCALE;
  const requestedZone = options?.timeZone?.trim();
  const timeZone = requestedZone && isUsableTimeZone(requestedZone) ? requestedZone : DEFAULT_TIME_ZONE;
  return { locale, timeZone };
}
