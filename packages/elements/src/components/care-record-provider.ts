import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { CareRecordSession, CookieSession, TokenProviderSession } from '@care-record/auth';
import type { CareRecordAuth, TokenProvider } from '@care-record/auth';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  CareRecordError,
  ConfigurationError,
  FhirClient,
  findPatientByNhsNumber,
  formatNhsNumber,
  isAbortError,
  isValidNhsNumber,
  nhsNumberOf,
  normaliseNhsNumber,
} from '@care-record/fhir';
import type { Patient } from '@care-record/fhir';
import { authContext } from '../context/auth-context.js';
import { clientContext } from '../context/client-context.js';
import { idlePatientState, patientContext } from '../context/patient-context.js';
import type { PatientState } from '../context/patient-context.js';
import { defaultSettings, settingsContext } from '../context/settings-context.js';
import type { CareRecordSettings } from '../context/settings-context.js';
import { canReadRecord } from '../base/care-record-element.js';
import { hostStyles } from '../base/host.styles.js';
import { renderAccessDenied, renderError } from '../base/states.js';
import { tokenStyles } from '../base/tokens.styles.js';
import { CareRecordErrorEvent, CareRecordSessionChangeEvent } from '../events.js';
import { mergeStrings } from '../strings.js';
import type { Strings } from '../strings.js';
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

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

interface AuthPlan {
  inputs: readonly unknown[];
  create: () => CareRecordAuth;
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
 * @tag care-record-provider
 * @summary Gives nested widgets their FHIR server, sign-in session and patient.
 *
 * @slot - The widgets (and any other content). Always rendered, so widgets can show their own states.
 *
 * @fires care-record-error - Configuration problems (`ConfigurationError`), a patient not found or
 *   found twice (`PatientMatchError`), sign-in callback or patient loading failures.
 * @fires care-record-session-change - The sign-in status or user changed (detail `{ status, user }`).
 *
 * @csspart message - The message shown above the widgets when something is wrong.
 * @csspart state - The message's box; also `error`, `access-denied`.
 * @csspart button - The Retry button; also `retry-button`.
 *
 * @cssprop --care-record-color-error - Border of the message (#d5281b).
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

  /** Minutes without activity before an OIDC session signs out (shared terminals); 15 by default. */
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

  /** Overrides for the English (UK) strings of this provider and its widgets. */
  @property({ attribute: false }) strings?: Partial<Strings>;

  /** The host's bearer token, for `auth-mode="token"`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

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

  /** A configuration problem that stops the provider connecting at all. */
  @state() private _configError?: ConfigurationError;
  /** A configuration problem with the patient settings only: sign-in still works. */
  @state() private _patientConfigError?: ConfigurationError;
  @state() private _callbackError?: Error;

  private _givenAuth?: CareRecordAuth;
  private _givenClient?: FhirClient;
  private _ownedAuth?: CareRecordAuth;
  private _ownedAuthInputs?: readonly unknown[];
  private _ownedClient?: FhirClient;
  private _ownedClientInputs?: readonly unknown[];
  private _listenedAuth?: CareRecordAuth;
  private _reportedConfigError?: string;
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
      ] as const,
    task: async ([client, configError, patientId, nhsNumber, launchPatientId, readable], { signal }) => {
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
      return this._resolvePatient(client, id, nhsNumber, signal);
    },
    onComplete: (patient: Patient) => {
      this._setPatientState({ status: 'ready', patientId: patient.id, patient });
    },
    onError: (error: unknown) => {
      if (isAbortError(error)) return;
      const failure = error instanceof Error ? error : new Error(String(error));
      this._setPatientState({ status: 'error', error: failure });
      // Sign-in problems are shown by the sign-in element and the widgets; anything else is news to the host.
      if (!(error instanceof AuthenticationRequiredError)) this._dispatchError(failure);
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

  override connectedCallback(): void {
    super.connectedCallback();
    this._listenTo(this._auth);
    if (this._auth) this._handleCallback(this._auth);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._listenTo(undefined);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated || changed.has('locale') || changed.has('timeZone') || changed.has('strings')) {
      this._settings = {
        locale: this.locale || defaultSettings.locale,
        timeZone: this.timeZone || defaultSettings.timeZone,
        ...(this.strings ? { strings: this.strings } : {}),
      };
    }
    this._configure();
    // A different person: nothing cached for the previous one may show up.
    if (this.hasUpdated && (changed.has('patientId') || changed.has('nhsNumber'))) this._client?.clear();
  }

  override render(): TemplateResult {
    return html`${this._renderMessage()}<slot></slot>`;
  }

  private get _strings(): Strings {
    return mergeStrings(this.strings);
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
      return { inputs: [mode, tokenProvider], create: () => new TokenProviderSession({ tokenProvider }) };
    }
    if (mode === 'cookie') {
      const { signInUrl, signOutUrl } = this;
      if (!signInUrl) return new ConfigurationError(strings.missingSignInUrl, 'sign-in-url');
      if (!isHttpUrl(signInUrl, document.baseURI)) return new ConfigurationError(strings.invalidSignInUrl(signInUrl), 'sign-in-url');
      return {
        inputs: [mode, signInUrl, signOutUrl],
        create: () => new CookieSession({ signInUrl, ...(signOutUrl ? { signOutUrl } : {}) }),
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
    if (problem?.message !== this._configError?.message) this._configError = problem;
    const patientProblem = problem ? undefined : this._checkPatientSettings(strings);
    if (patientProblem?.message !== this._patientConfigError?.message) this._patientConfigError = patientProblem;

    if (auth !== this._auth) {
      this._auth = auth;
      if (this.isConnected) {
        this._listenTo(auth);
        if (auth) this._handleCallback(auth);
      }
    }
    if (client !== this._client) this._client = client;

    const reported = problem ?? patientProblem;
    if (reported?.message !== this._reportedConfigError) {
      this._reportedConfigError = reported?.message;
      if (reported) this._dispatchError(reported);
    }
  }

  private _createClient(baseUrl: string, auth: CareRecordAuth | undefined): FhirClient {
    return new FhirClient({
      baseUrl,
      ...(auth
        ? {
            tokenSource: () => auth.getAccessToken(),
            onUnauthorized: () => auth.renew(),
            credentials: auth.credentials,
            subject: () => auth.user?.subject,
          }
        : {}),
    });
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
    this.requestUpdate();
    this.dispatchEvent(new CareRecordSessionChangeEvent({ status: auth.status, user: auth.user }));
  };

  /** Tokens are gone: no one else may see what the last person loaded. */
  private readonly _onSignedOut = (): void => {
    this._client?.clear();
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
    } else if (error instanceof PatientMatchError) {
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
