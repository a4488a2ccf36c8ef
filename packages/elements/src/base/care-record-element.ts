import { LitElement, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, ReactiveController, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { CareRecordAuth } from '@care-record/auth';
import { isEnteredInError } from '@care-record/fhir';
import type { FhirClient, FhirResource, Patient } from '@care-record/fhir';
import { authContext } from '../context/auth-context.js';
import { clientContext } from '../context/client-context.js';
import { idlePatientState, patientContext } from '../context/patient-context.js';
import type { PatientState } from '../context/patient-context.js';
import { defaultSettings, settingsContext } from '../context/settings-context.js';
import type { CareRecordSettings } from '../context/settings-context.js';
import { governanceContext } from '../context/governance-context.js';
import type { CareRecordGovernance } from '../context/governance-context.js';
import type { PatientHold } from '../context/patient-context.js';
import { patientIdentityLineStyles, renderPatientIdentityLine } from '../components/patient-identity-line.js';
import { CareRecordErrorEvent, CareRecordViewedEvent } from '../events.js';
import { viewedDetail } from '../governance/audit.js';
import type { ViewReport } from '../governance/audit.js';
import { requestLogFor } from '../governance/request-log.js';
import { scopesAllow } from '../governance/scopes.js';
import type { ScopeInteraction } from '../governance/scopes.js';
import { governanceStrings } from '../governance/strings.js';
import type { GovernanceStrings } from '../governance/strings.js';
import { defaultStrings, overlayStrings } from '../strings.js';
import type { StringOverrides } from '../strings.js';
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
  renderRecordHold,
  renderScopeDenied,
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
 * Governance, shared by every widget: record tasks check the person's SMART scopes before asking
 * (`hasScopeFor`), wait while the provider holds the record back for an access reason or a break-glass
 * confirmation, and report each view for the audit trail (`reportViewed`, fired as `care-record-viewed`).
 * Widgets call `this.renderIdentityLine()` at the top of their content so that, used on their own,
 * they say whose record it is.
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
 * @csspart state - Every state message; also `loading`, `empty`, `error`, `signed-out`, `session-ended`, `access-denied`, `no-patient`, `partial`, `access-reason`, `restricted`, `break-glass`, `scope-denied`.
 * @csspart identity-line - The person's name, date of birth and NHS number above a widget's data (`renderIdentityLine`).
 * @csspart button - Every button; also `retry-button`, `sign-in-button`, `load-more-button`.
 * @fires care-record-error - A load failed for a reason other than sign-in or access (detail: `{ error, source }`).
 * @fires care-record-viewed - The widget showed part of the record, or failed to load it (`CareRecordViewedEvent`; detail: who, what, why, when, outcome, correlation ids and the FHIR AuditEvent).
 */
export class CareRecordElement extends LitElement {
  static override styles: CSSResultGroup = [tokenStyles, hostStyles, patientIdentityLineStyles];

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

  /** The provider's audit service (how views reach the audit trail). */
  @consume({ context: governanceContext, subscribe: true })
  @property({ attribute: false })
  governance?: CareRecordGovernance;

  /**
   * Level of the widget's main heading (1–6, default 2): widgets sit in the host page's outline.
   * Sub-headings are one level lower.
   */
  @property({ attribute: 'heading-level', type: Number })
  headingLevel: number = 2;

  /**
   * 'host' when the host page already shows the person's banner (as SMART's `need_patient_banner:
   * false` says): the widget leaves out its identity line. The provider's `patient-banner="host"`
   * does the same for every widget inside it. 'compact' for a one-line banner where a widget shows one.
   */
  @property({ attribute: 'patient-banner' })
  patientBanner?: 'host' | 'compact';

  /**
   * The tag name (without a vendor prefix) under which a host's `strings` may hold this widget's own
   * wording (`strings['discharge-list']`); see `StringOverrides`.
   */
  static stringsNamespace?: string;

  // ES private names: subclasses are free to use any `_name` of their own.
  #localStrings = new Map<object, { source: StringOverrides | undefined; strings: object }>();

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

  /** The namespaces this widget reads from a host's `strings` (its own tag name). */
  protected get stringNamespaces(): readonly string[] {
    const namespace = (this.constructor as typeof CareRecordElement).stringsNamespace;
    return namespace ? [namespace] : [];
  }

  /** The English (UK) strings with the host's overrides. */
  get strings(): Strings {
    return this.localStrings(defaultStrings);
  }

  /** The governance strings (access reason, restricted records, permissions) with the host's overrides. */
  get governanceStrings(): GovernanceStrings {
    return this.localStrings(governanceStrings);
  }

  /**
   * A widget's own strings (`defaults`) with the host's overrides: top-level keys, then those under
   * each namespace (default: the widget's tag name). Cached until the host's `strings` change.
   */
  protected localStrings<T extends object>(defaults: T, namespaces: readonly string[] = this.stringNamespaces): T {
    const source = this.settings?.strings;
    const cached = this.#localStrings.get(defaults);
    if (cached && cached.source === source) return cached.strings as T;
    const strings = overlayStrings(defaults, source, namespaces);
    this.#localStrings.set(defaults, { source, strings });
    return strings;
  }

  /** What the person must do before the provider opens the record, if anything (see `PatientState.hold`). */
  get recordHold(): PatientHold | undefined {
    return this.patientState.status === 'ready' ? undefined : this.patientState.hold;
  }

  /** True when the host shows the person's banner itself (`patient-banner="host"` here or on the provider). */
  get hostShowsBanner(): boolean {
    return this.patientBanner === 'host' || this.settings?.patientBanner === 'host';
  }

  /**
   * True when the signed-in person's SMART scopes let them search (or read) `resourceType`:
   * `patient/AllergyIntolerance.read`, `patient/*.read`, `user/…`, or the v2 forms (`.rs`, `.cruds`,
   * granular `?category=…`). True when the session does not say which scopes it has (a host's token,
   * cookie mode): the server decides then.
   */
  hasScopeFor(resourceType: string, interaction: ScopeInteraction = 'search'): boolean {
    return scopesAllow(this.auth?.grantedScopes, resourceType, interaction);
  }

  /**
   * Tells the audit trail what this widget showed, after it has rendered it. Record tasks do this on
   * their own (with the resource types and request ids of the run); call it for what they do not
   * cover, e.g. after Load more: `this.reportViewed({ section: 'allergies', count, requestUrls: result.requestUrls })`.
   * Inside a provider, the provider adds the user, the access reason and the correlation ids, fires
   * `care-record-viewed` from this element and sends the AuditEvent to its `audit-endpoint`; without
   * one, the event is fired with what this element knows.
   */
  /**
   * Reports what Load more added, once it is on screen: the new resources of `resourceType` (those
   * entered in error are not shown, so not reported) and the requests that fetched them.
   */
  protected reportLoadedMore(section: string, resourceType: string, added: readonly FhirResource[], requestUrls: readonly string[]): void {
    const shown = added.filter((resource) => !isEnteredInError(resource));
    this.reportViewed({
      section,
      resourceTypes: [resourceType],
      count: shown.length,
      references: shown.filter((resource) => resource.id).map((resource) => `${resourceType}/${resource.id}`),
      requestUrls,
    });
  }

  reportViewed(report: ViewReport): void {
    if (this.governance) {
      this.governance.reportViewed(report, this);
      return;
    }
    const client = this.client;
    const detail = viewedDetail(report, {
      patientId: this.patientId,
      user: this.auth?.user,
      reason: undefined,
      source: this.localName,
      baseUrl: client?.baseUrl,
      requestIdsFor: (urls) => (client ? requestLogFor(client).idsFor(urls) : []),
      observer: location.hostname || location.origin,
    });
    this.dispatchEvent(new CareRecordViewedEvent(detail));
  }

  /** The main heading level, clamped to 1–6. */
  get effectiveHeadingLevel(): HeadingLevel {
    return clampHeadingLevel(this.headingLevel);
  }

  /**
   * Drops what the widget derived from the record. Widgets memoise view models in private fields
   * named `_…Cache` (a convention every widget follows); once the record may no longer be shown
   * (sign-out, idle time-out, a hold) these must go too, or the person's data stays reachable in
   * memory long after the screen was cleared.
   */
  forgetDerivedRecordData(): void {
    const fields = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (/^_\w*Cache$/.test(key)) fields[key] = undefined;
    }
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

  /** A failure with the server's message and a Retry button calling `retry`; `title` in place of the general one. */
  protected renderError(error: unknown, retry?: () => void, title?: string): TemplateResult {
    return renderError(title ? { ...this.strings, errorTitle: title } : this.strings, error, retry);
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

  /**
   * Whose record this is, on one line ("WHITFIELD, Margaret (Mrs) · Born 02-May-1938 (88y) · NHS No. 999 120 4563"),
   * for the top of a widget's content: staff must always be able to see they have the right person.
   * Nothing when the host shows its own banner (`patient-banner="host"`) or before the record is open.
   */
  protected renderIdentityLine(): TemplateResult | typeof nothing {
    if (this.hostShowsBanner || !this.canRead) return nothing;
    return renderPatientIdentityLine(this.patient, this.settings);
  }

  /** The record waits for the person's reason or break-glass confirmation (the provider asks). */
  protected renderRecordHold(hold: PatientHold): TemplateResult {
    return renderRecordHold(this.governanceStrings, hold);
  }

  /** "You don't have permission to see allergies": the SMART scopes granted do not cover the section. */
  protected renderScopeDenied(what: string): TemplateResult {
    return renderScopeDenied(this.governanceStrings, what);
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

  /** Tells the host about an error: fires `care-record-error` from this element (anything thrown becomes an Error). */
  dispatchError(error: unknown, source: string = this.localName): void {
    this.dispatchEvent(new CareRecordErrorEvent({ error: error instanceof Error ? error : new Error(String(error)), source }));
  }

  /** Starts sign-in; a failure is reported as `care-record-error` (sign-in shows its own state). */
  protected readonly signIn = (): void => {
    this.auth?.signIn().catch((error: unknown) => {
      this.dispatchError(error instanceof Error ? error : new Error(String(error)));
    });
  };
}
