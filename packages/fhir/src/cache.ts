/**
 * Freezes a parsed JSON value and everything in it. Cached and de-duplicated responses are shared
 * between callers, so they are frozen once when they enter the cache: one widget cannot change
 * what another sees (a caller that wants to edit a resource takes a `structuredClone`).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

interface CacheEntry {
  value: unknown;
  expires: number;
}

// Enough for a resident's record in a session; older entries go first beyond it.
const MAX_ENTRIES = 500;

/**
 * Parsed GET responses for `ttlMs`, keyed by subject and URL. `generation` changes on `clear()`,
 * so a request that was in flight during a clear cannot put its (now stale) answer back.
 */
export class ResponseCache {
  private readonly _entries = new Map<string, CacheEntry>();
  private _generation = 0;

  constructor(private readonly _ttlMs: number) {}

  get enabled(): boolean {
    return this._ttlMs > 0;
  }

  get generation(): number {
    return this._generation;
  }

  get(key: string): unknown {
    const entry = this._entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this._entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores a (frozen) value, unless the cache was cleared since `generation` was read. */
  set(key: string, value: unknown, generation: number): void {
    if (!this.enabled || generation !== this._generation) return;
    this._entries.delete(key);
    this._entries.set(key, { value: deepFreeze(value), expires: Date.now() + this._ttlMs });
    if (this._entries.size > MAX_ENTRIES) this._prune();
  }

  clear(): void {
    this._entries.clear();
    this._generation++;
  }

  private _prune(): void {
    const now = Date.now();
    for (const [key, entry] of this._entries) if (entry.expires <= now) this._entries.delete(key);
    for (const key of this._entries.keys()) {
      if (this._entries.size <= MAX_ENTRIES) break;
      this._entries.delete(key);
    }
  }
}
