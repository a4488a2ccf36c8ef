import { expect } from '@open-wc/testing';
import type {
  AllergyIntolerance,
  Bundle,
  CarePlan,
  Composition,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  FhirResource,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Organization,
  Patient,
} from '@care-record/fhir';
import { allResidentResources, createFhirHandlers, generateLargeResident, indexResources, parseReference, residents } from '@care-record/mocks';
import { BASE, getJson, idsOf, includedOf, matchesOf, startWorker } from './helpers.js';

/** Modulus 11, as the NHS number check digit is defined: weights 10..2, 11 − (sum mod 11), 11 → 0, 10 → invalid. */
function nhsCheckDigit(firstNine: string): number | undefined {
  const sum = [...firstNine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

const SNOMED = 'http://snomed.info/sct';
const ofType = <T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] =>
  (bundle.entry ?? []).map((entry) => entry.resource!).filter((resource): resource is T => resource.resourceType === type);
const all = <T extends FhirResource>(type: T['resourceType']): T[] => allResidentResources().filter((resource): resource is T => resource.resourceType === type);
const code = (concept: { coding?: Array<{ code?: string }> } | undefined) => concept?.coding?.[0]?.code;

function decodeBase64(data: string): string {
  return atob(data);
}

describe('@care-record/mocks residents', () => {
  const { worker } = startWorker();
  beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) })));

  it('ships at least four residents with valid NHS numbers that match their Patient', () => {
    expect(residents.length).to.be.at.least(4);
    for (const { id, nhsNumber, bundle } of residents) {
      expect(nhsNumber, id).to.match(/^\d{10}$/);
      expect(nhsCheckDigit(nhsNumber.slice(0, 9)), `${id} check digit`).to.equal(Number(nhsNumber[9]));
      const patient = ofType<Patient>(bundle, 'Patient').find((p) => p.id === id)!;
      expect(patient.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value).to.equal(nhsNumber);
    }
    expect(new Set(residents.map((r) => r.nhsNumber)).size).to.equal(residents.length);
    const large = generateLargeResident({ observations: 10, documents: 2 });
    expect(nhsCheckDigit(large.nhsNumber.slice(0, 9))).to.equal(Number(large.nhsNumber[9]));
  });

  it('registers each resident with a GP practice that has an ODS code, and an address in England', async () => {
    for (const { id, nhsNumber } of residents) {
      const { body } = await getJson(`Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}&_include=Patient:general-practitioner`);
      expect(idsOf(body), id).to.deep.equal([id]);
      const practice = body.entry!.map((e) => e.resource!).find((r): r is Organization => r.resourceType === 'Organization');
      expect(practice?.identifier?.[0]?.system, id).to.equal('https://fhir.nhs.uk/Id/ods-organization-code');
      expect((matchesOf(body)[0] as Patient).address?.[0]?.country).to.equal('England');
    }
  });

  it('has no dangling references: every literal reference resolves within the residents', () => {
    const index = indexResources(residents.map((r) => r.bundle));
    const dangling: string[] = [];
    const walk = (value: unknown, from: string): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, from));
      else if (value && typeof value === 'object') {
        const reference = (value as { reference?: unknown }).reference;
        if (typeof reference === 'string' && !reference.startsWith('#') && !index.resolve(reference)) dangling.push(`${from} → ${reference}`);
        Object.values(value).forEach((v) => walk(v, from));
      }
    };
    for (const resource of index.all()) walk(resource, `${resource.resourceType}/${resource.id}`);
    expect(dangling).to.deep.equal([]);
    expect(parseReference('Patient/margaret-whitfield')?.id).to.equal('margaret-whitfield');
  });

  describe('allergies', () => {
    it('has a list with a high-criticality allergy, an unconfirmed one and an entered-in-error one', async () => {
      const { body } = await getJson('AllergyIntolerance?patient=margaret-whitfield');
      const allergies = matchesOf(body) as AllergyIntolerance[];
      expect(allergies.some((a) => a.criticality === 'high' && code(a.verificationStatus) === 'confirmed')).to.equal(true);
      expect(allergies.some((a) => a.criticality === 'low')).to.equal(true);
      expect(allergies.some((a) => code(a.verificationStatus) === 'unconfirmed')).to.equal(true);
      const error = allergies.find((a) => code(a.verificationStatus) === 'entered-in-error');
      expect(error?.clinicalStatus).to.equal(undefined);
    });

    it('records "No known allergy" (716186003) positively for one resident and nothing at all for another', async () => {
      const nka = await getJson(`AllergyIntolerance?patient=arthur-pemberton&code=${SNOMED}|716186003`);
      expect(idsOf(nka.body)).to.have.length(1);
      const nothing = await getJson('AllergyIntolerance?patient=doris-okafor');
      expect(nothing.body.total).to.equal(0);
    });
  });

  describe('problems', () => {
    it('has active, inactive and resolved problems, and a significant event decades ago', async () => {
      const { body } = await getJson('Condition?patient=margaret-whitfield&_sort=date');
      const conditions = matchesOf(body) as Condition[];
      const statuses = new Set(conditions.map((c) => code(c.clinicalStatus)));
      expect([...statuses]).to.include.members(['active', 'inactive', 'resolved']);
      const trauma = conditions.find((c) => (c.onsetDateTime ?? '9999') < '1960')!;
      expect(trauma.note?.[0]?.text).to.include('1944');
      expect(code(trauma.clinicalStatus)).to.equal('inactive');
    });
  });

  describe('medicines', () => {
    it('covers every MedicationRequest status, plans with issues based on them, and acute and repeat courses', () => {
      const requests = all<MedicationRequest>('MedicationRequest');
      expect([...new Set(requests.map((r) => r.status))]).to.include.members(['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft']);
      const plans = requests.filter((r) => r.intent === 'plan');
      const issues = requests.filter((r) => r.intent === 'order' && r.basedOn?.length);
      expect(plans.length).to.be.greaterThan(3);
      expect(issues.every((issue) => plans.some((plan) => issue.basedOn![0]!.reference === `MedicationRequest/${plan.id}`))).to.equal(true);
      const courses = new Set(requests.map((r) => code(r.courseOfTherapyType)));
      expect([...courses]).to.include.members(['acute', 'continuous']);
      expect(requests.some((r) => r.medicationCodeableConcept?.coding?.[0]?.system === SNOMED)).to.equal(true);
    });

    it('carries the EPS business status 0001 to 0007 and dispense records', () => {
      const statuses = new Set(
        all<MedicationRequest>('MedicationRequest').flatMap((r) =>
          (r.extension ?? []).filter((e) => e.url === 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus').map((e) => e.valueCoding!.code),
        ),
      );
      expect([...statuses].sort()).to.deep.equal(['0001', '0002', '0003', '0004', '0005', '0006', '0007']);
      const dispenses = all<MedicationDispense>('MedicationDispense');
      expect(dispenses.length).to.be.greaterThan(3);
      expect(dispenses.every((d) => d.authorizingPrescription?.length === 1)).to.equal(true);
    });

    it('answers the medication widget\'s query with included Medication resources', async () => {
      const { body } = await getJson('MedicationRequest?patient=margaret-whitfield&_include=MedicationRequest:medication&_sort=-authoredon');
      expect(includedOf(body)).to.deep.equal(['Medication/med-paracetamol-500mg-tablets']);
      const dates = (matchesOf(body) as MedicationRequest[]).map((r) => r.authoredOn!);
      expect([...dates].sort().reverse()).to.deep.equal(dates);
    });
  });

  describe('results', () => {
    it('flags results H, L, HH and LL with reference ranges', () => {
      const observations = all<Observation>('Observation');
      const flags = new Set(observations.map((o) => code(o.interpretation?.[0])));
      expect([...flags]).to.include.members(['H', 'L', 'HH', 'LL']);
      expect(observations.every((o) => o.referenceRange?.length)).to.equal(true);
    });

    it('holds trends for eGFR, potassium and HbA1c', async () => {
      for (const loinc of ['62238-1', '2823-3', '59261-8']) {
        const { body } = await getJson(`Observation?patient=arthur-pemberton&code=http://loinc.org|${loinc}&_sort=-date`);
        expect(body.total, loinc).to.be.at.least(4);
      }
    });

    it('answers the results widget\'s lab query with reports and their results', async () => {
      const { body } = await getJson(
        'DiagnosticReport?patient=arthur-pemberton&category=http://terminology.hl7.org/CodeSystem/v2-0074|LAB&_include=DiagnosticReport:result&_sort=-date&_count=5',
      );
      const reports = matchesOf(body) as DiagnosticReport[];
      expect(reports).to.have.length(5);
      expect(includedOf(body).length).to.equal(reports.flatMap((r) => r.result ?? []).length);
      expect(body.link?.some((l) => l.relation === 'next')).to.equal(true);
    });

    it('has an imaging report with a conclusion and a valid PDF', async () => {
      const { body } = await getJson('DiagnosticReport?patient=margaret-whitfield&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD');
      const imaging = matchesOf(body)[0] as DiagnosticReport;
      expect(imaging.conclusion).to.include('pneumonia');
      const pdf = imaging.presentedForm![0]!;
      expect(pdf.contentType).to.equal('application/pdf');
      expectValidPdf(decodeBase64(pdf.data!));
      expect(pdf.size).to.equal(decodeBase64(pdf.data!).length);
    });
  });

  describe('encounters', () => {
    it('has an inpatient admission with a discharge disposition, an ED attendance and an ambulance attendance', async () => {
      const { body } = await getJson('Encounter?patient=margaret-whitfield&_sort=-date');
      const encounters = matchesOf(body) as Encounter[];
      const inpatient = encounters.find((e) => e.class.code === 'IMP')!;
      expect(code(inpatient.hospitalization?.dischargeDisposition)).to.be.a('string');
      expect(encounters.some((e) => e.class.code === 'EMER')).to.equal(true);
      expect(encounters.some((e) => e.serviceType?.text === 'Emergency medical services' || code(e.serviceType) === '409971007')).to.equal(true);
    });
  });

  describe('care plans', () => {
    it('has care plans with goals and activities, active and completed', async () => {
      const { body } = await getJson('CarePlan?patient=margaret-whitfield&_sort=-date&_include=CarePlan:goal');
      const plans = matchesOf(body) as CarePlan[];
      expect(plans.map((p) => p.status)).to.include.members(['active', 'completed']);
      expect(plans.every((p) => (p.activity?.length ?? 0) > 0)).to.equal(true);
      expect(includedOf(body).filter((key) => key.startsWith('Goal/')).length).to.be.at.least(3);
    });
  });

  describe('discharge summaries and documents', () => {
    it('has discharge summaries final, preliminary, amended and entered-in-error', async () => {
      const { body } = await getJson(`Composition?type=${SNOMED}|373942005&_sort=-date&_count=100`);
      const statuses = (matchesOf(body) as Composition[]).map((c) => c.status);
      expect(statuses).to.include.members(['final', 'preliminary', 'amended', 'entered-in-error']);
      const amended = (matchesOf(body) as Composition[]).find((c) => c.status === 'amended')!;
      expect(amended.relatesTo?.[0]?.code).to.equal('replaces');
    });

    it('has an emergency department summary in the Accident and Emergency care setting', () => {
      const edSummaries = all<Composition>('Composition').filter((c) =>
        c.extension?.some((e) => e.url === 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType' && code(e.valueCodeableConcept) === '310000008'),
      );
      expect(edSummaries.length).to.be.at.least(1);
    });

    it('serves the discharge summary as a document with its medicines, allergies and diagnoses', async () => {
      const { body } = await getJson<Bundle>('Composition/comp-mw-discharge-2026-11-04/$document');
      const composition = body.entry![0]!.resource as Composition;
      expect(composition.section!.map((s) => s.title)).to.include.members(['Diagnoses', 'Medications and medical devices', 'Allergies and adverse reactions']);
      expect(composition.section!.every((s) => s.text?.div.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">'))).to.equal(true);
      const types = new Set(body.entry!.map((e) => e.resource!.resourceType));
      expect([...types]).to.include.members(['Patient', 'Encounter', 'MedicationRequest', 'AllergyIntolerance', 'Condition', 'Medication', 'Organization']);
    });

    it('has discharge summaries as documents with a PDF and with HTML', async () => {
      const { body } = await getJson(`DocumentReference?type=${SNOMED}|373942005&_count=100`);
      const attachments = (matchesOf(body) as DocumentReference[]).map((d) => d.content[0]!.attachment);
      const pdf = attachments.find((a) => a.contentType === 'application/pdf')!;
      expectValidPdf(decodeBase64(pdf.data!));
      const html = attachments.find((a) => a.contentType === 'text/html')!;
      expect(new TextDecoder().decode(Uint8Array.from(decodeBase64(html.data!), (c) => c.charCodeAt(0)))).to.include('<h1>Discharge summary</h1>');
    });
  });

  it('has a restricted record and a deceased resident', async () => {
    const restricted = await getJson('Patient?_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R');
    expect(idsOf(restricted.body)).to.deep.equal(['evelyn-marsh']);
    const { body } = await getJson<Patient>('Patient/harold-brennan');
    expect(body.deceasedDateTime).to.equal('2026-09-12T03:40:00+01:00');
  });

  it('lists every resident resource once', () => {
    const keys = allResidentResources().map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(keys).to.include('Patient/margaret-whitfield');
  });

  describe('generateLargeResident', () => {
    it('generates the requested numbers of results and documents, deterministically', async () => {
      const large = generateLargeResident({ observations: 10000, documents: 500 });
      expect(ofType<Observation>(large.bundle, 'Observation')).to.have.length(10000);
      expect(ofType(large.bundle, 'Composition').length + ofType(large.bundle, 'DocumentReference').length).to.equal(500);
      expect(JSON.stringify(generateLargeResident({ observations: 50, documents: 4 }))).to.equal(JSON.stringify(generateLargeResident({ observations: 50, documents: 4 })));

      worker.resetHandlers();
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [large.bundle] }));
      const { body } = await getJson(`Observation?patient=${large.id}&code=http://loinc.org|2823-3&_sort=-date&_count=20`);
      expect(body.total).to.be.greaterThan(500);
      expect(matchesOf(body)).to.have.length(20);
      const flags = new Set(ofType<Observation>(large.bundle, 'Observation').map((o) => code(o.interpretation?.[0])));
      expect([...flags]).to.include.members(['H', 'L']);
    });
  });
});

/** A PDF whose header, trailer and cross-reference table agree with its bytes. */
function expectValidPdf(binary: string): void {
  expect(binary.startsWith('%PDF-1.')).to.equal(true);
  expect(binary.trimEnd().endsWith('%%EOF')).to.equal(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(binary)![1]);
  expect(binary.slice(startxref, startxref + 4)).to.equal('xref');
  const offsets = [...binary.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(offsets.length).to.be.greaterThan(3);
  offsets.forEach((offset, i) => expect(binary.slice(offset, offset + `${i + 1} 0 obj`.length)).to.equal(`${i + 1} 0 obj`));
}
