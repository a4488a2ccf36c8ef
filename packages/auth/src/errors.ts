import { CareRecordError } from '@care-record/fhir';
import { SESSION_ENDED_MESSAGE } from './types.js';

/**
 * Errors from signing in and keeping a session going. Like every error of the library they are
 * `CareRecordError`s: messages are written for the person at the terminal, `code` is for programs.
 */
export class AuthError extends CareRecordError {}

/**
 * The sign-in response could not be accepted. Codes: `state-mismatch` (tampered, replayed or from
 * another browser), `sign-in-cancelled` (popup closed), `popup-blocked`, `access-denied`, `sign-in-failed`.
 */
export class SignInError extends AuthError {}

/** The session could not be renewed (code `session-ended`): the person has to sign in again. */
export class SessionEndedError extends AuthError {
  constructor(message = SESSION_ENDED_MESSAGE, options?: { cause?: unknown }) {
    super(message, 'session-ended', options);
  }
}
