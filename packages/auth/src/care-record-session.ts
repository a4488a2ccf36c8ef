import type { ErrorResponse, User, UserManagerSettings } from 'oidc-client-ts';
import { ConfigurationError } from '@care-record/fhir';
import { SessionEndedError, SignInError } from './errors.js';
import type { AuthError } from './errors.js';
import { IdleTimer } from './idle-timer.js';
import type * as OidcUserManager from './oidc-user-manager.js';
import type { LaunchAwareUserManager } from './oidc-user-manager.js';
import { refreshLockName, withRefreshLock } from './refresh-lock.js';
import { SessionBase } from './session-base.js';
import { clearStore, createTransientStateStore, createUserStore } from './storage.js';
import type { PrefixedStore, TokenStorage } from './storage.js';
import type { CareRecordAuth, SignInOptions } from './types.js';
import { sessionUserFromClaims } from './user-claims.js';

export interface SmartLaunchOptions {
  /** The FHIR server that launched us (sent as `aud`). */
  iss?: string;
  /** The EHR launch id (sent as `launch`, with the `launch` scope). */
  launch?: string;
}

export interface CareRecordSessionOptions {
  /** The OpenID Provider's issuer URL (discovery at `/.well-known/openid-configuration`). */
  authority: string;
  clientId: string;
  /** Registered redirect URI, used exactly as given. */
  redirectUri: string;
  /** Default `openid profile offline_access`; SMART adds `launch/patient` (and `launch`) and `fhirUser`. */
  scope?: string;
  /** When set, `signOut()` also ends the provider's session (RP-initiated logout) and returns here. */
  postLogoutRedirectUri?: string;
  /** Where the popup sign-in lands (a page that calls `handleCallback()`); defaults to `redirectUri`. */
  popupRedirectUri?: string;
  /** `'memory'` (default) or `'session'` (this tab's sessionStorage). Never localStorage. */
  tokenStorage?: TokenStorage;
  /** Sign out after this long without pointer, key, wheel or touch activity; default 15 minutes, 0 never. */
  idleTimeoutMs?: number;
  /** SMART App Launch parameters. */
  smart?: SmartLaunchOptions;
  /** Renew this long before the access token expires (at most half its lifetime); default 60, 0 only on demand. */
  renewBeforeExpirySeconds?: number;
  /** Attempts at a refresh that fails on the network or with a temporary server error; default 3. */
  refreshAttempts?: number;
}

export interface SignOutOptions {
  /** End the provider's session too (redirects); default: when `postLogoutRedirectUri` is set. */
  endSession?: boolean;
}

/** A token counts as expired this close to its expiry, so it does not lapse on its way to the server. */
const EXPIRY_MARGIN_SECONDS = 5;
const REFRESH_TIMEOUT_SECONDS = 30;
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];
const TRANSIENT_OAUTH_ERRORS = new Set(['temporarily_unavailable', 'server_error']);

/** What the SMART launch's token response said beyond the standard fields, kept with the tokens. */
interface LaunchContext {
  patient?: string;
  smartStyleUrl?: string;
}

/** oidc-client-ts and our UserManager, once loaded (one import for every session on the page). */
let oidcModule: typeof OidcUserManager | undefined;

/**
 * A signed-in session with an OpenID Provider: authorization code flow with PKCE (S256) by redirect
 * or popup, refresh-token renewal serialised across tabs with a Web Lock, revocation on sign-out,
 * and an idle time-out for shared terminals. Built on oidc-client-ts, which is loaded with a dynamic
 * `import()` when a session is created (to restore a kept session, and to be ready before a sign-in
 * click): importing this package alone, or using token or cookie sessions, never loads it.
 *
 * @fires change - status or user changed
 * @fires signed-out - tokens are gone (sign-out, idle time-out, session ended): clear every cache
 */
export class CareRecordSession extends SessionBase implements CareRecordAuth {
  /** Why the last sign-in or renewal failed, for the host to show. */
  lastError: AuthError | undefined;

  private readonly _options: Required<Pick<CareRecordSessionOptions, 'authority' | 'clientId' | 'redirectUri'>> &
    CareRecordSessionOptions;
  private readonly _managerSettings: Omit<UserManagerSettings, 'userStore' | 'stateStore'>;
  private _managerLoad: Promise<LaunchAwareUserManager> | undefined;
  /** Set once oidc-client-ts has loaded: a popup must open in the click's task, without awaiting. */
  private _manager: LaunchAwareUserManager | undefined;
  private readonly _userStore: PrefixedStore;
  private readonly _stateStore: PrefixedStore;
  private readonly _launchKey: string;
  private readonly _lockName: string;
  private readonly _idleTimer: IdleTimer | undefined;
  private readonly _ready: Promise<void>;
  private _oidcUser: User | undefined;
  private _launch: LaunchContext = {};
  private _renewal: Promise<boolean> | undefined;
  private _renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever local tokens are discarded, so a renewal finishing late does not bring them back. */
  private _generation = 0;
  /** After a sign-out the next person must type their credentials, not ride the provider's SSO session. */
  private _forceLogin = false;

  constructor(options: CareRecordSessionOptions) {
    super('signed-out');
    for (const setting of ['authority', 'redirectUri'] as const) assertHttpUrl(options[setting], setting);
    for (const setting of ['popupRedirectUri', 'postLogoutRedirectUri'] as const) {
      if (options[setting] !== undefined) assertHttpUrl(options[setting], setting);
    }
    if (!options.clientId) throw new ConfigurationError('The sign-in settings are missing a client id.', 'clientId');
    this._options = { ...options };
    const { authority, clientId, smart } = options;

    this._userStore = createUserStore(options.tokenStorage ?? 'memory', 'care-record.user.');
    this._stateStore = createTransientStateStore('care-record.signin.');
    this._launchKey = `launch:${authority}:${clientId}`;
    this._lockName = refreshLockName(authority, clientId);

    this._managerSettings = {
      authority,
      client_id: clientId,
      redirect_uri: options.redirectUri,
      popup_redirect_uri: options.popupRedirectUri ?? options.redirectUri,
      post_logout_redirect_uri: options.postLogoutRedirectUri,
      response_type: 'code',
      scope: withSmartScopes(options.scope ?? 'openid profile offline_access', smart),
      // Profile claims (name, role, organisation) often come from userinfo only.
      loadUserInfo: true,
      // No hidden iframes: renewal uses the refresh token, under our lock, when we decide.
      automaticSilentRenew: false,
      monitorSession: false,
      // We revoke ourselves, after clearing local state, so a slow provider never delays sign-out.
      revokeTokensOnSignout: false,
      requestTimeoutInSeconds: REFRESH_TIMEOUT_SECONDS,
      extraQueryParams: smart ? smartQueryParams(smart) : {},
    };

    const idleTimeoutMs = options.idleTimeoutMs ?? 15 * 60 * 1000;
    if (idleTimeoutMs > 0 && typeof document !== 'undefined') {
      this._idleTimer = new IdleTimer(idleTimeoutMs, () => void this._signOutIdle());
    }
    this._ready = this._restore();
  }

  override get patientId(): string | undefined {
    return this._launch.patient;
  }

  /**
   * The EHR's style document from a SMART launch (`smart_style_url` in the token response), an
   * absolute http(s) URL; undefined without one, and once signed out. `<care-record-provider>`
   * fetches it and applies it to the widgets (see `@care-record/elements/smart-style.js`).
   */
  get smartStyleUrl(): string | undefined {
    return this._launch.smartStyleUrl;
  }

  override get grantedScopes(): readonly string[] {
    return this._oidcUser?.scopes ?? [];
  }

  /** Resolves once oidc-client-ts has loaded and a session kept in sessionStorage has been restored. */
  get ready(): Promise<void> {
    return this._ready;
  }

  /**
   * Completes a sign-in when the page was loaded with the provider's response (`code` and `state`
   * on the redirect or popup redirect URI), and removes those parameters from the address bar.
   * In a sign-in popup it hands the response to the opener. Resolves false when there is nothing to do;
   * rejects with a `SignInError` when the response cannot be accepted.
   */
  async handleCallback(url: string = window.location.href): Promise<boolean> {
    const callbackUrl = new URL(url);
    const params = callbackUrl.searchParams;
    const state = params.get('state');
    const isSignInResponse = state !== null && (params.has('code') || params.has('error'));
    const onRedirectUri = [this._options.redirectUri, this._options.popupRedirectUri].some(
      (redirect) => redirect && samePage(callbackUrl, redirect),
    );
    if (!isSignInResponse || !onRedirectUri) {
      if (state !== null && this._options.postLogoutRedirectUri && samePage(callbackUrl, this._options.postLogoutRedirectUri)) {
        removeCallbackParams(url);
      }
      return false;
    }

    let manager: LaunchAwareUserManager;
    try {
      manager = await this._loadManager();
    } catch (error) {
      // The response stays in the address: once the page loads fully, a reload can still complete it.
      this.lastError = error as SignInError;
      throw error;
    }
    if (await this._isPopupResponse(manager, url)) {
      await manager.signinPopupCallback(url);
      return true;
    }

    // Gone from the address bar before anything else, so a reload or a shared link never replays the code.
    removeCallbackParams(url);
    await this._ready;
    const generation = ++this._generation;
    this._update('signing-in');
    try {
      const user = await manager.signinRedirectCallback(url);
      if (generation !== this._generation) return true;
      await this._signedIn(manager, user);
      return true;
    } catch (error) {
      throw await this._signInFailed(error);
    } finally {
      // The PKCE verifier and state were for this one response: never leave them behind.
      await clearStore(this._stateStore);
    }
  }

  async signIn(options: SignInOptions = {}): Promise<void> {
    const args = this._forceLogin ? { prompt: 'login' } : {};
    if (options.popup) {
      // window.open must run in the task of the person's click, so nothing is awaited before it
      // (oidc-client-ts has loaded with the session; only a click in its first moments waits).
      const popupArgs = { ...args, popupAbortOnClose: true };
      const loaded = this._manager;
      const signedIn = loaded
        ? loaded.signinPopup(popupArgs).then((user) => ({ manager: loaded, user }))
        : this._loadManager().then(async (manager) => ({ manager, user: await manager.signinPopup(popupArgs) }));
      this.lastError = undefined;
      this._update('signing-in');
      const generation = ++this._generation;
      try {
        const { manager, user } = await signedIn;
        if (generation === this._generation) await this._signedIn(manager, user);
      } catch (error) {
        throw await this._signInFailed(error);
      } finally {
        await clearStore(this._stateStore);
      }
      return;
    }
    this.lastError = undefined;
    this._update('signing-in');
    try {
      const manager = await this._loadManager();
      // Resolves only when the page is shown again; the page normally navigates away first.
      await manager.signinRedirect(args);
    } catch (error) {
      throw await this._signInFailed(error);
    }
  }

  async getAccessToken(): Promise<string | undefined> {
    await this._ready;
    const user = this._oidcUser;
    if (!user) return undefined;
    if (isUsable(user)) return user.access_token;
    if (!(await this.renew())) return undefined;
    return this._oidcUser?.access_token;
  }

  /**
   * Gets a new access token with the refresh token. Concurrent callers share one renewal, and
   * renewals by other tabs and widgets wait for the same Web Lock; if another one has stored a new
   * token meanwhile (sessionStorage mode), that token is used instead of spending the refresh token again.
   */
  renew(): Promise<boolean> {
    this._renewal ??= this._renew({ quiet: false }).finally(() => {
      this._renewal = undefined;
    });
    return this._renewal;
  }

  /**
   * Clears local tokens at once (dispatching `change` and `signed-out`), then revokes the refresh and
   * access tokens where the provider has a revocation endpoint, then optionally ends the provider session.
   */
  async signOut(options: SignOutOptions = {}): Promise<void> {
    await this._ready;
    const manager = await this._loadManager().catch(() => undefined);
    const user = this._oidcUser ?? (await manager?.loadStoredUser()) ?? undefined;
    await this._discard('signed-out');
    this._forceLogin = true;
    this.lastError = undefined;
    if (user && manager) await this._revoke(manager, user);
    const endSession = options.endSession ?? Boolean(this._options.postLogoutRedirectUri);
    if (endSession && manager) {
      const url = await manager.endSessionUrl(user?.id_token).catch(() => undefined);
      if (url) window.location.assign(url);
    }
  }

  /** Stops the timers and activity listeners (for hosts that tear the widgets down). */
  dispose(): void {
    clearTimeout(this._renewTimer);
    this._idleTimer?.stop();
  }

  /**
   * oidc-client-ts and the UserManager, loaded on first use (every session on the page shares the
   * import). After a failed load (offline, a chunk missing from the host's deployment) the next use
   * asks again, though a browser may keep refusing a module that failed until the page is reloaded.
   */
  private _loadManager(): Promise<LaunchAwareUserManager> {
    this._managerLoad ??= import('./oidc-user-manager.js').then(
      (loaded) => {
        oidcModule = loaded;
        this._manager = loaded.createUserManager(this._managerSettings, { userStore: this._userStore, stateStore: this._stateStore });
        return this._manager;
      },
      (error: unknown) => {
        this._managerLoad = undefined;
        throw new SignInError('Sign-in could not start: part of this page did not load. Check the connection and reload the page.', 'sign-in-failed', { cause: error });
      },
    );
    return this._managerLoad;
  }

  private async _restore(): Promise<void> {
    let manager: LaunchAwareUserManager;
    try {
      manager = await this._loadManager();
    } catch (error) {
      // Signed out until it loads: a sign-in asks again, or says what went wrong.
      this.lastError = error as SignInError;
      return;
    }
    const user = await manager.loadStoredUser();
    if (!user) return;
    // A session kept in sessionStorage survives a reload while it can still be used or renewed.
    if (!isUsable(user) && !user.refresh_token) {
      await manager.removeUser();
      return;
    }
    this._launch = parseLaunchContext(await this._userStore.get(this._launchKey));
    this._adopt(user);
  }

  private async _isPopupResponse(manager: LaunchAwareUserManager, url: string): Promise<boolean> {
    // A redirect started in this window left its state here; a popup's state lives in the opener.
    const stored = await manager.readSigninState(url).catch(() => undefined);
    if (stored) return stored.state.request_type === 'si:p';
    const hasOpener = typeof window !== 'undefined' && Boolean(window.opener) && window.opener !== window;
    // Without an opener (severed by Cross-Origin-Opener-Policy) oidc-client-ts answers over a
    // BroadcastChannel: only possible to tell apart on a popup redirect URI of its own.
    const { popupRedirectUri, redirectUri } = this._options;
    const ownPopupPage = Boolean(popupRedirectUri) && popupRedirectUri !== redirectUri && samePage(new URL(url), popupRedirectUri!);
    return hasOpener || ownPopupPage;
  }

  private async _signedIn(manager: LaunchAwareUserManager, user: User): Promise<void> {
    const response = manager.lastTokenResponse;
    manager.lastTokenResponse = undefined;
    this._launch = launchContextFrom(response ?? {});
    if (this._launch.patient || this._launch.smartStyleUrl) await this._userStore.set(this._launchKey, JSON.stringify(this._launch));
    else await this._userStore.remove(this._launchKey);
    this._forceLogin = false;
    this.lastError = undefined;
    this._adopt(user);
  }

  private _adopt(user: User): void {
    this._oidcUser = user;
    this._update('signed-in', sessionUserFromClaims(user.profile));
    this._scheduleRenewal(user);
    this._idleTimer?.start();
  }

  private async _signInFailed(error: unknown): Promise<SignInError> {
    const failure = signInError(error);
    this.lastError = failure;
    await this._discard('signed-out', { quiet: true });
    return failure;
  }

  private async _renew({ quiet }: { quiet: boolean }): Promise<boolean> {
    await this._ready;
    const current = this._oidcUser;
    if (!current) return false;
    const generation = this._generation;
    if (!quiet) this._update('renewing');
    // Loaded already: there is a user only once it has.
    const manager = await this._loadManager();
    const outcome = await withRefreshLock(this._lockName, async () => {
      // Someone else may have renewed while we waited for the lock.
      const stored = await manager.loadStoredUser();
      if (!stored) return { error: new SessionEndedError() };
      if (stored.access_token !== current.access_token && isUsable(stored)) return { user: stored };
      if (!stored.refresh_token) return { error: new SessionEndedError() };
      return this._refresh(manager);
    });
    if (generation !== this._generation) return false;
    if (outcome.user) {
      this._adopt(outcome.user);
      return true;
    }
    if (quiet && outcome.transient && isUsable(current)) {
      // A background renewal hit a network problem: the token still works, try again when it is needed.
      return false;
    }
    this.lastError = outcome.error;
    await this._discard('session-ended');
    return false;
  }

  private async _refresh(manager: LaunchAwareUserManager): Promise<{ user?: User; error?: AuthError; transient?: boolean }> {
    const attempts = Math.max(1, this._options.refreshAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        // With a refresh token stored, oidc-client-ts 3 refreshes with it (no iframe).
        const user = await manager.signinSilent({ silentRequestTimeoutInSeconds: REFRESH_TIMEOUT_SECONDS });
        if (user) return { user };
        return { error: new SessionEndedError() };
      } catch (error) {
        const transient = isTransient(error);
        if (!transient || attempt >= attempts) {
          // Not kept as `cause`: oidc-client-ts's ErrorResponse carries the request form, refresh token included.
          const oauth = oauthError(error);
          const reason = oauth ? ` (${oauth.error})` : '';
          return { error: new SessionEndedError(undefined, { cause: `refresh failed${reason}` }), transient };
        }
        await delay(500 * 2 ** (attempt - 1));
      }
    }
  }

  private _scheduleRenewal(user: User): void {
    clearTimeout(this._renewTimer);
    this._renewTimer = undefined;
    const before = this._options.renewBeforeExpirySeconds ?? 60;
    const remaining = user.expires_in;
    if (!(before > 0) || remaining === undefined || !user.refresh_token) return;
    const ahead = Math.max(EXPIRY_MARGIN_SECONDS, Math.min(before, remaining / 2));
    const renewAt = Date.now() + (remaining - ahead) * 1000;
    const arm = () => {
      // setTimeout fires at once for delays past 2^31 ms (24.8 days): wait in steps.
      this._renewTimer = setTimeout(onTimer, Math.min(Math.max(0, renewAt - Date.now()), MAX_TIMER_DELAY_MS));
    };
    const onTimer = () => {
      this._renewTimer = undefined;
      if (Date.now() < renewAt) {
        arm();
        return;
      }
      this._renewal ??= this._renew({ quiet: true }).finally(() => {
        this._renewal = undefined;
      });
    };
    arm();
  }

  private async _signOutIdle(): Promise<void> {
    if (this.status !== 'signed-in' && this.status !== 'renewing') return;
    await this.signOut({ endSession: false });
  }

  /**
   * Forgets tokens, launch context and pending sign-in state. Dispatches `change`, and `signed-out`
   * unless quiet and nobody was signed in (a failed first sign-in has no cache to clear).
   */
  private async _discard(status: 'signed-out' | 'session-ended', { quiet = false } = {}): Promise<void> {
    const hadUser = this._oidcUser !== undefined;
    this._generation++;
    clearTimeout(this._renewTimer);
    this._renewTimer = undefined;
    this._idleTimer?.stop();
    this._oidcUser = undefined;
    this._launch = {};
    const manager = await this._loadManager().catch(() => undefined);
    if (manager) await manager.removeUser();
    // oidc-client-ts could not load: tokens kept by an earlier page (under its key) must go all the same.
    else await this._userStore.remove(`user:${this._options.authority}:${this._options.clientId}`);
    await this._userStore.remove(this._launchKey);
    await clearStore(this._stateStore);
    this._update(status, null);
    if (!quiet || hadUser) this._dispatchSignedOut();
  }

  private async _revoke(manager: LaunchAwareUserManager, user: User): Promise<void> {
    try {
      if (!(await manager.metadataService.getRevocationEndpoint(true))) return;
    } catch {
      return;
    }
    // The refresh token first: it is the long-lived one.
    for (const type of ['refresh_token', 'access_token'] as const) {
      const token = user[type];
      if (!token) continue;
      try {
        await manager.revoke(token, type);
      } catch {
        // Local sign-out has happened; a provider that cannot be reached lets the token expire.
      }
    }
  }
}

function withSmartScopes(scope: string, smart: SmartLaunchOptions | undefined): string {
  const scopes = scope.split(/\s+/).filter(Boolean);
  if (smart) {
    scopes.push('launch/patient', 'fhirUser');
    if (smart.launch) scopes.push('launch');
  }
  return [...new Set(scopes)].join(' ');
}

function smartQueryParams(smart: SmartLaunchOptions): Record<string, string> {
  const params: Record<string, string> = {};
  if (smart.iss) params.aud = smart.iss;
  if (smart.launch) params.launch = smart.launch;
  return params;
}

function isUsable(user: User): boolean {
  const remaining = user.expires_in;
  return Boolean(user.access_token) && (remaining === undefined || remaining > EXPIRY_MARGIN_SECONDS);
}

/** An OAuth error answered by the provider (oidc-client-ts's ErrorResponse; there is none before it loads). */
function oauthError(error: unknown): ErrorResponse | undefined {
  return oidcModule && error instanceof oidcModule.ErrorResponse ? error : undefined;
}

/** The SMART launch context of a token response: `patient`, and `smart_style_url` when it is an http(s) URL. */
function launchContextFrom(response: Record<string, unknown>): LaunchContext {
  return launchContext(response.patient, response.smart_style_url);
}

/** The launch context kept beside the tokens (sessionStorage mode), checked again as it is read back. */
function parseLaunchContext(stored: string | null): LaunchContext {
  try {
    const parsed = JSON.parse(stored ?? '{}') as LaunchContext | null;
    return launchContext(parsed?.patient, parsed?.smartStyleUrl);
  } catch {
    return {};
  }
}

function launchContext(patient: unknown, smartStyleUrl: unknown): LaunchContext {
  const launch: LaunchContext = {};
  if (typeof patient === 'string' && patient) launch.patient = patient;
  // Only a web address: the widgets fetch it (never javascript:, data: or a relative path).
  if (typeof smartStyleUrl === 'string' && isHttpUrl(smartStyleUrl)) launch.smartStyleUrl = new URL(smartStyleUrl).href;
  return launch;
}

function isTransient(error: unknown): boolean {
  const oauth = oauthError(error);
  if (oauth) return TRANSIENT_OAUTH_ERRORS.has(oauth.error ?? '');
  // fetch's TypeError (offline), oidc-client-ts's ErrorTimeout, a non-JSON 5xx from a proxy.
  return true;
}

function signInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/no matching state|state does not match|no state in response/i.test(message)) {
    return new SignInError(
      "Sign-in could not be completed: the response from the sign-in service did not match this browser's request. Please sign in again.",
      'state-mismatch',
    );
  }
  if (/navigate on a disposed window|popup blocked/i.test(message)) {
    return new SignInError(
      'The sign-in window could not open. Allow pop-ups for this site, or sign in without a pop-up.',
      'popup-blocked',
    );
  }
  if (/popup closed|window navigation aborted/i.test(message)) {
    return new SignInError('The sign-in window was closed before sign-in finished.', 'sign-in-cancelled');
  }
  const oauth = oauthError(error);
  if (oauth) {
    if (oauth.error === 'access_denied') {
      return new SignInError('Sign-in was refused or cancelled at the sign-in service.', 'access-denied');
    }
    return new SignInError(
      `The sign-in service reported a problem: ${oauth.error_description ?? oauth.error}.`,
      'sign-in-failed',
    );
  }
  return new SignInError(`Sign-in could not be completed: ${message}`, 'sign-in-failed');
}

function isHttpUrl(value: string | undefined): boolean {
  try {
    return /^https?:$/.test(new URL(value ?? '').protocol);
  } catch {
    return false;
  }
}

function assertHttpUrl(value: string | undefined, setting: string): void {
  if (!isHttpUrl(value)) throw new ConfigurationError(`The sign-in setting "${setting}" must be an http(s) URL.`, setting);
}

function samePage(url: URL, configured: string): boolean {
  const other = new URL(configured);
  return url.origin === other.origin && url.pathname === other.pathname;
}

function removeCallbackParams(url: string): void {
  if (typeof window === 'undefined' || url !== window.location.href) return;
  const clean = new URL(url);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  window.history.replaceState(window.history.state, '', clean.href);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
