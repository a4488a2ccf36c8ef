import { InMemoryWebStorage, WebStorageStateStore } from 'oidc-client-ts';
import type { StateStore } from 'oidc-client-ts';

/** Where tokens live: memory (default; gone on reload) or this tab's sessionStorage. Never localStorage. */
export type TokenStorage = 'memory' | 'session';

/** The store for the signed-in user's tokens. */
export function createUserStore(tokenStorage: TokenStorage, prefix: string): WebStorageStateStore {
  const store = tokenStorage === 'session' ? sessionStorageOrMemory() : new InMemoryWebStorage();
  return new WebStorageStateStore({ store, prefix });
}

/**
 * The store for sign-in requests in flight (state id, nonce, PKCE code verifier; no tokens).
 * oidc-client-ts defaults to localStorage, which outlives the tab and is shared by every tab, so we
 * override it. A redirect sign-in leaves the page and comes back, so the verifier must survive one
 * navigation: sessionStorage does, memory does not. The entries are removed once the callback is handled.
 */
export function createTransientStateStore(prefix: string): WebStorageStateStore {
  return new WebStorageStateStore({ store: sessionStorageOrMemory(), prefix });
}

/** Removes every entry this store holds (its prefix only: the host's own keys stay). */
export async function clearStore(store: StateStore): Promise<void> {
  for (const key of await store.getAllKeys()) await store.remove(key);
}

// sessionStorage throws in sandboxed iframes without allow-same-origin and when storage is blocked:
// then memory still supports popup sign-in (the opener keeps the request state).
function sessionStorageOrMemory(): Storage {
  try {
    const storage = globalThis.sessionStorage;
    if (storage) return storage;
  } catch {
    // fall through
  }
  return new InMemoryWebStorage();
}
