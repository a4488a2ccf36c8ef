import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type {
  AllergyIntolerance,
  Bundle,
  Composition,
  Condition,
  DocumentReference,
  Encounter,
  FhirResource,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Patient,
  Practitioner,
} from '@care-record/fhir';

type ServiceRequest = fhir4.ServiceRequest;
import type { CareRecordNavigateEvent, CareRecordProvider, CareRecordViewedEvent } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import { DischargeSummary } from '../../packages/elements/src/discharge-summary.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';
const HEADINGS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-RecordStandardHeadings';
const xhtml = (body: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>`;

// ---- A discharge summary and what it refers to ------------------------------------------------

const resident: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ use: 'official', family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }],
  birthDate: '1938-02-11',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
};
const royalFree: Organization = { resourceType: 'Organization', id: 'rf', name: 'Royal Free Hospital' };
const drPatel: Practitioner = { resourceType: 'Practitioner', id: 'patel', name: [{ family: 'Patel', given: ['Asha'], prefix: ['Dr'] }] };
const stay: Encounter = {
  resourceType: 'Encounter',
  id: 'enc1',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
  subject: { reference: 'Patient/p1' },
  period: { start: '2024-03-04T09:30:00Z', end: '2024-03-12T14:00:00Z' },
  serviceProvider: { reference: 'Organization/rf' },
};
const fracture: Condition = {
  resourceType: 'Condition',
  id: 'dx1',
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: SNOMED, code: '5913000', display: 'Fracture of neck of femur' }] },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active', display: 'Active' }] },
  onsetDateTime: '2024-03-03',
};
const withdrawnDiagnosis: Condition = {
  resourceType: 'Condition',
  id: 'dx2',
  subject: { reference: 'Patient/p1' },
  code: { text: 'Pneumonia' },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] },
};
const ramipril: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'mr1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: { coding: [{ system: SNOMED, code: '408051007', display: 'Ramipril 2.5mg capsules' }] },
  dosageInstruction: [{ text: 'One capsule once a day' }],
};
const coCodamol: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'mr2',
  status: 'stopped',
  statusReason: { text: 'Nausea and vomiting' },
  intent: 'plan',
  subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: { text: 'Co-codamol 30mg/500mg tablets' },
  dosageInstruction: [{ text: 'Two tablets four times a day' }],
};
const alendronic: Medication = { resourceType: 'Medication', id: 'med2', code: { coding: [{ system: SNOMED, code: '39688711000001101', display: 'Alendronic acid 70mg tablets' }] } };
const weekly: MedicationStatement = {
  resourceType: 'MedicationStatement',
  id: 'ms1',
  status: 'active',
  subject: { reference: 'Patient/p1' },
  medicationReference: { reference: 'Medication/med2' },
  dosage: [{ text: 'One tablet once a week' }],
};
const penicillin: AllergyIntolerance = {
  resourceType: 'AllergyIntolerance',
  id: 'al1',
  patient: { reference: 'Patient/p1' },
  code: { coding: [{ system: SNOMED, code: '764146007', display: 'Penicillin' }] },
  reaction: [{ manifestation: [{ text: 'Rash' }] }],
};
const clinic: ServiceRequest = {
  resourceType: 'ServiceRequest',
  id: 'sr1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p1' },
  code: { text: 'Fracture clinic review' },
  occurrenceDateTime: '2024-04-02',
};

function discharge(overrides: Partial<Composition> = {}): Composition {
  return {
    resourceType: 'Composition',
    id: 'c1',
    status: 'final',
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: 'Patient/p1' },
    encounter: { reference: 'Encounter/enc1' },
    date: '2024-03-12T15:20:00Z',
    title: 'Inpatient discharge summary',
    author: [{ reference: 'Practitioner/patel' }],
    custodian: { reference: 'Organization/rf' },
    section: [
      {
        title: 'Diagnoses',
        code: { coding: [{ system: HEADINGS, code: 'diagnoses', display: 'Diagnoses' }] },
        text: { status: 'generated', div: xhtml('<p>Fractured neck of femur, repaired.</p>') },
        entry: [{ reference: 'Condition/dx1' }, { reference: 'Condition/dx2' }],
      },
      {
        code: { coding: [{ system: HEADINGS, code: 'medications-and-medical-devices', display: 'Medications and medical devices' }] },
        text: { status: 'generated', div: xhtml('<p>Medicines on discharge.</p>') },
        entry: [{ reference: 'MedicationRequest/mr1' }, { reference: 'MedicationStatement/ms1' }, { reference: 'MedicationRequest/mr2' }],
      },
      {
        title: 'Allergies and adverse reactions',
        text: { status: 'generated', div: xhtml('<p>Penicillin: rash.</p>') },
        entry: [{ reference: 'AllergyIntolerance/al1' }],
      },
      {
        title: 'Clinical narrative',
        text: { status: 'additional', div: xhtml('<p>Admitted after a fall at the care home.</p>') },
        section: [{ title: 'Examination', text: { status: 'additional', div: xhtml('<p>Shortened, externally rotated left leg.</p>') } }],
      },
      {
        title: 'Plan and requested actions',
        text: { status: 'generated', div: xhtml('<p>Fracture clinic in 3 weeks.</p>') },
        entry: [{ reference: 'ServiceRequest/sr1' }],
      },
      {
        title: 'Safeguarding',
        emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown', display: 'Nil Known' }] },
      },
    ],
    ...overrides,
  };
}

const record: FhirResource[] = [resident, royalFree, drPatel, stay, fracture, withdrawnDiagnosis, ramipril, coCodamol, alendronic, weekly, penicillin, clinic];

function collection(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource })) };
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function headings(element: DischargeSummary): string[] {
  return [...element.shadowRoot!.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName} ${text(h)}`);
}

function field(element: DischargeSummary, label: string): string {
  const found = [...element.shadowRoot!.querySelectorAll('.field')].find((f) => text(f.querySelector('dt')) === label);
  return text(found?.querySelector('dd'));
}

function section(element: DischargeSummary, title: string): HTMLElement {
  const found = [...element.shadowRoot!.querySelectorAll<HTMLElement>('section[part~="section"]')].find(
    (s) => text(s.querySelector(':scope > .heading')) === title,
  );
  if (!found) throw new Error(`No section "${title}": ${headings(element).join(', ')}`);
  return found;
}

function entryLines(element: DischargeSummary, title: string): string[] {
  return [...section(element, title).querySelectorAll(':scope > [part~="entries"] li')].map((li) => text(li));
}

function recordRequests(worker: ReturnType<typeof setupWorker>, prefix = BASE) {
  const urls: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.startsWith(prefix)) urls.push(new URL(request.url));
  };
  worker.events.on('request:start', listener);
  return { urls, stop: () => worker.events.removeListener('request:start', listener) };
}

function watchConsole() {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  const onError = (event: ErrorEvent) => errors.push(event.message);
  window.addEventListener('error', onError);
  return {
    errors,
    stop: () => {
      console.error = original;
      window.removeEventListener('error', onError);
    },
  };
}

async function mount(template: ReturnType<typeof html>, options: { patientId?: string; auth?: TokenProviderSession } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${options.patientId ?? 'p1'}
      .auth=${options.auth ?? new TokenProviderSession({ tokenProvider: () => 't' })}
      >${template}</care-record-provider
    >
  `);
  return provider.querySelector('discharge-summary') as DischargeSummary;
}

async function loaded(element: DischargeSummary, expected: string): Promise<void> {
  await waitUntil(() => text(element).includes(expected), `"${expected}" never shown: ${text(element).slice(0, 300)}`, { timeout: 8000 });
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<discharge-summary>', () => {
  const worker = setupWorker();

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  function serve(resources: FhirResource[], options: { faults?: FhirFault[] } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection(resources)], ...options }));
  }

  it('shows a busy skeleton under its heading while the document loads, and is accessible', async () => {
    serve([...record, discharge()], { faults: [{ path: 'Composition/c1/$document', hang: true }] });
    const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
    await waitUntil(() => element.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
    expect(headings(element)).to.deep.equal(['H2 Discharge summary']);
    await expect(element).to.be.accessible();
  });

  describe('a summary loaded with $document', () => {
    it('shows the header: patient, hospital, admission and discharge, author, status and date', async () => {
      serve([...record, discharge()]);
      const requests = recordRequests(worker);
      try {
        const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
        await loaded(element, 'Fractured neck of femur');
        expect(headings(element)[0]).to.equal('H2 Inpatient discharge summary');
        expect(field(element, 'Patient')).to.equal('WHITFIELD, Margaret (Mrs)');
        expect(field(element, 'NHS No.')).to.equal('943 476 5919');
        expect(field(element, 'Born')).to.match(/^11-Feb-1938 \(\d+y\)$/);
        expect(field(element, 'Kind')).to.equal('Discharge summary');
        expect(field(element, 'Hospital or service')).to.equal('Royal Free Hospital');
        expect(field(element, 'Admitted')).to.equal('04-Mar-2024 09:30');
        expect(field(element, 'Discharged')).to.equal('12-Mar-2024 14:00');
        expect(field(element, 'Author')).to.equal('PATEL, Asha (Dr)');
        expect(field(element, 'Status')).to.equal('Final');
        expect(field(element, 'Written')).to.equal('12-Mar-2024 15:20');
        expect(text(element.shadowRoot!.querySelector('[part~="header"]'))).to.contain('From Royal Free Hospital · recorded 12-Mar-2024');
        const paths = requests.urls.map((url) => url.pathname.replace('/R4/', ''));
        expect(paths.filter((p) => p.startsWith('Composition'))).to.deep.equal(['Composition/c1/$document']);
        await expect(element).to.be.accessible();
      } finally {
        requests.stop();
      }
    });

    it('shows the sections in order with their titles (or heading code), nested sections one level down', async () => {
      serve([...record, discharge()]);
      const element = await mount(html`<discharge-summary composition-id="c1" heading-level="3"></discharge-summary>`);
      await loaded(element, 'Fractured neck of femur');
      expect(headings(element)).to.deep.equal([
        'H3 Inpatient discharge summary',
        'H4 Diagnoses',
        'H4 Medications and medical devices',
        'H4 Allergies and adverse reactions',
        'H4 Clinical narrative',
        'H5 Examination',
        'H4 Plan and requested actions',
        'H4 Safeguarding',
      ]);
      expect(text(section(element, 'Examination').querySelector('[part~="narrative"]'))).to.equal('Shortened, externally rotated left leg.');
    });

    it('turns coded entries into short readable lines: diagnoses, medicines on discharge, allergies, follow-up', async () => {
      serve([...record, discharge()]);
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, 'Fractured neck of femur');
      expect(entryLines(element, 'Diagnoses')).to.deep.equal(['Fracture of neck of femur — Active — onset 03-Mar-2024']);
      expect(text(section(element, 'Diagnoses'))).to.contain('1 entry marked as entered in error is not shown.');
      expect(text(section(element, 'Diagnoses'))).not.to.contain('Pneumonia');
      expect(entryLines(element, 'Medications and medical devices')).to.deep.equal([
        'Ramipril 2.5mg capsules — One capsule once a day',
        'Alendronic acid 70mg tablets — One tablet once a week',
        // A medicine stopped in hospital says so first, with why.
        'Stopped — Co-codamol 30mg/500mg tablets — Two tablets four times a day — reason: Nausea and vomiting',
      ]);
      expect(entryLines(element, 'Allergies and adverse reactions')).to.deep.equal(['Penicillin — reaction: Rash']);
      expect(entryLines(element, 'Plan and requested actions')).to.deep.equal(['Fracture clinic review — due 02-Apr-2024']);
      expect(text(section(element, 'Safeguarding'))).to.contain('Nothing to report (nil known)');
    });

    it('marks a preliminary or amended summary with a text badge', async () => {
      serve([...record, discharge({ status: 'amended' })]);
      const element = await mount(html`<discharge-summary reference="Composition/c1"></discharge-summary>`);
      await loaded(element, 'Fractured neck of femur');
      expect([...element.shadowRoot!.querySelectorAll('[part~="badge"]')].map((b) => text(b))).to.deep.equal(['Status: Amended']);
      expect(field(element, 'Status')).to.equal('Amended');
      await expect(element).to.be.accessible();
    });
  });

  describe('when the server has no $document', () => {
    for (const status of [404, 400, 501]) {
      it(`reads the Composition and fetches its entries in batches (${status})`, async () => {
        serve([...record, discharge()], { faults: [{ path: 'Composition/c1/$document', status }] });
        const requests = recordRequests(worker);
        try {
          const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
          await loaded(element, 'Ramipril 2.5mg capsules — One capsule once a day');
          expect(field(element, 'Hospital or service')).to.equal('Royal Free Hospital');
          expect(field(element, 'Admitted')).to.equal('04-Mar-2024 09:30');
          expect(entryLines(element, 'Medications and medical devices')).to.include('Alendronic acid 70mg tablets — One tablet once a week');
          const paths = requests.urls.map((url) => url.pathname.replace('/R4/', ''));
          expect(paths).to.include('Composition/c1');
          // One search per referenced type, not one request per reference.
          const searches = requests.urls.filter((url) => url.searchParams.has('_id')).map((url) => url.pathname.replace('/R4/', ''));
          expect(new Set(searches).size).to.equal(searches.length);
          expect(searches).to.include.members(['Condition', 'MedicationRequest', 'Medication', 'Organization']);
        } finally {
          requests.stop();
        }
      });
    }

    it('reports a Composition the server does not hold', async () => {
      serve([...record]);
      const element = await mount(html`<discharge-summary composition-id="missing"></discharge-summary>`);
      await waitUntil(() => element.shadowRoot!.querySelector('[part~="error"]'), 'no error shown');
      expect(text(element)).to.contain('This information could not be loaded');
      await expect(element).to.be.accessible();
    });
  });

  describe('sanitising narrative', () => {
    it('removes scripts, event handlers, javascript: links and remote images, says so, and never contacts the image host', async () => {
      const hostile = discharge({
        section: [
          {
            title: 'Clinical narrative',
            text: {
              status: 'additional',
              div: xhtml(
                '<p>Safe text.</p><script>window.__pwned = true</script>' +
                  '<img src="https://tracker.example/pixel.png" alt="pixel" onerror="window.__pwned = true"/>' +
                  '<a href="javascript:window.__pwned = true">click</a><p onclick="window.__pwned = true">Clicky</p>',
              ),
            },
          },
        ],
      });
      serve([...record, hostile]);
      const remote = recordRequests(worker, 'https://tracker.example');
      try {
        const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
        await loaded(element, 'Safe text.');
        const root = element.shadowRoot!;
        expect(root.querySelector('script')).to.equal(null);
        expect(root.querySelector('[onerror], [onclick]')).to.equal(null);
        expect([...root.querySelectorAll('a')].filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).to.have.length(0);
        expect([...root.querySelectorAll('img')].filter((img) => img.getAttribute('src'))).to.have.length(0);
        expect(text(section(element, 'Clinical narrative'))).to.contain('could not be shown safely and was removed');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(remote.urls).to.have.length(0);
        expect(performance.getEntriesByType('resource').filter((entry) => entry.name.includes('tracker.example'))).to.have.length(0);
        expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
        await expect(element).to.be.accessible();
      } finally {
        remote.stop();
      }
    });

    it('shows an ordinary FHIR narrative without a removal notice', async () => {
      serve([...record, discharge()]);
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, 'Fractured neck of femur');
      expect(element.shadowRoot!.querySelector('[part~="notice"]')?.textContent ?? '').not.to.contain('removed');
    });
  });

  describe('documents that must not be shown', () => {
    it('says a summary entered in error is not shown, and shows none of it', async () => {
      serve([...record, discharge({ status: 'entered-in-error' })]);
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, 'This document was marked as entered in error, so it is not shown.');
      expect(text(element)).not.to.contain('Fractured');
      await expect(element).to.be.accessible();
    });

    it("refuses a document about someone other than the provider's patient", async () => {
      serve([...record, { ...resident, id: 'p2' }, discharge({ subject: { reference: 'Patient/p2' } })]);
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, 'This document is about another person, so it is not shown.');
      expect(text(element)).not.to.contain('Fractured');
    });
  });

  describe('a DocumentReference', () => {
    it('shows its header, description and files', async () => {
      const letter: DocumentReference = {
        resourceType: 'DocumentReference',
        id: 'd1',
        status: 'current',
        docStatus: 'preliminary',
        type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
        subject: { reference: 'Patient/p1' },
        date: '2024-02-01T10:00:00Z',
        description: 'Scanned discharge letter',
        custodian: { reference: 'Organization/rf' },
        author: [{ reference: 'Practitioner/patel' }],
        content: [{ attachment: { contentType: 'text/plain', data: btoa('Discharged home.\nReview in 2 weeks.'), title: 'Letter text' } }],
      };
      serve([...record, letter]);
      const element = await mount(html`<discharge-summary document-reference-id="d1"></discharge-summary>`);
      await loaded(element, 'Scanned discharge letter');
      expect(field(element, 'Hospital or service')).to.equal('Royal Free Hospital');
      expect(field(element, 'Author')).to.equal('PATEL, Asha (Dr)');
      expect(text(element.shadowRoot!.querySelector('[part~="badge"]'))).to.equal('Status: Preliminary');
      const viewer = element.shadowRoot!.querySelector('care-record-document-viewer')!;
      await waitUntil(() => viewer.shadowRoot?.querySelector('pre'), 'the file never showed');
      expect(viewer.shadowRoot!.querySelector('pre')!.textContent).to.equal('Discharged home.\nReview in 2 weeks.');
      await expect(element).to.be.accessible();
    });
  });

  describe('when something goes wrong', () => {
    it("shows the server's message and Try again", async () => {
      serve([...record, discharge()], {
        faults: [{ path: 'Composition/c1/$document', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Document store offline' }] } }],
      });
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, 'Document store offline');
      await expect(element).to.be.accessible();
      [...element.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Try again')!.click();
      await loaded(element, 'Fractured neck of femur');
    });

    it('says the person may not see the record (403)', async () => {
      serve([...record, discharge()], { faults: [{ path: 'Composition/c1/$document', status: 403 }] });
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
      await loaded(element, "You don't have access to this person's record");
      await expect(element).to.be.accessible();
    });

    it('asks the person to sign in when signed out, and shows nothing of a given document', async () => {
      serve([...record]);
      const auth = new TokenProviderSession({ tokenProvider: () => 't' });
      await auth.signOut();
      const bundle: Bundle = { resourceType: 'Bundle', type: 'document', entry: [{ resource: discharge() }, { resource: resident }] };
      const element = await mount(html`<discharge-summary .document=${bundle}></discharge-summary>`, { auth });
      await loaded(element, "Sign in to see this person's record.");
      expect(text(element)).not.to.contain('Fractured');
      await expect(element).to.be.accessible();
    });
  });

  describe('governance', () => {
    it('tells the audit trail which document was shown, also when it was given as a Bundle', async () => {
      serve([...record]);
      const viewed: CareRecordViewedEvent[] = [];
      const listener = (event: CareRecordViewedEvent) => {
        if (event.detail.section === 'discharge-summary') viewed.push(event);
      };
      document.addEventListener('care-record-viewed', listener);
      try {
        const bundle: Bundle = { resourceType: 'Bundle', type: 'document', entry: [{ resource: discharge() }, { resource: resident }] };
        const element = await mount(html`<discharge-summary .document=${bundle}></discharge-summary>`);
        await loaded(element, 'Fractured neck of femur');
        await waitUntil(() => viewed.length === 1, 'the view was never reported');
        expect(viewed[0].detail.references).to.deep.equal(['Composition/c1']);
        expect(viewed[0].detail.count).to.equal(1);
      } finally {
        document.removeEventListener('care-record-viewed', listener);
      }
    });

    it('reports a view loaded with $document, with its request', async () => {
      serve([...record, discharge()]);
      const viewed: CareRecordViewedEvent[] = [];
      const listener = (event: CareRecordViewedEvent) => {
        if (event.detail.section === 'discharge-summary') viewed.push(event);
      };
      document.addEventListener('care-record-viewed', listener);
      try {
        const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`);
        await loaded(element, 'Fractured neck of femur');
        await waitUntil(() => viewed.length === 1, 'the view was never reported');
        expect(viewed[0].detail.requestUrls.some((url) => url.endsWith('/Composition/c1/$document'))).to.equal(true);
      } finally {
        document.removeEventListener('care-record-viewed', listener);
      }
    });

    it("says the person may not see it when their scopes do not cover it, and asks nothing", async () => {
      serve([...record, discharge()]);
      const auth = new TokenProviderSession({ tokenProvider: () => 't', grantedScopes: ['patient/Patient.read'] });
      const element = await mount(html`<discharge-summary composition-id="c1"></discharge-summary>`, { auth });
      await loaded(element, "You don't have permission to see discharge summaries");
      await expect(element).to.be.accessible();
    });
  });

  describe('in a list', () => {
    it('offers "Back to list", which fires care-record-navigate to the discharges', async () => {
      serve([...record, discharge()]);
      const element = await mount(html`<discharge-summary composition-id="c1" back-to-list></discharge-summary>`);
      await loaded(element, 'Fractured neck of femur');
      const events: CareRecordNavigateEvent[] = [];
      document.addEventListener('care-record-navigate', (event) => events.push(event), { once: true });
      [...element.shadowRoot!.querySelectorAll('button')].find((b) => text(b).includes('Back to list'))!.click();
      expect(events.map((e) => e.detail.section)).to.deep.equal(['discharges']);
      element.focus();
      expect(element.shadowRoot!.activeElement?.id).to.equal('summary-heading');
    });

    it('has print styles that hide its buttons', () => {
      const css = [DischargeSummary.styles].flat(3).map((style) => (style as { cssText?: string }).cssText ?? '').join('\n');
      expect(css).to.match(/@media print[\s\S]*\.back/);
    });
  });

  describe('real documents', () => {
    async function fixtureJson<T>(path: string): Promise<T> {
      return (await (await fetch(`/__shared/fixtures/fhir/${path}`)).json()) as T;
    }

    it("renders HL7's discharge summary document (a Bundle given as the document) with no console errors", async () => {
      const bundle = await fixtureJson<Bundle>('hl7-r4/document-example-dischargesummary.json');
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const console = watchConsole();
      try {
        const element = await mount(html`<discharge-summary .document=${bundle}></discharge-summary>`, { patientId: 'd1' });
        await loaded(element, 'Medications on Discharge');
        expect(headings(element)).to.deep.equal(['H2 Discharge Summary', 'H3 Reason for admission', 'H3 Medications on Discharge', 'H3 Known allergies']);
        // The example's Patient is "Everywoman1"; its author resolves to the document's Practitioner.
        expect(field(element, 'Patient')).to.equal('EVERYWOMAN1, Eve');
        expect(field(element, 'Author')).to.equal('CAREFUL, Adam (Dr)');
        expect(field(element, 'Admitted')).to.contain('2013');
        expect(entryLines(element, 'Medications on Discharge').length).to.equal(2);
        expect(entryLines(element, 'Known allergies')).to.have.length(1);
        await expect(element).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });

    it("renders UK Core's emergency department discharge example loaded with $document, with no console errors", async () => {
      const composition = await fixtureJson<Composition>('uk-core/UKCore-Composition-Discharge-Example.json');
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection([resident])], resources: [composition] }));
      const console = watchConsole();
      try {
        const element = await mount(html`<discharge-summary reference="Composition/UKCore-Composition-Discharge-Example"></discharge-summary>`);
        await loaded(element, 'Senior reviewing clinician');
        expect(headings(element)[0]).to.equal('H2 Accident & Emergency Discharge summary');
        expect(field(element, 'Kind')).to.equal('Emergency department summary');
        expect(field(element, 'Care setting')).to.equal('Accident and Emergency service');
        // Its subject is a urn:uuid it does not carry: the resident's name is not borrowed for it.
        expect(field(element, 'Patient')).to.equal('Not known');
        expect(headings(element)).to.have.length(1 + (composition.section ?? []).length);
        expect(text(section(element, 'Clinical narrative'))).to.contain('60 year old man complaining of chest pain');
        expect(element.shadowRoot!.querySelectorAll('[part~="notice"]')).to.have.length(0);
        await expect(element).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });

    it("renders Virtually Healthcare's EMIS IM1 FHIR document, with no console errors", async () => {
      const bundle = await fixtureJson<Bundle>('nhs-other/vh-FHIRDocument-EMIS-IM1-e119d231-def6-43a7-af40-56d7754977bd.json');
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const console = watchConsole();
      try {
        const element = await mount(html`<discharge-summary .document=${bundle}></discharge-summary>`, { patientId: 'b8b8f845-75da-48c5-8b17-8a0a2113d8f8' });
        await loaded(element, 'Examination');
        expect(headings(element)[0]).to.equal('H2 Clinical note');
        // The Practitioner's name is text only.
        expect(field(element, 'Author')).to.equal('Mrs Jean Mitchell');
        expect(field(element, 'Patient')).to.equal('DYER, William (Mr)');
        expect(entryLines(element, 'Examination').join(' | ')).to.contain('161');
        await expect(element).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });
  });
});
