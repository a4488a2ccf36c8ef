import { expect } from '@open-wc/testing';
import type { Bundle, FhirResource, OperationOutcome } from '@care-record/fhir';
import { createFhirHandlers } from '@care-record/mocks';
import { BASE, getJson, startWorker } from './helpers.js';

const resources: FhirResource[] = [
  { resourceType: 'Organization', id: 'gp', name: 'Riverside Surgery' },
  { resourceType: 'Patient', id: 'p1', meta: { versionId: '3', lastUpdated: '2026-11-01T10:00:00Z' }, generalPractitioner: [{ reference: 'Organization/gp' }] },
  { resourceType: 'Practitioner', id: 'dr', name: [{ family: 'Okoro', given: ['Ada'] }] },
  { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'IMP' }, subject: { reference: 'Patient/p1' } },
  { resourceType: 'Medication', id: 'm1', code: { text: 'Paracetamol 500mg tablets' } },
  { resourceType: 'MedicationRequest', id: 'mr1', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, medicationReference: { reference: 'Medication/m1' } },
  { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' } },
  {
    resourceType: 'Composition',
    id: 'c1',
    status: 'final',
    type: { text: 'Discharge summary' },
    subject: { reference: 'Patient/p1' },
    encounter: { reference: 'Encounter/e1' },
    date: '2026-11-02T09:00:00Z',
    author: [{ reference: 'Practitioner/dr' }],
    title: 'Discharge summary',
    section: [
      { title: 'Medications on discharge', entry: [{ reference: 'MedicationRequest/mr1' }] },
      { title: 'Allergies', section: [{ title: 'Drug allergies', entry: [{ reference: 'AllergyIntolerance/a1' }, { reference: 'AllergyIntolerance/missing' }] }] },
    ],
  },
];

describe('@care-record/mocks read, $document and tokens', () => {
  const { worker } = startWorker();

  describe('read', () => {
    beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: `${BASE}/`, resources, deleted: ['Patient/gone'] })));

    it('reads a resource by type and id, with its version as ETag', async () => {
      const { status, body, response } = await getJson<FhirResource>('Patient/p1');
      expect(status).to.equal(200);
      expect(body.id).to.equal('p1');
      expect(response.headers.get('ETag')).to.equal('W/"3"');
    });

    it('answers 404 with an OperationOutcome for an id it does not hold', async () => {
      const { status, body } = await getJson<OperationOutcome>('Patient/nobody');
      expect(status).to.equal(404);
      expect(body.resourceType).to.equal('OperationOutcome');
      expect(body.issue[0]!.code).to.equal('not-found');
    });

    it('answers 410 Gone for a deleted resource', async () => {
      const { status, body } = await getJson<OperationOutcome>('Patient/gone');
      expect(status).to.equal(410);
      expect(body.issue[0]!.code).to.equal('deleted');
    });

    it('answers 404 for an unknown resource type', async () => {
      const { status, body } = await getJson<OperationOutcome>('Gizmo/1');
      expect(status).to.equal(404);
      expect(body.issue[0]!.diagnostics).to.include('Gizmo');
    });

    it('reads a version and publishes a CapabilityStatement', async () => {
      expect((await getJson('Patient/p1/_history/3')).status).to.equal(200);
      expect((await getJson('Patient/p1/_history/2')).status).to.equal(404);
      const { body } = await getJson<{ resourceType: string; fhirVersion: string }>('metadata');
      expect(body.resourceType).to.equal('CapabilityStatement');
      expect(body.fhirVersion).to.equal('4.0.1');
    });

    it('creates a posted resource (such as an AuditEvent) and can read it back', async () => {
      const response = await fetch(`${BASE}/AuditEvent`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'AuditEvent', recorded: '2026-11-24T10:00:00Z', type: { code: 'rest' }, agent: [], source: { observer: {} } }),
      });
      expect(response.status).to.equal(201);
      const location = response.headers.get('Location')!;
      const id = /AuditEvent\/([^/]+)\//.exec(location)![1]!;
      expect((await getJson<FhirResource>(`AuditEvent/${id}`)).body.resourceType).to.equal('AuditEvent');
    });
  });

  describe('Composition $document', () => {
    beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, resources })));

    it('returns a document Bundle with the Composition first and everything it references', async () => {
      const { status, body } = await getJson<Bundle>('Composition/c1/$document');
      expect(status).to.equal(200);
      expect(body.type).to.equal('document');
      const keys = body.entry!.map((entry) => `${entry.resource!.resourceType}/${entry.resource!.id}`);
      expect(keys[0]).to.equal('Composition/c1');
      expect(keys).to.include.members(['Patient/p1', 'Encounter/e1', 'Practitioner/dr', 'MedicationRequest/mr1', 'AllergyIntolerance/a1']);
      // One level further: the medication of the request, the patient's GP practice.
      expect(keys).to.include.members(['Medication/m1', 'Organization/gp']);
      expect(new Set(keys).size).to.equal(keys.length);
      expect(body.entry![0]!.fullUrl).to.equal(`${BASE}/Composition/c1`);
    });

    it('answers 404 for a Composition it does not hold', async () => {
      expect((await getJson('Composition/nope/$document')).status).to.equal(404);
    });
  });

  describe('requireToken', () => {
    it('answers 401 with WWW-Authenticate: Bearer and an OperationOutcome (login) without a token', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources, requireToken: true }));
      const { status, body, response } = await getJson<OperationOutcome>('Patient/p1');
      expect(status).to.equal(401);
      expect(response.headers.get('WWW-Authenticate')).to.match(/^Bearer/);
      expect(body.issue[0]!.code).to.equal('login');
      const withToken = await getJson('Patient/p1', { headers: { Authorization: 'Bearer anything' } });
      expect(withToken.status).to.equal(200);
    });

    it('asks a validator, which may be async, and rejects tokens it refuses', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources, requireToken: async (token) => token === 'good' }));
      const bad = await getJson<OperationOutcome>('Patient/p1', { headers: { Authorization: 'Bearer bad' } });
      expect(bad.status).to.equal(401);
      expect(bad.response.headers.get('WWW-Authenticate')).to.include('invalid_token');
      const good = await getJson('Patient/p1', { headers: { Authorization: 'Bearer good' } });
      expect(good.status).to.equal(200);
    });

    it('leaves the CapabilityStatement open', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources, requireToken: true }));
      expect((await getJson('metadata')).status).to.equal(200);
    });
  });
});
