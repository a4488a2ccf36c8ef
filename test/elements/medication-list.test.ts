import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, fhirFault, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type {
  Bundle,
  Extension,
  FhirResource,
  Medication,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Patient,
  Practitioner,
} from '@care-record/fhir';
import type { CareRecordErrorEvent, CareRecordProvider, MedicationList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/medication-list.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';
const EPS_STATUS = 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus';
const REPEAT_INFORMATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation';
const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor', given: ['Doris'], prefix: ['Mrs'] }] };
const practice: Organization = { resourceType: 'Organization', id: 'practice', name: 'Lewisham High Street Practice' };
const hospital: Organization = { resourceType: 'Organization', id: 'hospital', name: 'South London General Hospital' };
const pharmacy: Organization = { resourceType: 'Organization', id: 'pharmacy', name: 'Hillside Pharmacy' };
const drPatel: Practitioner = { resourceType: 'Practitioner', id: 'dr-patel', name: [{ family: 'Patel', given: ['Anita'], prefix: ['Dr'] }] };
const drAhmed: Practitioner = { resourceType: 'Practitioner', id: 'dr-ahmed', name: [{ family: 'Ahmed', given: ['Yusuf'], prefix: ['Dr'] }] };
const people: FhirResource[] = [resident, practice, hospital, pharmacy, drPatel, drAhmed];

interface RequestOptions {
  name?: string;
  status?: MedicationRequest['status'];
  intent?: MedicationRequest['intent'];
  authoredOn?: string;
  basedOn?: string;
  eps?: string;
  course?: 'acute' | 'continuous';
  repeats?: { allowed?: number; issued?: number; expires?: string };
  quantity?: number;
  days?: number;
  validUntil?: string;
  requester?: string;
  patient?: string;
  category?: 'community' | 'discharge';
  medication?: Partial<MedicationRequest>;
  contained?: FhirResource[];
  dosage?: string;
  route?: string;
}

function request(id: string, options: RequestOptions = {}): MedicationRequest {
  const extension: Extension[] = [];
  if (options.eps) extension.push({ url: EPS_STATUS, valueCoding: { system: 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code: options.eps } });
  if (options.repeats) {
    extension.push({
      url: REPEAT_INFORMATION,
      extension: [
        ...(options.repeats.allowed !== undefined ? [{ url: 'numberOfRepeatPrescriptionsAllowed', valueUnsignedInt: options.repeats.allowed }] : []),
        ...(options.repeats.issued !== undefined ? [{ url: 'numberOfPrescriptionsIssued', valueUnsignedInt: options.repeats.issued }] : []),
        ...(options.repeats.expires ? [{ url: 'authorisationExpiryDate', valueDateTime: options.repeats.expires }] : []),
      ],
    });
  }
  const course = options.course ?? 'acute';
  return {
    resourceType: 'MedicationRequest',
    id,
    ...(extension.length ? { extension } : {}),
    ...(options.contained ? { contained: options.contained } : {}),
    status: options.status ?? 'active',
    intent: options.intent ?? 'order',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: options.category ?? 'community' }] }],
    ...(options.medication ?? { medicationCodeableConcept: { coding: [{ system: SNOMED, code: '322236009', display: options.name ?? 'Paracetamol 500mg tablets' }] } }),
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    authoredOn: options.authoredOn ?? '2026-11-10T09:00:00Z',
    requester: { reference: options.requester ?? 'Practitioner/dr-patel' },
    ...(options.basedOn ? { basedOn: [{ reference: options.basedOn }] } : {}),
    courseOfTherapyType: { coding: [{ system: COURSE, code: course }] },
    dosageInstruction: [
      {
        text: options.dosage ?? 'One tablet twice a day',
        ...(options.route ? { route: { coding: [{ system: SNOMED, code: '26643006', display: options.route }] } } : {}),
      },
    ],
    dispenseRequest: {
      quantity: { value: options.quantity ?? 28, unit: 'tablet' },
      ...(options.days ? { expectedSupplyDuration: { value: options.days, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' } } : {}),
      ...(options.validUntil ? { validityPeriod: { start: '2026-01-01', end: options.validUntil } } : {}),
      ...(options.repeats?.allowed !== undefined ? { numberOfRepeatsAllowed: options.repeats.allowed } : {}),
    },
  };
}

function dispense(id: string, prescription: string, options: { status?: MedicationDispense['status']; quantity?: number; handedOver?: string; eps?: string; patient?: string } = {}): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id,
    ...(options.eps ? { extension: [{ url: EPS_STATUS, valueCoding: { system: 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code: options.eps } }] } : {}),
    status: options.status ?? 'completed',
    medicationCodeableConcept: { coding: [{ system: SNOMED, code: '322236009', display: 'Paracetamol 500mg tablets' }] },
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    performer: [{ actor: { reference: 'Organization/pharmacy' } }],
    authorizingPrescription: [{ reference: `MedicationRequest/${prescription}` }],
    quantity: { value: options.quantity ?? 28, unit: 'tablet' },
    ...(options.handedOver ? { whenHandedOver: options.handedOver } : {}),
  };
}

function statement(id: string, options: { name?: string; status?: MedicationStatement['status']; source?: string } = {}): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id,
    status: options.status ?? 'active',
    medicationCodeableConcept: { coding: [{ system: SNOMED, code: '317972000', display: options.name ?? 'Furosemide 40mg tablets' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-08-17',
    dateAsserted: '2026-08-20',
    informationSource: { reference: options.source ?? 'Organization/hospital' },
    dosage: [{ text: 'One tablet each morning' }],
  };
}

function collection(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource })) };
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function visible(element: Element): boolean {
  return !element.closest('[hidden]');
}

function items(list: MedicationList, group?: 'current' | 'past' | 'recorded'): HTMLElement[] {
  const selector = group ? `li[part~="item-${group}"]` : 'li[part~="item"]';
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>(selector)].filter(visible);
}

function names(list: MedicationList, group?: 'current' | 'past' | 'recorded'): string[] {
  return items(list, group).map((item) => text(item.querySelector('[part~="name"]')));
}

function itemNamed(list: MedicationList, name: string): HTMLElement {
  const found = [...list.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="item"]')].find((item) => text(item.querySelector('[part~="name"]')) === name);
  if (!found) throw new Error(`No medicine "${name}": ${names(list).join(', ')} in: ${text(list).slice(0, 300)}`);
  return found;
}

function badgeOf(item: HTMLElement): string {
  return text(item.querySelector('.status-line [part~="status"]'));
}

function stepsOf(item: HTMLElement): string {
  return text(item.querySelector('[part~="steps"]'));
}

function detail(item: HTMLElement, label: string): string | undefined {
  const row = [...item.querySelectorAll('.details > div')].find((div) => text(div.querySelector('dt')) === label);
  return row ? text(row.querySelector('dd')) : undefined;
}

function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => text(button).includes(name) && visible(button));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

async function openPast(list: MedicationList): Promise<void> {
  const button = list.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-controls="medication-past"]');
  if (button?.getAttribute('aria-expanded') === 'false') {
    button.click();
    await list.updateComplete;
  }
}

/** Requests the widget sends to the FHIR server. */
function recordRequests(worker: ReturnType<typeof setupWorker>) {
  const urls: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.startsWith(BASE)) urls.push(new URL(request.url));
  };
  worker.events.on('request:start', listener);
  return { urls, stop: () => worker.events.removeListener('request:start', listener) };
}

function collectErrors() {
  const events: CareRecordErrorEvent[] = [];
  const record = (event: CareRecordErrorEvent) => events.push(event);
  document.addEventListener('care-record-error', record);
  return { events, stop: () => document.removeEventListener('care-record-error', record) };
}

/**
 * Test files run two at a time on one origin. When the other page has just registered msw's worker,
 * this page is not controlled yet and msw would reload it (interrupting the run): wait for the worker
 * to claim the page first.
 */
async function serviceWorkerSettled(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  if (navigator.serviceWorker.controller || !registrations.length) return;
  await new Promise<void>((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
    setTimeout(resolve, 5000);
  });
}

async function mount(
  template = html`<medication-list></medication-list>`,
  options: { patientId?: string; auth?: TokenProviderSession } = {},
): Promise<{ provider: CareRecordProvider; list: MedicationList }> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${options.patientId ?? 'p1'}
      .auth=${options.auth ?? new TokenProviderSession({ tokenProvider: () => 't' })}
      >${template}</care-record-provider
    >
  `);
  return { provider, list: provider.querySelector('medication-list') as MedicationList };
}

async function loaded(list: MedicationList): Promise<void> {
  await waitUntil(
    () => list.shadowRoot?.querySelector('section') && !list.shadowRoot.querySelector('[aria-busy="true"]') && text(list).length > 20,
    'the medication list never finished loading',
    { timeout: 5000 },
  );
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<medication-list>', () => {
  const worker = setupWorker();

  before(async () => {
    await serviceWorkerSettled();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  function serve(resources: FhirResource[], options: { faults?: FhirFault[]; latency?: number; pageSize?: number } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection([...people, ...resources])], ...options }));
  }

  function serveResidents(options: { faults?: FhirFault[] } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle), ...options }));
  }

  describe('states', () => {
    it('shows a busy skeleton while loading, under the "Medication" heading, and is accessible', async () => {
      serve([request('mr1')], { faults: [{ resourceType: 'MedicationRequest', hang: true }] });
      const { list } = await mount();
      await waitUntil(() => list.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
      expect(text(list.shadowRoot!.querySelector('[aria-busy="true"]'))).to.equal('Loading…');
      expect(list.shadowRoot!.querySelector('h2')!.textContent).to.equal('Medication');
      await expect(list).to.be.accessible();
    });

    it('says "No medication recorded" (not that none is taken) when the record holds none', async () => {
      serve([]);
      const { list } = await mount();
      await loaded(list);
      expect(text(list.shadowRoot!.querySelector('[part~="empty"]'))).to.equal('No medication recorded');
      expect(text(list)).to.contain('This does not mean the person takes no medicines.');
      expect(items(list)).to.have.length(0);
      await expect(list).to.be.accessible();
    });

    it("shows the server's message and Try again when nothing could be loaded, and tells the host", async () => {
      serve([request('mr1')], {
        faults: ['MedicationRequest', 'MedicationStatement', 'MedicationDispense'].map((resourceType) => ({
          resourceType,
          status: 500,
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Database unavailable' }] },
          times: 1,
        })),
      });
      const errors = collectErrors();
      try {
        const { list } = await mount();
        await loaded(list);
        const alert = list.shadowRoot!.querySelector('[role="alert"]')!;
        expect(text(alert)).to.contain('Medication information unavailable');
        expect(text(alert)).to.contain('The server said: Database unavailable');
        expect(errors.events.length).to.be.greaterThan(0);
        expect(errors.events[0]!.detail.source).to.equal('medication-list');
        await expect(list).to.be.accessible();
        buttonNamed(list.shadowRoot!, 'Try again').click();
        await waitUntil(() => items(list).length === 1, 'Try again did not load the list');
        expect(names(list)).to.deep.equal(['Paracetamol 500mg tablets']);
      } finally {
        errors.stop();
      }
    });

    it("says the person's record is not open to this user when the server refuses (403)", async () => {
      serve([request('mr1')], { faults: [{ path: /\/Medication(Request|Statement|Dispense)\?/, status: 403 }] });
      const { list } = await mount();
      await waitUntil(() => text(list).includes("You don't have access to this person's record"), 'no access-denied state');
      expect(items(list)).to.have.length(0);
      await expect(list).to.be.accessible();
    });

    it('asks the person to sign in when signed out, and loads nothing', async () => {
      serve([request('mr1')]);
      const requests = recordRequests(worker);
      try {
        const session = new TokenProviderSession({ tokenProvider: () => 't' });
        await session.signOut();
        const { list } = await mount(undefined, { auth: session });
        await waitUntil(() => text(list).includes("Sign in to see this person's record."), 'no signed-out prompt');
        expect(requests.urls.filter((url) => url.pathname.includes('Medication'))).to.have.length(0);
        await expect(list).to.be.accessible();
      } finally {
        requests.stop();
      }
    });
  });

  describe('queries', () => {
    it('searches requests (with their Medications, newest first), statements and dispenses in parallel', async () => {
      serve([request('mr1')]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount();
        await loaded(list);
        const search = (type: string) => requests.urls.filter((url) => url.pathname.endsWith(`/${type}`));
        const [medicationRequests] = search('MedicationRequest');
        expect(medicationRequests!.searchParams.get('patient')).to.equal('p1');
        expect(medicationRequests!.searchParams.get('_include')).to.equal('MedicationRequest:medication');
        expect(medicationRequests!.searchParams.get('_sort')).to.equal('-authoredon');
        // The summary's query, parameter for parameter, so that the client shares it between the two.
        expect(medicationRequests!.search).to.equal(
          '?patient=p1&_include=MedicationRequest:medication&_revinclude=MedicationDispense:prescription&_sort=-authoredon',
        );
        expect(search('MedicationStatement')[0]!.searchParams.get('patient')).to.equal('p1');
        expect(search('MedicationDispense')[0]!.searchParams.get('patient')).to.equal('p1');
        for (const type of ['MedicationRequest', 'MedicationStatement', 'MedicationDispense']) expect(search(type), type).to.have.length(1);
      } finally {
        requests.stop();
      }
    });

    it('shares its searches with another widget on the page asking the same (one request each)', async () => {
      serve([request('mr1')]);
      const requests = recordRequests(worker);
      try {
        const provider = await fixture<CareRecordProvider>(html`
          <care-record-provider fhir-base-url=${BASE} patient-id="p1" .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}>
            <medication-list></medication-list>
            <medication-list></medication-list>
          </care-record-provider>
        `);
        const lists = [...provider.querySelectorAll('medication-list')] as MedicationList[];
        for (const list of lists) await loaded(list);
        for (const list of lists) expect(names(list)).to.deep.equal(['Paracetamol 500mg tablets']);
        for (const type of ['MedicationRequest', 'MedicationStatement', 'MedicationDispense']) {
          expect(requests.urls.filter((url) => url.pathname.endsWith(`/${type}`)), type).to.have.length(1);
        }
      } finally {
        requests.stop();
      }
    });

    it('keeps dispensing statuses that came with the prescriptions when the dispense search fails', async () => {
      serve([request('mr1', { status: 'completed' }), dispense('md1', 'mr1', { handedOver: '2026-11-12T14:00:00Z' })], {
        faults: [{ resourceType: 'MedicationDispense', status: 500 }],
      });
      const { list } = await mount();
      await loaded(list);
      await openPast(list);
      expect(text(list)).to.contain('Dispensing information unavailable');
      expect(badgeOf(items(list)[0]!)).to.equal('Prescription status: Dispensed 12-Nov-2026');
    });

    it('names prescribers it was not sent with one batched request per type', async () => {
      const role = { resourceType: 'PractitionerRole', id: 'role-ahmed', practitioner: { reference: 'Practitioner/dr-ahmed' }, organization: { reference: 'Organization/hospital' } } as FhirResource;
      serve([
        role,
        request('mr1', { name: 'Amlodipine 5mg tablets', requester: 'Practitioner/dr-patel' }),
        request('mr2', { name: 'Ramipril 2.5mg capsules', requester: 'Practitioner/dr-ahmed' }),
        request('mr3', { name: 'Sertraline 50mg tablets', requester: 'Practitioner/dr-patel' }),
        request('mr4', { name: 'Doxycycline 100mg capsules', requester: 'PractitionerRole/role-ahmed', category: 'discharge' }),
        dispense('md1', 'mr1', { handedOver: '2026-11-11T15:00:00Z' }),
      ]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount();
        await loaded(list);
        expect(detail(itemNamed(list, 'Amlodipine 5mg tablets'), 'Prescriber')).to.equal('PATEL, Anita (Dr)');
        expect(detail(itemNamed(list, 'Ramipril 2.5mg capsules'), 'Prescriber')).to.equal('AHMED, Yusuf (Dr)');
        expect(detail(itemNamed(list, 'Sertraline 50mg tablets'), 'Prescriber')).to.equal('PATEL, Anita (Dr)');
        const doxycycline = itemNamed(list, 'Doxycycline 100mg capsules');
        expect(detail(doxycycline, 'Prescriber')).to.equal('AHMED, Yusuf (Dr)');
        expect(text(doxycycline.querySelector('[part~="source"]'))).to.match(/^From South London General Hospital · recorded 10-Nov-2026/);
        expect(badgeOf(doxycycline)).to.equal('Prescription status: Issued by hospital 10-Nov-2026');
        expect(detail(itemNamed(list, 'Amlodipine 5mg tablets'), 'Last supplied')).to.contain('by Hillside Pharmacy');
        const count = (type: string) => requests.urls.filter((url) => url.pathname.endsWith(`/${type}`)).length;
        expect(count('Practitioner')).to.equal(1);
        expect(count('PractitionerRole')).to.equal(1);
        expect(count('Organization')).to.equal(1);
        const practitioners = requests.urls.find((url) => url.pathname.endsWith('/Practitioner'))!;
        expect(practitioners.searchParams.get('_id')!.split(',').sort()).to.deep.equal(['dr-ahmed', 'dr-patel']);
      } finally {
        requests.stop();
      }
    });
  });

  describe('prescription status', () => {
    // One resident per status: what a care home needs to know without phoning the GP or the pharmacy.
    const cases: Array<{ status: string; records: FhirResource[]; badge: string; steps?: string; past?: boolean }> = [
      {
        status: 'awaiting issue',
        records: [request('plan', { intent: 'plan', course: 'continuous', repeats: { allowed: 6, issued: 0, expires: '2099-01-01' } })],
        badge: 'Authorised, awaiting issue',
        steps: 'Issued by GP (not yet) With pharmacy (not yet) Dispensed (not yet)',
      },
      {
        status: 'issued',
        records: [request('mr1')],
        badge: 'Issued by GP 10-Nov-2026',
        steps: 'Issued by GP 10-Nov-2026 (done) With pharmacy (not yet) Dispensed (not yet)',
      },
      {
        status: 'with pharmacy',
        records: [request('mr1'), dispense('md1', 'mr1', { status: 'in-progress' })],
        badge: 'With pharmacy',
        steps: 'Issued by GP 10-Nov-2026 (done) With pharmacy (now) Dispensed (not yet)',
      },
      {
        status: 'dispensed',
        records: [request('mr1', { status: 'completed' }), dispense('md1', 'mr1', { handedOver: '2026-11-12T14:00:00Z' })],
        badge: 'Dispensed 12-Nov-2026',
        steps: 'Issued by GP 10-Nov-2026 (done) With pharmacy (done) Dispensed 12-Nov-2026 (done)',
        past: true,
      },
      {
        status: 'partially dispensed',
        records: [request('mr1', { quantity: 56 }), dispense('md1', 'mr1', { quantity: 28, handedOver: '2026-11-12T14:00:00Z' })],
        badge: 'Partially dispensed 12-Nov-2026',
        steps: 'Issued by GP 10-Nov-2026 (done) With pharmacy (done) Partially dispensed 12-Nov-2026 (part supplied)',
      },
      {
        status: 'not dispensed',
        records: [request('mr1', { status: 'completed' }), dispense('md1', 'mr1', { status: 'declined', quantity: 0 })],
        badge: 'Not dispensed',
        steps: 'Issued by GP 10-Nov-2026 (done) With pharmacy (done) Not dispensed (stopped here)',
        past: true,
      },
      {
        status: 'cancelled',
        records: [request('mr1', { status: 'cancelled' })],
        badge: 'Cancelled',
        steps: 'Issued by GP 10-Nov-2026 (done) Cancelled (stopped here)',
        past: true,
      },
      {
        status: 'expired',
        records: [request('mr1', { authoredOn: '2025-11-10', validUntil: '2026-05-10' })],
        badge: 'Expired',
        steps: 'Issued by GP 10-Nov-2025 (done) Expired (stopped here)',
        past: true,
      },
    ];
    for (const { status, records, badge, steps, past } of cases) {
      it(`shows "${badge}" with its steps for a prescription that is ${status}`, async () => {
        serve(records);
        const { list } = await mount();
        await loaded(list);
        await openPast(list);
        expect(items(list, past ? 'past' : 'current')).to.have.length(1);
        const item = items(list)[0]!;
        expect(badgeOf(item)).to.equal(`Prescription status: ${badge}`);
        if (steps) {
          expect(stepsOf(item)).to.equal(steps);
          expect(item.querySelector('[part~="steps"]')!.getAttribute('aria-label')).to.equal('Progress of the latest prescription');
        }
        await expect(list).to.be.accessible();
      });
    }

    const eps: Array<[string, string, string, boolean]> = [
      ['0001', 'To be dispensed', 'Issued by GP 10-Nov-2026', false],
      ['0002', 'With dispenser', 'With pharmacy', false],
      ['0003', 'With dispenser – active', 'With pharmacy', false],
      ['0004', 'Expired', 'Expired', true],
      ['0005', 'Cancelled', 'Cancelled', true],
      ['0006', 'Dispensed', 'Dispensed', true],
      ['0007', 'Not dispensed', 'Not dispensed', true],
    ];
    for (const [code, words, badge, past] of eps) {
      it(`reads EPS business status ${code} as "${words}" (status "${badge}")`, async () => {
        const finished = ['0004', '0005', '0006', '0007'].includes(code);
        serve([request(`mr-${code}`, { eps: code, status: finished ? 'completed' : 'active' })]);
        const { list } = await mount();
        await loaded(list);
        await openPast(list);
        const item = items(list, past ? 'past' : 'current')[0]!;
        expect(detail(item, 'Electronic prescription')).to.equal(words);
        expect(badgeOf(item)).to.equal(`Prescription status: ${badge}`);
      });
    }

    it('never relies on colour: each step says its state in words, and the marks are hidden from screen readers', async () => {
      serve([request('mr1'), dispense('md1', 'mr1', { status: 'in-progress' })]);
      const { list } = await mount();
      await loaded(list);
      const steps = [...items(list)[0]!.querySelectorAll('[part~="step"]')];
      expect(steps.map((step) => text(step.querySelector('.visually-hidden')))).to.deep.equal(['(done)', '(now)', '(not yet)']);
      for (const step of steps) expect(step.querySelector('.step-mark')!.getAttribute('aria-hidden')).to.equal('true');
      expect(items(list)[0]!.querySelector('img')).to.equal(null);
    });
  });

  describe('packaged residents', () => {
    it("follows Margaret Whitfield's prescriptions: with pharmacy, issued and sent, stopped, from hospital", async () => {
      serveResidents();
      const { list } = await mount(undefined, { patientId: 'margaret-whitfield' });
      await loaded(list);
      const paracetamol = itemNamed(list, 'Paracetamol 500mg tablets');
      expect(badgeOf(paracetamol)).to.equal('Prescription status: With pharmacy');
      expect(detail(paracetamol, 'Electronic prescription')).to.equal('With dispenser');
      expect(text(paracetamol.querySelector('.tags'))).to.equal('Repeat Repeat 3 of 12');
      const amlodipine = itemNamed(list, 'Amlodipine 5mg tablets');
      expect(badgeOf(amlodipine)).to.equal('Prescription status: Issued by GP 21-Nov-2026');
      expect(detail(amlodipine, 'Electronic prescription')).to.equal('To be dispensed');
      expect(detail(amlodipine, 'Prescriber')).to.equal('PATEL, Anita (Dr)');
      expect(names(list, 'current')).to.include.members(['Donepezil 10mg tablets']);
      await openPast(list);
      const coCodamol = itemNamed(list, 'Co-codamol 30mg/500mg tablets');
      expect(badgeOf(coCodamol)).to.equal('Prescription status: Stopped');
      expect(detail(coCodamol, 'Status reason')).to.contain('possible codeine intolerance');
      buttonNamed(coCodamol, 'Show issue history (2 issues)').click();
      await list.updateComplete;
      const cancelled = coCodamol.querySelector('[part~="history"] > li')!;
      expect(text(cancelled)).to.contain('Issued 27-Oct-2026 Prescription status: Cancelled');
      expect(text(cancelled)).to.contain('Cancelled by the practice while she was in hospital.');
      expect(text(list.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
      expect(names(list)).not.to.include('Aspirin 75mg dispersible tablets');
      await expect(list).to.be.accessible();
    });

    it("shows Arthur Pemberton's repeat history: dispensed, expired, not dispensed, and the latest issue sent", async () => {
      serveResidents();
      const { list } = await mount(undefined, { patientId: 'arthur-pemberton' });
      await loaded(list);
      const amlodipine = itemNamed(list, 'Amlodipine 5mg tablets');
      expect(badgeOf(amlodipine)).to.equal('Prescription status: Issued by GP 22-Nov-2026');
      expect(text(amlodipine.querySelector('.tags'))).to.equal('Repeat Repeat 11 of 13');
      const toggle = buttonNamed(amlodipine, 'Show issue history (5 issues)');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await list.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const history = amlodipine.querySelector<HTMLElement>('[part~="history"]')!;
      expect(toggle.getAttribute('aria-controls')).to.equal(history.id);
      const issues = [...history.querySelectorAll('li')].map((li) => text(li.querySelector('.issue-title')));
      expect(issues).to.deep.equal([
        'Issued 22-Nov-2026 Prescription status: Issued by GP 22-Nov-2026',
        'Issued 05-Oct-2026 Prescription status: Dispensed 06-Oct-2026',
        'Issued 10-Aug-2026 Prescription status: Not dispensed',
        'Issued 13-Jul-2026 Prescription status: Expired',
        'Issued 15-Jun-2026 Prescription status: Dispensed 16-Jun-2026',
      ]);
      expect(text(history)).to.contain('Last supplied: by Kirkstall Pharmacy · 06-Oct-2026 · 28 tablet');
      expect(text(history)).to.contain("Not collected within the prescription's validity: expired.");
      expect(text(history)).to.contain('Pharmacy: by Kirkstall Pharmacy · 11-Aug-2026 · Declined by the pharmacy');
      await expect(list).to.be.accessible();
      const furosemide = itemNamed(list, 'Furosemide 40mg tablets');
      expect(badgeOf(furosemide)).to.equal('Prescription status: On hold');
      expect(detail(furosemide, 'Status reason')).to.equal('Withheld since the admission in September: restart only when the GP has checked kidney function.');
      expect(badgeOf(itemNamed(list, 'Amlodipine 10mg tablets'))).to.equal('Prescription status: Draft (not yet issued)');
      await openPast(list);
      expect(badgeOf(itemNamed(list, 'Ciprofloxacin 500mg tablets'))).to.equal('Prescription status: Dispensed 20-Mar-2026');
      expect(badgeOf(itemNamed(list, 'Metformin 500mg tablets'))).to.equal('Prescription status: Stopped');
    });

    it("shows Evelyn Marsh's authorised repeat as awaiting issue (her restricted record opened by the host's own break-glass step)", async () => {
      serveResidents();
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider
          fhir-base-url=${BASE}
          patient-id="evelyn-marsh"
          restricted-access="host"
          .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}
          ><medication-list></medication-list
        ></care-record-provider>
      `);
      const list = provider.querySelector('medication-list') as MedicationList;
      await loaded(list);
      const paracetamol = itemNamed(list, 'Paracetamol 500mg tablets');
      expect(badgeOf(paracetamol)).to.equal('Prescription status: Authorised, awaiting issue');
      expect(stepsOf(paracetamol)).to.equal('Issued by GP (not yet) With pharmacy (not yet) Dispensed (not yet)');
      expect(detail(paracetamol, 'Review or expiry')).to.equal('02-Apr-2027');
    });
  });

  describe('what each medicine says', () => {
    it('tells a repeat ("Repeat 3 of 6", with its issue history) from an acute prescription', async () => {
      serve([
        request('plan', { name: 'Amlodipine 5mg tablets', intent: 'plan', course: 'continuous', authoredOn: '2025-01-10', repeats: { allowed: 6, issued: 3, expires: '2027-01-10' } }),
        request('issue-1', { name: 'Amlodipine 5mg tablets', course: 'continuous', status: 'completed', basedOn: 'MedicationRequest/plan', authoredOn: '2026-09-10T09:00:00Z' }),
        request('issue-2', { name: 'Amlodipine 5mg tablets', course: 'continuous', status: 'completed', basedOn: 'MedicationRequest/plan', authoredOn: '2026-10-10T09:00:00Z' }),
        request('issue-3', { name: 'Amlodipine 5mg tablets', course: 'continuous', basedOn: 'MedicationRequest/plan', authoredOn: '2026-11-10T09:00:00Z' }),
        dispense('md-2', 'issue-2', { handedOver: '2026-10-11T15:00:00Z' }),
        request('acute', { name: 'Amoxicillin 500mg capsules', authoredOn: '2026-11-20T09:00:00Z', dosage: 'One capsule three times a day for 5 days', route: 'Oral', quantity: 15 }),
      ]);
      const { list } = await mount();
      await loaded(list);
      expect(names(list, 'current')).to.deep.equal(['Amoxicillin 500mg capsules', 'Amlodipine 5mg tablets']);
      const repeat = itemNamed(list, 'Amlodipine 5mg tablets');
      expect([...repeat.querySelectorAll('[part~="tag"]')].map((tag) => text(tag))).to.deep.equal(['Repeat', 'Repeat 3 of 6']);
      expect(detail(repeat, 'Authorised')).to.equal('10-Jan-2025');
      expect(detail(repeat, 'Last issued')).to.equal('10-Nov-2026');
      expect(detail(repeat, 'Review or expiry')).to.equal('10-Jan-2027');
      buttonNamed(repeat, 'Show issue history (3 issues)').click();
      await list.updateComplete;
      expect(text(buttonNamed(repeat, 'Hide issue history'))).to.equal('Hide issue history (3 issues)');
      const history = [...repeat.querySelectorAll('[part~="history"] > li')].map((li) => text(li.querySelector('.issue-title')));
      expect(history).to.deep.equal([
        'Issued 10-Nov-2026 Prescription status: Issued by GP 10-Nov-2026',
        'Issued 10-Oct-2026 Prescription status: Dispensed 11-Oct-2026',
        'Issued 10-Sep-2026 Prescription status: Issued by GP 10-Sep-2026',
      ]);

      const acute = itemNamed(list, 'Amoxicillin 500mg capsules');
      expect([...acute.querySelectorAll('[part~="tag"]')].map((tag) => text(tag))).to.deep.equal(['Acute']);
      expect(acute.querySelector('[part~="disclosure-button"]')).to.equal(null);
      expect(detail(acute, 'Dose')).to.equal('One capsule three times a day for 5 days');
      expect(detail(acute, 'Route')).to.equal('Oral');
      expect(detail(acute, 'Quantity')).to.equal('15 tablet');
      expect(detail(acute, 'Authorised')).to.equal('20-Nov-2026');
      expect(text(acute.querySelector('[part~="source"]'))).to.match(/^From PATEL, Anita \(Dr\) · recorded 20-Nov-2026/);
      await expect(list).to.be.accessible();
    });

    it('names a medicine from the included Medication (dm+d display)', async () => {
      const medication: Medication = { resourceType: 'Medication', id: 'm1', code: { coding: [{ system: SNOMED, code: '39732311000001104', display: 'Amoxicillin 250mg capsules' }] } };
      serve([medication, request('mr1', { medication: { medicationReference: { reference: 'Medication/m1' } } })]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount();
        await loaded(list);
        expect(names(list)).to.deep.equal(['Amoxicillin 250mg capsules']);
        // It came with the search (_include): no separate request for it.
        expect(requests.urls.filter((url) => url.pathname.endsWith('/Medication'))).to.have.length(0);
      } finally {
        requests.stop();
      }
    });

    it('names a medicine from a contained Medication (#med1)', async () => {
      const contained: Medication = { resourceType: 'Medication', id: 'med1', code: { text: 'Timolol 0.25% eye drops' } };
      serve([request('mr1', { contained: [contained], medication: { medicationReference: { reference: '#med1' } } })]);
      const { list } = await mount();
      await loaded(list);
      expect(names(list)).to.deep.equal(['Timolol 0.25% eye drops']);
    });

    it('says "Not known" instead of leaving blanks, and names an unnamed medicine plainly', async () => {
      const bare: MedicationRequest = { resourceType: 'MedicationRequest', id: 'bare', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' } };
      serve([bare]);
      const { list } = await mount();
      await loaded(list);
      const item = items(list)[0]!;
      expect(text(item.querySelector('[part~="name"]'))).to.equal('Medicine name not recorded');
      for (const label of ['Dose', 'Route', 'Quantity', 'Authorised', 'Last issued', 'Prescriber']) expect(detail(item, label), label).to.equal('Not known');
      expect(text(item.querySelector('[part~="source"]'))).to.equal('Source and date not recorded');
    });

    it('lists medicines recorded elsewhere (MedicationStatement) in their own group, with their source', async () => {
      serve([request('mr1'), statement('ms1', { name: 'Furosemide 40mg tablets' }), statement('ms2', { name: 'Ramipril 2.5mg capsules', status: 'stopped' })]);
      const { list } = await mount();
      await loaded(list);
      expect([...list.shadowRoot!.querySelectorAll('h3')].map((h) => text(h))).to.deep.equal(['Current medication (1)', 'Recorded elsewhere (2)']);
      expect(names(list, 'recorded')).to.deep.equal(['Furosemide 40mg tablets', 'Ramipril 2.5mg capsules']);
      const furosemide = itemNamed(list, 'Furosemide 40mg tablets');
      expect(badgeOf(furosemide)).to.equal('Status: Taking');
      expect(detail(furosemide, 'Started')).to.equal('17-Aug-2026');
      expect(text(furosemide.querySelector('[part~="source"]'))).to.match(/^From South London General Hospital · recorded 20-Aug-2026/);
      expect(badgeOf(itemNamed(list, 'Ramipril 2.5mg capsules'))).to.equal('Status: Stopped');
      await expect(list).to.be.accessible();
    });
  });

  describe('groups', () => {
    it('keeps past medication collapsed with its count until opened', async () => {
      serve([
        request('now', { name: 'Amlodipine 5mg tablets' }),
        request('old-1', { name: 'Co-codamol 30mg/500mg tablets', status: 'stopped', authoredOn: '2025-03-01' }),
        request('old-2', { name: 'Trimethoprim 200mg tablets', status: 'cancelled', authoredOn: '2025-02-01' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      const toggle = buttonNamed(list.shadowRoot!, 'Past medication (2)');
      expect(toggle.closest('h3')).not.to.equal(null);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(items(list, 'past')).to.have.length(0);
      expect(names(list, 'current')).to.deep.equal(['Amlodipine 5mg tablets']);
      await expect(list).to.be.accessible();
      toggle.click();
      await list.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(names(list, 'past')).to.deep.equal(['Co-codamol 30mg/500mg tablets', 'Trimethoprim 200mg tablets']);
      await expect(list).to.be.accessible();
    });

    it('moves a fully supplied acute course to Past once the days it covers are over', async () => {
      serve([
        request('over', { name: 'Amoxicillin 500mg capsules', authoredOn: '2025-03-01', days: 7 }),
        dispense('over-d', 'over', { handedOver: '2025-03-02T10:00:00Z' }),
        request('lasting', { name: 'Flucloxacillin 500mg capsules', authoredOn: '2025-03-01', days: 100000 }),
        dispense('lasting-d', 'lasting', { handedOver: '2025-03-02T10:00:00Z' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      await openPast(list);
      expect(names(list, 'current')).to.deep.equal(['Flucloxacillin 500mg capsules']);
      expect(names(list, 'past')).to.deep.equal(['Amoxicillin 500mg capsules']);
    });

    it('says so when nothing is current, and still offers the past', async () => {
      serve([request('old', { status: 'stopped', authoredOn: '2025-03-01' })]);
      const { list } = await mount();
      await loaded(list);
      expect(text(list)).to.contain('Current medication (0) No current medication recorded.');
      expect(buttonNamed(list.shadowRoot!, 'Past medication (1)')).to.exist;
    });

    it('leaves out entries marked as entered in error, with a notice', async () => {
      serve([
        request('ok', { name: 'Amlodipine 5mg tablets' }),
        request('wrong', { name: 'Aspirin 75mg dispersible tablets', status: 'entered-in-error' }),
        { ...statement('wrong-statement', { name: 'Warfarin 1mg tablets' }), status: 'entered-in-error' },
      ]);
      const { list } = await mount();
      await loaded(list);
      await openPast(list);
      expect(names(list)).to.deep.equal(['Amlodipine 5mg tablets']);
      expect(text(list.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('2 entries marked as entered in error are not shown');
      expect(text(list)).not.to.contain('Aspirin');
      expect(text(list)).not.to.contain('Warfarin');
      await expect(list).to.be.accessible();
    });
  });

  describe("the GP record's medication list", () => {
    const medicationList = (extra: Record<string, unknown>): FhirResource =>
      ({
        resourceType: 'List',
        id: 'gp-medications',
        status: 'current',
        mode: 'snapshot',
        code: { coding: [{ system: SNOMED, code: '933361000000108', display: 'Medications and medical devices' }] },
        subject: { reference: 'Patient/p1' },
        ...extra,
      }) as FhirResource;

    it('announces withheld confidential items and why the list is empty, when asked to', async () => {
      serve([
        request('mr1'),
        medicationList({
          extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode', valueCode: 'confidential-items' }],
          emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'withheld' }] },
        }),
      ]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount(html`<medication-list include-list-warnings></medication-list>`);
        await loaded(list);
        await waitUntil(() => text(list).includes('Items excluded due to confidentiality'), 'no list warning');
        const warnings = [...list.shadowRoot!.querySelectorAll('[part~="warning"]')].map((w) => text(w));
        expect(warnings).to.deep.equal([
          'Warning: Items excluded due to confidentiality and/or patient preferences.',
          'Warning: Information withheld: some or all items are not shown for confidentiality or patient preference.',
        ]);
        expect(requests.urls.find((url) => url.pathname.endsWith('/List'))!.searchParams.get('code')).to.equal('http://snomed.info/sct|933361000000108');
        expect(items(list)).to.have.length(1);
        await expect(list).to.be.accessible();
      } finally {
        requests.stop();
      }
    });

    it('does not ask for the list unless told to', async () => {
      serve([request('mr1')]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount();
        await loaded(list);
        expect(requests.urls.filter((url) => url.pathname.endsWith('/List'))).to.have.length(0);
      } finally {
        requests.stop();
      }
    });

    it('says when its warnings could not be loaded, without hiding the medicines', async () => {
      serve([request('mr1')], { faults: [{ resourceType: 'List', status: 500 }] });
      const { list } = await mount(html`<medication-list include-list-warnings></medication-list>`);
      await loaded(list);
      await waitUntil(() => text(list).includes("Warnings from the GP record's medication list could not be loaded."), 'no banner');
      expect(items(list)).to.have.length(1);
    });
  });

  describe('when one source fails', () => {
    it('still lists the prescriptions when dispensing information cannot be loaded, and says so', async () => {
      serve([request('mr1', { name: 'Amlodipine 5mg tablets' }), statement('ms1')], {
        faults: [{ resourceType: 'MedicationDispense', status: 500, times: 1 }],
      });
      const errors = collectErrors();
      try {
        const { list } = await mount();
        await loaded(list);
        const banner = list.shadowRoot!.querySelector<HTMLElement>('[part~="warning"]')!;
        expect(text(banner)).to.contain('Dispensing information unavailable');
        expect(text(banner)).to.contain('Check with the pharmacy before relying on a dispensing status.');
        expect(names(list, 'current')).to.deep.equal(['Amlodipine 5mg tablets']);
        expect(names(list, 'recorded')).to.deep.equal(['Furosemide 40mg tablets']);
        expect(errors.events).to.have.length(1);
        await expect(list).to.be.accessible();
        // Try again asks for dispensing only, and the banner goes once it answers.
        const requests = recordRequests(worker);
        try {
          buttonNamed(banner, 'Try again').click();
          await waitUntil(() => !text(list).includes('Dispensing information unavailable'), 'the banner stayed');
          expect(requests.urls.map((url) => url.pathname.split('/').pop())).to.deep.equal(['MedicationDispense']);
          expect(names(list, 'current')).to.deep.equal(['Amlodipine 5mg tablets']);
        } finally {
          requests.stop();
        }
      } finally {
        errors.stop();
      }
    });

    it('still lists what was dispensed and recorded elsewhere when prescriptions cannot be loaded', async () => {
      serve([request('mr1'), statement('ms1')], {
        faults: [
          {
            resourceType: 'MedicationRequest',
            status: 500,
            body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'GP system not responding' }] },
          },
        ],
      });
      const { list } = await mount();
      await loaded(list);
      const alert = list.shadowRoot!.querySelector('[part~="error"]')!;
      expect(text(alert)).to.contain('Prescriptions could not be loaded');
      expect(text(alert)).to.contain('The server said: GP system not responding');
      expect(names(list, 'recorded')).to.deep.equal(['Furosemide 40mg tablets']);
      await expect(list).to.be.accessible();
    });

    it('says when medicines recorded elsewhere cannot be loaded', async () => {
      serve([request('mr1')], { faults: [{ resourceType: 'MedicationStatement', status: 500 }] });
      const { list } = await mount();
      await loaded(list);
      expect(text(list.shadowRoot!.querySelector('[part~="warning"]'))).to.contain('Medicines recorded elsewhere could not be loaded');
      expect(items(list, 'current')).to.have.length(1);
    });
  });

  describe('paging, sorting and searching', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      request(`mr${i + 1}`, { name: ['Amlodipine 5mg tablets', 'Bisoprolol 2.5mg tablets', 'Citalopram 20mg tablets', 'Docusate 100mg capsules', 'Enalapril 5mg tablets'][i], authoredOn: `2026-11-0${i + 1}T09:00:00Z` }),
    );

    it('shows "Showing N of M" and loads more on request', async () => {
      serve(many);
      const { list } = await mount(html`<medication-list page-size="2"></medication-list>`);
      await loaded(list);
      expect(items(list)).to.have.length(2);
      const partial = () => text(list.shadowRoot!.querySelector('[part~="partial"] p'));
      expect(partial()).to.equal('Showing 2 of 5 prescription records');
      await expect(list).to.be.accessible();
      buttonNamed(list.shadowRoot!, 'Load more').click();
      await waitUntil(() => items(list).length === 4, 'the second page never came');
      expect(partial()).to.equal('Showing 4 of 5 prescription records');
      buttonNamed(list.shadowRoot!, 'Load more').click();
      await waitUntil(() => items(list).length === 5, 'the last page never came');
      expect(list.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
      // Newest issued first.
      expect(names(list)).to.deep.equal(['Enalapril 5mg tablets', 'Docusate 100mg capsules', 'Citalopram 20mg tablets', 'Bisoprolol 2.5mg tablets', 'Amlodipine 5mg tablets']);
    });

    it('says "More medication could not be loaded." when Load more fails, tells the host, keeps what it has, and Try again loads the page', async () => {
      serve(many, { faults: [{ path: /_getpages=/, status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Page store restarting' }] } }] });
      const errors = collectErrors();
      try {
        const { list } = await mount(html`<medication-list page-size="2"></medication-list>`);
        await loaded(list);
        buttonNamed(list.shadowRoot!, 'Load more').click();
        await waitUntil(() => text(list).includes('More medication could not be loaded.'), 'no Load more failure shown');
        expect(text(list.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
        expect(items(list)).to.have.length(2);
        expect(errors.events.filter((event) => event.detail.source === 'medication-list')).to.have.length(1);
        await expect(list).to.be.accessible();
        buttonNamed(list.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!, 'Try again').click();
        await waitUntil(() => items(list).length === 4, 'the second page never came');
        expect(list.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
      } finally {
        errors.stop();
      }
    });

    it('sorts by name and filters by text, with a count and Clear filters', async () => {
      serve(many);
      const { list } = await mount();
      await loaded(list);
      expect(text(list.shadowRoot!.querySelector('[part~="count"]'))).to.equal('5 medicines');
      const sort = list.shadowRoot!.querySelector<HTMLSelectElement>('#medication-sort')!;
      sort.value = 'name';
      sort.dispatchEvent(new Event('change'));
      await list.updateComplete;
      expect(names(list)).to.deep.equal(['Amlodipine 5mg tablets', 'Bisoprolol 2.5mg tablets', 'Citalopram 20mg tablets', 'Docusate 100mg capsules', 'Enalapril 5mg tablets']);
      const search = list.shadowRoot!.querySelector<HTMLInputElement>('#medication-search')!;
      expect(text(list.shadowRoot!.querySelector('label[for="medication-search"]'))).to.equal('Search medication');
      search.value = 'PRIL';
      search.dispatchEvent(new Event('input'));
      await list.updateComplete;
      expect(names(list)).to.deep.equal(['Enalapril 5mg tablets']);
      expect(text(list.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 1 of 5');
      await expect(list).to.be.accessible();
      search.value = 'nothing like this';
      search.dispatchEvent(new Event('input'));
      await list.updateComplete;
      expect(text(list)).to.contain('Nothing matches these filters.');
      buttonNamed(list.shadowRoot!, 'Clear filters').click();
      await list.updateComplete;
      expect(items(list)).to.have.length(5);
    });
  });

  it('fits its headings into the host page and takes its words from the host', async () => {
    serve([request('mr1')]);
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider
        fhir-base-url=${BASE}
        patient-id="p1"
        .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}
        .strings=${{ medHeading: 'Medicines', medStatusIssued: () => 'Sent by the surgery' }}
        ><medication-list heading-level="3"></medication-list
      ></care-record-provider>
    `);
    const list = provider.querySelector('medication-list') as MedicationList;
    await loaded(list);
    expect(text(list.shadowRoot!.querySelector('h3'))).to.equal('Medicines');
    expect(list.shadowRoot!.querySelector('h4')).to.exist;
    expect(badgeOf(items(list)[0]!)).to.equal('Prescription status: Sent by the surgery');
  });

  it('lets a dispensing search that fails for good still leave the list usable, at 320px wide', async () => {
    serve([request('mr1', { name: 'Amlodipine 5mg tablets with a rather long dm+d name for narrow screens' })]);
    worker.use(fhirFault(BASE, { resourceType: 'MedicationDispense', status: 503, retryAfter: 0 }));
    const { list } = await mount();
    list.style.width = '320px';
    await loaded(list);
    expect(list.scrollWidth).to.be.at.most(320);
    expect(items(list)).to.have.length(1);
    await expect(list).to.be.accessible();
  });
});
