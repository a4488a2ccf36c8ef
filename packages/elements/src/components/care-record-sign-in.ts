import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SessionUser } from '@care-record/auth';
import { CareRecordElement } from '../base/care-record-element.js';
import { signInStyles } from './care-record-sign-in.styles.js';

/**
 * Who is signed in to the shared record, with Sign in and Sign out. Shows the person's name and,
 * where their token says, their role and organisation; "Signing in…" while sign-in is under way;
 * and "Your session has ended. Sign in again to see records." when a session could not be kept.
 *
 * Place it inside a `<care-record-provider>`; it renders nothing without a session.
 *
 * @tag care-record-sign-in
 * @summary Signed-in person, Sign in and Sign out.
 *
 * @fires care-record-error - Sign-in or sign-out failed (detail `{ error, source }`).
 *
 * @csspart base - The wrapper of each state.
 * @csspart user - Name and role of the signed-in person.
 * @csspart name - The signed-in person's name.
 * @csspart role - Role and organisation.
 * @csspart button - The Sign in and Sign out buttons; also `sign-in-button`, `sign-out-button`.
 * @csspart message - The session-ended or failure message.
 *
 * @cssprop --care-record-color-primary - Buttons and the session-ended border (#005eb8).
 * @cssprop --care-record-color-text-secondary - Role and organisation (#4c6272).
 */
export class CareRecordSignIn extends CareRecordElement {
  static override stringsNamespace = 'care-record-sign-in';

  static override styles = [CareRecordElement.styles, signInStyles];

  /** Sign in in a popup window instead of redirecting the page (for hosts that embed us in an iframe). */
  @property({ type: Boolean }) popup = false;

  @state() private _failed?: Error;

  override render(): TemplateResult | typeof nothing {
    const auth = this.auth;
    if (!auth) return nothing;
    const strings = this.strings;
    switch (auth.status) {
      case 'signed-in':
      case 'renewing':
        return this._renderSignedIn(auth.user);
      case 'signing-in':
        return html`<div class="sign-in signing-in" part="base" role="status" aria-busy="true">
          <p>${strings.signingIn}</p>
        </div>`;
      case 'session-ended':
        return html`<div class="sign-in session-ended" part="base">
          <p part="message" role="alert">${strings.sessionEnded}</p>
          ${this._signInButton()}
        </div>`;
      default:
        return html`<div class="sign-in signed-out" part="base">
          ${this._failed ? html`<p part="message" role="alert">${strings.signInFailed}</p>` : nothing}
          ${this._signInButton()}
        </div>`;
    }
  }

  private _renderSignedIn(user: SessionUser | undefined): TemplateResult {
    const strings = this.strings;
    const details = [user?.role, user?.organisation].filter(Boolean).join(', ');
    return html`<div class="sign-in signed-in" part="base">
      <p class="user" part="user">
        <span class="name" part="name">${user?.name ? strings.signedInAs(user.name) : strings.signedInUnnamed}</span>
        ${details ? html`<span class="role" part="role">${details}</span>` : nothing}
      </p>
      <button class="button secondary-button" part="button sign-out-button" type="button" @click=${this._onSignOut}>
        ${strings.signOut}
      </button>
    </div>`;
  }

  private _signInButton(): TemplateResult {
    return html`<button class="button" part="button sign-in-button" type="button" @click=${this._onSignIn}>
      ${this.strings.signIn}
    </button>`;
  }

  private readonly _onSignIn = async (): Promise<void> => {
    this._failed = undefined;
    try {
      await this.auth?.signIn({ popup: this.popup });
    } catch (error) {
      this._failed = error instanceof Error ? error : new Error(String(error));
      this.dispatchError(this._failed);
    }
  };

  private readonly _onSignOut = async (): Promise<void> => {
    try {
      await this.auth?.signOut();
    } catch (error) {
      this.dispatchError(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-sign-in': CareRecordSignIn;
  }
}
