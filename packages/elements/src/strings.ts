/**
 * Every sentence the foundation shows to a person, in English (UK), in one place.
 *
 * Hosts translate or reword them through the provider's `strings` property, which reaches every
 * nested widget through `settingsContext`:
 *
 * ```js
 * provider.strings = { signIn: 'Log in', showingOf: (shown, total) => `${shown} / ${total}` };
 * ```
 *
 * Widgets built on `CareRecordElement` read the merged set from `this.strings`.
 */
export interface Strings {
  // Shared states
  loading: string;
  errorTitle: string;
  /** Introduces the message the FHIR server gave (OperationOutcome text). */
  serverSaid: (message: string) => string;
  retry: string;
  signedOut: string;
  signIn: string;
  signOut: string;
  accessDenied: string;
  sessionEnded: string;
  noPatient: string;
  /** Shown by widgets when the provider could not find or confirm the person (it says why). */
  patientUnavailable: string;
  nothingRecorded: string;
  /** "Showing 50 of 212": how much of a long list is on screen. */
  showingOf: (shown: number, total: number) => string;
  /** When the server did not say how many there are in all. */
  showingSome: (shown: number) => string;
  loadMore: string;
  // Source and age of an item ("From Royal Free Hospital · recorded 12-Mar-2024 (3 days ago)")
  sourceFrom: (organisation: string) => string;
  sourceRecorded: (date: string, age?: string) => string;
  sourceSeparator: string;
  sourceUnknown: string;
  // Sign-in element
  signedInAs: (name: string) => string;
  signedInUnnamed: string;
  signingIn: string;
  renewing: string;
  signInFailed: string;
  // Provider: patient resolution and configuration
  loadingPatient: string;
  patientNotFound: (nhsNumber: string) => string;
  patientAmbiguous: (nhsNumber: string, count: number) => string;
  patientLoadFailed: string;
  configurationProblem: string;
  missingBaseUrl: string;
  invalidBaseUrl: (value: string) => string;
  invalidNhsNumber: (value: string) => string;
  invalidPatientId: (value: string) => string;
  missingIssuer: string;
  invalidIssuer: (value: string) => string;
  missingClientId: string;
  invalidRedirectUri: (value: string) => string;
  missingTokenProvider: string;
  missingSignInUrl: string;
  invalidSignInUrl: (value: string) => string;
  invalidAuthMode: (value: string) => string;
  invalidTokenStorage: (value: string) => string;
  invalidIdleTimeout: (value: string) => string;
  patientContradiction: (patientId: string, nhsNumber: string) => string;
}

/** The English (UK) strings. */
export const defaultStrings: Strings = {
  loading: 'Loading…',
  errorTitle: 'This information could not be loaded',
  serverSaid: (message) => `The server said: ${message}`,
  retry: 'Try again',
  signedOut: "Sign in to see this person's record.",
  signIn: 'Sign in',
  signOut: 'Sign out',
  accessDenied: "You don't have access to this person's record",
  sessionEnded: 'Your session has ended. Sign in again to see records.',
  noPatient: 'No person has been chosen. Choose a resident to see their record.',
  patientUnavailable: "This person's record cannot be shown.",
  nothingRecorded: 'Nothing recorded',
  showingOf: (shown, total) => `Showing ${shown} of ${total}`,
  showingSome: (shown) => `Showing ${shown}. There are more.`,
  loadMore: 'Load more',
  sourceFrom: (organisation) => `From ${organisation}`,
  sourceRecorded: (date, age) => (age ? `recorded ${date} (${age})` : `recorded ${date}`),
  sourceSeparator: ' · ',
  sourceUnknown: 'Source and date not recorded',
  signedInAs: (name) => `Signed in as ${name}`,
  signedInUnnamed: 'Signed in',
  signingIn: 'Signing in…',
  renewing: 'Renewing your session…',
  signInFailed: 'Sign-in did not work. Try again, or ask your manager for help.',
  loadingPatient: "Finding the person's record…",
  patientNotFound: (nhsNumber) => `No one with NHS number ${nhsNumber} was found in the shared record.`,
  patientAmbiguous: (nhsNumber, count) =>
    `${count} people have NHS number ${nhsNumber} in the shared record, so no record is shown. Report this to the record's support team.`,
  patientLoadFailed: "The person's record could not be loaded.",
  configurationProblem: 'The care record cannot be shown because it is not set up correctly.',
  missingBaseUrl: 'The FHIR server address is missing (set fhir-base-url).',
  invalidBaseUrl: (value) => `The FHIR server address “${value}” is not a web address starting with https:// or http://.`,
  invalidNhsNumber: (value) => `“${value}” is not a valid NHS number (it must be 10 digits with a correct check digit).`,
  invalidPatientId: (value) => `“${value}” is not a valid FHIR patient id.`,
  missingIssuer: 'The sign-in service address is missing (set issuer).',
  invalidIssuer: (value) => `The sign-in service address “${value}” is not a web address starting with https:// or http://.`,
  missingClientId: 'The client id for sign-in is missing (set client-id).',
  invalidRedirectUri: (value) => `The redirect address “${value}” is not a web address.`,
  missingTokenProvider: 'Token sign-in needs a tokenProvider function or an auth object.',
  missingSignInUrl: 'Cookie sign-in needs a sign-in address (set sign-in-url).',
  invalidSignInUrl: (value) => `The sign-in address “${value}” is not a web address.`,
  invalidAuthMode: (value) => `“${value}” is not a sign-in mode: use oidc, token or cookie.`,
  invalidTokenStorage: (value) => `“${value}” is not a token storage: use memory or session.`,
  invalidIdleTimeout: (value) => `“${value}” is not a number of minutes for idle-timeout.`,
  patientContradiction: (patientId, nhsNumber) =>
    `Patient ${patientId} does not have NHS number ${nhsNumber}: patient-id and nhs-number name different people, so no record is shown.`,
};

/**
 * What a host gives as `strings`: any key, for every widget that uses it, and a widget's own keys
 * under its tag name (without a vendor prefix), which win for that widget only:
 *
 * ```js
 * provider.strings = {
 *   loadMore: 'Show more',                                     // every list
 *   'discharge-list': { enteredInError: (n) => `${n} hidden` }, // only <discharge-list>
 * };
 * ```
 *
 * Several widgets use the same key for different sentences (`enteredInError` is a count in one and a
 * badge in another), so a key given at the top level changes only the widgets whose default has the
 * same shape (text for text, a function for a function); the others keep their wording and a warning
 * names the key. {@link CareRecordStrings} in `localisation.js` types every key and namespace.
 */
export type StringOverrides = { readonly [key: string]: unknown };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text for text, a function for a function, a set of strings for a set: an override must match its default. */
function sameShape(fallback: unknown, value: unknown): boolean {
  if (typeof fallback === 'function') return typeof value === 'function';
  if (isPlainObject(fallback)) return isPlainObject(value);
  return typeof value === typeof fallback;
}

const warned = new Set<string>();

function warnMismatch(key: string, where: string, fallback: unknown): void {
  const id = `${where}|${key}`;
  if (warned.has(id)) return;
  warned.add(id);
  const expected = typeof fallback === 'function' ? 'a function of its values' : isPlainObject(fallback) ? 'an object of strings' : `a ${typeof fallback}`;
  console.warn(`Care Record Widgets: strings "${key}" ${where} was not used: here it takes ${expected}. Set it under the widget's tag name to change only that widget.`);
}

/**
 * The defaults overlaid with a host's overrides: first the top-level keys, then each namespace in
 * order (`['discharge-summary', 'discharge-list']`: a list that shows summaries takes the summary's
 * wording, then its own). Keys the defaults don't have, undefined values and values of another shape
 * are left out, so one widget's override can't break another. Returns `defaults` itself when nothing
 * applies (callers cache by identity).
 */
export function overlayStrings<T extends object>(defaults: T, overrides: StringOverrides | object | undefined, namespaces: readonly string[] = []): T {
  if (!overrides) return defaults;
  const base = defaults as Record<string, unknown>;
  let merged: Record<string, unknown> | undefined;
  const apply = (layer: unknown, where: string): void => {
    if (!isPlainObject(layer)) return;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined || !(key in base)) continue;
      const fallback = base[key];
      if (!sameShape(fallback, value)) {
        warnMismatch(key, where, fallback);
        continue;
      }
      merged ??= { ...base };
      merged[key] = isPlainObject(fallback) ? { ...fallback, ...(value as object) } : value;
    }
  };
  apply(overrides, namespaces.length ? `for <${namespaces[namespaces.length - 1]}>` : '');
  for (const namespace of namespaces) apply((overrides as Record<string, unknown>)[namespace], `under "${namespace}"`);
  return (merged ?? defaults) as T;
}

/** The default strings overlaid with a host's overrides (entries set to undefined keep the default). */
export function mergeStrings(overrides: StringOverrides | Partial<Strings> | undefined, namespaces: readonly string[] = []): Strings {
  return overlayStrings(defaultStrings, overrides, namespaces);
}
