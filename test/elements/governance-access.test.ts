import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import { BASE, EVELYN, EVELYN_SHOWN, MARGARET, MARGARET_SHOWN, collectViews, deepText, fhirServer, giveReason, shown, text } from './governance-helpers.js';
import type { GovTestAllergies } from './governance-helpers.js';

const server = fhirServer();

async function mount(patientId: string, attributes: { requireReason?: boolean; restrictedAccess?: 'host' } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${patientId}
      ?require-access-reason=${attributes.requireReason ?? false}
      restricted-access=${attributes.restrictedAccess ?? 'break-glass'}
      .tokenProvider=${() => 'token-1'}
    >
      <gov-test-allergies></gov-test-allergies>
    </care-record-provider>
  `);
  return { provider, widget: provider.querySelector('gov-test-allergies') as GovTestAllergies };
}

function prompt(provider: CareRecordProvider): HTMLElement | null {
  return provider.shadowRoot!.querySelector('[part~="access-prompt"]');
}

describe('governance: access reason and break glass', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  it('asks why before opening the record, and asks the server for nothing else until answered', async () => {
    const { provider, widget } = await mount(MARGARET.id, { requireReason: true });
    await waitUntil(() => prompt(provider), 'no access form');
    await shown(widget, 'Give your reason for opening this record to see it.');

    expect(text(provider)).to.include('Why are you opening this record?');
    expect(provider.patientState).to.deep.include({ status: 'idle', hold: 'access-reason' });
    expect(widget.patientId).to.equal(undefined);
    await widget.allergies.task.taskComplete.catch(() => undefined);
    expect(deepText(provider)).not.to.match(MARGARET_SHOWN);
    expect(server.paths()).to.deep.equal([`GET /R4/Patient/${MARGARET.id}`]);
    // Keyboard users start at the question.
    expect(provider.shadowRoot!.activeElement?.id).to.equal('access-heading');
    await expect(provider).to.be.accessible();

    const views = collectViews();
    await giveReason(provider, 'care');
    await shown(widget, 'Allergy to penicillin');
    views.stop();
    expect(text(provider)).to.include("You opened this record because: I am involved in this resident's care");
    expect(server.paths()).to.include(`GET /R4/AllergyIntolerance`);
    const allergies = views.section('allergies')[0]!.detail;
    expect(allergies.purposeOfUse).to.deep.include({ kind: 'care', text: "I am involved in this resident's care", breakGlass: false });
    const user = allergies.auditEvent.agent.find((agent) => agent.requestor);
    expect(user).to.equal(undefined, 'no user is known for this token, so no user agent');
    await expect(provider).to.be.accessible();
  });

  it('puts the reason in every view it audits, as purposeOfUse', async () => {
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider
        fhir-base-url=${BASE}
        patient-id=${MARGARET.id}
        require-access-reason
        .user=${{ subject: 'u-1', name: 'Jane Doe' }}
        .tokenProvider=${() => 'token-1'}
      >
        <gov-test-allergies></gov-test-allergies>
      </care-record-provider>
    `);
    const views = collectViews();
    await giveReason(provider, 'care');
    await shown(provider.querySelector('gov-test-allergies')!, 'Codeine');
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();
    for (const event of views.events) {
      const user = event.detail.auditEvent.agent.find((agent) => agent.requestor)!;
      expect(user.purposeOfUse, event.detail.section).to.deep.equal([
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }], text: "I am involved in this resident's care" },
      ]);
    }
    expect(views.events.map((event) => event.detail.section).sort()).to.deep.equal(['allergies', 'patient']);
  });

  it('needs a choice, and the person\'s own words for "Another reason"', async () => {
    const { provider, widget } = await mount(MARGARET.id, { requireReason: true });
    const root = provider.shadowRoot!;
    await waitUntil(() => root.querySelector('form'), 'no access form');

    root.querySelector<HTMLButtonElement>('[part~="access-submit-button"]')!.click();
    await waitUntil(() => root.querySelector('#reason-choice-error'), 'no error for a missing choice');
    expect(text(root.querySelector('#reason-choice-error'))).to.equal('Error: Choose a reason for opening this record');
    expect(root.activeElement?.id).to.equal('reason-care');
    await expect(provider).to.be.accessible();

    await giveReason(provider, 'other', '   ');
    await waitUntil(() => root.querySelector('#reason-text-error'), 'no error for missing words');
    expect(root.activeElement?.id).to.equal('reason-text');
    expect(root.querySelector('#reason-text')!.getAttribute('aria-describedby')).to.include('reason-text-error');
    expect(widget.patientId).to.equal(undefined);
    await expect(provider).to.be.accessible();

    const views = collectViews();
    await giveReason(provider, 'other', 'Checking medicines for a hospital transfer');
    await shown(widget, 'Latex allergy');
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();
    expect(views.section('allergies')[0]!.detail.purposeOfUse).to.deep.include({ kind: 'other', text: 'Checking medicines for a hospital transfer' });
    expect(text(provider)).to.include('You opened this record because: Checking medicines for a hospital transfer');
    expect(root.activeElement?.getAttribute('part')).to.equal('access-note');
  });

  it('asks once per resident in a session, and again after sign-out', async () => {
    const { provider, widget } = await mount(MARGARET.id, { requireReason: true });
    await giveReason(provider, 'care');
    await shown(widget, 'Codeine');

    provider.patientId = 'arthur-pemberton';
    await waitUntil(() => prompt(provider), 'not asked for another resident');
    provider.patientId = MARGARET.id;
    await shown(widget, 'Codeine', 'asked again for a resident already opened');
    expect(prompt(provider)).to.equal(null);

    await provider.auth!.signOut();
    await provider.auth!.signIn();
    await waitUntil(() => prompt(provider), 'the reason outlived the session');
  });

  it('holds a restricted record behind break glass, says so prominently, and asks for nothing else', async () => {
    const { provider, widget } = await mount(EVELYN.id);
    await waitUntil(() => prompt(provider), 'no break-glass form');
    const form = prompt(provider)!;
    expect(form.getAttribute('part')).to.equal('access-prompt restricted');
    expect(text(form.querySelector('#access-heading'))).to.equal('🔒 This record is restricted');
    expect(text(form)).to.include('Open it only if you need it for their care now');
    expect(text(widget)).to.include('This record is restricted');
    expect(deepText(provider)).not.to.match(EVELYN_SHOWN);
    expect(server.paths()).to.deep.equal([`GET /R4/Patient/${EVELYN.id}`]);
    await expect(provider).to.be.accessible();

    // A reason alone is not enough: the confirmation is explicit.
    await giveReason(provider, 'care');
    await waitUntil(() => provider.shadowRoot!.querySelector('#confirm-error'), 'opened without the confirmation');
    expect(provider.shadowRoot!.activeElement?.id).to.equal('break-glass-confirm');
    expect(server.paths()).to.deep.equal([`GET /R4/Patient/${EVELYN.id}`]);
    await expect(provider).to.be.accessible();

    const views = collectViews();
    await giveReason(provider, 'other', 'Emergency: resident unwell overnight', true);
    await shown(widget, EVELYN.allergy);
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();
    const note = provider.shadowRoot!.querySelector('[part~="access-note"]')!;
    expect(note.getAttribute('part')).to.equal('access-note break-glass');
    expect(text(note)).to.include('Restricted record opened with emergency access. Your reason: Emergency: resident unwell overnight');
    const detail = views.section('allergies')[0]!.detail;
    expect(detail.purposeOfUse).to.deep.include({ kind: 'other', breakGlass: true });
    await expect(provider).to.be.accessible();
  });

  it('records break glass as BTG in the audit', async () => {
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${EVELYN.id} .user=${{ subject: 'u-2' }} .tokenProvider=${() => 'token-1'}>
        <gov-test-allergies></gov-test-allergies>
      </care-record-provider>
    `);
    const views = collectViews();
    await giveReason(provider, 'care', '', true);
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();
    const user = views.section('allergies')[0]!.detail.auditEvent.agent.find((agent) => agent.requestor)!;
    expect(user.purposeOfUse![0]!.coding!.map((coding) => coding.code)).to.deep.equal(['TREAT', 'BTG']);
  });

  it('leaves break glass to a host that declares its own (restricted-access="host")', async () => {
    const { provider, widget } = await mount(EVELYN.id, { restrictedAccess: 'host' });
    await shown(widget, EVELYN.allergy);
    expect(prompt(provider)).to.equal(null);
  });
});
