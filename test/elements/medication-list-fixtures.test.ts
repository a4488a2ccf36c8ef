// <medication-list> over real published FHIR: the HL7 R4 specification's medication examples, two NHS
// EPS message bundles and the Synthea patients in shared/fixtures/fhir.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, loadBundle } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type { Bundle, FhirResource, MedicationDispense, MedicationRequest, Patient } from '@care-record/fhir';
import type { CareRecordProvider, MedicationList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/medication-list.js';

const BASE = 'https://fhir.test/R4';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

const HL7_REQUESTS = [
  ...Array.from({ length: 39 }, (_, i) => `medicationrequest03${String(i + 1).padStart(2, '0')}.json`).filter((f) => f !== 'medicationrequest0311.json'),
  'medicationrequestexample1.json',
  'medicationrequestexample2.json',
];
const HL7_DISPENSES = [
  ...Array.from({ length: 31 }, (_, i) => `medicationdispense03${String(i + 1).padStart(2, '0')}.json`).filter((f) => f !== 'medicationdispense0323.json'),
  'medicationdispenseexample8.json',
];
const HL7_STATEMENTS = Array.from({ length: 7 }, (_, i) => `medicationstatementexample${i + 1}.json`);
const HL7_MEDICATIONS = [...Array.from({ length: 21 }, (_, i) => `medicationexample03${String(i + 1).padStart(2, '0')}.json`), 'medicationexample1.json', 'medicationexample15.json'];

const SYNTHEA = [
  'Carlene_Schamberger_cc19113f-aa63-434b-ab4e-62a5f97f1f0b.json',
  'Carlota_Muro_ba29bb08-e7d6-44c2-92cc-894cc29b8494.json',
  'Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json',
  'Emilee_Ritchie_27abf6e8-2b5d-4ec0-bfd9-6b433fc73cc2.json',
  'Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json',
  'Joie_Morissette_c47db034-eb1c-4100-9448-4d4b3cb6535c.json',
  'Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json',
  'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json',
  'Rhett_Kuhlman_aa455d27-37f0-4617-9086-f2c26446e368.json',
  'Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json',
];

async function fixtureJson<T = FhirResource>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(list: MedicationList): HTMLElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="item"]')].filter((item) => !item.closest('[hidden]'));
}

function itemNamed(list: MedicationList, name: string): HTMLElement {
  const found = items(list).find((item) => text(item.querySelector('[part~="name"]')) === name);
  if (!found) throw new Error(`No medicine "${name}"`);
  return found;
}

function badgeOf(item: HTMLElement): string {
  return text(item.querySelector('.status-line [part~="status"]'));
}

function detail(item: HTMLElement, label: string): string | undefined {
  const row = [...item.querySelectorAll('.details > div')].find((div) => text(div.querySelector('dt')) === label);
  return row ? text(row.querySelector('dd')) : undefined;
}

async function openPast(list: MedicationList): Promise<void> {
  const button = list.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-controls="medication-past"]');
  if (button?.getAttribute('aria-expanded') === 'false') {
    button.click();
    await list.updateComplete;
  }
}

/** Console errors and uncaught errors while a test runs. */
function watchConsole() {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  const onError = (event: ErrorEvent) => errors.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      console.error = original;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
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

async function mount(patientId: string): Promise<MedicationList> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}
      ><medication-list></medication-list
    ></care-record-provider>
  `);
  const list = provider.querySelector('medication-list') as MedicationList;
  await waitUntil(
    () => list.shadowRoot?.querySelector('section') && !list.shadowRoot.querySelector('[aria-busy="true"]') && text(list).length > 20,
    'the medication list never finished loading',
    { timeout: 30000 },
  );
  return list;
}

/**
 * An EPS dispense notification names the patient by NHS number only. A server that stores it links
 * the subject to its Patient: so do we, to the Patient with that NHS number.
 */
function linkToPatient(resources: FhirResource[], patient: Patient): FhirResource[] {
  const nhsNumber = patient.identifier?.find((i) => i.system === NHS_NUMBER)?.value;
  return resources.map((resource) => {
    if (resource.resourceType !== 'MedicationDispense' || resource.subject?.reference) return resource;
    const subject = resource.subject;
    return subject?.identifier?.system === NHS_NUMBER && subject.identifier.value === nhsNumber
      ? ({ ...resource, subject: { ...subject, reference: `Patient/${patient.id}` } } as MedicationDispense)
      : resource;
  });
}

describe('<medication-list> with real FHIR examples', () => {
  const worker = setupWorker();

  before(async () => {
    await serviceWorkerSettled();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('HL7 R4 specification examples', () => {
    it('shows every MedicationRequest, dispense and statement example for their patient, without console errors', async function () {
      // About a hundred files to fetch and an axe run over 45 medicines: slow on a busy machine.
      this.timeout(60000);
      const paths = [...HL7_REQUESTS, ...HL7_DISPENSES, ...HL7_STATEMENTS, ...HL7_MEDICATIONS, 'patient-example-a.json'];
      const resources = await Promise.all(paths.map((path) => fixtureJson(`hl7-r4/${path}`)));
      const requests = resources.filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
      expect(requests).to.have.length(40);
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: resources }));
      const console = watchConsole();
      try {
        const list = await mount('pat1');
        await openPast(list);
        const shown = items(list);
        // Every example is a prescription on its own (intent=order): one item each. Dispenses join their
        // prescriptions; one statement is derived from a prescription; five stand alone.
        const prescriptions = shown.filter((item) => !item.matches('[part~="item-recorded"]'));
        expect(prescriptions).to.have.length(40);
        expect(list.shadowRoot!.querySelectorAll('[part~="item-recorded"]')).to.have.length(5);
        expect(text(list.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('3 entries marked as entered in error are not shown');
        for (const item of shown) {
          expect(text(item.querySelector('[part~="name"]')), 'every medicine is named').not.to.equal('Medicine name not recorded');
          expect(badgeOf(item)).to.match(/^(Prescription status|Status): \S/);
        }
        // A contained Medication (#med0310) and one by reference (Medication/med0316), brought by _include.
        expect(itemNamed(list, 'Oral Form Oxycodone (product)')).to.exist;
        expect(itemNamed(list, 'Chlorthalidone 50mg tablet (product)')).to.exist;
        await expect(list).to.be.accessible();
        expect(console.errors).to.deep.equal([]);
      } finally {
        console.stop();
      }
    });
  });

  describe('NHS EPS message bundles', () => {
    it('shows the four items of an EPS prescription order, with the prescriber and the surgery', async () => {
      const bundle = await fixtureJson<Bundle>('nhs-other/eps-prescription-order-multiple-dosage.json');
      const resources = loadBundle(bundle);
      const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources }));
      const console = watchConsole();
      try {
        const list = await mount(patient.id!);
        await openPast(list);
        const names = items(list).map((item) => text(item.querySelector('[part~="name"]')));
        expect(names).to.have.members(['Amoxicillin 250mg capsules', 'Co-codamol 30mg/500mg tablets', 'Pseudoephedrine hydrochloride 60mg tablets', 'Azithromycin 250mg capsules']);
        const amoxicillin = itemNamed(list, 'Amoxicillin 250mg capsules');
        // Valid until 05-Apr-2024 and never dispensed: it can no longer be.
        expect(badgeOf(amoxicillin)).to.equal('Prescription status: Expired');
        expect(detail(amoxicillin, 'Prescriber')).to.equal('BOIN, C (DR)');
        expect(detail(amoxicillin, 'Quantity')).to.equal('20 tablet (10 day supply)');
        expect(detail(amoxicillin, 'Dose')).to.equal('2 times a day for 10 days');
        expect(text(amoxicillin.querySelector('.tags'))).to.equal('Acute');
        expect(text(amoxicillin.querySelector('[part~="source"]'))).to.equal('From HALLGARTH SURGERY');
        await expect(list).to.be.accessible();
        expect(console.errors).to.deep.equal([]);
      } finally {
        console.stop();
      }
    });

    it('shows what an EPS dispense notification says of each item: dispensed, owed, cancelled', async () => {
      const bundle = await fixtureJson<Bundle>('nhs-other/eps-dispense-notification-acute-01.json');
      const patient: Patient = { resourceType: 'Patient', id: 'marisa-twitchett', identifier: [{ system: NHS_NUMBER, value: '9449304130' }] };
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [patient, ...linkToPatient(loadBundle(bundle), patient)] }));
      const console = watchConsole();
      try {
        const list = await mount('marisa-twitchett');
        await openPast(list);
        expect(items(list)).to.have.length(4);
        const amoxicillin = itemNamed(list, 'Amoxicillin 250mg capsules');
        expect(badgeOf(amoxicillin)).to.equal('Prescription status: Dispensed 27-Nov-2022');
        // A 10-day course supplied in 2022 is over, whatever its request status still says.
        expect(amoxicillin.matches('[part~="item-past"]')).to.equal(true);
        expect(detail(amoxicillin, 'Last supplied')).to.equal('by The Simple Pharmacy · 27-Nov-2022 · 20 tablet · Item fully dispensed');
        // Known only from the pharmacy's notification: that is its source.
        expect(text(amoxicillin.querySelector('[part~="source"]'))).to.match(/^From The Simple Pharmacy · recorded 27-Nov-2022/);
        expect(detail(amoxicillin, 'Electronic prescription')).to.equal('With dispenser – active');
        expect(badgeOf(itemNamed(list, 'Co-codamol 30mg/500mg tablets'))).to.equal('Prescription status: Dispensed 27-Nov-2022');
        // Item status 0004 "not dispensed, owing": the pharmacy still has to supply it.
        const owed = itemNamed(list, 'Pseudoephedrine hydrochloride 60mg tablets');
        expect(badgeOf(owed)).to.equal('Prescription status: With pharmacy');
        expect(owed.matches('[part~="item-current"]')).to.equal(true);
        expect(badgeOf(itemNamed(list, 'Azithromycin 250mg capsules'))).to.equal('Prescription status: Cancelled');
        await expect(list).to.be.accessible();
        expect(console.errors).to.deep.equal([]);
      } finally {
        console.stop();
      }
    });

    it('keeps the notification\'s 2022 prescription apart from the 2024 order of the same medicines (another prescription number)', async () => {
      const order = loadBundle(await fixtureJson<Bundle>('nhs-other/eps-prescription-order-multiple-dosage.json'));
      const patient = order.find((r): r is Patient => r.resourceType === 'Patient')!;
      const notification = linkToPatient(loadBundle(await fixtureJson<Bundle>('nhs-other/eps-dispense-notification-acute-01.json')), patient);
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [...order, ...notification] }));
      const list = await mount(patient.id!);
      await openPast(list);
      expect(items(list)).to.have.length(8);
      const amoxicillin = items(list).filter((item) => text(item.querySelector('[part~="name"]')) === 'Amoxicillin 250mg capsules');
      expect(amoxicillin.map(badgeOf).sort()).to.deep.equal(['Prescription status: Dispensed 27-Nov-2022', 'Prescription status: Expired']);
    });
  });

  describe('Synthea patients', () => {
    for (const file of SYNTHEA) {
      it(`shows every MedicationRequest of ${file.split('_').slice(0, 2).join(' ')} (or says how many are not shown)`, async function () {
        // Synthea bundles run to several megabytes.
        this.timeout(60000);
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = loadBundle(bundle);
        const patient = resources.find((r) => r.resourceType === 'Patient')!;
        const expected = resources.filter((r) => r.resourceType === 'MedicationRequest').length;
        worker.use(...createFhirHandlers({ baseUrl: BASE, resources }));
        const console = watchConsole();
        try {
          const list = await mount(patient.id!);
          await openPast(list);
          const partial = list.shadowRoot!.querySelector('[part~="partial"]');
          if (partial) expect(text(partial)).to.contain(`Showing ${items(list).length} of ${expected} prescription records`);
          else expect(items(list)).to.have.length(expected);
          for (const item of items(list)) expect(detail(item, 'Prescriber')).not.to.equal('Not known');
          expect(console.errors).to.deep.equal([]);
        } finally {
          console.stop();
        }
      });
    }
  });
});
