import { LitElement } from 'lit';
import type { CSSResultGroup, PropertyValues, ReactiveController, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { CareRecordAuth } from '@care-record/auth';
import type { FhirClient, Patient } from '@care-record/fhir';
import { authContext } from '../context/auth-context.js';
import { clientContext } from '../context/client-context.js';
import { idlePatientState, patientContext } from '../context/patient-context.js';
import type { PatientState } from '../context/patient-context.js';
import { defaultSettings, settingsContext } from '../context/settings-context.js';
import type { CareRecordSettings } from '../context/settings-context.js';
import { CareRecordErrorEvent } from '../events.js';
import { mergeStrings } from '../strings.js';
import type { Strings } from '../strings.js';
import { hostStyles } from './host.styles.js';
import {
  clampHeadingLevel,
  renderAccessDenied,
  renderEmpty,
  renderError,
  renderHeading,
  renderLoading,
  renderNoPatient,
  renderPartial,
  renderSessionEnded,
  renderSignedOut,
  sourceLine,
} from './states.js';
import type { HeadingLevel, HeadingOptions, PartialOptions } from './states.js';
import { tokenStyles } from './tokens.styles.js';

/** Session states in which the record can be read. 'renewing' keeps reading: renewal is silent. */
export function canReadRecord(auth: CareRecordAuth | undefined): boolean {
  return auth === undefined || auth.status === 'signed-in' || auth.status === 'renewing';
}

/**
 * Re-renders the host when the session's status or user changes: the auth object stays the same
 * (so the context does not change), but it dispatches 'change'.
 */
class AuthChangeController implements ReactiveController {
  private _watched?: CareRecordAuth;
  private readonly _onChange = () => this._host.requestUpdate();

  constructor(private readonly _host: CareRecordElement) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._watch(this._host.auth);
  }

  hostUpdate(): void {
    if (this._host.isConnected && this._host.auth !== this._watched) this._watch(this._host.auth);
  }

  hostDisconnected(): void {
    this._watch(undefined);
  }

  private _watch(auth: CareRecordAuth | undefined): void {
    this._watched?.removeEventListener('change', this._onChange);
    this._watched = auth;
    auth?.addEventListener('change', this._onChange);
  }
}

/**
 * Base class of every Care Record widget: the provider's session, FHIR client, patient and settings
 * arrive through context; headings fit the host's outline (`heading-level`); the shared states
 * (loading, empty, error, signed out, access denied, session ended, no patient, partial) look the
 * same everywhere. Load data with `createRecordTask(this, …)` from `./record-task.js`.
 *
 * Without a `<care-record-provider>` around it, a host (or a test) may set `client`, `auth`,
 * `patientState` and `settings` directly.
 *
 * @cssprop --care-record-color-primary - Links, buttons, sign-in prompts (NHS blue #005eb8).
 * @cssprop --care-record-color-primary-contrast - Text on primary buttons (#ffffff).
 * @cssprop --care-record-color-text - Body text (#212b32).
 * @cssprop --care-record-color-text-secondary - Secondary text, such as source lines (#4c6272).
 * @cssprop --care-record-color-background - Background (#ffffff).
 * @cssprop --care-record-color-surface - Skeletons and panels (#f0f4f5).
 * @cssprop --care-record-color-border - Borders (#d8dde0).
 * @cssprop --care-record-color-focus - Focus highlight (#ffeb3b).
 * @cssprop --care-record-color-focus-text - Text on the focus highlight (#212b32).
 * @cssprop --care-record-color-error - Errors and access denied (#d5281b).
 * @cssprop --care-record-color-warning - Partial lists and warnings (#ffb81c).
 * @cssprop --care-record-font-family - Font (NHS: Frutiger W01, Arial, sans-serif).
 * @cssprop --care-record-font-size - Base font size (1rem).
 * @cssprop --care-record-line-height - Line height (1.5).
 * @cssprop --care-record-space - Spacing unit (8px).
 * @cssprop --care-record-radius - Corner radius (4px).
 * @csspart heading - Each heading.
 * @csspart state - Every state message; also `loading`, `empty`, `error`, `signed-out`, `session-ended`, `access-denied`, `no-patient`, `partial`.
 * @csspart button - Every button; also `retry-button`, `sign-in-button`, `load-more-button`.
 * @fires care-record-error - A load failed for a reason other than sign-in or access (detail: `{ error, source }`).
 */
export class CareRecordElement extends LitElement {
  static override styles: CSSResultGroup = [tokenStyles, hostStyles];

  /** The signed-in session, from the provider. */
  @consume({ context: authContext, subscribe: true })
  @property({ attribute: false })
  auth?: CareRecordAuth;

  /** The provider's FHIR client. */
  @consume({ context: clientContext, subscribe: true })
  @property({ attribute: false })
  client?: FhirClient;

  /** The person whose record is shown. Widgets load data only when its `status` is 'ready'. */
  @consume({ context: patientContext, subscribe: true })
  @property({ attribute: false })
  patientState: PatientState = idlePatientState;

  /** Locale, time zone and string overrides. */
  @consume({ context: settingsContext, subscribe: true })
  @property({ attribute: false })
  settings: CareRecordSettings = defaultSettings;

  /**
   * Level of the widget's main heading (1–6, default 2): widgets sit in the host page's outline.
   * Sub-headings are one level lower.
   */
  @property({ attribute: 'heading-level', type: Number })
  headingLevel: number = 2;

  /**
   * Patient banner placement (for widgets that show one): 'host' when the host page already shows
   * the person's banner, 'compact' for a one-line banner. Widgets decide what they do with it.
   */
  @property({ attribute: 'patient-banner' })
  patientBanner?: 'host' | 'compact';

  // ES private names: subclasses are free to use any `_name` of their own.
  #stringsSource?: Partial<Strings>;
  #strings: Strings = mergeStrings(undefined);

  constructor() {
    super();
    new AuthChangeController(this);
  }

  /** The id of the current patient once the provider has confirmed who they are, else undefined. */
  get patientId(): string | undefined {
    return this.patientState.status === 'ready' ? this.patientState.patientId : undefined;
  }

  /** The current Patient resource, once known. */
  get patient(): Patient | undefined {
    return this.patientState.status === 'ready' ? this.patientState.patient : undefined;
  }

  /** The English (UK) strings with the host's overrides. */
  get strings(): Strings {
    const source = this.settings?.strings;
    if (source !== this.#stringsSource) {
      this.#stringsSource = source;
      this.#strings = mergeStrings(source);
    }
    return this.#strings;
  }

  /** The main heading level, clamped to 1–6. */
  get effectiveHeadingLevel(): HeadingLevel {
    return clampHeadingLevel(this.headingLevel);
  }

  /** True when the session lets us read (signed in, renewing) or there is no session (open server). */
  get canRead(): boolean {
    return canReadRecord(this.auth);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Unknown values fall back to defaults instead of leaving the widget half-configured.
    if (changed.has('settings') && !this.settings) this.settings = defaultSettings;
    if (changed.has('patientState') && !this.patientState) this.patientState = idlePatientState;
  }

  /**
   * A heading at the widget's level plus `offset` (0 for the main heading, 1 for sub-headings),
   * clamped to 1–6.
   */
  protected renderHeading(content: unknown, options: HeadingOptions & { offset?: number } = {}): TemplateResult {
    const { offset = 0, ...rest } = options;
    return renderHeading(clampHeadingLevel(this.effectiveHeadingLevel + offset), content, rest);
  }

  protected renderLoading(label?: string): TemplateResult {
    return renderLoading(this.strings, label);
  }

  /** Nothing to show, e.g. `this.renderEmpty('No allergies recorded')`; defaults to "Nothing recorded". */
  protected renderEmpty(message: string = this.strings.nothingRecorded): TemplateResult {
    return renderEmpty(message);
  }

  /** A failure with the server's message and a Retry button calling `retry`. */
  protected renderError(error: unknown, retry?: () => void): TemplateResult {
    return renderError(this.strings, error, retry);
  }

  protected renderSignedOut(): TemplateResult {
    return renderSignedOut(this.strings, this.auth ? this.signIn : undefined);
  }

  protected renderSessionEnded(): TemplateResult {
    return renderSessionEnded(this.strings, this.auth ? this.signIn : undefined);
  }

  protected renderAccessDenied(): TemplateResult {
    return renderAccessDenied(this.strings);
  }

  protected renderNoPatient(message?: string): TemplateResult {
    return renderNoPatient(this.strings, message);
  }

  /** "Showing 50 of 212" and Load more. */
  protected renderPartial(options: PartialOptions): TemplateResult {
    return renderPartial(this.strings, options);
  }

  /** "From Royal Free Hospital · recorded 12-Mar-2024 (3 days ago)", in the provider's locale and time zone. */
  protected sourceLine(organisation: string | undefined, date: string | undefined): string {
    return sourceLine(this.strings, organisation, date, {
      locale: this.settings.locale,
      timeZone: this.settings.timeZone,
    });
  }

  /** Tells the host about an error: fires `care-record-error` from this element. */
  dispatchError(error: Error, source: string = this.localName): void {
    this.dispatchEvent(new CareRecordErrorEvent({ error, source }));
  }

  /** Starts sign-in; a failure is reported as `care-record-error` (sign-in shows its own state). */
  protected readonly signIn = (): void => {
    this.auth?.signIn().catch((error: unknown) => {
      this.dispatchError(error instanceof Error ? error : new Error(String(error)));
    });
  };
}
