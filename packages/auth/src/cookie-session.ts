import { SessionBase } from './session-base.js';
import type { CareRecordAuth, SessionUser } from './types.js';

export interface CookieSessionOptions {
  /** The host's (backend-for-frontend's) sign-in page; we add `returnTo` with the current address. */
  signInUrl: string;
  /** The host's sign-out address, if it has one; otherwise sign-out only clears our caches. */
  signOutUrl?: string;
  user?: SessionUser;
  patientId?: string;
  /** Query parameter naming the page to come back to; default `returnTo`, empty string for none. */
  returnToParam?: string;
  /** Go to the sign-in page as soon as the server answers 401 (default true). */
  signInOnUnauthorized?: boolean;
  /** How to go to an address; defaults to `location.assign` (a single-page host may route instead). */
  navigate?: (url: string) => void;
}

/**
 * For hosts whose server holds the tokens (backend-for-frontend): requests carry the host's session
 * cookie (`credentials: 'include'`) and no Authorization header. A 401 means the host's session is
 * over: we cannot renew it ourselves, so we send the person to the host's sign-in page.
 *
 * @fires change - status or user changed
 * @fires signed-out - the session is over: clear every cache
 */
export class CookieSession extends SessionBase implements CareRecordAuth {
  private readonly _options: CookieSessionOptions;

  constructor(options: CookieSessionOptions) {
    super('signed-in', options.user);
    this._options = options;
  }

  override get credentials(): RequestCredentials {
    return 'include';
  }

  override get patientId(): string | undefined {
    return this._options.patientId;
  }

  setUser(user: SessionUser | undefined): void {
    this._update(this.status, user ?? null);
  }

  /** No bearer token in cookie mode: the browser sends the cookie. */
  async getAccessToken(): Promise<undefined> {
    return undefined;
  }

  /** After a 401: the session is over (false); goes to the sign-in page unless told not to. */
  async renew(): Promise<boolean> {
    if (this.status !== 'session-ended') {
      this._update('session-ended', null);
      this.dispatchEvent(new Event('signed-out'));
    }
    if (this._options.signInOnUnauthorized ?? true) await this.signIn();
    return false;
  }

  async signIn(): Promise<void> {
    const url = new URL(this._options.signInUrl, window.location.href);
    const returnToParam = this._options.returnToParam ?? 'returnTo';
    if (returnToParam) url.searchParams.set(returnToParam, window.location.href);
    this._update('signing-in');
    this._navigate(url.href);
  }

  async signOut(): Promise<void> {
    this._update('signed-out', null);
    this.dispatchEvent(new Event('signed-out'));
    if (this._options.signOutUrl) this._navigate(new URL(this._options.signOutUrl, window.location.href).href);
  }

  private _navigate(url: string): void {
    (this._options.navigate ?? ((href: string) => window.location.assign(href)))(url);
  }
}
