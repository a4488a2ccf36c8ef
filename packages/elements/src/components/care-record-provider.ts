import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { CareRecordSession, CookieSession, IdleTimer, TokenProviderSession, sessionUserFromClaims } from '@care-record/auth';
import type { CareRecordAuth, SessionUser, TokenProvider } from '@care-record/auth';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  CareRecordError,
  ConfigurationError,
  FhirClient,
  FhirHttpError,
  NetworkError,
  findPatientByNhsNumber,
  formatNhsNumber,
  isAbortError,
  isValidNhsNumber,
  nhsNumberOf,
  normaliseNhsNumber,
} from '@care-record/fhir';
import type { AuditEvent, Patient } from '@care-record/fhir';
import { authContext } from '../context/auth-context.js';
import { governanceContext } from '../context/governance-context.js';
import type { CareRecordGovernance } from '../context/governance-context.js';
import { clientContext } from '../context/client-context.js';
import { idlePatientState, patientContext } from '../context/patient-context.js';
import type { PatientState } from '../context/patient-context.js';
import { defaultSettings, settingsContext } from '../context/settings-context.js';
import type { CareRecordSettings } from '../context/settings-context.js';
import { canReadRecord } from '../base/care-record-element.js';
import { hostStyles } from '../base/host.styles.js';
import { renderAccessDenied, renderError } from '../base/states.js';
import { tokenStyles } from '../base/tokens.styles.js';
import { CareRecordErrorEvent, CareRecordSessionChangeEvent, CareRecordViewedEvent } from '../events.js';
import { accessReasonFor, forgetAccessReasons, rememberAccessReason } from '../governance/access.js';
import type { AccessReason } from '../governance/access.js';
import { viewedDetail } from '../governance/audit.js';
import type { ViewReport } from '../governance/audit.js';
import { AuditQueue, DEFAULT_AUDIT_RETRY, auditEndpointUrl } from '../governance/audit-delivery.js';
import type { AuditRetryOptions } from '../governance/audit-delivery.js';
import { renderAccessNote, renderAccessPrompt } from '../governance/access-prompt.js';
import type { AccessPromptErrors } from '../governance/access-prompt.js';
import { IdentityMismatchError, identityMismatches, isFullDate } from '../governance/identity-check.js';
import { RequestRecorder, requestLogFor } from '../governance/request-log.js';
import { mergeGovernanceStrings } from '../governance/strings.js';
import type { GovernanceStrings } from '../governance/strings.js';
import { mergeStrings } from '../strings.js';
import type { Strings } from '../strings.js';
import type { Translation } from '../localisation.js';
import { isRestrictedRecord } from './patient-identity-line.js';
import { providerStyles } from './care-record-provider.styles.js';

/** How the provider signs in: OpenID Connect (PKCE), a host-supplied token, or the host's cookie session. */
export type AuthMode = 'oidc' | 'token' | 'cookie';


/**
 * Default OIDC scope. SMART v1 `patient/*.read` rather than v2 `patient/*.rs`: v2 servers are asked
 * to accept v1 scopes, while v1 servers (most shared-record deployments today) reject v2 ones. Set
 * `scope` for a v2-only server.
 */
export const DEFAULT_SCOPE = 'openid profile fhirUser offline_access patient/*.read';

// FHIR logical id (R4 `id` datatype); anything else must not reach a URL path ("." and ".." would
// walk up it, so ids of dots only are refused too).
const FHIR_ID = /^(?!\.+$)[A-Za-z0-9\-.]{1,64}$/;

/** The NHS number given to the provider found no one, or more than one person. */
export class PatientMatchError extends CareRecordError {
  /** How many patients the search returned (0, or 2 and more). */
  readonly matches: number;
  readonly nhsNumber: string;

  constructor(message: string, nhsNumber: string, matches: number) {
    super(message, matches === 0 ? 'patient-not-found' : 'patient-ambiguous');
    this.nhsNumber = nhsNumber;
    this.matches = matches;
  }
}

function isHttpUrl(value: string, base?: string): boolean {
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** An EHR launch (`?iss=…&launch=…`) for this provider's FHIR server, if the page was opened with one. */
function smartLaunchFor(fhirBaseUrl: string | undefined): { iss: string; launch: string } | undefined {
  const params = new URLSearchParams(location.search);
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (!iss || !launch || !fhirBaseUrl) return undefined;
  // Only our own server: an `iss` from a crafted link must never receive the person's tokens.
  return withoutTrailingSlash(iss) === withoutTrailingSlash(fhirBaseUrl) ? { iss, launch } : undefined;
}

/** Whether the page's parser-inserted scripts (classic, defer, module) may still be running: until DOMContentLoaded starts. */
function pageScriptsPending(): boolean {
  if (document.readyState === 'loading') return true;
  if (document.readyState === 'complete') return false;
  // 'interactive' both while deferred and module scripts run and after DOMContentLoaded: the timing tells them apart.
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation !== undefined && navigation.domContentLoadedEventStart === 0;
}

/**
 * Resolves once a setting the page gives as a property (`tokenProvider`, `auth`, `client`) has had
 * its chance to arrive. A host's module script after the bundle's runs after the provider's first
 * update (the browser runs microtasks between scripts, and the host's script may still be
 * downloading); every parser-inserted script has run by DOMContentLoaded. A listener for that
 * event, or for a script's `load`, runs later in the same task: hence one task after both.
 */
function settingsArrival(): Promise<void> {
  const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));
  if (!pageScriptsPending()) return nextTask();
  return new Promise<void>((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true })).then(nextTask);
}

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

interface AuthPlan {
  inputs: readonly unknown[];
  create: () => CareRecordAuth;
}

/** A person found by the patient task, waiting for the identity checks and any access reason. */
interface ResolvedPatient {
  patient: Patient;
  /** The requests that found them (for the audit). */
  urls: readonly string[];
  /** Their view has been reported (once per resolution). */
  reported: boolean;
}

/** Who the bearer token says is signed in (SMART `fhirUser`, `sub`, `name`…), when it is a JWT. Unverified: for the audit's attribution only; the server checks the token. */
function userFromAccessToken(token: string | null | undefined): SessionUser | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (char) => char.charCodeAt(0))));
    if (typeof claims !== 'object' || claims === null || typeof (claims as { sub?: unknown }).sub !== 'string') return undefined;
    return sessionUserFromClaims(claims as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function parseRetryAfterSeconds(header: string | null): number | undefined {
  return header && /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : undefined;
}

/**
 * Connects nested Care Record widgets to one FHIR server, one signed-in session and one person.
 *
 * It signs in (OpenID Connect with PKCE, a host-supplied token, or the host's cookie session),
 * creates one FHIR client shared by every widget inside it, finds the person (by `patient-id`,
 * `nhs-number` or the SMART launch context) and hands all of that to nested widgets through
 * context. Several providers on one page are independent. Configuration problems are shown in
 * place and reported as `care-record-error` with a `ConfigurationError`.
 *
 * Settings may be given as attributes or, for objects, as properties: `auth` (alias `session`, any
 * `CareRecordAuth`), `tokenProvider` (a function returning the host's bearer token) and `client`
 * (a `FhirClient`). A given `auth` or `client` is used as it is; a hosts passing its own
 * `CareRecordSession` calls `handleCallback()` itself.
 *
 * A session with a SMART launch style (`smartStyleUrl`, from the token response's `smart_style_url`)
 * dresses the widgets in the EHR's look: the style is fetched (add its origin to `connect-src`) and
 * set on this element's `--care-record-*` tokens, and taken off again at sign-out.
 *
 * Information governance:
 * - **Access reason** (`require-access-reason`): before a person first opens a resident's record in a
 *   session, they say why: "I am involved in this resident's care", or another reason in their own
 *   words. Until they answer, nested widgets get no patient and request nothing (only the Patient is
 *   read, to know whether the record is restricted and that it is the right person).
 * - **Restricted records** (`meta.security` R or V of v3-Confidentiality, or a restricting ActCode such
 *   as PSY or HIV) always need an explicit break-glass confirmation with a reason, said prominently,
 *   unless `restricted-access="host"` declares the host has its own break-glass step.
 * - **Audit**: every view (the patient, each widget section) fires `care-record-viewed` with who
 *   (user, role, organisation), what (patient, section, resource types, count), why (the reason),
 *   when, the outcome and the `X-Request-Id`s of the requests that fed it, and the view as an IHE BALP
 *   FHIR AuditEvent; with `audit-endpoint` the AuditEvent is POSTed there too, retried with backoff
 *   and, if it still fails, kept (`undeliveredAuditEvents`) and reported as `care-record-error` with an
 *   `AuditDeliveryError`. The record is shown whatever happens to the audit.
 * - **Right person**: with `birth-date` (and `family-name`), the record found must agree, or nothing
 *   of it is shown and the provider says which detail differs.
 * - **Session hygiene**: sign-out and idle time-out (`idle-timeout`, in every sign-in mode) empty the
 *   client's cache, forget the person, the reasons given and the loaded data, and widgets show their
 *   signed-out state. Nothing of the record is written to web storage, the console or the address.
 *
 * @tag care-record-provider
 * @summary Gives nested widgets their FHIR server, sign-in session and patient.
 *
 * @slot - The widgets (and any other content). Always rendered, so widgets can show their own states.
 *
 * @fires care-record-error - Configuration problems (`ConfigurationError`), a patient not found or
 *   found twice (`PatientMatchError`), a record that does not match the resident's date of birth or
 *   family name (`IdentityMismatchError`), sign-in callback or patient loading failures, audit
 *   records that could not be delivered (`AuditDeliveryError`, with the `auditEvent`), and a SMART
 *   launch's style that could not be loaded (`SmartStyleError`; the widgets keep their own look).
 * @fires care-record-session-change - The sign-in status or user changed (detail `{ status, user }`).
 * @fires care-record-viewed - The patient was looked up and shown to the widgets (section `patient`), or
 *   that failed; widgets fire their own for each section (`CareRecordViewedEvent`).
 *
 * @csspart message - The message shown above the widgets when something is wrong.
 * @csspart state - The message's box; also `error`, `access-denied`.
 * @csspart button - Every button; also `retry-button`, `access-submit-button`.
 * @csspart access-prompt - The access-reason (or break-glass) form; also `restricted` for a restricted record.
 * @csspart access-note - The reason given, shown above the record once it is open (also `break-glass`).
 *
 * @cssprop --care-record-color-error - Border of the message, restricted-record warnings and form errors (#d5281b).
 * @cssprop --care-record-color-focus - Focus highlight of the form's controls (#ffeb3b).
 */
export class CareRecordProvider extends LitElement {
  static override styles = [tokenStyles, hostStyles, providerStyles];

  /** Base URL of the FHIR R4 server, e.g. `https://fhir.example.nhs.uk/R4`. */
  @property({ attribute: 'fhir-base-url' }) fhirBaseUrl?: string;

  /** OIDC issuer (authority) for `auth-mode="oidc"`. */
  @property() issuer?: string;

  /** OIDC client id for `auth-mode="oidc"`. */
  @property({ attribute: 'client-id' }) clientId?: string;

  /** OIDC redirect URI; defaults to this page (origin and path). */
  @property({ attribute: 'redirect-uri' }) redirectUri?: string;

  /** OIDC scopes; see {@link DEFAULT_SCOPE}. */
  @property() scope: string = DEFAULT_SCOPE;

  /** FHIR id of the patient. With `nhs-number` as well, the patient's NHS number must agree. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** NHS number of the patient (spaces allowed), looked up with `Patient?identifier=`. */
  @property({ attribute: 'nhs-number' }) nhsNumber?: string;

  /** Where OIDC tokens are kept: 'memory' (default; gone on reload) or 'session' (sessionStorage). */
  @property({ attribute: 'token-storage' }) tokenStorage: 'memory' | 'session' = 'memory';

  /**
   * Minutes without activity (keys, pointer, wheel, touch) before the session signs out, on shared
   * terminals: 15 by default for OIDC sessions; token and cookie sessions sign out only when it is set.
   * Sign-out empties every widget and the client's cache.
   */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout?: number;

  /** Sign-in address of the host's backend for `auth-mode="cookie"`. */
  @property({ attribute: 'sign-in-url' }) signInUrl?: string;

  /** Sign-out address of the host's backend for `auth-mode="cookie"`. */
  @property({ attribute: 'sign-out-url' }) signOutUrl?: string;

  /**
   * 'oidc', 'token' or 'cookie'. When not set: 'token' if `tokenProvider` is set, 'cookie' if
   * `sign-in-url` is, else 'oidc'. Ignored when an `auth` object is given.
   */
  @property({ attribute: 'auth-mode' }) authMode?: AuthMode;

  /** Locale for nested widgets' dates and numbers. */
  @property() locale = defaultSettings.locale;

  /** Time zone for nested widgets' times. */
  @property({ attribute: 'time-zone' }) timeZone = defaultSettings.timeZone;

  /**
   * Overrides for the English (UK) strings of this provider and its widgets: shared keys at the top
   * level, a widget's own under its tag name (`{ 'discharge-list': { … } }`); see `localisation.js`.
   */
  @property({ attribute: false }) strings?: Translation;

  /** The host's bearer token, for `auth-mode="token"`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /**
   * Who is signed in, for `auth-mode="token"` and `"cookie"` (the audit's user: subject, name, role,
   * organisation, SMART `fhirUser`). When not given in token mode, the claims of a JWT bearer token
   * (`sub`, `name`, `fhirUser`…) are used, unverified, for attribution only.
   */
  @property({ attribute: false }) user?: SessionUser;

  /**
   * The SMART scopes the host's token carries, for `auth-mode="token"` (e.g. `['patient/*.rs']`):
   * sections they do not cover are hidden with a message instead of failing. Not known (empty) by default.
   */
  @property({ attribute: false }) grantedScopes?: readonly string[];

  /**
   * Ask for a reason (a care relationship, or another reason in the person's words) before a
   * resident's record is first opened in a session. The reason goes into every audit record.
   */
  @property({ attribute: 'require-access-reason', type: Boolean }) requireAccessReason = false;

  /**
   * Restricted (sealed) records: 'break-glass' (default) asks for an explicit confirmation with a
   * reason before opening one; 'host' when the host runs its own break-glass step and records it.
   */
  @property({ attribute: 'restricted-access' }) restrictedAccess: 'break-glass' | 'host' = 'break-glass';

  /**
   * Where AuditEvents are POSTed: a FHIR base (`{base}/AuditEvent`) or a full URL ending in
   * `/AuditEvent`. On the FHIR server's origin they go through the provider's client, with the
   * session's token; anywhere else they are sent without any Authorization header (the FHIR
   * server's token never leaves its origin; a same-origin endpoint gets the page's cookies).
   */
  @property({ attribute: 'audit-endpoint' }) auditEndpoint?: string;

  /** The host application as the audit's observer (`AuditEvent.source.observer`); this page's host name by default. */
  @property({ attribute: 'audit-source' }) auditSource?: string;

  /** Retries of audit delivery: `{ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 }` by default. */
  @property({ attribute: false }) auditRetry?: AuditRetryOptions;

  /**
   * The resident's date of birth as the host knows it (`YYYY-MM-DD`): the record found must agree,
   * or nothing of it is shown and the provider says so.
   */
  @property({ attribute: 'birth-date' }) birthDate?: string;

  /** The resident's family name as the host knows it: one of the record's family names must agree (case, accents and punctuation aside). */
  @property({ attribute: 'family-name' }) familyName?: string;

  /** 'host' when the host page shows the person's banner itself: nested widgets leave out their identity line. */
  @property({ attribute: 'patient-banner' }) patientBanner?: 'host';

  /** Level of the access-reason form's heading (1–6, default 2). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @provide({ context: authContext })
  @state()
  private _auth?: CareRecordAuth;

  @provide({ context: clientContext })
  @state()
  private _client?: FhirClient;

  @provide({ context: patientContext })
  @state()
  private _patientState: PatientState = idlePatientState;

  @provide({ context: settingsContext })
  @state()
  private _settings: CareRecordSettings = defaultSettings;

  @provide({ context: governanceContext })
  protected readonly _governance: CareRecordGovernance = {
    reportViewed: (report, from) => this._recordView(report, from, this._openPatientId()),
  };

  /** A configuration problem that stops the provider connecting at all. */
  @state() private _configError?: ConfigurationError;
  /** A configuration problem with the patient settings only: sign-in still works. */
  @state() private _patientConfigError?: ConfigurationError;
  @state() private _callbackError?: Error;
  @state() private _reasonChoice?: 'care' | 'other';
  @state() private _promptErrors: AccessPromptErrors = {};

  /** The person found, until the record is released (or the session ends). */
  private _resolved?: ResolvedPatient;
  private readonly _resolutions = new Map<number, ResolvedPatient>();
  private _resolutionCount = 0;
  private _patientRunUrls: readonly string[] = [];
  private _tokenUser?: SessionUser;
  private _idleTimer?: IdleTimer;
  private _idleTimerInputs?: readonly unknown[];
  private _focusAfterRender?: 'prompt' | 'invalid' | 'note';
  private readonly _auditQueue = new AuditQueue(
    (event) => this._sendAudit(event),
    (error) => this._dispatchError(error),
    () => ({ ...DEFAULT_AUDIT_RETRY, ...this.auditRetry }),
    () => auditEndpointUrl(this.auditEndpoint ?? '', document.baseURI),
    (attempts) => this._governanceStrings.auditDeliveryFailed(attempts),
  );

  private _givenAuth?: CareRecordAuth;
  private _givenClient?: FhirClient;
  private _ownedAuth?: CareRecordAuth;
  private _ownedAuthInputs?: readonly unknown[];
  private _ownedClient?: FhirClient;
  private _ownedClientInputs?: readonly unknown[];
  private _listenedAuth?: CareRecordAuth;
  private _reportedConfigError?: string;
  /** Configuration problems are held back until settings given by the page's scripts could have arrived (see `settingsArrival`). */
  private _settingsArrival: 'not-started' | 'waiting' | 'over' = 'not-started';
  /** The SMART style applied to this element (or being fetched), from the session's `smartStyleUrl`. */
  private _smartStyle?: { url: string; controller: AbortController };
  private readonly _callbackHandled = new WeakSet<CareRecordAuth>();
  /**
   * Read from the address once, when first configured: a single-page host may change the address
   * later, and that must not look like new sign-in settings (which would replace the session).
   */
  private _pageAtStart?: { redirectUri: string; smart: { iss: string; launch: string } | undefined };

  private readonly _patientTask = new Task(this, {
    args: () =>
      [
        this._client,
        this._patientConfigError,
        this.patientId?.trim() || undefined,
        normaliseNhsNumber(this.nhsNumber),
        this._auth?.patientId,
        canReadRecord(this._auth),
        this.birthDate?.trim() || undefined,
        this.familyName?.trim() || undefined,
      ] as const,
    task: async ([client, configError, patientId, nhsNumber, launchPatientId, readable, birthDate, familyName], { signal }) => {
      this._resolved = undefined;
      this._patientRunUrls = [];
      if (configError) {
        this._setPatientState({ status: 'error', error: configError });
        return initialState;
      }
      // Attributes name the patient; the SMART launch context only when they do not.
      const id = patientId ?? (nhsNumber ? undefined : launchPatientId);
      if (!client || !readable || (!id && !nhsNumber)) {
        this._setPatientState(idlePatientState);
        return initialState;
      }
      this._setPatientState({ status: 'loading' });
      const recorder = new RequestRecorder(client);
      this._patientRunUrls = recorder.urls;
      const patient = await this._resolvePatient(recorder.client, id, nhsNumber, signal);
      const mismatches = identityMismatches(patient, { birthDate, familyName });
      if (mismatches.length) {
        const strings = this._governanceStrings;
        const what = mismatches.length > 1 ? strings.identityMismatchBoth : mismatches[0] === 'birthDate' ? strings.identityMismatchBirthDate : strings.identityMismatchFamilyName;
        throw new IdentityMismatchError(strings.identityMismatch(what), mismatches, patient.id);
      }
      // The task's value is a number: the person stays in one place only (`_resolved`), which sign-out empties.
      const resolution = ++this._resolutionCount;
      if (!signal.aborted) this._resolutions.set(resolution, { patient, urls: recorder.urls, reported: false });
      return resolution;
    },
    onComplete: (resolution: number) => {
      this._resolved = this._resolutions.get(resolution);
      this._resolutions.clear();
      this._openRecord();
    },
    onError: (error: unknown) => {
      this._resolutions.clear();
      if (isAbortError(error)) return;
      const failure = error instanceof Error ? error : new Error(String(error));
      this._setPatientState({ status: 'error', error: failure });
      // Sign-in problems are shown by the sign-in element and the widgets; anything else is news to the host.
      if (!(error instanceof AuthenticationRequiredError)) this._dispatchError(failure);
      // Refused, not found, the wrong person, the server failing: attempts to see a record are audited too.
      if (!(error instanceof AuthenticationRequiredError) && this._patientRunUrls.length) {
        const patientId = error instanceof IdentityMismatchError ? error.patientId : (this.patientId?.trim() || undefined);
        this._recordView({ section: 'patient', resourceTypes: ['Patient'], requestUrls: this._patientRunUrls, outcome: 'failure', error }, this, patientId);
      }
    },
  });

  /** The session in use: the one given, or the one this provider created. */
  get auth(): CareRecordAuth | undefined {
    return this._auth;
  }

  set auth(value: CareRecordAuth | undefined) {
    const old = this._givenAuth;
    this._givenAuth = value;
    this.requestUpdate('auth', old);
  }

  /** Alias of `auth`. */
  get session(): CareRecordAuth | undefined {
    return this.auth;
  }

  set session(value: CareRecordAuth | undefined) {
    this.auth = value;
  }

  /** The FHIR client in use: the one given, or the one this provider created. */
  get client(): FhirClient | undefined {
    return this._client;
  }

  set client(value: FhirClient | undefined) {
    const old = this._givenClient;
    this._givenClient = value;
    this.requestUpdate('client', old);
  }

  /** The current patient, once found. */
  get patient(): Patient | undefined {
    return this._patientState.patient;
  }

  /** Locale, time zone and strings as nested widgets receive them. */
  get settings(): CareRecordSettings {
    return this._settings;
  }

  /** Where finding the patient stands (what nested widgets receive). */
  get patientState(): PatientState {
    return this._patientState;
  }

  /** The reason the signed-in person gave for opening the current record, if any. */
  get accessReason(): AccessReason | undefined {
    const patientId = this._resolved?.patient.id;
    return patientId ? accessReasonFor(this._sessionKey, this._userKey, patientId) : undefined;
  }

  /** AuditEvents waiting to be sent to `audit-endpoint` (or being sent). */
  get pendingAuditEvents(): readonly AuditEvent[] {
    return this._auditQueue.pending;
  }

  /** AuditEvents that could not be sent after every attempt (each was reported as `care-record-error`). */
  get undeliveredAuditEvents(): readonly AuditEvent[] {
    return this._auditQueue.undelivered;
  }

  /** Resolves when no AuditEvent is waiting to be sent (each delivered or given up on). */
  get auditSettled(): Promise<void> {
    return this._auditQueue.settled;
  }

  /** Sends the undelivered AuditEvents again (e.g. when the host sees the network is back). */
  retryAuditDelivery(): void {
    this._auditQueue.retryUndelivered();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._listenTo(this._auth);
    if (this._auth) this._handleCallback(this._auth);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._listenTo(undefined);
    this._syncIdleTimer();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated || changed.has('locale') || changed.has('timeZone') || changed.has('strings') || changed.has('patientBanner')) {
      this._settings = {
        locale: this.locale || defaultSettings.locale,
        timeZone: this.timeZone || defaultSettings.timeZone,
        ...(this.strings ? { strings: this.strings } : {}),
        ...(this.patientBanner === 'host' ? { patientBanner: 'host' as const } : {}),
      };
    }
    this._configure();
    // A different person: nothing cached for the previous one may show up.
    if (this.hasUpdated && (changed.has('patientId') || changed.has('nhsNumber'))) this._client?.clear();
    if (this.hasUpdated && (changed.has('requireAccessReason') || changed.has('restrictedAccess'))) this._openRecord();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this._syncIdleTimer();
    const focus = this._focusAfterRender;
    this._focusAfterRender = undefined;
    const root = this.shadowRoot;
    if (!focus || !root) return;
    const target =
      focus === 'prompt'
        ? root.querySelector<HTMLElement>('#access-heading')
        : focus === 'invalid'
          ? root.querySelector<HTMLElement>('[aria-invalid="true"]')
          : root.querySelector<HTMLElement>('[part~="access-note"]');
    // The heading takes focus only to announce the question; it is not a tab stop.
    if (focus === 'prompt') target?.setAttribute('tabindex', '-1');
    target?.focus();
  }

  override render(): TemplateResult {
    return html`${this._renderMessage()}${this._renderAccess()}<slot></slot>`;
  }

  private get _strings(): Strings {
    return mergeStrings(this.strings, ['care-record-provider']);
  }

  private get _governanceStrings(): GovernanceStrings {
    return mergeGovernanceStrings(this.strings, ['care-record-provider']);
  }

  /** Reasons are kept per session object: the auth, or the client when the host authorises requests itself. */
  private get _sessionKey(): object {
    return this._auth ?? this._client ?? this;
  }

  private get _userKey(): string | undefined {
    return this._auth?.user?.subject ?? this._tokenUser?.subject;
  }

  private _authMode(): string {
    return this.authMode ?? (this.tokenProvider ? 'token' : this.signInUrl ? 'cookie' : 'oidc');
  }

  /** What to create for the attributes given, or the first problem with them. */
  private _planAuth(strings: Strings): AuthPlan | ConfigurationError {
    const mode = this._authMode();
    if (mode === 'token') {
      const tokenProvider = this.tokenProvider;
      if (!tokenProvider) return new ConfigurationError(strings.missingTokenProvider, 'tokenProvider');
      const { user, grantedScopes } = this;
      return {
        inputs: [mode, tokenProvider, user, grantedScopes],
        create: () => new TokenProviderSession({ tokenProvider, ...(user ? { user } : {}), ...(grantedScopes ? { grantedScopes } : {}) }),
      };
    }
    if (mode === 'cookie') {
      const { signInUrl, signOutUrl } = this;
      if (!signInUrl) return new ConfigurationError(strings.missingSignInUrl, 'sign-in-url');
      if (!isHttpUrl(signInUrl, document.baseURI)) return new ConfigurationError(strings.invalidSignInUrl(signInUrl), 'sign-in-url');
      const user = this.user;
      return {
        inputs: [mode, signInUrl, signOutUrl, user],
        create: () => new CookieSession({ signInUrl, ...(signOutUrl ? { signOutUrl } : {}), ...(user ? { user } : {}) }),
      };
    }
    if (mode !== 'oidc') return new ConfigurationError(strings.invalidAuthMode(mode), 'auth-mode');
    const issuer = this.issuer?.trim();
    const clientId = this.clientId?.trim();
    if (!issuer) return new ConfigurationError(strings.missingIssuer, 'issuer');
    if (!isHttpUrl(issuer)) return new ConfigurationError(strings.invalidIssuer(issuer), 'issuer');
    if (!clientId) return new ConfigurationError(strings.missingClientId, 'client-id');
    this._pageAtStart ??= { redirectUri: `${location.origin}${location.pathname}`, smart: smartLaunchFor(this.fhirBaseUrl) };
    const redirectUri = this.redirectUri?.trim() || this._pageAtStart.redirectUri;
    if (!isHttpUrl(redirectUri, document.baseURI)) return new ConfigurationError(strings.invalidRedirectUri(redirectUri), 'redirect-uri');
    const tokenStorage = this.tokenStorage ?? 'memory';
    if (tokenStorage !== 'memory' && tokenStorage !== 'session') {
      return new ConfigurationError(strings.invalidTokenStorage(String(tokenStorage)), 'token-storage');
    }
    const idleTimeout = this.idleTimeout;
    if (idleTimeout !== undefined && idleTimeout !== null && !(Number.isFinite(idleTimeout) && idleTimeout > 0)) {
      return new ConfigurationError(strings.invalidIdleTimeout(String(this.getAttribute('idle-timeout') ?? idleTimeout)), 'idle-timeout');
    }
    const scope = this.scope?.trim() || DEFAULT_SCOPE;
    const smart = this._pageAtStart.smart;
    const idleTimeoutMs = idleTimeout ? Math.round(idleTimeout * 60_000) : undefined;
    return {
      inputs: [mode, issuer, clientId, redirectUri, scope, tokenStorage, idleTimeoutMs, smart?.iss, smart?.launch],
      create: () =>
        new CareRecordSession({
          authority: issuer,
          clientId,
          redirectUri: new URL(redirectUri, document.baseURI).href,
          scope,
          tokenStorage,
          ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
          ...(smart ? { smart } : {}),
        }),
    };
  }

  private _hasSignInSettings(): boolean {
    return Boolean(this.authMode || this.tokenProvider || this.signInUrl || this.issuer || this.clientId);
  }

  private _checkPatientSettings(strings: Strings): ConfigurationError | undefined {
    const patientId = this.patientId?.trim();
    if (patientId && !FHIR_ID.test(patientId)) return new ConfigurationError(strings.invalidPatientId(patientId), 'patient-id');
    const nhsNumber = this.nhsNumber?.trim();
    if (nhsNumber && !isValidNhsNumber(nhsNumber)) return new ConfigurationError(strings.invalidNhsNumber(nhsNumber), 'nhs-number');
    const birthDate = this.birthDate?.trim();
    if (birthDate && !isFullDate(birthDate)) return new ConfigurationError(this._governanceStrings.invalidBirthDate(birthDate), 'birth-date');
    return undefined;
  }

  /** Brings auth, client and errors in line with the current settings; cheap when nothing changed. */
  private _configure(): void {
    const strings = this._strings;
    let problem: ConfigurationError | undefined;

    // The server address first: without it nothing else matters.
    const baseUrl = this.fhirBaseUrl?.trim();
    if (!this._givenClient) {
      if (!baseUrl) problem = new ConfigurationError(strings.missingBaseUrl, 'fhir-base-url');
      else if (!isHttpUrl(baseUrl)) problem = new ConfigurationError(strings.invalidBaseUrl(baseUrl), 'fhir-base-url');
    }

    let auth = this._givenAuth;
    // A host that gives its own client and no sign-in settings handles authorisation itself.
    const clientOnly = !auth && this._givenClient !== undefined && !this._hasSignInSettings();
    if (clientOnly) this._disposeOwnedAuth();
    if (!auth && !clientOnly && !problem) {
      const plan = this._planAuth(strings);
      if (plan instanceof ConfigurationError) {
        problem = plan;
      } else {
        if (!this._ownedAuth || !sameInputs(this._ownedAuthInputs, plan.inputs)) {
          this._disposeOwnedAuth();
          try {
            this._ownedAuth = plan.create();
            this._ownedAuthInputs = plan.inputs;
          } catch (error) {
            problem = error instanceof ConfigurationError ? error : new ConfigurationError(String((error as Error)?.message ?? error));
          }
        }
        auth = problem ? undefined : this._ownedAuth;
      }
    }
    if (this._givenAuth) this._disposeOwnedAuth();

    let client = this._givenClient;
    if (!client && !problem && baseUrl) {
      const inputs = [baseUrl, auth];
      if (!this._ownedClientInputs || !sameInputs(this._ownedClientInputs, inputs)) {
        try {
          this._ownedClient = this._createClient(baseUrl, auth);
          this._ownedClientInputs = inputs;
        } catch (error) {
          problem = error instanceof ConfigurationError ? error : new ConfigurationError(strings.invalidBaseUrl(baseUrl), 'fhir-base-url');
        }
      }
      client = problem ? undefined : this._ownedClient;
    }

    if (problem) {
      auth = undefined;
      client = undefined;
    }
    // Nothing connects meanwhile, and nothing is said: the missing setting is usually on its way.
    const shown = problem && !this._holdWhileSettingsArrive() ? problem : undefined;
    if (shown?.message !== this._configError?.message) this._configError = shown;
    const patientProblem = problem ? undefined : this._checkPatientSettings(strings);
    if (patientProblem?.message !== this._patientConfigError?.message) this._patientConfigError = patientProblem;

    if (auth !== this._auth) {
      this._auth = auth;
      if (this.isConnected) {
        this._listenTo(auth);
        if (auth) this._handleCallback(auth);
      }
      this._syncSmartStyle();
    }
    if (client !== this._client) this._client = client;

    const reported = shown ?? patientProblem;
    if (reported?.message !== this._reportedConfigError) {
      this._reportedConfigError = reported?.message;
      if (reported) this._dispatchError(reported);
    }
  }

  /** True while a configuration problem waits for the page's scripts; asks for another update when they have run. */
  private _holdWhileSettingsArrive(): boolean {
    if (this._settingsArrival === 'over') return false;
    if (this._settingsArrival === 'not-started') {
      this._settingsArrival = 'waiting';
      void settingsArrival().then(() => {
        this._settingsArrival = 'over';
        this.requestUpdate();
      });
    }
    return true;
  }

  /**
   * Matches the widgets to the EHR that launched them: the session's SMART `smartStyleUrl` is fetched
   * and its style set on this element's tokens (smart-style.js, loaded only then). A style that
   * cannot be had leaves the widgets' own look and is reported as `care-record-error`
   * (`SmartStyleError`); without a URL (signed out, another session) the style is taken off again.
   */
  private _syncSmartStyle(): void {
    const url = this._auth?.smartStyleUrl;
    const current = this._smartStyle;
    if (url === current?.url) return;
    current?.controller.abort();
    this._smartStyle = undefined;
    if (!url) {
      if (current) void import('../smart-style.js').then(({ clearSmartStyle }) => clearSmartStyle(this));
      return;
    }
    const controller = new AbortController();
    this._smartStyle = { url, controller };
    import('../smart-style.js')
      .then(async ({ applySmartStyle, fetchSmartStyle }) => {
        const style = await fetchSmartStyle(url, { signal: controller.signal });
        if (!controller.signal.aborted) applySmartStyle(this, style);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        this._dispatchError(error instanceof Error ? error : new Error(String(error)));
      });
  }

  private _createClient(baseUrl: string, auth: CareRecordAuth | undefined): FhirClient {
    const client = new FhirClient({
      baseUrl,
      ...(auth
        ? {
            tokenSource: async () => {
              const token = await auth.getAccessToken();
              // Only who the token names is kept (for the audit), never the token.
              if (!auth.user && token) this._tokenUser = userFromAccessToken(token);
              return token;
            },
            onUnauthorized: () => auth.renew(),
            credentials: auth.credentials,
            subject: () => auth.user?.subject,
          }
        : {}),
    });
    // From the first request on, so every view can name the requests that fed it.
    requestLogFor(client);
    return client;
  }

  private _disposeOwnedAuth(): void {
    const owned = this._ownedAuth as (CareRecordAuth & { dispose?: () => void }) | undefined;
    if (!owned) return;
    this._ownedAuth = undefined;
    this._ownedAuthInputs = undefined;
    owned.dispose?.();
  }

  /** Completes an OIDC sign-in when the page is the redirect target (code and state in the URL). */
  private _handleCallback(auth: CareRecordAuth): void {
    if (auth !== this._ownedAuth || !(auth instanceof CareRecordSession) || this._callbackHandled.has(auth)) return;
    this._callbackHandled.add(auth);
    this._callbackError = undefined;
    auth.handleCallback().catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      this._callbackError = failure;
      this._dispatchError(failure);
    });
  }

  private _listenTo(auth: CareRecordAuth | undefined): void {
    if (auth === this._listenedAuth) return;
    this._listenedAuth?.removeEventListener('change', this._onAuthChange);
    this._listenedAuth?.removeEventListener('signed-out', this._onSignedOut);
    this._listenedAuth = auth;
    auth?.addEventListener('change', this._onAuthChange);
    auth?.addEventListener('signed-out', this._onSignedOut);
  }

  private readonly _onAuthChange = (): void => {
    const auth = this._auth;
    if (!auth) return;
    if (auth.status === 'signed-in') this._callbackError = undefined;
    // A host's token running out ends the session without a 'signed-out' event: clear up all the same.
    if (auth.status === 'signed-out' || auth.status === 'session-ended') this._onSignedOut();
    // Another person signed in on the same session: their own reason is needed.
    this._openRecord();
    this._syncSmartStyle();
    this.requestUpdate();
    this.dispatchEvent(new CareRecordSessionChangeEvent({ status: auth.status, user: auth.user }));
  };

  /** Tokens are gone: no one else may see what the last person loaded, nor why they opened it. */
  private readonly _onSignedOut = (): void => {
    const client = this._client;
    client?.clear();
    if (client) requestLogFor(client).clear();
    forgetAccessReasons(this._sessionKey);
    this._resolved = undefined;
    this._resolutions.clear();
    this._patientRunUrls = [];
    this._tokenUser = undefined;
    this._reasonChoice = undefined;
    this._promptErrors = {};
    this._setPatientState(idlePatientState);
    this.requestUpdate();
  };

  private async _resolvePatient(
    client: FhirClient,
    patientId: string | undefined,
    nhsNumber: string | undefined,
    signal: AbortSignal,
  ): Promise<Patient> {
    const strings = this._strings;
    if (patientId) {
      const patient = await client.read<Patient>('Patient', patientId, { signal });
      // Both given: they must name the same person. A record without an NHS number cannot contradict.
      const recorded = normaliseNhsNumber(nhsNumberOf(patient));
      if (nhsNumber && recorded && recorded !== nhsNumber) {
        throw new ConfigurationError(strings.patientContradiction(patientId, formatNhsNumber(nhsNumber) ?? nhsNumber), 'nhs-number');
      }
      return patient.id ? patient : { ...patient, id: patientId };
    }
    const formatted = formatNhsNumber(nhsNumber) ?? String(nhsNumber);
    const { patients } = await findPatientByNhsNumber(client, nhsNumber as string, { signal });
    if (patients.length === 0) throw new PatientMatchError(strings.patientNotFound(formatted), nhsNumber as string, 0);
    if (patients.length > 1) {
      throw new PatientMatchError(strings.patientAmbiguous(formatted, patients.length), nhsNumber as string, patients.length);
    }
    return patients[0];
  }

  private _setPatientState(next: PatientState): void {
    const current = this._patientState;
    if (next === current) return;
    if (next.status === 'idle' && current.status === 'idle') return;
    this._patientState = next;
  }

  private _dispatchError(error: Error): void {
    this.dispatchEvent(new CareRecordErrorEvent({ error, source: this.localName }));
  }

  /** The id of the patient whose record is open to the widgets. */
  private _openPatientId(): string | undefined {
    return this._patientState.status === 'ready' ? this._patientState.patientId : undefined;
  }

  /**
   * Gives the person found to the widgets, or holds the record back until the person has given the
   * reason asked for (break glass for a restricted record, or `require-access-reason`).
   */
  private _openRecord(): void {
    const resolved = this._resolved;
    if (!resolved || !canReadRecord(this._auth)) return;
    const patient = resolved.patient;
    const patientId = patient.id as string;
    const reason = accessReasonFor(this._sessionKey, this._userKey, patientId);
    const restricted = this.restrictedAccess !== 'host' && isRestrictedRecord(patient);
    const hold = restricted && !reason?.breakGlass ? 'break-glass' : this.requireAccessReason && !reason ? 'access-reason' : undefined;
    if (hold) {
      if (this._patientState.hold !== hold) {
        this._reasonChoice = undefined;
        this._promptErrors = {};
        // Take focus only when nothing else on the page has it (never from what the person is doing).
        const active = document.activeElement;
        if (!active || active === document.body || this.contains(active)) this._focusAfterRender = 'prompt';
      }
      this._setPatientState({ status: 'idle', hold });
      return;
    }
    const current = this._patientState;
    if (current.status !== 'ready' || current.patient !== patient) this._setPatientState({ status: 'ready', patientId, patient });
    if (!resolved.reported) {
      resolved.reported = true;
      this._recordView({ section: 'patient', resourceTypes: ['Patient'], count: 1, references: [`Patient/${patientId}`], requestUrls: resolved.urls }, this, patientId);
    }
  }

  /** Adds who, why and the correlation ids to a view, fires `care-record-viewed` and sends the AuditEvent. */
  private _recordView(report: ViewReport, from: Element, patientId: string | undefined): void {
    const client = this._client;
    const detail = viewedDetail(report, {
      patientId,
      user: this._auth?.user ?? this._tokenUser,
      reason: patientId ? accessReasonFor(this._sessionKey, this._userKey, patientId) : undefined,
      source: from.localName,
      baseUrl: client?.baseUrl,
      requestIdsFor: (urls) => (client ? requestLogFor(client).idsFor(urls) : []),
      observer: this.auditSource?.trim() || location.hostname || location.origin,
    });
    // From the widget that showed the data; from here when it has already left the page.
    (from.isConnected ? from : this).dispatchEvent(new CareRecordViewedEvent(detail));
    if (this.auditEndpoint?.trim()) this._auditQueue.add(detail.auditEvent);
  }

  /**
   * POSTs one AuditEvent. On the FHIR server's origin: through the client (its token, its X-Request-Id).
   * Anywhere else: plain fetch without Authorization, so the FHIR token never leaves its origin.
   */
  private async _sendAudit(event: AuditEvent): Promise<void> {
    const url = auditEndpointUrl(this.auditEndpoint ?? '', document.baseURI);
    const client = this._client;
    if (client && new URL(url).origin === new URL(client.baseUrl).origin) {
      await client.post(url, event);
      return;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
        body: JSON.stringify(event),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new NetworkError(url, { cause: error });
    }
    if (!response.ok) throw new FhirHttpError({ status: response.status, url, retryAfterMs: parseRetryAfterSeconds(response.headers.get('Retry-After')) });
  }

  /**
   * Shared terminals: sign out after `idle-timeout` minutes without activity. OIDC sessions run their
   * own timer; this one covers token and cookie sessions.
   */
  private _syncIdleTimer(): void {
    const auth = this._auth;
    const minutes = this.idleTimeout;
    const ms = typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : 0;
    const wanted = this.isConnected && auth !== undefined && !(auth instanceof CareRecordSession) && ms > 0 && canReadRecord(auth);
    const inputs = [auth, ms];
    if (wanted && this._idleTimer && sameInputs(this._idleTimerInputs, inputs)) return;
    this._idleTimer?.stop();
    this._idleTimer = undefined;
    this._idleTimerInputs = undefined;
    if (!wanted || !auth) return;
    this._idleTimer = new IdleTimer(ms, () => {
      void auth.signOut();
    });
    this._idleTimerInputs = inputs;
    this._idleTimer.start();
  }

  private readonly _onReasonChoice = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    this._reasonChoice = value === 'other' ? 'other' : 'care';
    if (this._promptErrors.choice) this._promptErrors = { ...this._promptErrors, choice: undefined };
  };

  private readonly _onReasonSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const resolved = this._resolved;
    const hold = this._patientState.hold;
    if (!resolved || !hold) return;
    const strings = this._governanceStrings;
    const data = new FormData(event.target as HTMLFormElement);
    const choice = data.get('reason');
    const text = String(data.get('reason-text') ?? '').trim();
    const breakGlass = hold === 'break-glass';
    const errors: AccessPromptErrors = {};
    if (choice !== 'care' && choice !== 'other') errors.choice = strings.accessReasonChooseError;
    if (choice === 'other' && !text) errors.text = strings.accessReasonTextError;
    if (breakGlass && data.get('confirm') !== 'yes') errors.confirm = strings.breakGlassConfirmError;
    if (errors.choice || errors.text || errors.confirm) {
      this._promptErrors = errors;
      this._focusAfterRender = 'invalid';
      return;
    }
    this._promptErrors = {};
    const reason: AccessReason = {
      kind: choice === 'other' ? 'other' : 'care',
      text: choice === 'other' ? text : strings.accessReasonCare,
      breakGlass,
      at: new Date().toISOString(),
    };
    rememberAccessReason(this._sessionKey, this._userKey, resolved.patient.id as string, reason);
    this._focusAfterRender = 'note';
    this._openRecord();
  };

  private _renderAccess(): TemplateResult | typeof nothing {
    const strings = this._governanceStrings;
    const hold = this._patientState.hold;
    if (hold && this._resolved) {
      return renderAccessPrompt({
        strings,
        restricted: hold === 'break-glass',
        headingLevel: this.headingLevel,
        choice: this._reasonChoice,
        errors: this._promptErrors,
        onChoice: this._onReasonChoice,
        onSubmit: this._onReasonSubmit,
      });
    }
    const reason = this._openPatientId() ? this.accessReason : undefined;
    return reason ? renderAccessNote(strings, reason) : nothing;
  }

  private readonly _retryPatient = (): void => {
    void this._patientTask.run();
  };

  private _renderMessage(): TemplateResult | typeof nothing {
    const strings = this._strings;
    const patientError = this._patientState.status === 'error' ? this._patientState.error : undefined;
    const error = this._configError ?? this._callbackError ?? patientError;
    if (!error) return nothing;
    let content: TemplateResult;
    if (error instanceof ConfigurationError) {
      content = html`<div class="state error" part="state error" role="alert">
        <p class="state-title">${strings.configurationProblem}</p>
        <p>${error.message}</p>
      </div>`;
    } else if (error instanceof PatientMatchError || error instanceof IdentityMismatchError) {
      content = html`<div class="state error" part="state error" role="alert"><p>${error.message}</p></div>`;
    } else if (error instanceof AccessDeniedError) {
      content = renderAccessDenied(strings);
    } else if (error instanceof AuthenticationRequiredError) {
      // The sign-in element and the widgets say the session has ended; no need to say it here too.
      return nothing;
    } else if (error === this._callbackError) {
      content = renderError({ ...strings, errorTitle: strings.signInFailed }, error);
    } else {
      content = renderError({ ...strings, errorTitle: strings.patientLoadFailed }, error, this._retryPatient);
    }
    return html`<div class="message" part="message">${content}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-provider': CareRecordProvider;
  }
}
