// A real, local OpenID Provider (oidc-provider 9, OpenID Certified) for the sandbox and the
// end-to-end tests: authorization code + PKCE S256 for a public browser client, rotating refresh
// tokens, token revocation, RP-initiated logout, and the development login and consent pages.
// It runs on a loopback http issuer: fine for a developer machine, never for real use.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/**
 * @typedef {object} OidcClientRegistration
 * @property {string} client_id
 * @property {string[]} redirect_uris Exact redirect URIs; oidc-provider compares them as strings.
 * @property {string[]} [post_logout_redirect_uris]
 */

/**
 * Profile claims of a test account. `sub` is the login name typed on the development login page.
 * @typedef {object} OidcAccount
 * @property {string} sub
 * @property {string} [name]
 * @property {string} [given_name]
 * @property {string} [family_name]
 * @property {string} [role]
 * @property {string} [organisation]
 * @property {string} [fhirUser] SMART `fhirUser` claim, e.g. `Practitioner/…`
 */

/**
 * @typedef {object} OidcProviderOptions
 * @property {number} [port] 0 (default) picks a free port.
 * @property {string} [host] Defaults to 127.0.0.1.
 * @property {OidcClientRegistration[]} clients Public browser clients.
 * @property {OidcAccount[]} [accounts] Defaults to {@link defaultAccounts}. Any other login name
 *   signs in as a nurse at the same home (the development login page accepts any name).
 * @property {number} [accessTokenTtl] Seconds; default 300. Short values let tests see expiry.
 * @property {number} [refreshTokenTtl] Seconds; default 8 hours (one shift).
 * @property {boolean} [refreshTokenRotation] Default true: every refresh returns a new refresh token
 *   and spends the old one (re-using a spent one revokes the whole grant).
 * @property {{ patient?: string; smart_style_url?: string }} [launchContext] SMART launch context
 *   added to token responses when the `launch` or `launch/patient` scope was granted.
 * @property {string[]} [scopes] Extra scopes to grant, beyond the OpenID and SMART ones.
 */

/**
 * @typedef {object} RunningOidcProvider
 * @property {string} issuer e.g. `http://127.0.0.1:41234`
 * @property {string} url Same as issuer (the discovery document is at `${url}/.well-known/openid-configuration`).
 * @property {Provider} provider The oidc-provider instance: listen to its events in tests.
 * @property {() => Promise<void>} close
 */

/** @type {OidcAccount[]} */
export const defaultAccounts = [
  {
    sub: 'nurse',
    name: 'Alex Morgan',
    given_name: 'Alex',
    family_name: 'Morgan',
    role: 'Care Home Nurse',
    organisation: 'Rosewood Care Home',
    fhirUser: 'Practitioner/rosewood-nurse-alex-morgan',
  },
];

const profileClaims = ['name', 'given_name', 'family_name', 'role', 'organisation'];
const smartLaunchScopes = ['launch', 'launch/patient'];

/**
 * Starts the provider and resolves once it is listening.
 * @param {OidcProviderOptions} options
 * @returns {Promise<RunningOidcProvider>}
 */
export async function startOidcProvider({
  port = 0,
  host = '127.0.0.1',
  clients,
  accounts = defaultAccounts,
  accessTokenTtl = 300,
  refreshTokenTtl = 8 * 60 * 60,
  refreshTokenRotation = true,
  launchContext,
  scopes = [],
}) {
  // The issuer must name the port, so bind first and create the provider once it is known.
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const issuer = `http://${host}:${address.port}`;

  const accountsBySub = new Map(accounts.map((account) => [account.sub, account]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      post_logout_redirect_uris: [],
      ...client,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    // Own signing key and cookie keys: the built-in development ones are shared by every install.
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'sandbox', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Public clients only: PKCE is required, and oidc-provider 9 accepts S256 alone.
    pkce: { required: () => true },
    // The widgets call the token, userinfo and revocation endpoints from the host page's origin.
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: true },
      // A client may revoke only its own tokens (public clients cannot prove more than that).
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: { enabled: true },
    },
    scopes: ['openid', 'offline_access', ...smartLaunchScopes, ...scopes],
    claims: {
      openid: ['sub'],
      profile: profileClaims,
      fhirUser: ['fhirUser'],
    },
    // SMART App Launch sends `aud` (the FHIR server) and `launch` (the EHR launch id).
    extraParams: ['aud', 'launch'],
    // oidc-provider drops `offline_access` unless the request says prompt=consent, and by default
    // issues refresh tokens only for `offline_access`: our public client always gets one.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => refreshTokenRotation,
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      RefreshToken: refreshTokenTtl,
      Grant: refreshTokenTtl,
      Session: refreshTokenTtl,
      Interaction: 60 * 60,
      ClientCredentials: 10 * 60,
      DeviceCode: 10 * 60,
      BackchannelAuthenticationRequest: 10 * 60,
      PreAuthorizedCode: 10 * 60,
    },
    async findAccount(_ctx, sub) {
      const account = accountsBySub.get(sub) ?? {
        ...defaultAccounts[0],
        sub,
        name: sub,
        given_name: undefined,
        family_name: undefined,
        fhirUser: undefined,
      };
      return {
        accountId: sub,
        async claims() {
          return { ...account, sub };
        },
      };
    },
  });

  if (launchContext) {
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body;
      if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || !body || typeof body !== 'object') return;
      const granted = String(body.scope ?? '').split(' ');
      if (granted.some((scope) => smartLaunchScopes.includes(scope)) && launchContext.patient) {
        body.patient = launchContext.patient;
      }
      if (granted.some((scope) => smartLaunchScopes.includes(scope)) && launchContext.smart_style_url) {
        body.smart_style_url = launchContext.smart_style_url;
      }
    });
  }

  server.on('request', provider.callback());

  return {
    issuer,
    url: issuer,
    provider,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @typedef {object} ValidAccessToken
 * @property {string} subject
 * @property {string} clientId
 * @property {string[]} scopes
 * @property {number} expiresAt Seconds since the epoch.
 */

/**
 * Validates a bearer token the way a resource server in front of this provider would: the token
 * exists, has not expired, and its grant has not been revoked (sign-out or a re-used refresh token).
 * @param {Provider} provider
 * @param {string | undefined} token The bearer token (without the "Bearer " prefix).
 * @returns {Promise<ValidAccessToken | undefined>}
 */
export async function validateAccessToken(provider, token) {
  if (!token) return undefined;
  const accessToken = await provider.AccessToken.find(token);
  if (!accessToken || accessToken.isExpired) return undefined;
  if (accessToken.grantId && !(await provider.Grant.find(accessToken.grantId))) return undefined;
  return {
    subject: accessToken.accountId,
    clientId: accessToken.clientId,
    scopes: [...accessToken.scopes],
    expiresAt: accessToken.exp,
  };
}

/**
 * Reads the bearer token from an `Authorization` header value.
 * @param {string | undefined} header
 * @returns {string | undefined}
 */
export function bearerToken(header) {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
