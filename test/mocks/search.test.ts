import { expect } from '@open-wc/testing';
import type { Bundle, FhirResource } from '@care-record/fhir';
import { createFhirHandlers } from '@care-record/mocks';
import { BASE, getJson, idsOf, includedOf, matchesOf, outcomeOf, startWorker } from './helpers.js';

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';

const obs = (id: string, patient: string, code: string, effective: unknown, extra: Record<string, unknown> = {}): FhirResource =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: patient },
    code: { coding: [{ system: LOINC, code, display: `Test ${code}` }], text: code === '2823-3' ? 'Serum potassium' : undefined },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    ...(typeof effective === 'string' ? { effectiveDateTime: effective } : { effectivePeriod: effective }),
    ...extra,
  }) as FhirResource;

const resources: FhirResource[] = [
  { resourceType: 'Organization', id: 'gp', identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A99901' }], name: 'Riverside Surgery' },
  {
    resourceType: 'Patient',
    id: 'p1',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
    name: [{ family: 'Whitfield', given: ['Margaret'] }],
    birthDate: '1938-05-02',
    generalPractitioner: [{ reference: 'Organization/gp' }],
  },
  { resourceType: 'Patient', id: 'p2', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000026' }], name: [{ family: 'Pemberton', given: ['Arthur'] }] },
  obs('k1', 'Patient/p1', '2823-3', '2026-01-10T09:00:00Z'),
  obs('k2', 'Patient/p1', '2823-3', '2026-03-15T09:00:00Z'),
  obs('k3', 'https://fhir.test/R4/Patient/p1', '2823-3', '2026-03'),
  obs('g1', 'Patient/p1', '62238-1', '2025-12-01', { identifier: [{ system: 'urn:lab', value: 'LAB-1' }, { value: 'plain-1' }] }),
  obs('g2', 'Patient/p2', '62238-1', { start: '2026-02-01T10:00:00Z', end: '2026-02-01T11:00:00Z' }, { status: 'amended' }),
  obs('x1', 'Patient/p2', 'weird', '2024', { code: { coding: [{ system: 'urn:odd', code: 'a,b|c' }] } }),
  {
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    subject: { reference: 'Patient/p1' },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: SNOMED, code: '26604007', display: 'Full blood count' }] },
    issued: '2026-03-16T10:00:00Z',
    result: [{ reference: 'Observation/k2' }, { reference: 'Observation/k3' }],
  },
  { resourceType: 'Medication', id: 'med1', code: { coding: [{ system: SNOMED, code: '322236009', display: 'Paracetamol 500mg tablets' }] } },
  {
    resourceType: 'MedicationRequest',
    id: 'plan1',
    status: 'active',
    intent: 'plan',
    subject: { reference: 'Patient/p1' },
    medicationReference: { reference: 'Medication/med1' },
    authoredOn: '2025-06-01',
  },
  {
    resourceType: 'MedicationRequest',
    id: 'order1',
    status: 'completed',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationReference: { reference: 'Medication/med1' },
    authoredOn: '2026-02-01',
    basedOn: [{ reference: 'MedicationRequest/plan1' }],
  },
  {
    resourceType: 'Condition',
    id: 'c1',
    subject: { reference: 'Patient/p1' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    code: { coding: [{ system: SNOMED, code: '26929004', display: "Alzheimer's disease" }] },
    onsetDateTime: '2019',
  },
  {
    resourceType: 'Condition',
    id: 'c2',
    subject: { reference: 'Patient/p1' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] },
    code: { coding: [{ system: SNOMED, code: '5913000', display: 'Fracture of neck of femur' }] },
    onsetDateTime: '2024-07-03',
    recordedDate: '2024-07-04',
  },
  {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' },
    subject: { reference: 'Patient/p1' },
    period: { start: '2026-03-14T22:00:00Z', end: '2026-03-15T03:00:00Z' },
    serviceProvider: { reference: 'Organization/gp' },
  },
  {
    resourceType: 'DocumentReference',
    id: 'doc1',
    meta: { lastUpdated: '2026-03-21T08:00:00Z' },
    status: 'current',
    subject: { reference: 'Patient/p1', identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' } },
    type: { coding: [{ system: SNOMED, code: '373942005' }] },
    date: '2026-03-21T08:00:00Z',
    context: { period: { start: '2026-03-14', end: '2026-03-20' } },
    content: [{ attachment: { contentType: 'application/pdf' } }],
  },
  {
    resourceType: 'Composition',
    id: 'd1',
    status: 'final',
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: 'Patient/p1' },
    encounter: { reference: 'Encounter/e1' },
    date: '2026-03-20T12:00:00Z',
    author: [{ reference: 'Organization/gp' }],
    title: 'Discharge summary',
  },
];

describe('@care-record/mocks search', () => {
  const { worker } = startWorker();
  const use = (options: Partial<Parameters<typeof createFhirHandlers>[0]> = {}) =>
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources, ...options }));
  beforeEach(() => use());

  describe('patient and subject', () => {
    it('finds a patient\'s observations by id, by Patient/id and through absolute references', async () => {
      for (const value of ['p1', 'Patient/p1', `${BASE}/Patient/p1`]) {
        const { body } = await getJson(`Observation?patient=${encodeURIComponent(value)}`);
        expect(idsOf(body).sort(), value).to.deep.equal(['g1', 'k1', 'k2', 'k3']);
      }
      const { body } = await getJson('Observation?subject=Patient/p2');
      expect(idsOf(body).sort()).to.deep.equal(['g2', 'x1']);
    });

    it('matches a reference by its identifier with :identifier', async () => {
      const { body } = await getJson('DocumentReference?subject:identifier=https://fhir.nhs.uk/Id/nhs-number|9990000018');
      expect(idsOf(body)).to.deep.equal(['doc1']);
    });

    it('takes a resource type modifier on a reference parameter', async () => {
      const { body } = await getJson('Observation?subject:Patient=p2');
      expect(idsOf(body).sort()).to.deep.equal(['g2', 'x1']);
    });
  });

  describe('token parameters', () => {
    it('matches system|code, code alone and |code (no system)', async () => {
      expect(idsOf((await getJson(`Observation?code=${LOINC}|2823-3`)).body)).to.have.length(3);
      expect(idsOf((await getJson('Observation?code=2823-3')).body)).to.have.length(3);
      expect(idsOf((await getJson('Observation?code=http://other|2823-3')).body)).to.be.empty;
      expect(idsOf((await getJson('Observation?identifier=|plain-1')).body)).to.deep.equal(['g1']);
      expect(idsOf((await getJson('Observation?identifier=|LAB-1')).body)).to.be.empty;
      expect(idsOf((await getJson('Observation?identifier=urn:lab|LAB-1')).body)).to.deep.equal(['g1']);
      expect(idsOf((await getJson('Observation?identifier=LAB-1')).body)).to.deep.equal(['g1']);
    });

    it('finds a patient by NHS number identifier', async () => {
      const { body } = await getJson(`Patient?identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9990000026')}`);
      expect(idsOf(body)).to.deep.equal(['p2']);
    });

    it('treats commas as OR and repeated parameters as AND', async () => {
      const or = await getJson('Observation?code=2823-3,62238-1&patient=p1');
      expect(idsOf(or.body).sort()).to.deep.equal(['g1', 'k1', 'k2', 'k3']);
      const and = await getJson('Observation?code=2823-3&code=62238-1');
      expect(idsOf(and.body)).to.be.empty;
    });

    it('reads escaped commas and bars as part of the value', async () => {
      const { body } = await getJson(`Observation?code=${encodeURIComponent('urn:odd|a\\,b\\|c')}`);
      expect(idsOf(body)).to.deep.equal(['x1']);
    });

    it('searches status, category, clinical-status, verification-status, intent and class', async () => {
      expect(idsOf((await getJson('Observation?status=amended')).body)).to.deep.equal(['g2']);
      expect(idsOf((await getJson('Observation?category=laboratory&patient=p2')).body).sort()).to.deep.equal(['g2', 'x1']);
      expect(idsOf((await getJson('DiagnosticReport?category=http://terminology.hl7.org/CodeSystem/v2-0074|LAB')).body)).to.deep.equal(['r1']);
      expect(idsOf((await getJson('Condition?clinical-status=active')).body)).to.deep.equal(['c1']);
      expect(idsOf((await getJson('Condition?verification-status=confirmed')).body)).to.deep.equal(['c1']);
      expect(idsOf((await getJson('MedicationRequest?intent=plan')).body)).to.deep.equal(['plan1']);
      expect(idsOf((await getJson('Encounter?class=EMER')).body)).to.deep.equal(['e1']);
      expect(idsOf((await getJson(`Composition?type=${SNOMED}|373942005`)).body)).to.deep.equal(['d1']);
      expect(idsOf((await getJson('Composition?encounter=Encounter/e1')).body)).to.deep.equal(['d1']);
    });

    it('supports :not, :text and :missing', async () => {
      expect(idsOf((await getJson('Condition?clinical-status:not=resolved')).body)).to.deep.equal(['c1']);
      expect(idsOf((await getJson('Observation?code:text=serum pot')).body)).to.have.length(3);
      expect(idsOf((await getJson('Condition?recorded-date:missing=true')).body)).to.deep.equal(['c1']);
      expect(idsOf((await getJson('Condition?recorded-date:missing=false')).body)).to.deep.equal(['c2']);
    });

    it('matches _id against a comma-separated list', async () => {
      const { body } = await getJson('Observation?_id=k1,g2,nope');
      expect(idsOf(body).sort()).to.deep.equal(['g2', 'k1']);
    });
  });

  describe('date parameters', () => {
    it('compares with the precision of the value searched for', async () => {
      expect(idsOf((await getJson('Observation?patient=p1&date=2026-03')).body).sort()).to.deep.equal(['k2', 'k3']);
      expect(idsOf((await getJson('Observation?patient=p1&date=2026')).body).sort()).to.deep.equal(['k1', 'k2', 'k3']);
      expect(idsOf((await getJson('Observation?patient=p1&date=eq2026-03-15')).body)).to.deep.equal(['k2']);
    });

    it('understands ge, le, gt and lt prefixes on ranges', async () => {
      expect(idsOf((await getJson('Observation?patient=p1&date=ge2026-03-01')).body).sort()).to.deep.equal(['k2', 'k3']);
      expect(idsOf((await getJson('Observation?patient=p1&date=lt2026-01-01')).body)).to.deep.equal(['g1']);
      expect(idsOf((await getJson('Observation?patient=p1&date=le2026-01-10')).body).sort()).to.deep.equal(['g1', 'k1']);
      // k3 is "March 2026" (a month): part of it lies after the 15th, so it is gt that day.
      expect(idsOf((await getJson('Observation?patient=p1&date=gt2026-03-15')).body)).to.deep.equal(['k3']);
      expect(idsOf((await getJson('Observation?patient=p1&date=ge2026-01-01&date=lt2026-02-01')).body)).to.deep.equal(['k1']);
    });

    it('searches periods and time zones', async () => {
      expect(idsOf((await getJson('Observation?date=2026-02-01')).body)).to.deep.equal(['g2']);
      expect(idsOf((await getJson(`Observation?date=${encodeURIComponent('ge2026-02-01T12:30:00+01:00')}`)).body)).to.deep.equal(['k2', 'k3']);
      expect(idsOf((await getJson('Encounter?date=ge2026-03-15')).body)).to.deep.equal(['e1']);
      expect(idsOf((await getJson('MedicationRequest?authoredon=ge2026')).body)).to.deep.equal(['order1']);
      expect(idsOf((await getJson('Condition?onset-date=le2020')).body)).to.deep.equal(['c1']);
    });

    it('understands sa, eb and ne, and searches periods and last-updated', async () => {
      expect(idsOf((await getJson('Observation?patient=p1&date=sa2026-03-01')).body)).to.deep.equal(['k2']);
      expect(idsOf((await getJson('Observation?patient=p1&date=eb2026-01-01')).body)).to.deep.equal(['g1']);
      expect(idsOf((await getJson('Observation?patient=p1&date=ne2026-03')).body).sort()).to.deep.equal(['g1', 'k1']);
      expect(idsOf((await getJson('DocumentReference?period=2026-03-16')).body)).to.deep.equal([]);
      expect(idsOf((await getJson('DocumentReference?period=ge2026-03-18&period=le2026-03-15')).body)).to.deep.equal(['doc1']);
      expect(idsOf((await getJson('DocumentReference?_lastUpdated=ge2026-03-21')).body)).to.deep.equal(['doc1']);
    });

    it('answers 400 with an OperationOutcome for a date it cannot read', async () => {
      const { status, body } = await getJson<{ resourceType: string; issue: Array<{ code: string }> }>('Observation?date=last-tuesday');
      expect(status).to.equal(400);
      expect(body.resourceType).to.equal('OperationOutcome');
      expect(body.issue[0]!.code).to.equal('invalid');
    });
  });

  describe('string parameters', () => {
    it('matches the start of names, ignoring case, and :exact', async () => {
      expect(idsOf((await getJson('Patient?name=whit')).body)).to.deep.equal(['p1']);
      expect(idsOf((await getJson('Patient?family:exact=whitfield')).body)).to.be.empty;
      expect(idsOf((await getJson('Patient?family:exact=Whitfield')).body)).to.deep.equal(['p1']);
      expect(idsOf((await getJson('Patient?given:contains=rga')).body)).to.deep.equal(['p1']);
    });
  });

  describe('sorting', () => {
    it('sorts by the type\'s own date element, newest first with -date', async () => {
      const { body } = await getJson('Observation?patient=p1&_sort=-date');
      // k3 is March 2026 as a month: it starts on the 1st, before k2's 15 March.
      expect(idsOf(body)).to.deep.equal(['k2', 'k3', 'k1', 'g1']);
      const asc = await getJson('Observation?patient=p1&_sort=date');
      expect(idsOf(asc.body)).to.deep.equal(['g1', 'k1', 'k3', 'k2']);
    });

    it('sorts by several keys and by authoredon', async () => {
      const { body } = await getJson('Observation?_sort=code,-date');
      expect(idsOf(body)).to.deep.equal(['k2', 'k3', 'k1', 'g2', 'g1', 'x1']);
      const meds = await getJson('MedicationRequest?_sort=-authoredon');
      expect(idsOf(meds.body)).to.deep.equal(['order1', 'plan1']);
    });

    it('sorts conditions by recorded date, else onset', async () => {
      const { body } = await getJson('Condition?_sort=-date');
      expect(idsOf(body)).to.deep.equal(['c2', 'c1']);
    });
  });

  describe('paging', () => {
    it('pages with _count, gives the total and follows opaque next links on the base URL', async () => {
      const first = await getJson('Observation?patient=p1&_sort=date&_count=3');
      expect(first.body.total).to.equal(4);
      expect(idsOf(first.body)).to.deep.equal(['g1', 'k1', 'k3']);
      const next = first.body.link?.find((link) => link.relation === 'next')?.url;
      expect(next).to.be.a('string');
      expect(next!.startsWith(`${BASE}/Observation?`)).to.equal(true);
      expect(next).not.to.include('patient=');
      const second = await getJson(next!);
      expect(idsOf(second.body)).to.deep.equal(['k2']);
      expect(second.body.total).to.equal(4);
      expect(second.body.link?.some((link) => link.relation === 'next')).to.equal(false);
      expect(second.body.link?.find((link) => link.relation === 'previous')?.url).to.be.a('string');
    });

    it('uses a default page size when no _count is given', async () => {
      worker.resetHandlers();
      use({ pageSize: 2 });
      const { body } = await getJson('Observation');
      expect(matchesOf(body)).to.have.length(2);
      expect(body.total).to.equal(6);
      expect(body.link?.some((link) => link.relation === 'next')).to.equal(true);
    });

    it('answers _summary=count with the total and no entries', async () => {
      const { body } = await getJson('Observation?patient=p1&_summary=count');
      expect(body.total).to.equal(4);
      expect(body.entry).to.equal(undefined);
    });

    it('leaves the total out with _total=none, and gives only the total with _count=0', async () => {
      const none = await getJson('Observation?patient=p1&_total=none');
      expect(none.body.total).to.equal(undefined);
      expect(matchesOf(none.body)).to.have.length(4);
      const zero = await getJson('Observation?patient=p1&_count=0');
      expect(zero.body.total).to.equal(4);
      expect(zero.body.entry).to.equal(undefined);
    });

    it('rejects an altered page link with 400', async () => {
      const { status } = await getJson('Observation?_getpages=not-a-token');
      expect(status).to.equal(400);
    });
  });

  describe('POST _search', () => {
    it('reads the parameters from a form body', async () => {
      const { body } = await getJson('Observation/_search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ patient: 'p1', code: '2823-3', _sort: '-date', _count: '2' }),
      });
      expect(idsOf(body)).to.deep.equal(['k2', 'k3']);
      expect(body.total).to.equal(3);
      const next = body.link?.find((link) => link.relation === 'next')?.url;
      expect(idsOf((await getJson(next!)).body)).to.deep.equal(['k1']);
    });
  });

  describe('_include and _revinclude', () => {
    it('includes DiagnosticReport:result observations with search.mode include', async () => {
      const { body } = await getJson('DiagnosticReport?patient=p1&_include=DiagnosticReport:result');
      expect(idsOf(body)).to.deep.equal(['r1']);
      expect(includedOf(body).sort()).to.deep.equal(['Observation/k2', 'Observation/k3']);
    });

    it('includes MedicationRequest:medication once, Patient:general-practitioner and Composition:subject', async () => {
      const meds = await getJson('MedicationRequest?patient=p1&_include=MedicationRequest:medication');
      expect(includedOf(meds.body)).to.deep.equal(['Medication/med1']);
      const patient = await getJson('Patient?identifier=9990000018&_include=Patient:general-practitioner');
      expect(includedOf(patient.body)).to.deep.equal(['Organization/gp']);
      const docs = await getJson('Composition?patient=p1&_include=Composition:subject');
      expect(includedOf(docs.body)).to.deep.equal(['Patient/p1']);
    });

    it('includes every reference with Encounter:* and honours a target type', async () => {
      const all = await getJson('Encounter?_id=e1&_include=Encounter:*');
      expect(includedOf(all.body).sort()).to.deep.equal(['Organization/gp', 'Patient/p1']);
      const typed = await getJson('Composition?_id=d1&_include=Composition:author:Organization&_include=Composition:encounter');
      expect(includedOf(typed.body).sort()).to.deep.equal(['Encounter/e1', 'Organization/gp']);
    });

    it('reverse-includes the issues based on an authorisation, and iterates', async () => {
      const { body } = await getJson('MedicationRequest?intent=plan&_revinclude=MedicationRequest:based-on&_include:iterate=MedicationRequest:medication');
      expect(idsOf(body)).to.deep.equal(['plan1']);
      expect(includedOf(body).sort()).to.deep.equal(['Medication/med1', 'MedicationRequest/order1']);
    });

    it('walks the resource for an element named like an unlisted parameter', async () => {
      const { body } = await getJson('Encounter?_id=e1&_include=Encounter:service-provider&_include=Encounter:nonexistent-thing');
      expect(includedOf(body)).to.deep.equal(['Organization/gp']);
    });
  });

  describe('unknown parameters and types', () => {
    it('ignores an unknown parameter and says so in an outcome entry', async () => {
      const { status, body } = await getJson('Observation?patient=p2&frobnicate=yes');
      expect(status).to.equal(200);
      expect(idsOf(body).sort()).to.deep.equal(['g2', 'x1']);
      const outcome = outcomeOf(body);
      expect(outcome?.issue[0]?.severity).to.equal('warning');
      expect(outcome?.issue[0]?.diagnostics).to.include('frobnicate');
    });

    it('answers an unknown resource type with 404 and an OperationOutcome', async () => {
      const { status, body } = await getJson<{ resourceType: string }>('Frobnicator?patient=p1');
      expect(status).to.equal(404);
      expect(body.resourceType).to.equal('OperationOutcome');
    });

    it('answers a known type without data with an empty searchset', async () => {
      const { status, body } = await getJson<Bundle>('Immunization?patient=p1');
      expect(status).to.equal(200);
      expect(body.type).to.equal('searchset');
      expect(body.total).to.equal(0);
      expect(body.entry).to.equal(undefined);
    });

    it('serves FHIR JSON with absolute fullUrls', async () => {
      const { response, body } = await getJson('Patient?_id=p1');
      expect(response.headers.get('Content-Type')).to.include('application/fhir+json');
      expect(body.entry?.[0]?.fullUrl).to.equal(`${BASE}/Patient/p1`);
    });
  });
});
