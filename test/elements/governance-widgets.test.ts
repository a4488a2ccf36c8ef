import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import type { CareRecordDocumentViewer, CareRecordSummary, MedicationList } from '../../packages/elements/src/index.js';
import { CareRecordElement } from '../../packages/elements/src/base/care-record-element.js';
import '../../packages/elements/src/care-record-summary.js';
import '../../packages/elements/src/document-viewer.js';
import '../../packages/elements/src/medication-list.js';
import { BASE, MARGARET, collectViews, fhirServer, shown, text } from './governance-helpers.js';

const server = fhirServer();
const ALL_SCOPES = ['openid', 'fhirUser', 'patient/*.read'];
const IDENTITY = 'WHITFIELD, Margaret Rose (Mrs)';

/** A widget that shows a document's files with the viewer inside its own shadow root, as the document widgets do. */
class GovTestDocumentHost extends CareRecordElement {
  override render() {
    return litHtml`${this.renderIdentityLine()}<care-record-document-viewer .attachments=${[{ contentType: 'text/plain', data: btoa('Seen by the GP.') }]}></care-record-document-viewer>`;
  }
}
if (!customElements.get('gov-test-document-host')) customElements.define('gov-test-document-host', GovTestDocumentHost);

async function mountMedication(grantedScopes: readonly string[] | undefined, banner?: 'host'): Promise<{ provider: CareRecordProvider; list: MedicationList }> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${MARGARET.id}
      patient-banner=${ifDefined(banner)}
      .grantedScopes=${grantedScopes}
      .tokenProvider=${() => 'token-1'}
    >
      <medication-list></medication-list>
    </care-record-provider>
  `);
  return { provider, list: provider.querySelector('medication-list')! };
}

/** Searches the server saw, as resource types (`MedicationRequest`, …). */
function searchedTypes(): string[] {
  return server.paths().map((path) => path.replace(/^GET \/R4\//, '').split('/')[0]!);
}

function identityLine(element: Element | null): Element | null {
  return element?.shadowRoot?.querySelector('[part~="identity-line"]') ?? null;
}

describe('governance: medication, summary and document widgets', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  describe('<medication-list>', () => {
    it('says whose record it is above the medicines, and tells the audit trail what it showed', async () => {
      const views = collectViews();
      try {
        const { provider, list } = await mountMedication(ALL_SCOPES);
        await shown(list, 'Current medication');
        expect(text(identityLine(list))).to.include(IDENTITY);
        await waitUntil(() => views.section('medications').length > 0, 'no view reported');
        const [view] = views.section('medications');
        expect(view!.detail.resourceTypes).to.include.members(['MedicationRequest', 'MedicationStatement', 'MedicationDispense']);
        expect(view!.detail.count).to.be.greaterThan(0);
        await expect(provider).to.be.accessible();
      } finally {
        views.stop();
      }
    });

    it('without a MedicationRequest scope says prescriptions are not permitted, asks for none, and still shows dispensing', async () => {
      const { provider, list } = await mountMedication(['openid', 'patient/Patient.read', 'patient/MedicationStatement.rs', 'patient/MedicationDispense.rs']);
      await shown(list, "You don't have permission to see prescriptions");
      await list['_medication'].task.taskComplete.catch(() => undefined);
      await list.updateComplete;
      expect(searchedTypes()).not.to.include('MedicationRequest');
      expect(searchedTypes()).to.include.members(['MedicationStatement', 'MedicationDispense']);
      expect(list.shadowRoot!.querySelector('[role="alert"]')).to.equal(null, 'not shown as a failure');
      expect(text(list)).not.to.include('No medication recorded');
      expect(list.shadowRoot!.querySelectorAll('[part~="item"]').length).to.be.greaterThan(0);
      await expect(provider).to.be.accessible();
    });

    it('without any medication scope shows only the permission message and asks for no medicines', async () => {
      const { list } = await mountMedication(['openid', 'patient/Patient.read', 'patient/AllergyIntolerance.rs']);
      await shown(list, "You don't have permission to see medicines");
      await list['_medication'].task.taskComplete.catch(() => undefined);
      expect(searchedTypes().filter((type) => type.startsWith('Medication'))).to.deep.equal([]);
    });

    it('leaves out its identity line when the provider says the host shows the banner', async () => {
      const { list } = await mountMedication(ALL_SCOPES, 'host');
      await shown(list, 'Current medication');
      expect(list.hostShowsBanner).to.equal(true);
      expect(identityLine(list)).to.equal(null);
      expect(text(list)).not.to.include(IDENTITY);
    });
  });

  describe('<care-record-summary>', () => {
    it('leaves out its identity line when the provider says the host shows the banner', async () => {
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} patient-banner="host" .tokenProvider=${() => 'token-1'}>
          <care-record-summary sections="allergies"></care-record-summary>
        </care-record-provider>
      `);
      const summary = provider.querySelector('care-record-summary') as CareRecordSummary;
      await shown(summary, 'Allergy to penicillin');
      expect(summary.hostShowsBanner).to.equal(true);
      expect(identityLine(summary)).to.equal(null);
      expect(text(summary)).not.to.include(IDENTITY);
    });

    it('shows its identity line when the host does not show a banner', async () => {
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .tokenProvider=${() => 'token-1'}>
          <care-record-summary sections="allergies"></care-record-summary>
        </care-record-provider>
      `);
      const summary = provider.querySelector('care-record-summary') as CareRecordSummary;
      await shown(summary, 'Allergy to penicillin');
      expect(text(identityLine(summary))).to.include(IDENTITY);
    });
  });

  describe('<care-record-document-viewer>', () => {
    it('on its own says whose record the files belong to', async () => {
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .tokenProvider=${() => 'token-1'}>
          <care-record-document-viewer .attachments=${[{ contentType: 'text/plain', data: btoa('Seen by the GP.') }]}></care-record-document-viewer>
        </care-record-provider>
      `);
      const viewer = provider.querySelector('care-record-document-viewer') as CareRecordDocumentViewer;
      await shown(viewer, IDENTITY);
      expect(text(viewer)).to.include('Seen by the GP.');
      await expect(provider).to.be.accessible();
    });

    it('inside another widget leaves the identity line to that widget', async () => {
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .tokenProvider=${() => 'token-1'}>
          <gov-test-document-host></gov-test-document-host>
        </care-record-provider>
      `);
      const host = provider.querySelector('gov-test-document-host') as GovTestDocumentHost;
      await shown(host, IDENTITY);
      const viewer = host.shadowRoot!.querySelector('care-record-document-viewer') as CareRecordDocumentViewer;
      await shown(viewer, 'Seen by the GP.');
      expect(identityLine(viewer)).to.equal(null);
      expect(text(viewer)).not.to.include(IDENTITY);
    });
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'gov-test-document-host': GovTestDocumentHost;
  }
}
