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

/** The default strings overlaid with a host's overrides (entries set to undefined keep the default). */
export function mergeStrings(overrides: Partial<Strings> | undefined): Strings {
  if (!overrides) return defaultStrings;
  const merged: Record<string, unknown> = { ...defaultStrings };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as unknown as Strings;
}
