import { SESSION_ENDED_MESSAGE } from './types.js';

/**
 * Errors from signing in and keeping a session going. Messages are written for the person at the
 * terminal; `code` is for programs.
 */
export class AuthError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The sign-in response could not be accepted (tampered or stale `state`, provider error, closed popup). */
export class SignInError extends AuthError {}

/** The session could not be renewed: the person has to sign in again. */
export class SessionEndedError extends AuthError {
  constructor(message = SESSION_ENDED_MESSAGE, options?: { cause?: unknown }) {
    super('session-ended', message, options);
  }
}
