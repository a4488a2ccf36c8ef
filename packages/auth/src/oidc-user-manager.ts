// Everything that needs oidc-client-ts at run time. CareRecordSession loads this module with a
// dynamic import(), so bundlers split oidc-client-ts (the largest dependency) into a chunk that only
// pages signing in with OpenID Connect fetch: token and cookie sessions never load it.
import { ErrorResponse, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SigninResponse, SigninState, User, UserManagerSettings } from 'oidc-client-ts';
import type { PrefixedStore } from './storage.js';

export { ErrorResponse };

/** The token response as oidc-client-ts received it, non-standard fields (SMART's) included. */
export type TokenResponse = SigninResponse & Record<string, unknown>;

/**
 * oidc-client-ts builds its `User` from known token-response fields only, so SMART's `patient` and
 * `smart_style_url` would be dropped: `_buildUser` (protected) sees the whole token response first.
 */
export class LaunchAwareUserManager extends UserManager {
  lastTokenResponse: TokenResponse | undefined;

  protected override async _buildUser(signinResponse: SigninResponse, verifySub?: string): Promise<User> {
    this.lastTokenResponse = signinResponse as TokenResponse;
    return super._buildUser(signinResponse, verifySub);
  }

  /** The stored user, without arming oidc-client-ts's expiry timers (which poll) as `getUser()` does. */
  loadStoredUser(): Promise<User | null> {
    return this._loadUser();
  }

  readSigninState(url: string): Promise<{ state: SigninState }> {
    return this._client.readSigninResponseState(url);
  }

  revoke(token: string, type: 'access_token' | 'refresh_token'): Promise<void> {
    return this._client.revokeToken(token, type);
  }

  async endSessionUrl(idTokenHint: string | undefined): Promise<string | undefined> {
    if (!(await this.metadataService.getEndSessionEndpoint())) return undefined;
    // extraQueryParams default to the sign-in ones (SMART aud/launch): they do not belong here.
    const request = await this._client.createSignoutRequest({ id_token_hint: idTokenHint, extraQueryParams: {} });
    return request.url;
  }
}

/** The UserManager, keeping its user and sign-in state in the session's stores (same Storage, same keys). */
export function createUserManager(
  settings: Omit<UserManagerSettings, 'userStore' | 'stateStore'>,
  stores: { userStore: PrefixedStore; stateStore: PrefixedStore },
): LaunchAwareUserManager {
  const webStore = ({ storage, prefix }: PrefixedStore) => new WebStorageStateStore({ store: storage, prefix });
  return new LaunchAwareUserManager({ ...settings, userStore: webStore(stores.userStore), stateStore: webStore(stores.stateStore) });
}
