import { SessionBase } from './session-base.js';
import type { CareRecordAuth, SessionUser, SignInOptions } from './types.js';

/** Asked for a bearer token per request; `renew: true` after the server refused the last one. */
export type TokenProvider = (context?: { renew: boolean }) => Promise<string | null | undefined> | string | null | undefined;

export interface TokenProviderSessionOptions {
  /** The host's own session supplies the token (it may cache it; we ask on every request). */
  tokenProvider: TokenProvider;
  /** Who is signed in, as the host knows it. */
  user?: SessionUser;
  /** Launch context the host already has. */
  patientId?: string;
  grantedScopes?: readonly string[];
  /** Called by `signIn()` (e.g. a widget's sign-in button): the host signs the person in its own way. */
  onSignIn?: (options: SignInOptions) => void | Promise<void>;
  /** Called by `signOut()` after our caches are told to clear. */
  onSignOut?: () => void | Promise<void>;
}

/**
 * For hosts that already hold a token for the FHIR server (their own sign-in): the widgets ask the
 * host's `tokenProvider` for it. Signed in while the provider returns a token.
 *
 * @fires change - status or user changed
 * @fires signed-out - the host signed out or the token could not be renewed: clear every cache
 */
export class TokenProviderSession extends SessionBase implements CareRecordAuth {
  private readonly _options: TokenProviderSessionOptions;
  private _knownUser: SessionUser | undefined;
  private _lastToken: string | undefined;
  private _signedOut = false;
  private _renewal: Promise<boolean> | undefined;

  constructor(options: TokenProviderSessionOptions) {
    super('signed-in', options.user);
    this._options = options;
    this._knownUser = options.user;
  }

  override get patientId(): string | undefined {
    return this._options.patientId;
  }

  override get grantedScopes(): readonly string[] {
    return this._options.grantedScopes ?? [];
  }

  /** The host's user changed (or was first known). */
  setUser(user: SessionUser | undefined): void {
    this._knownUser = user;
    this._update(this.status, this.status === 'signed-in' || this.status === 'renewing' ? (user ?? null) : undefined);
  }

  async getAccessToken(): Promise<string | undefined> {
    // After signOut() we hand out nothing until signIn(), whatever the host's provider still holds.
    if (this._signedOut) return undefined;
    let token: string | undefined;
    try {
      token = (await this._options.tokenProvider()) ?? undefined;
    } catch {
      token = undefined;
    }
    if (this._signedOut) return undefined;
    this._lastToken = token;
    if (token) this._update('signed-in', this._knownUser ?? null);
    else this._update('signed-out', null);
    return token;
  }

  /** Asks the host for a fresh token; true when it gives one other than the token just refused. */
  renew(): Promise<boolean> {
    this._renewal ??= this._renew().finally(() => {
      this._renewal = undefined;
    });
    return this._renewal;
  }

  /** Calls the host's `onSignIn`, then asks its provider for a token to learn whether it worked. */
  async signIn(options: SignInOptions = {}): Promise<void> {
    this._signedOut = false;
    await this._options.onSignIn?.(options);
    await this.getAccessToken();
  }

  /** Signed out until `signIn()`: tells the page to clear its caches, then calls the host's `onSignOut`. */
  async signOut(): Promise<void> {
    this._signedOut = true;
    this._lastToken = undefined;
    this._update('signed-out', null);
    this.dispatchEvent(new Event('signed-out'));
    await this._options.onSignOut?.();
  }

  private async _renew(): Promise<boolean> {
    if (this._signedOut) return false;
    const refused = this._lastToken;
    let token: string | undefined;
    try {
      token = (await this._options.tokenProvider({ renew: true })) ?? undefined;
    } catch {
      token = undefined;
    }
    if (token && token !== refused) {
      this._lastToken = token;
      this._update('signed-in', this._knownUser ?? null);
      return true;
    }
    this._lastToken = undefined;
    this._update('session-ended', null);
    this.dispatchEvent(new Event('signed-out'));
    return false;
  }
}
