/**
 * The Web Lock that serialises token refreshes for one client across tabs, frames and widgets, so a
 * rotating refresh token is never presented twice (a provider that detects re-use revokes the grant).
 */
export function refreshLockName(authority: string, clientId: string): string {
  return 'care-record-token-refresh:' + authority + clientId;
}

/** Runs `task` holding the exclusive lock `name` (Web Locks), or directly where they are unavailable. */
export async function withRefreshLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts (https and loopback): elsewhere the in-memory
  // single-flight promise in the session is the only guard.
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  return locks.request(name, { mode: 'exclusive' }, task);
}
