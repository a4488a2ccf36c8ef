/**
 * Where a session stands. `session-ended` means a signed-in session could not be kept going
 * (refresh refused, idle time-out on a shared terminal is `signed-out`): the person must sign in again.
 */
export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in' | 'renewing' | 'session-ended';

/** Who is signed in, as shown to the person using the terminal. */
export interface SessionUser {
  /** The identity provider's stable subject identifier. */
  subject: string;
  name?: string;
  role?: string;
  organisation?: string;
  /** SMART `fhirUser`: a reference such as `Practitioner/123` (or an absolute URL) to the person's FHIR resource. */
  fhirUser?: string;
}

export interface SignInOptions {
  /** Sign in in a popup window (for hosts that embed the widgets in an iframe). */
  popup?: boolean;
}

/**
 * What the widgets depend on. Events (plain `Event`s):
 * - `change` — `status` or `user` changed;
 * - `signed-out` — tokens are gone (sign-out, idle time-out, session ended): clear every cache.
 */
export interface CareRecordAuth extends EventTarget {
  readonly status: SessionStatus;
  readonly user: SessionUser | undefined;
  /** From the SMART launch context (token response `patient`). */
  readonly patientId: string | undefined;
  readonly grantedScopes: readonly string[];
  /** `'include'` in cookie (backend-for-frontend) mode; otherwise undefined. */
  readonly credentials: RequestCredentials | undefined;
  /**
   * From the SMART launch (token response `smart_style_url`): the EHR's style document, an http(s)
   * URL the provider fetches to match the widgets to the EHR's look. Optional: only sessions that
   * know one have it (`CareRecordSession` after a SMART launch); a change comes with `change`.
   */
  readonly smartStyleUrl?: string | undefined;
  /** A bearer token, renewed first if it has expired; undefined when signed out or in cookie mode. */
  getAccessToken(): Promise<string | undefined>;
  /** Gets a new token (after a 401). One renewal at a time; false when the session has ended. */
  renew(): Promise<boolean>;
  signIn(options?: SignInOptions): Promise<void>;
  signOut(): Promise<void>;
}

/** The message for the `session-ended` status. */
export const SESSION_ENDED_MESSAGE = 'Your session has ended — sign in again';
