import type { StateStore } from 'oidc-client-ts';

/** Where tokens live: memory (default; gone on reload) or this tab's sessionStorage. Never localStorage. */
export type TokenStorage = 'memory' | 'session';

/**
 * Entries under one prefix of a Storage: the same keys as oidc-client-ts's WebStorageStateStore
 * (`prefix + key`), which the UserManager gets over the same Storage once oidc-client-ts has loaded.
 * Ours, so that nothing here imports oidc-client-ts at run time: it is loaded only when needed.
 */
export class PrefixedStore implements StateStore {
  constructor(
    readonly storage: Storage,
    readonly prefix: string,
  ) {}

  async set(key: string, value: string): Promise<void> {
    this.storage.setItem(this.prefix + key, value);
  }

  async get(key: string): Promise<string | null> {
    return this.storage.getItem(this.prefix + key);
  }

  async remove(key: string): Promise<string | null> {
    const value = this.storage.getItem(this.prefix + key);
    this.storage.removeItem(this.prefix + key);
    return value;
  }

  async getAllKeys(): Promise<string[]> {
    const keys: string[] = [];
    for (let index = 0; index < this.storage.length; index++) {
      const key = this.storage.key(index);
      if (key?.startsWith(this.prefix)) keys.push(key.slice(this.prefix.length));
    }
    return keys;
  }
}

/** The store for the signed-in user's tokens. */
export function createUserStore(tokenStorage: TokenStorage, prefix: string): PrefixedStore {
  return new PrefixedStore(tokenStorage === 'session' ? sessionStorageOrMemory() : memoryStorage(), prefix);
}

/**
 * The store for sign-in requests in flight (state id, nonce, PKCE code verifier; no tokens).
 * oidc-client-ts defaults to localStorage, which outlives the tab and is shared by every tab, so we
 * override it. A redirect sign-in leaves the page and comes back, so the verifier must survive one
 * navigation: sessionStorage does, memory does not. The entries are removed once the callback is handled.
 */
export function createTransientStateStore(prefix: string): PrefixedStore {
  return new PrefixedStore(sessionStorageOrMemory(), prefix);
}

/** Removes every entry this store holds (its prefix only: the host's own keys stay). */
export async function clearStore(store: StateStore): Promise<void> {
  for (const key of await store.getAllKeys()) await store.remove(key);
}

/** A Storage that lives in this object only: gone on reload, never shared with another tab. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key: string) => data.get(key) ?? null,
    key: (index: number) => [...data.keys()][index] ?? null,
    removeItem: (key: string) => void data.delete(key),
    setItem: (key: string, value: string) => void data.set(key, String(value)),
  };
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
  return memoryStorage();
}
