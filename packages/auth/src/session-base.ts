import type { CareRecordAuth, SessionStatus, SessionUser, SignInOptions } from './types.js';

/** Status, user and the two events every session kind shares. */
export abstract class SessionBase extends EventTarget implements CareRecordAuth {
  private _status: SessionStatus;
  private _user: SessionUser | undefined;

  constructor(status: SessionStatus, user?: SessionUser) {
    super();
    this._status = status;
    this._user = user;
  }

  get status(): SessionStatus {
    return this._status;
  }

  get user(): SessionUser | undefined {
    return this._user;
  }

  get patientId(): string | undefined {
    return undefined;
  }

  get grantedScopes(): readonly string[] {
    return [];
  }

  get credentials(): RequestCredentials | undefined {
    return undefined;
  }

  abstract getAccessToken(): Promise<string | undefined>;
  abstract renew(): Promise<boolean>;
  abstract signIn(options?: SignInOptions): Promise<void>;
  abstract signOut(): Promise<void>;

  /** Sets the status, and the user when given (`null` for nobody); dispatches `change` when either changed. */
  protected _update(status: SessionStatus, user?: SessionUser | null): void {
    if (user === undefined) user = this._user;
    else if (user === null) user = undefined;
    if (status === this._status && sameUser(user, this._user)) return;
    this._status = status;
    this._user = user;
    this.dispatchEvent(new Event('change'));
  }

  /** Tokens are gone: caches holding someone's record must be emptied. */
  protected _dispatchSignedOut(): void {
    this.dispatchEvent(new Event('signed-out'));
  }
}

function sameUser(a: SessionUser | undefined, b: SessionUser | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.subject === b.subject &&
    a.name === b.name &&
    a.role === b.role &&
    a.organisation === b.organisation &&
    a.fhirUser === b.fhirUser
  );
}
