import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import { IdentityMismatchError } from '../../packages/elements/src/governance/identity-check.js';
import type { CareRecordErrorEvent } from '../../packages/elements/src/events.js';
import { BASE, MARGARET, MARGARET_SHOWN, collectViews, deepText, fhirServer, shown, text } from './governance-helpers.js';
import type { GovTestAllergies } from './governance-helpers.js';

const server = fhirServer();

async function mount(options: { birthDate?: string; familyName?: string; banner?: 'host'; widgetBanner?: 'host' } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${MARGARET.id}
      birth-date=${options.birthDate ?? ''}
      family-name=${options.familyName ?? ''}
      patient-banner=${options.banner ?? ''}
      .tokenProvider=${() => 'token-1'}
    >
      <gov-test-allergies patient-banner=${options.widgetBanner ?? ''}></gov-test-allergies>
    </care-record-provider>
  `);
  return { provider, widget: provider.querySelector('gov-test-allergies') as GovTestAllergies };
}

function identityLine(widget: GovTestAllergies): Element | null {
  return widget.shadowRoot!.querySelector('[part~="identity-line"]');
}

describe('governance: right person', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  it("shows nothing of a record whose date of birth is not the resident's, and says why", async () => {
    const errors: CareRecordErrorEvent[] = [];
    const onError = (event: CareRecordErrorEvent) => errors.push(event);
    document.addEventListener('care-record-error', onError);
    const views = collectViews();
    const { provider, widget } = await mount({ birthDate: '1938-05-03' });
    await waitUntil(() => provider.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    document.removeEventListener('care-record-error', onError);
    views.stop();

    expect(text(provider.shadowRoot!.querySelector('[role="alert"]'))).to.equal(
      "The record found does not match this resident's date of birth, so it is not shown. Check the resident's details.",
    );
    await shown(widget, "This person's record cannot be shown.");
    expect(deepText(provider)).not.to.match(MARGARET_SHOWN);
    expect(server.paths()).to.deep.equal([`GET /R4/Patient/${MARGARET.id}`]);
    const error = errors.map((event) => event.detail.error).find((item) => item instanceof IdentityMismatchError) as IdentityMismatchError;
    expect(error.mismatches).to.deep.equal(['birthDate']);
    expect(error.message).not.to.include('1938');
    // The look-up itself is audited, as a failure.
    expect(views.section('patient')[0]!.detail).to.deep.include({ outcome: 'failure', patientId: MARGARET.id });
    expect(views.section('patient')[0]!.detail.auditEvent.outcome).to.equal('4');
    await expect(provider).to.be.accessible();
  });

  it('says so when the family name differs too', async () => {
    const { provider } = await mount({ birthDate: '1940-01-01', familyName: 'Whitley' });
    await waitUntil(() => provider.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    expect(text(provider)).to.include("does not match this resident's date of birth and family name");
  });

  it('opens the record when the date of birth and family name agree (case and accents aside)', async () => {
    const { provider, widget } = await mount({ birthDate: MARGARET.birthDate, familyName: ' whitfíeld ' });
    await shown(widget, 'Allergy to penicillin');
    expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('refuses a date of birth that is not a date', async () => {
    const { provider, widget } = await mount({ birthDate: '02/05/1938' });
    await waitUntil(() => provider.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    expect(text(provider)).to.include('“02/05/1938” is not a date of birth in the form YYYY-MM-DD.');
    expect(text(widget)).not.to.include('penicillin');
  });

  it('shows whose record it is above a widget used on its own', async () => {
    const { provider, widget } = await mount();
    await shown(widget, 'Allergy to penicillin');
    const line = identityLine(widget);
    expect(text(line)).to.match(/^WHITFIELD, Margaret Rose \(Mrs\) · Born 02-May-1938 \(\d+y\) · NHS No\. 999 120 4563$/);
    // Above the data.
    expect(line!.compareDocumentPosition(widget.shadowRoot!.querySelector('ul')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    await expect(provider).to.be.accessible();
  });

  for (const [where, options] of [
    ['on the widget', { widgetBanner: 'host' }],
    ['on the provider', { banner: 'host' }],
  ] as const) {
    it(`leaves the identity line out when the host shows its own banner (patient-banner="host" ${where})`, async () => {
      const { provider, widget } = await mount(options);
      await shown(widget, 'Allergy to penicillin');
      expect(identityLine(widget)).to.equal(null);
      expect(widget.hostShowsBanner).to.equal(true);
      await expect(provider).to.be.accessible();
    });
  }
});
