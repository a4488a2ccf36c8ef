import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { AuditEvent } from '@care-record/fhir';
import type { SessionUser } from '@care-record/auth';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import { AuditDeliveryError } from '../../packages/elements/src/governance/audit-delivery.js';
import type { CareRecordErrorEvent } from '../../packages/elements/src/events.js';
import { BASE, MARGARET, collectViews, fhirServer, giveReason, shown, text } from './governance-helpers.js';
import type { GovTestAllergies } from './governance-helpers.js';

const server = fhirServer();

const NURSE: SessionUser = {
  subject: 'u-123',
  name: 'Jane Doe',
  role: 'Registered Nurse',
  organisation: 'Willow Court Care Home',
  fhirUser: 'Practitioner/pr-1',
};

interface ReceivedAudit {
  url: string;
  body: AuditEvent;
  authorization: string | null;
}

/** An audit endpoint that keeps what it receives; `status` answers with an error instead. */
function auditEndpoint(url: string, received: ReceivedAudit[], status = 201) {
  return http.post(url, async ({ request }) => {
    received.push({ url: request.url, body: (await request.json()) as AuditEvent, authorization: request.headers.get('Authorization') });
    return status === 201 ? HttpResponse.json({}, { status }) : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status });
  });
}

function collectErrors() {
  const events: CareRecordErrorEvent[] = [];
  const record = (event: CareRecordErrorEvent) => events.push(event);
  document.addEventListener('care-record-error', record);
  return { events, stop: () => document.removeEventListener('care-record-error', record) };
}

async function mount(options: { endpoint?: string; reason?: boolean } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${MARGARET.id}
      audit-endpoint=${options.endpoint ?? ''}
      audit-source="Sunrise Care System"
      ?require-access-reason=${options.reason ?? false}
      .user=${NURSE}
      .auditRetry=${{ maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }}
      .tokenProvider=${() => 'token-1'}
    >
      <gov-test-allergies></gov-test-allergies>
    </care-record-provider>
  `);
  return { provider, widget: provider.querySelector('gov-test-allergies') as GovTestAllergies };
}

function decodeBase64(value: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(value), (char) => char.charCodeAt(0)));
}

describe('governance: audit', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  it('fires care-record-viewed for the patient and for each section: who, what, when, outcome and the requests behind it', async () => {
    const views = collectViews();
    const started = new Date().toISOString();
    const { provider, widget } = await mount();
    await shown(widget, 'Allergy to peanuts');
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();

    const patientRead = server.seen.find((request) => request.url.pathname === `/R4/Patient/${MARGARET.id}`)!;
    const allergySearch = server.seen.find((request) => request.url.pathname === '/R4/AllergyIntolerance')!;

    const [patientView] = views.section('patient');
    expect(patientView!.target).to.equal(provider);
    expect(patientView!.detail).to.deep.include({
      patientId: MARGARET.id,
      section: 'patient',
      resourceTypes: ['Patient'],
      count: 1,
      references: [`Patient/${MARGARET.id}`],
      outcome: 'success',
      interaction: 'read',
      source: 'care-record-provider',
    });
    expect(patientView!.detail.requestIds).to.deep.equal([patientRead.requestId]);

    const [allergyView] = views.section('allergies');
    expect(allergyView!.target).to.equal(widget);
    expect(allergyView!.bubbles && allergyView!.composed).to.equal(true);
    const detail = allergyView!.detail;
    expect(detail).to.deep.include({ patientId: MARGARET.id, section: 'allergies', outcome: 'success', interaction: 'search-type', source: 'gov-test-allergies' });
    expect(detail.resourceTypes).to.deep.equal(['AllergyIntolerance']);
    expect(detail.count).to.equal(widget.shadowRoot!.querySelectorAll('li').length);
    expect(detail.count).to.be.greaterThan(0);
    expect(detail.references).to.have.length(detail.count!);
    expect(detail.references.every((reference) => reference.startsWith('AllergyIntolerance/'))).to.equal(true);
    expect(detail.user).to.deep.equal(NURSE);
    expect(detail.requestIds).to.deep.equal([allergySearch.requestId]);
    expect(detail.requestUrls[0]).to.equal(allergySearch.url.href);
    expect(detail.recorded >= started && detail.recorded <= new Date().toISOString()).to.equal(true);
    expect(detail.purposeOfUse).to.equal(undefined);
  });

  it('POSTs every view to a FHIR audit endpoint as an IHE BALP AuditEvent, with the session token', async () => {
    const received: ReceivedAudit[] = [];
    server.worker.use(auditEndpoint(`${BASE}/AuditEvent`, received));
    const { provider, widget } = await mount({ endpoint: BASE, reason: true });
    await giveReason(provider, 'care');
    await shown(widget, 'Codeine');
    await waitUntil(() => received.length === 2, `${received.length} audit records received`);
    await provider.auditSettled;

    const search = received.find((audit) => audit.body.subtype?.[0]?.code === 'search-type')!;
    const allergySearch = server.seen.find((request) => request.url.pathname === '/R4/AllergyIntolerance')!;
    expect(search.authorization).to.equal('Bearer token-1');
    const event = search.body;
    expect(event.meta?.profile).to.deep.equal(['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery']);
    expect(event.type).to.deep.equal({ system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' });
    expect(event.subtype).to.deep.equal([{ system: 'http://hl7.org/fhir/restful-interaction', code: 'search-type', display: 'search-type' }]);
    expect(event.action).to.equal('E');
    expect(event.outcome).to.equal('0');
    expect(Number.isNaN(Date.parse(event.recorded))).to.equal(false);

    const [user, organisation, client, fhirServerAgent] = event.agent;
    expect(user).to.deep.equal({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
      who: { reference: 'Practitioner/pr-1', identifier: { value: 'u-123' }, display: 'Jane Doe' },
      name: 'Jane Doe',
      requestor: true,
      role: [{ text: 'Registered Nurse' }],
      purposeOfUse: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }], text: "I am involved in this resident's care" },
      ],
    });
    expect(organisation).to.deep.equal({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'PROV', display: 'healthcare provider' }] },
      who: { display: 'Willow Court Care Home' },
      requestor: false,
    });
    expect(client!.type!.coding![0]!.code).to.equal('110153');
    expect(client!.who).to.deep.equal({ display: 'Sunrise Care System' });
    expect(fhirServerAgent!.type!.coding![0]!.code).to.equal('110152');
    expect(fhirServerAgent!.network).to.deep.equal({ address: BASE, type: '5' });
    expect(event.source.observer).to.deep.equal({ display: 'Sunrise Care System' });

    const entities = event.entity!;
    expect(entities.find((entity) => entity.role?.code === '1')).to.deep.equal({
      what: { reference: `Patient/${MARGARET.id}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
    expect(entities.find((entity) => entity.type?.code === 'XrequestId')).to.deep.equal({
      what: { identifier: { value: allergySearch.requestId! } },
      type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId' },
    });
    const query = entities.find((entity) => entity.role?.code === '24')!;
    expect(query.type!.code).to.equal('2');
    expect(decodeBase64(query.query!)).to.equal(allergySearch.url.href);

    const read = received.find((audit) => audit.body.subtype?.[0]?.code === 'read')!.body;
    expect(read.meta?.profile).to.deep.equal(['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead']);
    expect(read.action).to.equal('R');
    expect(read.entity!.find((entity) => entity.role?.code === '4')!.what).to.deep.equal({ reference: `Patient/${MARGARET.id}` });
  });

  it('sends to an audit endpoint on another origin without the FHIR token', async () => {
    const received: ReceivedAudit[] = [];
    server.worker.use(auditEndpoint('https://audit.example.test/api/AuditEvent', received));
    const { widget } = await mount({ endpoint: 'https://audit.example.test/api/AuditEvent' });
    await shown(widget, 'Codeine');
    await waitUntil(() => received.length === 2, `${received.length} audit records received`);
    expect(received.map((audit) => audit.authorization)).to.deep.equal([null, null]);
    expect(received.every((audit) => audit.body.resourceType === 'AuditEvent')).to.equal(true);
  });

  it('retries a failing audit endpoint, then reports and keeps the records; the record is still shown', async () => {
    const received: ReceivedAudit[] = [];
    server.worker.use(auditEndpoint(`${BASE}/AuditEvent`, received, 503));
    const errors = collectErrors();
    const { provider, widget } = await mount({ endpoint: BASE });
    await shown(widget, 'Codeine');
    await waitUntil(() => errors.events.filter((event) => event.detail.error instanceof AuditDeliveryError).length === 2, 'audit failures not reported', { timeout: 5000 });
    errors.stop();

    expect(text(widget)).to.include('Allergy to penicillin');
    expect(received).to.have.length(6, 'three attempts for each of the two views');
    const failure = errors.events[0]!.detail.error as AuditDeliveryError;
    expect(failure.code).to.equal('audit-delivery-failed');
    expect(failure.attempts).to.equal(3);
    expect(failure.endpoint).to.equal(`${BASE}/AuditEvent`);
    expect(failure.auditEvent.resourceType).to.equal('AuditEvent');
    expect(failure.message).to.include('could not be sent to the audit service after 3 attempts');
    expect(provider.undeliveredAuditEvents).to.have.length(2);

    // Nothing is dropped: once the endpoint works again, the kept records go.
    server.worker.use(auditEndpoint(`${BASE}/AuditEvent`, received));
    provider.retryAuditDelivery();
    await provider.auditSettled;
    expect(received).to.have.length(8);
    expect(provider.undeliveredAuditEvents).to.have.length(0);
    await expect(provider).to.be.accessible();
  });

  it('audits a section that failed to load, with outcome 8 (server) or 4 (refused)', async () => {
    server.worker.use(
      http.get(`${BASE}/AllergyIntolerance`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] }, { status: 500 }),
      ),
    );
    const views = collectViews();
    const { widget } = await mount();
    await waitUntil(() => views.section('allergies').length, 'failed view never reported');
    const failed = views.section('allergies')[0]!.detail;
    expect(failed.outcome).to.equal('failure');
    expect(failed.error).to.deep.include({ status: 500, code: 'http-error' });
    expect(failed.auditEvent.outcome).to.equal('8');
    expect(failed.auditEvent.meta).to.equal(undefined);
    expect(failed.requestIds).to.have.length(1);
    expect(text(widget)).to.include('Try again');

    server.worker.use(http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 403 })));
    await widget.allergies.run();
    await waitUntil(() => views.section('allergies').length === 2, 'refused view never reported');
    views.stop();
    expect(views.section('allergies')[1]!.detail.auditEvent.outcome).to.equal('4');
  });

  it('names the user from the JWT bearer token when the host gives no user', async () => {
    const claims = { sub: 'jwt-user-7', name: 'Sam Carer', fhirUser: 'Practitioner/pr-7' };
    const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const token = `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
    const views = collectViews();
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .tokenProvider=${() => token}>
        <gov-test-allergies></gov-test-allergies>
      </care-record-provider>
    `);
    await shown(provider.querySelector('gov-test-allergies')!, 'Codeine');
    await waitUntil(() => views.section('allergies').length, 'allergies view never reported');
    views.stop();
    expect(views.section('allergies')[0]!.detail.user).to.deep.equal({ subject: 'jwt-user-7', name: 'Sam Carer', fhirUser: 'Practitioner/pr-7' });
  });
});
