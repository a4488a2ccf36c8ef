import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { ConfigurationError, FhirClient, formatDate, NHS_NUMBER_SYSTEM } from '@care-record/fhir';
import type {
  AllergyIntolerance,
  Bundle,
  CarePlan,
  Composition,
  Condition,
  DiagnosticReport,
  Encounter,
  FhirResource,
  Medication,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Organization,
  Patient,
} from '@care-record/fhir';
import { SUMMARY_SECTIONS } from '../../packages/elements/src/index.js';
import type {
  CareRecordErrorEvent,
  CareRecordNavigateEvent,
  CareRecordViewedEvent,
  CareRecordSelectEvent,
  CareRecordSummary,
} from '../../packages/elements/src/index.js';
import type { Translation } from '../../packages/elements/src/localisation.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-record-summary.js';
import '../../packages/elements/src/patient-banner.js';
import '../../packages/elements/src/allergy-list.js';
import '../../packages/elements/src/problem-list.js';
import '../../packages/elements/src/medication-list.js';
import '../../packages/elements/src/discharge-list.js';
import '../../packages/elements/src/encounter-list.js';
import '../../packages/elements/src/test-results.js';
import '../../packages/elements/src/care-plan-list.js';

const BASE = 'https://fhir.test/R4';
const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * DAY).toISOString();
const SNOMED = 'http://snomed.info/sct';

// ------------------------------------------------------------------------------------------------
// A resident's record, built by hand so every state is known.

const organisations: Organization[] = [
  { resourceType: 'Organization', id: 'gp', name: 'Bridge Street Surgery' },
  { resourceType: 'Organization', id: 'royal-free', name: 'Royal Free Hospital' },
  { resourceType: 'Organization', id: 'las', name: 'London Ambulance Service' },
];

function patient(id: string, extra: Partial<Patient> = {}): Patient {
  return {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }],
    gender: 'female',
    birthDate: '1938-02-03',
    identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765919' }],
    ...extra,
  };
}

const gpRecorder = { reference: 'Organization/gp', display: 'Bridge Street Surgery' };

function allergy(id: string, patientId: string, substance: string, extra: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: `Patient/${patientId}` },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    code: { text: substance },
    recordedDate: '2023-06-01',
    recorder: gpRecorder,
    ...extra,
  };
}

const verification = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code }],
});

function condition(id: string, patientId: string, name: string, status: string, category: string, extra: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: `Patient/${patientId}` },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: category }] }],
    code: { text: name },
    recorder: gpRecorder,
    ...extra,
  };
}

function order(id: string, patientId: string, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patientId}` },
    authoredOn: '2024-03-01',
    requester: gpRecorder,
    ...extra,
  };
}

function observation(id: string, name: string, value: number, unit: string, flag?: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: name },
    subject: { reference: 'Patient/p1' },
    valueQuantity: { value, unit },
    ...(flag ? { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: flag }] }] } : {}),
  };
}

function labReport(id: string, patientId: string, name: string, date: string, results: string[]): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { text: name },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    performer: [{ reference: 'Organization/royal-free', display: 'Royal Free Hospital' }],
    result: results.map((reference) => ({ reference: `Observation/${reference}` })),
  };
}

function encounter(id: string, patientId: string, start: string, extra: Partial<Encounter>): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' },
    subject: { reference: `Patient/${patientId}` },
    period: { start, end: start },
    ...extra,
  };
}

function discharge(id: string, patientId: string, date: string, title: string): Composition {
  return {
    resourceType: 'Composition',
    id,
    status: 'final',
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: `Patient/${patientId}` },
    date,
    title,
    author: [{ reference: 'Organization/royal-free', display: 'Royal Free Hospital' }],
    custodian: { reference: 'Organization/royal-free', display: 'Royal Free Hospital' },
    event: [{ period: { start: '2024-03-10', end: '2024-03-18' } }],
  };
}

/** Margaret (p1): something in every section. */
function fullRecord(): FhirResource[] {
  const p = 'p1';
  const metformin: Medication = { resourceType: 'Medication', id: 'med-metformin', code: { text: 'Metformin 500mg tablets' } };
  return [
    ...organisations,
    patient(p),
    allergy('a-latex', p, 'Latex', { criticality: 'low', verificationStatus: verification('unconfirmed'), recordedDate: '2024-01-05' }),
    allergy('a-penicillin', p, 'Penicillin', {
      criticality: 'high',
      meta: { lastUpdated: daysAgo(3) },
      reaction: [{ severity: 'severe', manifestation: [{ text: 'Anaphylaxis' }] }],
    }),
    allergy('a-plaster', p, 'Elastoplast', {
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'inactive' }] },
    }),
    allergy('a-error', p, 'Aspirin', { verificationStatus: verification('entered-in-error') }),
    allergy('a-refuted', p, 'Codeine', { verificationStatus: verification('refuted') }),
    condition('c-diabetes', p, 'Type 2 diabetes mellitus', 'active', 'problem-list-item', { onsetDateTime: '2015-03' }),
    condition('c-sinusitis', p, 'Viral sinusitis', 'active', 'encounter-diagnosis', { onsetDateTime: '2024-02-01' }),
    condition('c-fracture', p, 'Fractured neck of femur', 'resolved', 'problem-list-item', { onsetDateTime: '1990-05-01', abatementDateTime: '1990-09-01' }),
    metformin,
    order('m-metformin', p, { medicationReference: { reference: 'Medication/med-metformin' }, dosageInstruction: [{ text: 'One tablet twice a day' }] }),
    order('m-amlodipine', p, {
      medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
      extension: [
        {
          url: 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus',
          valueCoding: { system: 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code: '0002', display: 'With Dispenser' },
        },
      ],
    }),
    order('m-sertraline', p, { medicationCodeableConcept: { text: 'Sertraline 50mg tablets' } }),
    {
      resourceType: 'MedicationDispense',
      id: 'd-sertraline',
      status: 'completed',
      subject: { reference: `Patient/${p}` },
      medicationCodeableConcept: { text: 'Sertraline 50mg tablets' },
      authorizingPrescription: [{ reference: 'MedicationRequest/m-sertraline' }],
      whenHandedOver: '2024-03-12T10:00:00Z',
    } satisfies MedicationDispense,
    order('m-stopped', p, { status: 'stopped', medicationCodeableConcept: { text: 'Simvastatin 40mg tablets' } }),
    discharge('comp-old', p, '2023-01-10', 'Discharge summary: pneumonia'),
    discharge('comp-new', p, '2024-03-18', 'Discharge summary: fall'),
    encounter('e-ed', p, daysAgo(30), { serviceProvider: { reference: 'Organization/royal-free' }, reasonCode: [{ text: 'Fall at home' }] }),
    encounter('e-ambulance', p, daysAgo(31), {
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      type: [{ text: 'Ambulance conveyance' }],
      serviceProvider: { reference: 'Organization/las' },
    }),
    encounter('e-outpatient', p, daysAgo(40), { class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, type: [{ text: 'Diabetes clinic' }] }),
    encounter('e-old-ed', p, daysAgo(800), {}),
    observation('o-k', 'Potassium', 6.1, 'mmol/L', 'H'),
    observation('o-na', 'Sodium', 118, 'mmol/L', 'LL'),
    observation('o-creat', 'Creatinine', 80, 'umol/L', 'N'),
    observation('o-hb', 'Haemoglobin', 130, 'g/L'),
    labReport('r-ue', p, 'Urea and electrolytes', '2024-03-18', ['o-k', 'o-na', 'o-creat']),
    labReport('r-fbc', p, 'Full blood count', '2024-03-01', ['o-hb']),
    { resourceType: 'CarePlan', id: 'cp-falls', status: 'active', intent: 'plan', title: 'Falls prevention plan', subject: { reference: `Patient/${p}` }, period: { start: '2024-01-01' } } satisfies CarePlan,
    { resourceType: 'CarePlan', id: 'cp-done', status: 'completed', intent: 'plan', title: 'Chest infection plan', subject: { reference: `Patient/${p}` } } satisfies CarePlan,
  ];
}

function collection(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

function text(element: Element | null | undefined): string {
  if (!element) return '';
  return ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------------------------------------

describe('<care-record-summary>', () => {
  const worker = setupWorker();
  let requests: URL[] = [];
  const onRequest = ({ request }: { request: Request }) => {
    requests.push(new URL(request.url));
  };

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    requests = [];
    worker.events.on('request:start', onRequest);
  });
  afterEach(() => {
    worker.events.removeListener('request:start', onRequest);
    worker.resetHandlers();
  });
  after(() => worker.stop());

  function serve(resources: FhirResource[], faults: FhirFault[] = []) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection(resources)], faults }));
  }

  /** Every card has finished loading (or failed). */
  function settled(element: CareRecordSummary): boolean {
    const root = element.shadowRoot;
    return !!root && root.querySelectorAll('.card').length > 0 && !root.querySelector('[aria-busy="true"]');
  }

  async function summary(patientId = 'p1', attributes: { sections?: string; maxItems?: number; strings?: Translation } = {}): Promise<CareRecordSummary> {
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${() => 't'} .strings=${attributes.strings}>
        <care-record-summary sections=${attributes.sections ?? ''} max-items=${attributes.maxItems ?? 5}></care-record-summary>
      </care-record-provider>
    `);
    const element = provider.querySelector('care-record-summary') as CareRecordSummary;
    await waitUntil(() => settled(element), 'the summary never finished loading', { timeout: 8000 });
    return element;
  }

  const card = (element: CareRecordSummary, section: string) => element.shadowRoot!.querySelector<HTMLElement>(`.card.${section}`);
  const cardTitles = (element: CareRecordSummary) => [...element.shadowRoot!.querySelectorAll('.card')].map((c) => text(c.querySelector('.heading')) || text(c));
  const itemTitles = (section: HTMLElement | null) => [...(section?.querySelectorAll('.item .item-title strong') ?? [])].map((strong) => text(strong));

  it('shows every section, allergies first, each a card with a heading one level below its own', async () => {
    serve(fullRecord());
    const element = await summary();
    expect(text(element.shadowRoot!.querySelector('h2'))).to.equal('Care record summary');
    expect([...element.shadowRoot!.querySelectorAll('.card h3')].map(text)).to.deep.equal([
      'Allergies and adverse reactions',
      'Active problems',
      'Current medication',
      'Latest hospital discharge',
      'Emergency and ambulance attendances',
      'Latest results',
      'Active care plans',
    ]);
    expect(element.shadowRoot!.querySelector('.card')!.getAttribute('part')).to.equal('section allergies');
    expect(text(element.shadowRoot!.querySelector('[part~="identity-line"]'))).to.include('WHITFIELD, Margaret (Mrs)');
    await expect(element).to.be.accessible();
  });

  describe('allergies', () => {
    it('lists allergies most critical first, with words for risk, doubt and status, and leaves out withdrawn entries with a notice', async () => {
      serve(fullRecord());
      const element = await summary();
      const allergies = card(element, 'allergies')!;
      expect(itemTitles(allergies)).to.deep.equal(['Penicillin', 'Latex', 'Elastoplast']);
      const items = [...allergies.querySelectorAll('.item')].map(text);
      expect(items[0]).to.include('Important: Penicillin High risk');
      expect(items[0]).to.include('Severe reaction: Anaphylaxis');
      expect(items[1]).to.include('Latex Unconfirmed');
      expect(items[2]).to.include('Elastoplast No longer current');
      expect(text(allergies)).to.include('Ruled out: Codeine');
      expect(text(allergies)).to.include('1 entry marked as entered in error is not shown');
      expect(text(allergies)).not.to.include('Aspirin');
    });

    it('says "No known allergies" when the record says so, with who said it', async () => {
      serve([
        ...organisations,
        patient('p-nka'),
        allergy('nka', 'p-nka', 'No known allergy', { code: { coding: [{ system: SNOMED, code: '716186003', display: 'No known allergy' }] } }),
      ]);
      const element = await summary('p-nka', { sections: 'allergies' });
      const allergies = card(element, 'allergies')!;
      expect(text(allergies.querySelector('[part~="allergy-state"]'))).to.equal('No known allergies');
      expect(allergies.querySelector('[part~="no-known-allergies"]')).to.exist;
      expect(text(allergies)).to.include('From Bridge Street Surgery · recorded 01-Jun-2023');
      expect(allergies.querySelectorAll('.item')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('says "No known drug allergies" for a statement about medicines only', async () => {
      serve([
        ...organisations,
        patient('p-nkda'),
        allergy('nkda', 'p-nkda', 'No known drug allergy', { code: { coding: [{ system: SNOMED, code: '409137002', display: 'No known drug allergy' }] } }),
      ]);
      const element = await summary('p-nkda', { sections: 'allergies' });
      expect(text(card(element, 'allergies')!.querySelector('[part~="allergy-state"]'))).to.equal('No known drug allergies');
    });

    it('says "No allergies recorded" when there is nothing, which is not the same as none known', async () => {
      serve([...organisations, patient('p-none')]);
      const element = await summary('p-none', { sections: 'allergies' });
      const allergies = card(element, 'allergies')!;
      expect(text(allergies.querySelector('[part~="allergy-state"]'))).to.equal('No allergies recorded');
      expect(allergies.querySelector('[part~="none-recorded"]')).to.exist;
      expect(text(allergies)).not.to.include('No known');
      await expect(element).to.be.accessible();
    });

    it('says "Allergy information unavailable" when allergies fail to load, while every other section still shows', async () => {
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        serve(fullRecord(), [
          {
            resourceType: 'AllergyIntolerance',
            status: 500,
            body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Allergy service is down' }] },
          },
        ]);
        const element = await summary();
        const allergies = card(element, 'allergies')!;
        const alert = allergies.querySelector('[role="alert"]')!;
        expect(text(alert)).to.include('Allergy information unavailable');
        expect(text(alert)).to.include('Allergy service is down');
        expect(alert.querySelector('button[part~="retry-button"]')).to.exist;
        expect(text(allergies)).not.to.include('No allergies recorded');
        expect(text(allergies)).not.to.include('No known allergies');
        expect(itemTitles(card(element, 'medications'))).to.include('Metformin 500mg tablets');
        expect(itemTitles(card(element, 'problems'))).to.include('Type 2 diabetes mellitus');
        expect(itemTitles(card(element, 'care-plans'))).to.deep.equal(['Falls prevention plan']);
        expect(errors.map((event) => event.detail.source)).to.deep.equal(['care-record-summary']);
        await expect(element).to.be.accessible();
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });

    it('loads the allergies again with Try again', async () => {
      serve(fullRecord(), [{ resourceType: 'AllergyIntolerance', status: 500, times: 1 }]);
      const element = await summary(undefined, { sections: 'allergies' });
      card(element, 'allergies')!.querySelector<HTMLButtonElement>('button[part~="retry-button"]')!.click();
      await waitUntil(() => itemTitles(card(element, 'allergies')).length === 3, 'allergies never loaded again', { timeout: 8000 });
    });
  });

  describe('the sections attribute', () => {
    it('shows only the sections named, in the order given, and asks only for those', async () => {
      serve(fullRecord());
      const element = await summary('p1', { sections: 'medications, allergies discharges' });
      expect(cardTitles(element)).to.deep.equal(['Current medication', 'Allergies and adverse reactions', 'Latest hospital discharge']);
      const types = requests.map((url) => url.pathname.replace('/R4/', '')).sort();
      expect(types).to.deep.equal(['AllergyIntolerance', 'Composition', 'DocumentReference', 'MedicationRequest', 'Patient/p1']);
    });

    it('explains an unknown name where it stood, tells the host, and still shows the others', async () => {
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        serve(fullRecord());
        const element = await summary('p1', { sections: 'allergies,vitals,results' });
        const cards = [...element.shadowRoot!.querySelectorAll('.card')];
        expect(cards.map((c) => c.getAttribute('part'))).to.deep.equal(['section allergies', 'section configuration-error', 'section results']);
        expect(text(cards[1])).to.equal(
          '“vitals” is not a section of the care record summary. Sections: allergies, problems, medications, discharges, encounters, results, care-plans.',
        );
        expect(cards[1]!.getAttribute('role')).to.equal('alert');
        expect(itemTitles(card(element, 'results'))).to.deep.equal(['Urea and electrolytes', 'Full blood count']);
        const configuration = errors.filter((event) => event.detail.error instanceof ConfigurationError);
        expect(configuration).to.have.length(1);
        expect(configuration[0]!.detail.error.message).to.include('“vitals”');
        await expect(element).to.be.accessible();
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });
  });

  it('fires care-record-navigate with the section when "View all" is pressed', async () => {
    serve(fullRecord());
    const element = await summary();
    const sections: string[] = [];
    element.addEventListener('care-record-navigate', (event: CareRecordNavigateEvent) => sections.push(event.detail.section));
    for (const button of element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part~="view-all-button"]')) button.click();
    expect(sections).to.deep.equal([...SUMMARY_SECTIONS]);
    const names = [...element.shadowRoot!.querySelectorAll('button[part~="view-all-button"]')].map((button) => text(button));
    expect(names[0]).to.equal('View all allergies and adverse reactions');
  });

  it('lets the navigate event reach a host listening on the document', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'results' });
    const heard = oneEvent(document, 'care-record-navigate');
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="view-all-button"]')!.click();
    const event = (await heard) as CareRecordNavigateEvent;
    expect(event.detail).to.deep.equal({ section: 'results' });
  });

  it('shows active problems, problem list first, and offers the past significant history', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'problems' });
    const problems = card(element, 'problems')!;
    expect(itemTitles(problems)).to.deep.equal(['Type 2 diabetes mellitus', 'Viral sinusitis']);
    expect(text(problems)).to.include('Since Mar-2015');
    const past = problems.querySelector<HTMLButtonElement>('button[part~="past-history-button"]')!;
    expect(text(past)).to.equal('Past significant history (1)');
    const heard = oneEvent(element, 'care-record-navigate');
    past.click();
    expect(((await heard) as CareRecordNavigateEvent).detail.section).to.equal('problems');
  });

  it('shows current medication with its prescription status in words', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'medications' });
    const medications = card(element, 'medications')!;
    const statuses = Object.fromEntries(
      [...medications.querySelectorAll('.item')].map((item) => [text(item.querySelector('.item-title')), text(item.querySelector('[part~="prescription-status"]'))]),
    );
    expect(statuses).to.deep.equal({
      'Metformin 500mg tablets': 'Prescription status: Issued by GP 01-Mar-2024',
      'Amlodipine 5mg tablets': 'Prescription status: With pharmacy',
      'Sertraline 50mg tablets': 'Prescription status: Dispensed 12-Mar-2024',
    });
    expect(text(medications)).to.include('One tablet twice a day');
    expect(text(medications)).not.to.include('Simvastatin');
    const search = requests.find((url) => url.pathname.endsWith('/MedicationRequest'))!;
    expect(search.searchParams.get('_include')).to.equal('MedicationRequest:medication');
    expect(search.searchParams.get('_revinclude')).to.equal('MedicationDispense:prescription');
    await expect(element).to.be.accessible();
  });

  it('shows the latest hospital discharge summary, which selects the document', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'discharges' });
    const discharges = card(element, 'discharges')!;
    const row = discharges.querySelector<HTMLButtonElement>('button[part~="item-button"]')!;
    expect(text(row)).to.equal('Discharge summary: fall Royal Free Hospital Admitted 10-Mar-2024, discharged 18-Mar-2024');
    expect(text(discharges)).to.include('and 1 more');
    expect(text(discharges)).not.to.include('pneumonia');
    const heard = oneEvent(element, 'care-record-select');
    row.click();
    const event = (await heard) as CareRecordSelectEvent;
    expect(event.detail.reference).to.equal('Composition/comp-new');
    expect(event.detail.resource.resourceType).to.equal('Composition');
  });

  it('shows emergency department and ambulance attendances of the last 12 months only', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'encounters' });
    const encounters = card(element, 'encounters')!;
    expect(itemTitles(encounters)).to.deep.equal(['Emergency department', 'Ambulance']);
    expect(text(encounters)).to.include('Reason: Fall at home');
    expect(text(encounters)).to.include('London Ambulance Service');
    expect(text(encounters)).not.to.include('Diabetes clinic');
    // The encounter list's search (one request for both on a page); the 12 months are worked out here.
    const search = requests.find((url) => url.pathname.endsWith('/Encounter'))!;
    expect(search.searchParams.has('date')).to.equal(false);
    expect(search.searchParams.getAll('_include')).to.deep.equal(['Encounter:service-provider', 'Encounter:location']);
    expect(search.searchParams.get('_count')).to.equal('50');
  });

  it('reads on through the encounters of the last 12 months, and stops at the first page that goes back further', async () => {
    const recent = Array.from({ length: 52 }, (_, index) => encounter(`e-recent-${index}`, 'p1', daysAgo(index + 1), {}));
    const old = Array.from({ length: 60 }, (_, index) => encounter(`e-old-${index}`, 'p1', daysAgo(400 + index), {}));
    serve([...fullRecord().filter((resource) => resource.resourceType !== 'Encounter'), ...recent, ...old]);
    const element = await summary('p1', { sections: 'encounters', maxItems: 2 });
    const encounters = card(element, 'encounters')!;
    expect(itemTitles(encounters)).to.deep.equal(['Emergency department', 'Emergency department']);
    expect(text(encounters.querySelector('[part~="more"]'))).to.equal('and 50 more');
    // Pages of 50: the second holds the last two recent attendances and older ones, so no third is asked for.
    expect(requests.filter((url) => url.pathname.endsWith('/Encounter')).length).to.equal(2);
  });

  it("words prescription statuses, result flags and report statuses in the host's language", async () => {
    serve(fullRecord());
    const strings: Translation = {
      'care-record-summary': {
        medStatusWithPharmacy: 'Yn y fferyllfa',
        medStatusDispensed: (date?: string) => `Wedi'i ddosbarthu ${date ?? ''}`.trim(),
        resultFlags: { H: 'Uchel', LL: 'Critigol isel' },
      },
    };
    const element = await summary('p1', { sections: 'medications,results', strings });
    const statuses = [...card(element, 'medications')!.querySelectorAll('[part~="prescription-status"]')].map(text);
    expect(statuses).to.include.members(['Prescription status: Yn y fferyllfa', "Prescription status: Wedi'i ddosbarthu 12-Mar-2024"]);
    const flagged = [...card(element, 'results')!.querySelectorAll('[part~="result"]')].map(text);
    expect(flagged).to.deep.equal(['Potassium 6.1 mmol/L ▲ Uchel (H)', 'Sodium 118 mmol/L Important: ▼▼ Critigol isel (LL)']);
  });

  it('shows abnormal result flags as words and symbols, not colour alone', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'results' });
    const results = card(element, 'results')!;
    const flagged = [...results.querySelectorAll('[part~="result"]')].map(text);
    expect(flagged).to.deep.equal(['Potassium 6.1 mmol/L ▲ High (H)', 'Sodium 118 mmol/L Important: ▼▼ Critically low (LL)']);
    expect(text(results)).to.include('2 results flagged');
    expect(text(results)).to.include('1 result, not flagged');
    expect(text(results)).not.to.include('Creatinine');
    await expect(element).to.be.accessible();
  });

  it('shows active care plans only', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'care-plans' });
    expect(itemTitles(card(element, 'care-plans'))).to.deep.equal(['Falls prevention plan']);
    expect(text(card(element, 'care-plans'))).to.include('From 01-Jan-2024');
    // The care plan list's search (every status): the card keeps the active plans.
    expect(requests.find((url) => url.pathname.endsWith('/CarePlan'))!.searchParams.getAll('_include')).to.deep.equal(['CarePlan:goal', 'CarePlan:condition']);
  });

  it('finds an active care plan older than the newest 20 plans of other statuses', async () => {
    const ended = Array.from({ length: 25 }, (_, index): CarePlan => ({
      resourceType: 'CarePlan',
      id: `cp-ended-${index}`,
      status: 'completed',
      intent: 'plan',
      title: `Ended plan ${index}`,
      subject: { reference: 'Patient/p1' },
      period: { start: `2024-02-${String(index + 1).padStart(2, '0')}`, end: '2024-03-01' },
    }));
    serve([...fullRecord(), ...ended]);
    const element = await summary('p1', { sections: 'care-plans' });
    expect(itemTitles(card(element, 'care-plans'))).to.deep.equal(['Falls prevention plan']);
    expect(card(element, 'care-plans')!.querySelector('[part~="more"]')).to.equal(null);
  });

  it('says "and N more" for what is not shown, counting what the server holds beyond the page', async () => {
    const reports = Array.from({ length: 7 }, (_, index) => labReport(`r${index}`, 'p1', `Report ${index}`, `2024-03-${String(10 + index).padStart(2, '0')}`, []));
    serve([...fullRecord().filter((resource) => resource.resourceType !== 'DiagnosticReport'), ...reports]);
    const element = await summary('p1', { sections: 'allergies,results', maxItems: 2 });
    expect(itemTitles(card(element, 'allergies'))).to.deep.equal(['Penicillin', 'Latex']);
    expect(text(card(element, 'allergies')!.querySelector('[part~="more"]'))).to.equal('and 1 more');
    expect(itemTitles(card(element, 'results'))).to.deep.equal(['Report 6', 'Report 5']);
    expect(text(card(element, 'results')!.querySelector('[part~="more"]'))).to.equal('and 5 more');
    // Test results' page of 50 (one request for both on a page), of which the card shows 2.
    expect(requests.find((url) => url.pathname.endsWith('/DiagnosticReport'))!.searchParams.get('_count')).to.equal('50');
  });

  it('says where each section came from and how recent it is, and where each item came from', async () => {
    serve(fullRecord());
    const element = await summary('p1', { sections: 'allergies,discharges' });
    const updated = formatDate(daysAgo(3));
    expect(text(card(element, 'allergies')!.querySelector('[part~="section-source"]'))).to.equal(
      `From Bridge Street Surgery · Updated 3 days ago (${updated})`,
    );
    expect(text(card(element, 'allergies')!.querySelector('.item [part~="source"]'))).to.equal(
      'From Bridge Street Surgery · recorded 01-Jun-2023 (over a year ago)',
    );
    expect(text(card(element, 'discharges')!.querySelector('[part~="section-source"]'))).to.equal(
      'From Royal Free Hospital · Updated over a year ago (18-Mar-2024)',
    );
  });

  it('makes one request per search, in parallel, and none twice, even beside a banner and another summary', async () => {
    serve(fullRecord());
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <patient-banner></patient-banner>
        <care-record-summary></care-record-summary>
        <care-record-summary sections="allergies,medications"></care-record-summary>
      </care-record-provider>
    `);
    const summaries = [...provider.querySelectorAll('care-record-summary')] as CareRecordSummary[];
    for (const element of summaries) await waitUntil(() => settled(element), 'a summary never finished', { timeout: 8000 });
    const urls = requests.map((url) => `${url.pathname}${url.search}`);
    expect(new Set(urls).size, urls.join('\n')).to.equal(urls.length);
    expect(urls.map((url) => url.split('?')[0]!.replace('/R4/', '')).sort()).to.deep.equal([
      'AllergyIntolerance',
      'CarePlan',
      'Composition',
      'Condition',
      'DiagnosticReport',
      'DocumentReference',
      'Encounter',
      'MedicationRequest',
      'Patient/p1',
    ]);
  });

  it('asks the lists\' questions: beside every list, the summary adds no search of its own', async () => {
    serve(fullRecord());
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <care-record-summary></care-record-summary>
        <allergy-list></allergy-list>
        <problem-list></problem-list>
        <medication-list></medication-list>
        <discharge-list></discharge-list>
        <encounter-list></encounter-list>
        <test-results></test-results>
        <care-plan-list></care-plan-list>
      </care-record-provider>
    `);
    const widgets = [...provider.children] as HTMLElement[];
    await waitUntil(
      () => settled(widgets[0] as CareRecordSummary) && widgets.every((widget) => widget.shadowRoot?.textContent?.trim() && !widget.shadowRoot.querySelector('[aria-busy="true"]')),
      'the widgets never finished loading',
      { timeout: 15000 },
    );
    const searches = requests.filter((url) => !url.searchParams.has('_id') && !url.pathname.endsWith('/Patient/p1'));
    const urls = searches.map((url) => `${url.pathname}${url.search}`);
    expect(new Set(urls).size, urls.join('\n')).to.equal(urls.length);
    const byType = (type: string) => searches.filter((url) => url.pathname.endsWith(`/${type}`)).length;
    for (const type of ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'Encounter', 'DiagnosticReport', 'CarePlan']) {
      expect(byType(type), `${type}:\n${urls.join('\n')}`).to.equal(1);
    }
    // Discharge summaries (the discharge list's) and every document (the encounter list's, to link them to visits).
    expect(byType('Composition'), urls.join('\n')).to.equal(2);
    expect(byType('DocumentReference'), urls.join('\n')).to.equal(2);
  });

  it('shows a restricted record as restricted and asks for none of it', async () => {
    serve([
      ...fullRecord().filter((resource) => resource.resourceType !== 'Patient'),
      patient('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } }),
    ]);
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <care-record-summary></care-record-summary>
      </care-record-provider>
    `);
    const element = provider.querySelector('care-record-summary') as CareRecordSummary;
    await waitUntil(() => element.shadowRoot!.querySelector('[part~="restricted"]'), 'no restricted state');
    expect(text(element)).to.include('This record is restricted');
    expect(text(element)).not.to.include('Whitfield'.toUpperCase());
    expect(text(element)).not.to.include('Penicillin');
    expect(requests.map((url) => url.pathname)).to.deep.equal(['/R4/Patient/p1']);
    await expect(element).to.be.accessible();
  });

  it('shows a restricted record, marked as such, once a governing provider has opened it (break glass)', async () => {
    const restricted = patient('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });
    serve([...fullRecord().filter((resource) => resource.resourceType !== 'Patient'), restricted]);
    const element = await fixture<CareRecordSummary>(html`<care-record-summary sections="allergies"></care-record-summary>`);
    Object.assign(element, {
      client: new FhirClient({ baseUrl: BASE }),
      patientState: { status: 'ready', patientId: 'p1', patient: restricted },
      governance: { reportViewed: () => undefined },
    });
    await waitUntil(() => settled(element), 'never loaded');
    expect(text(element.shadowRoot!.querySelector('[part~="identity-line"]'))).to.match(/^Restricted record · WHITFIELD, Margaret \(Mrs\)/);
    expect(itemTitles(card(element, 'allergies'))).to.include('Penicillin');
  });

  describe('governance', () => {
    it("shows a restricted record, marked as such, once the host's own break-glass step has opened it", async () => {
      const restricted = patient('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });
      serve([...fullRecord().filter((resource) => resource.resourceType !== 'Patient'), restricted]);
      const provider = await fixture(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" restricted-access="host" .tokenProvider=${() => 't'}>
          <patient-banner></patient-banner>
          <care-record-summary sections="allergies"></care-record-summary>
        </care-record-provider>
      `);
      const element = provider.querySelector('care-record-summary') as CareRecordSummary;
      const banner = provider.querySelector('patient-banner')!;
      await waitUntil(() => settled(element), 'never loaded');
      await waitUntil(() => banner.shadowRoot!.querySelector('[part~="restricted-marker"]'), 'the banner never opened the record');
      expect(text(banner.shadowRoot!.querySelector('h2'))).to.equal('WHITFIELD, Margaret (Mrs)');
      expect(text(element.shadowRoot!.querySelector('[part~="identity-line"]'))).to.match(/^Restricted record · WHITFIELD, Margaret \(Mrs\)/);
      expect(itemTitles(card(element, 'allergies'))).to.include('Penicillin');
      await expect(element).to.be.accessible();
    });

    it('holds the record back until break glass, showing nothing of it and asking for nothing', async () => {
      const restricted = patient('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });
      serve([...fullRecord().filter((resource) => resource.resourceType !== 'Patient'), restricted]);
      const provider = await fixture(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .tokenProvider=${() => 't'}>
          <care-record-summary></care-record-summary>
        </care-record-provider>
      `);
      const element = provider.querySelector('care-record-summary') as CareRecordSummary;
      await waitUntil(() => element.shadowRoot!.querySelector('[part~="restricted"]'), 'no restricted state');
      expect(element.shadowRoot!.querySelectorAll('.card')).to.have.length(0);
      expect(text(element)).not.to.include('WHITFIELD');
      expect(requests.map((url) => url.pathname)).to.deep.equal(['/R4/Patient/p1']);
    });

    it("says which sections the person's SMART scopes leave out, and asks only for the rest", async () => {
      serve(fullRecord());
      const provider = await fixture(html`
        <care-record-provider
          fhir-base-url=${BASE}
          patient-id="p1"
          .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs', 'patient/CarePlan.rs']}
          .tokenProvider=${() => 't'}
        >
          <care-record-summary sections="allergies,medications,care-plans"></care-record-summary>
        </care-record-provider>
      `);
      const element = provider.querySelector('care-record-summary') as CareRecordSummary;
      await waitUntil(() => settled(element) && card(element, 'medications')!.querySelector('[part~="scope-denied"]'), 'no permission message');
      expect(itemTitles(card(element, 'allergies'))).to.include('Penicillin');
      expect(itemTitles(card(element, 'care-plans'))).to.deep.equal(['Falls prevention plan']);
      expect(requests.some((url) => url.pathname.endsWith('/MedicationRequest'))).to.equal(false);
      await expect(element).to.be.accessible();
    });

    it('does not ask for dispenses without a MedicationDispense scope, and shares the medication list\'s one request', async () => {
      serve(fullRecord());
      const provider = await fixture(html`
        <care-record-provider
          fhir-base-url=${BASE}
          patient-id="p1"
          .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/MedicationRequest.rs', 'patient/Medication.rs']}
          .tokenProvider=${() => 't'}
        >
          <care-record-summary sections="medications"></care-record-summary>
          <medication-list></medication-list>
        </care-record-provider>
      `);
      const element = provider.querySelector('care-record-summary') as CareRecordSummary;
      const list = provider.querySelector('medication-list')!;
      await waitUntil(
        () => settled(element) && list.shadowRoot?.textContent?.includes('Metformin') && !list.shadowRoot.querySelector('[aria-busy="true"]'),
        'the summary and the list never finished loading',
      );
      expect(itemTitles(card(element, 'medications'))).to.include('Metformin 500mg tablets');
      const searches = requests.filter((url) => url.pathname.endsWith('/MedicationRequest'));
      expect(searches, searches.join('\n')).to.have.length(1);
      expect(searches[0]!.searchParams.has('_revinclude')).to.equal(false);
      expect(requests.some((url) => url.pathname.endsWith('/MedicationDispense'))).to.equal(false);
      await expect(element).to.be.accessible();
    });

    it('reports what each section showed for the audit trail', async () => {
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        serve(fullRecord());
        const element = await summary('p1', { sections: 'allergies,medications,discharges', maxItems: 2 });
        await waitUntil(() => ['allergies', 'medications', 'discharges'].every((section) => views.some((view) => view.detail.section === section)), 'views not reported');
        const bySection = Object.fromEntries(views.filter((view) => view.target === element).map((view) => [view.detail.section, view.detail]));
        expect(bySection.allergies).to.deep.include({ count: 2, outcome: 'success', patientId: 'p1' });
        expect(bySection.allergies.references).to.include('AllergyIntolerance/a-penicillin');
        expect(bySection.medications.count).to.equal(2);
        expect(bySection.discharges.count).to.equal(1);
        expect(bySection.discharges.references).to.include('Composition/comp-new');
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  it('asks to sign in once for the whole summary when signed out', async () => {
    serve(fullRecord());
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => undefined}>
        <care-record-summary></care-record-summary>
      </care-record-provider>
    `);
    const element = provider.querySelector('care-record-summary') as CareRecordSummary;
    await waitUntil(() => element.shadowRoot!.querySelector('.state'), 'no state shown');
    expect(element.shadowRoot!.querySelectorAll('.state')).to.have.length(1);
    expect(element.shadowRoot!.querySelectorAll('.card')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('hides its identity line when the host shows the banner (patient-banner="host")', async () => {
    serve(fullRecord());
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <care-record-summary patient-banner="host" sections="care-plans"></care-record-summary>
      </care-record-provider>
    `);
    const element = provider.querySelector('care-record-summary') as CareRecordSummary;
    await waitUntil(() => settled(element), 'never loaded');
    expect(element.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
  });

  describe('layout', function () {
    // Whole summaries, measured and checked with axe: slower than the rest when the machine is busy.
    this.timeout(30000);

    async function inWidth(width: number, sections = ''): Promise<CareRecordSummary> {
      serve(fullRecord());
      // The provider is the fixture's root (a Lit element, awaited by updateComplete): a plain wrapper
      // would make open-wc wait for an animation frame, which never comes in a background tab.
      const provider = await fixture(html`
        <care-record-provider style="width: ${width}px" fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
          <care-record-summary sections=${sections}></care-record-summary>
        </care-record-provider>
      `);
      const element = provider.querySelector('care-record-summary') as CareRecordSummary;
      await waitUntil(() => settled(element), 'never loaded', { timeout: 15000 });
      return element;
    }

    const columns = (element: CareRecordSummary) =>
      getComputedStyle(element.shadowRoot!.querySelector('.grid')!).gridTemplateColumns.split(' ').filter(Boolean).length;

    it('is one column at 320px, without scrolling sideways', async () => {
      const element = await inWidth(320);
      expect(columns(element)).to.equal(1);
      expect(element.scrollWidth).to.be.at.most(element.clientWidth);
      for (const section of element.shadowRoot!.querySelectorAll<HTMLElement>('.card')) expect(section.scrollWidth).to.be.at.most(section.clientWidth);
      await expect(element).to.be.accessible();
    });

    it('has two or three columns when wide, with allergies across the full width', async () => {
      const medium = await inWidth(800, 'allergies,problems,medications');
      expect(columns(medium)).to.equal(2);
      const wide = await inWidth(1200, 'allergies,problems,medications');
      expect(columns(wide)).to.equal(3);
      const allergies = card(wide, 'allergies')!;
      expect(allergies.getBoundingClientRect().width).to.be.greaterThan(card(wide, 'problems')!.getBoundingClientRect().width * 2);
    });
  });
});
