import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import { http, HttpResponse } from 'msw';
import type { SessionUser } from '@care-record/auth';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordViewedEvent } from '@care-record/elements';
import { STORY_FHIR_BASE_URL, residentHandlers, residentId } from './support/record.js';
import '@care-record/elements/allergy-list.js';
import '@care-record/elements/problem-list.js';
import '@care-record/elements/patient-banner.js';

/*
 * Information governance around the widgets: why a record is opened (access reason, break glass for
 * restricted records), the audit of every view (care-record-viewed and the BALP AuditEvent sent to
 * the audit endpoint), SMART scopes, the identity check and session hygiene.
 */

const NURSE: SessionUser = { subject: 'u-123', name: 'Jane Doe', role: 'Registered Nurse', organisation: 'Willow Court Care Home', fhirUser: 'Practitioner/pr-1' };

/** What a host's audit trail would receive: each care-record-viewed event, and audit delivery failures. */
class GovernanceStoryLog extends LitElement {
  private _lines: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('care-record-viewed', this._onViewed);
    document.addEventListener('care-record-error', this._onError);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('care-record-viewed', this._onViewed);
    document.removeEventListener('care-record-error', this._onError);
  }

  private readonly _onViewed = (event: CareRecordViewedEvent): void => {
    const { section, outcome, count, purposeOfUse, requestIds, user } = event.detail;
    this._add(
      `viewed ${section}: ${outcome}${count !== undefined ? `, ${count} shown` : ''}; by ${user?.name ?? 'unknown user'}; reason: ${purposeOfUse?.text ?? 'none asked'}${purposeOfUse?.breakGlass ? ' (break glass)' : ''}; X-Request-Id ${requestIds.join(', ') || 'none'}`,
    );
  };

  private readonly _onError = (event: CareRecordErrorEvent): void => {
    this._add(`care-record-error from ${event.detail.source}: ${event.detail.error.name}: ${event.detail.error.message}`);
  };

  private _add(line: string): void {
    this._lines = [...this._lines, line];
    this.requestUpdate();
  }

  override render(): TemplateResult {
    return html`<h2 style="font-size: 1rem">What the host's audit trail receives</h2>
      <ol aria-live="polite" style="font-family: monospace; font-size: 0.8rem">
        ${this._lines.map((line) => html`<li>${line}</li>`)}
      </ol>`;
  }
}
if (!customElements.get('governance-story-log')) customElements.define('governance-story-log', GovernanceStoryLog);

interface ProviderOptions {
  patientId?: string;
  requireReason?: boolean;
  auditEndpoint?: string;
  grantedScopes?: readonly string[];
  birthDate?: string;
  patientBanner?: 'host';
  idleTimeout?: number;
}

function record(options: ProviderOptions, content: TemplateResult = html`<allergy-list></allergy-list><problem-list></problem-list>`): TemplateResult {
  return html`<care-record-provider
      fhir-base-url=${STORY_FHIR_BASE_URL}
      patient-id=${options.patientId ?? residentId('Margaret')}
      ?require-access-reason=${options.requireReason ?? false}
      audit-endpoint=${options.auditEndpoint ?? ''}
      audit-source="Storybook care system"
      birth-date=${options.birthDate ?? ''}
      patient-banner=${options.patientBanner ?? ''}
      idle-timeout=${options.idleTimeout ?? ''}
      .grantedScopes=${options.grantedScopes}
      .user=${NURSE}
      .auditRetry=${{ maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 2000 }}
      .tokenProvider=${() => 'storybook-token'}
    >
      ${content}
    </care-record-provider>
    <governance-story-log></governance-story-log>`;
}

const auditAccepted = http.post(`${STORY_FHIR_BASE_URL}/AuditEvent`, () => HttpResponse.json({}, { status: 201 }));
const auditDown = http.post(`${STORY_FHIR_BASE_URL}/AuditEvent`, () =>
  HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'Audit store unavailable' }] }, { status: 503 }),
);

const meta: Meta = {
  title: 'Governance/Access and audit',
  component: 'care-record-provider',
  tags: ['autodocs'],
  parameters: { msw: [auditAccepted, ...residentHandlers()] },
  render: () => record({ requireReason: true }),
};
export default meta;

type Story = StoryObj;

/** `require-access-reason`: the record waits (nothing requested but the Patient) until the person says why. */
export const AccessReason: Story = { render: () => record({ requireReason: true, auditEndpoint: STORY_FHIR_BASE_URL }) };

/** Evelyn Marsh's record is restricted: break glass, with a reason and an explicit confirmation. */
export const BreakGlass: Story = { render: () => record({ patientId: residentId('Evelyn'), auditEndpoint: STORY_FHIR_BASE_URL }) };

/** Each view is audited: the log shows each care-record-viewed event; AuditEvents are POSTed to the FHIR server. */
export const AuditTrail: Story = { render: () => record({ auditEndpoint: STORY_FHIR_BASE_URL }) };

/** The audit endpoint answers 503: retried, then reported as care-record-error; the record is still shown. */
export const AuditEndpointDown: Story = {
  parameters: { msw: [auditDown, ...residentHandlers()] },
  render: () => record({ auditEndpoint: STORY_FHIR_BASE_URL }),
};

/** The token's SMART scopes cover problems but not allergies: the allergy list says so and asks for nothing. */
export const ScopeNotGranted: Story = { render: () => record({ grantedScopes: ['openid', 'patient/Patient.rs', 'patient/Condition.rs', 'patient/Practitioner.rs'] }) };

/** The host's date of birth does not match the record found: nothing of it is shown, and the provider says why. */
export const DateOfBirthMismatch: Story = { render: () => record({ birthDate: '1938-05-03' }) };

/** The date of birth agrees: the record opens. Widgets say whose record it is on their first line. */
export const IdentityLine: Story = { render: () => record({ birthDate: '1938-05-02' }) };

/** The host shows its own banner (`patient-banner="host"`): widgets leave their identity line out. */
export const HostBanner: Story = {
  render: () => record({ patientBanner: 'host' }, html`<patient-banner></patient-banner><allergy-list></allergy-list>`),
};

/** Sign out (or wait 30 seconds without touching anything): every widget empties and shows the signed-out state. */
export const SessionHygiene: Story = {
  render: () => html`<button
      type="button"
      @click=${(event: Event) => {
        const provider = (event.target as HTMLElement).parentElement!.querySelector('care-record-provider') as CareRecordProvider;
        void provider.auth?.signOut();
      }}
    >
      Sign out
    </button>
    ${record({ idleTimeout: 0.5 })}`,
};
