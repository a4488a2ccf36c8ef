/** What counts as someone using the terminal. */
export const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once after `timeoutMs` without activity on `target` (a shared terminal left signed in).
 * One timer: activity only records the time, and the timer re-arms itself for the remainder when it fires.
 */
export class IdleTimer {
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _lastActivity = 0;

  constructor(
    private readonly _timeoutMs: number,
    private readonly _onIdle: () => void,
    private readonly _target: EventTarget = document,
  ) {}

  get running(): boolean {
    return this._timer !== undefined;
  }

  start(): void {
    if (this.running || !(this._timeoutMs > 0)) return;
    this._lastActivity = performance.now();
    for (const type of activityEvents) {
      this._target.addEventListener(type, this._onActivity, { capture: true, passive: true });
    }
    this._arm(this._timeoutMs);
  }

  stop(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    for (const type of activityEvents) {
      this._target.removeEventListener(type, this._onActivity, { capture: true });
    }
  }

  private readonly _onActivity = (): void => {
    this._lastActivity = performance.now();
  };

  private _arm(delayMs: number): void {
    // setTimeout fires at once past 2^31 ms; the check below re-arms for whatever is left.
    this._timer = setTimeout(this._onTimer, Math.min(delayMs, 2 ** 31 - 1));
  }

  private readonly _onTimer = (): void => {
    const idleFor = performance.now() - this._lastActivity;
    if (idleFor < this._timeoutMs) {
      this._arm(this._timeoutMs - idleFor);
      return;
    }
    this.stop();
    this._onIdle();
  };
}
