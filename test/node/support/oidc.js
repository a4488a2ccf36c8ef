// Driving the sandbox OpenID Provider's development login and consent pages from a test.

/**
 * Signs in on the provider's pages in `page` (already on or heading for the login page): types a
 * login name and any password, submits, then confirms consent if asked.
 * @param {import('puppeteer-core').Page} page
 * @param {{ issuer: string; login?: string }} options
 */
export async function completeProviderSignIn(page, { issuer, login = 'nurse' }) {
  await page.waitForSelector('input[name="login"]', { timeout: 10_000 });
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any password');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  // Consent comes next unless the grant already covers the request.
  if (page.url().startsWith(issuer) && (await page.$('input[name="prompt"][value="consent"]'))) {
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  }
}

/**
 * Counts successful token requests by grant type on the provider.
 * @param {import('oidc-provider').default} provider
 * @returns {{ counts: Record<string, number>; stop(): void }}
 */
export function countTokenGrants(provider) {
  /** @type {Record<string, number>} */
  const counts = {};
  /** @param {any} ctx */
  const listener = (ctx) => {
    const grantType = ctx.oidc?.params?.grant_type ?? 'unknown';
    counts[grantType] = (counts[grantType] ?? 0) + 1;
  };
  provider.on('grant.success', listener);
  return { counts, stop: () => provider.off('grant.success', listener) };
}

/**
 * Asks the provider's token endpoint for a refresh grant, as a client holding `refreshToken` would.
 * @param {string} issuer
 * @param {{ clientId: string; refreshToken: string }} options
 * @returns {Promise<{ status: number; body: any }>}
 */
export async function tryRefreshToken(issuer, { clientId, refreshToken }) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Revokes a token at the provider, as another system (or an administrator) might.
 * @param {string} issuer
 * @param {{ clientId: string; token: string }} options
 */
export async function revokeToken(issuer, { clientId, token }) {
  const response = await fetch(`${issuer}/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: clientId }),
  });
  if (!response.ok) throw new Error(`revocation failed: ${response.status}`);
}
