import { expect } from '@open-wc/testing';
import type { Bundle, Composition, Encounter, FhirResource, MedicationRequest, Observation } from '@care-record/fhir';
import { createFhirHandlers, fetchBundle, indexResources, loadBundle } from '@care-record/mocks';
import { BASE, getJson, idsOf, startWorker } from './helpers.js';

const FIXTURES = '/__shared/fixtures/fhir';

const transaction: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: { resourceType: 'Patient', name: [{ family: 'Moore' }] }, request: { method: 'POST', url: 'Patient' } },
    {
      fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
        participant: [{ individual: { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999965859' } }],
      },
      request: { method: 'POST', url: 'Encounter' },
    },
    {
      fullUrl: 'urn:uuid:33333333-3333-4333-8333-333333333333',
      resource: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        contained: [{ resourceType: 'Medication', id: 'med', code: { text: 'Amoxicillin 500mg capsules' } }],
        medicationReference: { reference: '#med' },
        subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
      },
      request: { method: 'POST', url: 'MedicationRequest' },
    },
    { resource: { resourceType: 'Practitioner', id: 'npi-5859', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9999965859' }] }, request: { method: 'PUT', url: 'Practitioner/npi-5859' } },
    { request: { method: 'DELETE', url: 'Observation/old' } },
  ],
};

describe('@care-record/mocks bundle loading', () => {
  const { worker } = startWorker();

  describe('loadBundle and indexResources', () => {
    it('gives urn:uuid entries their uuid as id and rewrites references to Type/id', () => {
      const resources = loadBundle(transaction);
      const encounter = resources.find((r): r is Encounter => r.resourceType === 'Encounter')!;
      expect(encounter.id).to.equal('22222222-2222-4222-8222-222222222222');
      expect(encounter.subject!.reference).to.equal('Patient/11111111-1111-4111-8111-111111111111');
      expect(transaction.entry![1]!.resource!.id, 'the input is left alone').to.equal(undefined);
    });

    it('resolves conditional references and keeps contained resources contained', () => {
      const [encounter, request] = ['Encounter', 'MedicationRequest'].map((type) => loadBundle(transaction).find((r) => r.resourceType === type)!) as [Encounter, MedicationRequest];
      expect(encounter.participant![0]!.individual!.reference).to.equal('Practitioner/npi-5859');
      expect(request.medicationReference!.reference).to.equal('#med');
      expect(request.contained).to.have.length(1);
      const index = indexResources([transaction]);
      expect(index.ofType('Medication')).to.be.empty;
      expect(index.isDeleted('Observation', 'old')).to.equal(true);
    });

    it('reads JSON text, single resources and nested bundles', () => {
      const nested: Bundle = { resourceType: 'Bundle', type: 'batch-response', entry: [{ resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Patient', id: 'in-search' } }] } }] };
      const index = indexResources([JSON.stringify(nested), { resourceType: 'Organization', id: 'org' }]);
      expect(index.get('Patient', 'in-search')).to.not.equal(undefined);
      expect(index.get('Organization', 'org')).to.not.equal(undefined);
      expect(() => loadBundle('{not json')).to.throw(TypeError);
    });
  });

  describe('Synthea patient bundles', () => {
    it('answers Encounter?patient=<id> with every encounter of a Synthea transaction bundle', async () => {
      const bundle = await fetchBundle(`${FIXTURES}/synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json`);
      const encounters = bundle.entry!.filter((entry) => entry.resource?.resourceType === 'Encounter').length;
      const patientId = bundle.entry!.find((entry) => entry.resource?.resourceType === 'Patient')!.resource!.id!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));

      const { body } = await getJson(`Encounter?patient=${patientId}&_count=10`);
      expect(encounters).to.be.greaterThan(10);
      expect(body.total).to.equal(encounters);

      // Following next links collects them all.
      let seen = idsOf(body).length;
      let next = body.link?.find((link) => link.relation === 'next')?.url;
      while (next) {
        const page = (await getJson(next)).body;
        seen += idsOf(page).length;
        next = page.link?.find((link) => link.relation === 'next')?.url;
      }
      expect(seen).to.equal(encounters);
    });

    it('resolves a newer Synthea bundle\'s report results and serves its documents', async () => {
      const bundle = await fetchBundle(`${FIXTURES}/synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json`);
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const documents = await getJson('DocumentReference?patient=988f3282-6014-affe-fb17-b051fe0380ee&_summary=count');
      expect(documents.body.total).to.equal(62);
      const reports = await getJson('DiagnosticReport?patient=Patient/988f3282-6014-affe-fb17-b051fe0380ee&_include=DiagnosticReport:result&_count=5&_sort=-date');
      const included = reports.body.entry!.filter((entry) => entry.search?.mode === 'include');
      const resultRefs = reports.body.entry!.filter((entry) => entry.search?.mode === 'match').flatMap((entry) => (entry.resource as { result?: unknown[] }).result ?? []);
      expect(included.length).to.equal(resultRefs.length);
    });
  });

  describe('HL7 document bundle', () => {
    it('serves the discharge summary document of the FHIR specification by patient and as $document', async () => {
      const bundle = await fetchBundle(`${FIXTURES}/hl7-r4/document-example-dischargesummary.json`);
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const { body } = await getJson('Composition?patient=d1');
      expect(idsOf(body)).to.deep.equal(['180f219f-97a8-486d-99d9-ed631fe4fc57']);
      const composition = body.entry![0]!.resource as Composition;
      // The absolute reference to the author's server became a reference on this server.
      expect(composition.subject!.reference).to.equal('Patient/d1');

      const document = (await getJson<Bundle>('Composition/180f219f-97a8-486d-99d9-ed631fe4fc57/$document')).body;
      const types = document.entry!.map((entry) => entry.resource!.resourceType);
      expect(types[0]).to.equal('Composition');
      expect(types).to.include.members(['Patient', 'Encounter', 'Practitioner', 'Observation', 'MedicationRequest', 'MedicationStatement', 'AllergyIntolerance']);
    });
  });

  it('fetchBundle rejects a file that is not there', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE }));
    let failure: unknown;
    try {
      await fetchBundle(`${BASE}/Bundle/nope`);
    } catch (e) {
      failure = e;
    }
    expect((failure as Error).message).to.include('404');
  });

  it('loads every shared fixture bundle without error', async () => {
    const files = [
      'hl7-r4/bundle-transaction.json',
      'hl7-r4/bundle-response.json',
      'hl7-r4/bundle-search-warning.json',
      'hl7-r4/diagnosticreport-example-lipids.json',
      'nhs-other/eps-dispense-notification-acute-01.json',
      'nhs-other/scr-GetScrBundle.json',
      'nhs-other/vh-FHIRDocument-EMIS-IM1-e119d231-def6-43a7-af40-56d7754977bd.json',
      'uk-core/UKCore-Bundle-AllergyList-Example.json',
    ];
    for (const file of files) {
      const resources: FhirResource[] = loadBundle(await fetchBundle(`${FIXTURES}/${file}`));
      expect(resources.length, file).to.be.greaterThan(0);
      expect(resources.every((resource) => typeof resource.id === 'string'), file).to.equal(true);
    }
    const lipids = indexResources([await fetchBundle(`${FIXTURES}/hl7-r4/diagnosticreport-example-lipids.json`)]);
    expect(lipids.ofType<Observation>('Observation').length).to.equal(4);
  });
});
