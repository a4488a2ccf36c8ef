import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { AllergyIntolerance, Bundle, FhirResource, List, Patient, Practitioner } from '@care-record/fhir';
import type { AllergyList, CareRecordErrorEvent, CareRecordProvider, CareRecordViewedEvent, Strings } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/allergy-list.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }] };

function practitioner(id: string, family: string, given: string): Practitioner {
  return { resourceType: 'Practitioner', id, name: [{ family, given: [given], prefix: ['Dr'] }] };
}

interface AllergyOptions {
  text?: string;
  snomed?: [string, string];
  category?: AllergyIntolerance['category'];
  criticality?: AllergyIntolerance['criticality'];
  clinical?: string;
  verification?: string;
  recorded?: string;
  recorder?: string;
  reaction?: string;
  severity?: 'mild' | 'moderate' | 'severe';
  patient?: string;
}

function allergy(id: string, options: AllergyOptions = {}): AllergyIntolerance {
  const resource: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: `Patient/${options.patient ?? 'p1'}` },
    code: options.snomed
      ? { coding: [{ system: SNOMED, code: options.snomed[0], display: options.snomed[1] }] }
      : { text: options.text ?? id },
    recordedDate: options.recorded ?? '2024-03-12',
  };
  resource.clinicalStatus = { coding: [{ system: CLINICAL, code: options.clinical ?? 'active' }] };
  resource.verificationStatus = { coding: [{ system: VERIFICATION, code: options.verification ?? 'confirmed' }] };
  if (options.category) resource.category = options.category;
  if (options.criticality) resource.criticality = options.criticality;
  if (options.recorder) resource.recorder = { reference: `Practitioner/${options.recorder}` };
  if (options.reaction) {
    resource.reaction = [{ manifestation: [{ text: options.reaction }], ...(options.severity ? { severity: options.severity } : {}) }];
  }
  return resource;
}

const NKA: [string, string] = ['716186003', 'No known allergy (situation)'];
const NKDA: [string, string] = ['409137002', 'No known drug allergy (situation)'];

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(widget: AllergyList): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="item"]')];
}

function itemNames(widget: AllergyList): string[] {
  return items(widget).map((item) => text(item.querySelector('[part~="substance"]')));
}

function itemNamed(widget: AllergyList, name: string): HTMLElement {
  const found = items(widget).find((item) => text(item.querySelector('[part~="substance"]')) === name);
  if (!found) throw new Error(`No allergy named ${name}: ${itemNames(widget).join(', ')}`);
  return found;
}

function headings(widget: AllergyList): string[] {
  return [...widget.shadowRoot!.querySelectorAll('h3')].map((h) => text(h));
}

// restricted-access="host": the host has its own break-glass step, so restricted records (Evelyn
// Marsh) open here; the provider's own break-glass prompt is the provider's to test.
async function mount(patientId = 'p1', attributes: { pageSize?: number; listWarnings?: boolean; tokenProvider?: () => string | undefined } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" restricted-access="host" .tokenProvider=${attributes.tokenProvider ?? (() => 't')}>
      <allergy-list page-size=${attributes.pageSize ?? 100} ?include-list-warnings=${attributes.listWarnings ?? false}></allergy-list>
    </care-record-provider>
  `);
  return provider.querySelector('allergy-list') as AllergyList;
}

async function shown(widget: AllergyList, words: string, message = `never showed "${words}"`): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `${message}; showed: ${text(widget).slice(0, 400)}`, { timeout: 8000 });
}

function serve(resources: FhirResource[], options: { faults?: FhirFault[]; pageSize?: number } = {}) {
  return createFhirHandlers({ baseUrl: BASE, resources, ...options });
}

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('<allergy-list>', () => {
  const worker = setupWorker();
  let requests: URL[] = [];

  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    worker.events.on('request:start', ({ request }) => {
      requests.push(new URL(request.url));
    });
  });
  beforeEach(() => {
    requests = [];
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  const searches = (type: string) => requests.filter((url) => url.origin === new URL(BASE).origin && url.pathname.endsWith(`/${type}`));

  describe('the four allergy states', () => {
    it('lists allergies, most critical first, with reaction, severity, criticality and where and when they were recorded', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('a-plaster', { text: 'Elastoplast', category: ['environment'], criticality: 'low', recorded: '2023-01-05', reaction: 'Itchy skin', severity: 'mild' }),
          allergy('a-pen', { snomed: ['91936005', 'Penicillin'], category: ['medication'], criticality: 'high', recorded: '2019-06-01', reaction: 'Anaphylaxis', severity: 'severe' }),
          allergy('a-egg', { text: 'Egg', category: ['food'], recorded: '2024-02-10', reaction: 'Vomiting', severity: 'moderate' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Penicillin');
      expect(itemNames(widget)).to.deep.equal(['Penicillin', 'Egg', 'Elastoplast']);
      const penicillin = itemNamed(widget, 'Penicillin');
      expect(text(penicillin)).to.contain('Important: High criticality');
      expect(penicillin.getAttribute('part')).to.contain('item-critical');
      expect(penicillin.querySelector('[part~="flag-critical"] svg[aria-hidden="true"]'), 'an icon beside the words').to.exist;
      expect(penicillin.querySelector('[part~="flag-critical"] .visually-hidden')!.textContent).to.equal('Important: ');
      expect(text(penicillin)).to.contain('Anaphylaxis');
      expect(text(penicillin)).to.contain('Severe reaction');
      expect(text(penicillin)).to.contain('Medication');
      expect(text(penicillin)).to.contain('Active · Confirmed');
      expect(text(penicillin.querySelector('[part~="source"]'))).to.match(/^recorded 01-Jun-2019 \(/);
      expect(text(itemNamed(widget, 'Elastoplast'))).to.contain('Criticality Low');
      expect(text(itemNamed(widget, 'Elastoplast').querySelector('.flags'))).not.to.contain('criticality');
      expect(text(itemNamed(widget, 'Egg'))).to.contain('Criticality Not known');
      expect(widget.shadowRoot!.querySelector('h2')!.textContent).to.equal('Allergies and adverse reactions');
      await expect(widget).to.be.accessible();
    });

    it('shows "No known allergies" when the record says so, with who recorded it and when', async () => {
      worker.use(
        ...serve([
          resident,
          practitioner('dr-patel', 'Patel', 'Asha'),
          allergy('nka', { snomed: NKA, recorded: '2024-05-02', recorder: 'dr-patel' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'No known allergies');
      const statement = widget.shadowRoot!.querySelector('[part~="statement"]')!;
      expect(text(statement)).to.contain('No known allergies');
      await waitUntil(() => text(statement).includes('Recorded by PATEL, Asha (Dr)'), text(statement));
      expect(text(statement)).to.contain('recorded 02-May-2024');
      expect(items(widget)).to.have.length(0);
      expect(text(widget)).not.to.contain('No allergies recorded');
      await expect(widget).to.be.accessible();
    });

    it('says "No allergies recorded" — not "No known allergies" — when the search finds nothing', async () => {
      worker.use(...serve([resident]));
      const widget = await mount();
      await shown(widget, 'No allergies recorded');
      expect(text(widget)).to.contain('This does not mean the person has no allergies');
      expect(text(widget)).not.to.contain('No known allergies');
      await expect(widget).to.be.accessible();
    });

    it('says "Allergy information unavailable" with the server\'s message, and Try again recovers once the fault heals', async () => {
      worker.use(
        ...serve([resident, allergy('a1', { text: 'Latex' })], {
          faults: [
            {
              resourceType: 'AllergyIntolerance',
              status: 500,
              times: 1,
              body: {
                resourceType: 'OperationOutcome',
                issue: [{ severity: 'error', code: 'exception', diagnostics: 'Allergy service is restarting' }],
              },
            },
          ],
        }),
      );
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        const widget = await mount();
        await shown(widget, 'Allergy information unavailable');
        const alert = widget.shadowRoot!.querySelector('[role="alert"]')!;
        expect(text(alert)).to.contain('Allergy service is restarting');
        expect(text(widget)).not.to.contain('No allergies recorded');
        expect(errors.filter((e) => e.detail.source === 'allergy-list')).to.have.length(1);
        await expect(widget).to.be.accessible();
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
        await shown(widget, 'Latex');
        expect(text(widget)).not.to.contain('unavailable');
        expect(searches('AllergyIntolerance')).to.have.length(2);
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });
  });

  describe('shared states', () => {
    it('shows a busy skeleton while loading', async () => {
      worker.use(...serve([resident, allergy('a1')], { faults: [{ resourceType: 'AllergyIntolerance', hang: true }] }));
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]') && searches('AllergyIntolerance').length, 'no loading state');
      expect(text(widget)).to.contain('Loading…');
      await expect(widget).to.be.accessible();
    });

    it("says \"You don't have access to this person's record\" on 403", async () => {
      worker.use(...serve([resident], { faults: [{ resourceType: 'AllergyIntolerance', status: 403 }] }));
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks people to sign in when signed out, and makes no request', async () => {
      worker.use(...serve([resident, allergy('a1')]));
      const widget = await mount('p1', { tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      expect(searches('AllergyIntolerance')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });
  });

  describe('status and verification', () => {
    it('flags unconfirmed allergies, groups inactive and resolved ones after current ones, and shows refuted ones apart', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('old', { text: 'Aspirin', clinical: 'inactive', criticality: 'high', recorded: '2024-06-01' }),
          allergy('gone', { text: 'Strawberries', clinical: 'resolved', recorded: '2010-01-01' }),
          allergy('maybe', { text: 'Codeine', verification: 'unconfirmed', recorded: '2020-01-01' }),
          allergy('sure', { text: 'Ibuprofen', recorded: '2018-01-01' }),
          allergy('no', { text: 'Peanuts', verification: 'refuted', recorded: '2015-01-01' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Codeine');
      expect(headings(widget)).to.deep.equal(['Current (2)', 'No longer active (2)', 'Ruled out (1)']);
      expect(itemNames(widget)).to.deep.equal(['Ibuprofen', 'Codeine', 'Aspirin', 'Strawberries', 'Peanuts']);
      expect(text(itemNamed(widget, 'Codeine').querySelector('.flags'))).to.equal('Unconfirmed');
      expect(text(itemNamed(widget, 'Aspirin').querySelector('.flags'))).to.contain('Inactive');
      expect(text(itemNamed(widget, 'Strawberries').querySelector('.flags'))).to.contain('Resolved');
      expect(text(itemNamed(widget, 'Peanuts').querySelector('.flags'))).to.contain('Ruled out');
      await expect(widget).to.be.accessible();
    });

    it('leaves out entries marked entered in error, and says how many', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('real', { text: 'Amoxicillin' }),
          allergy('mistake', { text: 'Morphine', verification: 'entered-in-error' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Amoxicillin');
      expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
      expect(text(widget)).not.to.contain('Morphine');
      expect(items(widget)).to.have.length(1);
      await expect(widget).to.be.accessible();
    });

    it('flags a "No known allergies" statement that contradicts a recorded allergy', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('nkda', { snomed: NKDA, recorded: '2021-01-01' }),
          allergy('pen', { text: 'Penicillin', category: ['medication'], recorded: '2023-01-01' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Penicillin');
      const conflict = widget.shadowRoot!.querySelector('[part~="conflict"]');
      expect(conflict).to.exist;
      expect(text(conflict)).to.contain('Important: The record also says “No known drug allergies”, but allergies are recorded below.');
      expect(text(conflict)).to.contain('recorded 01-Jan-2021');
      expect(itemNames(widget)).to.deep.equal(['Penicillin']);
      await expect(widget).to.be.accessible();
    });

    it('does not flag a statement about other kinds of allergy, and still shows it', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('nkda', { snomed: NKDA }),
          allergy('egg', { text: 'Egg', category: ['food'] }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Egg');
      expect(widget.shadowRoot!.querySelector('[part~="conflict"]')).to.equal(null);
      expect(text(widget.shadowRoot!.querySelector('[part~="statement"]'))).to.contain('No known drug allergies');
    });
  });

  describe('who recorded each allergy', () => {
    it('names recorders that were neither contained nor included with one batched request', async () => {
      worker.use(
        ...serve([
          resident,
          practitioner('dr-a', 'Adeyemi', 'Tola'),
          practitioner('dr-b', 'Brown', 'Kit'),
          allergy('a1', { text: 'Latex', recorder: 'dr-a' }),
          allergy('a2', { text: 'Codeine', recorder: 'dr-b' }),
          allergy('a3', { text: 'Plasters', recorder: 'dr-a' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'BROWN, Kit (Dr)');
      expect(text(itemNamed(widget, 'Latex'))).to.contain('Recorded by ADEYEMI, Tola (Dr)');
      expect(text(itemNamed(widget, 'Plasters'))).to.contain('Recorded by ADEYEMI, Tola (Dr)');
      const lookups = searches('Practitioner');
      expect(lookups).to.have.length(1);
      expect(lookups[0].searchParams.get('_id')!.split(',').sort()).to.deep.equal(['dr-a', 'dr-b']);
    });

    it('still shows the allergies when the recorders cannot be looked up', async () => {
      worker.use(
        ...serve([resident, allergy('a1', { text: 'Latex', recorder: 'dr-a' })], { faults: [{ resourceType: 'Practitioner', status: 500 }] }),
      );
      const widget = await mount();
      await shown(widget, 'Latex');
      expect(text(itemNamed(widget, 'Latex'))).to.contain('Recorded by Not known');
    });
  });

  describe('sort and filter', () => {
    const records = () => [
      resident,
      allergy('pen', { text: 'Penicillin', category: ['medication'], criticality: 'high', recorded: '2015-01-01' }),
      allergy('nuts', { text: 'Brazil nuts', category: ['food'], recorded: '2024-01-01' }),
      allergy('pollen', { text: 'Pollen', category: ['environment'], clinical: 'inactive', recorded: '2020-01-01' }),
      allergy('aspirin', { text: 'Aspirin', category: ['medication'], recorded: '2018-01-01' }),
    ];

    function choose(widget: AllergyList, id: string, value: string) {
      const select = widget.shadowRoot!.querySelector<HTMLSelectElement>(`#${id}`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    }

    it('sorts by criticality, date or name, within current and inactive groups', async () => {
      worker.use(...serve(records()));
      const widget = await mount();
      await shown(widget, 'Penicillin');
      expect(itemNames(widget)).to.deep.equal(['Penicillin', 'Brazil nuts', 'Aspirin', 'Pollen']);
      choose(widget, 'allergy-sort', 'name');
      await widget.updateComplete;
      expect(itemNames(widget)).to.deep.equal(['Aspirin', 'Brazil nuts', 'Penicillin', 'Pollen']);
      choose(widget, 'allergy-sort', 'date');
      await widget.updateComplete;
      expect(itemNames(widget)).to.deep.equal(['Brazil nuts', 'Aspirin', 'Penicillin', 'Pollen']);
      const label = widget.shadowRoot!.querySelector('label[for="allergy-sort"]');
      expect(text(label)).to.equal('Sort by');
      await expect(widget).to.be.accessible();
    });

    it('filters by category and status, says how many are shown, and clears the filters', async () => {
      worker.use(...serve(records()));
      const widget = await mount();
      await shown(widget, 'Penicillin');
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.equal('4 allergies and adverse reactions');
      choose(widget, 'allergy-category', 'medication');
      await widget.updateComplete;
      expect(itemNames(widget)).to.deep.equal(['Penicillin', 'Aspirin']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 2 of 4');
      choose(widget, 'allergy-category', 'all');
      choose(widget, 'allergy-status', 'inactive');
      await widget.updateComplete;
      expect(itemNames(widget)).to.deep.equal(['Pollen']);
      choose(widget, 'allergy-status', 'active');
      await widget.updateComplete;
      expect(itemNames(widget)).to.deep.equal(['Penicillin', 'Brazil nuts', 'Aspirin']);
      await expect(widget).to.be.accessible();
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="clear-filters-button"]')!.click();
      await widget.updateComplete;
      expect(itemNames(widget)).to.have.length(4);
    });
  });

  describe('long lists and list warnings', () => {
    it('says "Showing 2 of 3" and loads the rest with Load more', async () => {
      worker.use(
        ...serve([resident, allergy('a1', { text: 'One' }), allergy('a2', { text: 'Two' }), allergy('a3', { text: 'Three' })]),
      );
      const widget = await mount('p1', { pageSize: 2 });
      await shown(widget, 'Showing 2 of 3');
      expect(items(widget)).to.have.length(2);
      expect(searches('AllergyIntolerance')[0].searchParams.get('_count')).to.equal('2');
      await expect(widget).to.be.accessible();
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
      await waitUntil(() => items(widget).length === 3, 'Load more did not add the last allergy');
      expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
    });

    it('says "More allergies could not be loaded." when Load more fails, keeps the first page, and Try again loads the rest', async () => {
      worker.use(
        ...serve([resident, allergy('a1', { text: 'One' }), allergy('a2', { text: 'Two' }), allergy('a3', { text: 'Three' })], {
          faults: [{ path: /_getpages=/, status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Page store restarting' }] } }],
        }),
      );
      const widget = await mount('p1', { pageSize: 2 });
      await shown(widget, 'Showing 2 of 3');
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
      await shown(widget, 'More allergies could not be loaded.');
      expect(text(widget.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
      expect(items(widget)).to.have.length(2);
      await expect(widget).to.be.accessible();
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] [part~="retry-button"]')!.click();
      await waitUntil(() => items(widget).length === 3, 'Load more did not add the last allergy');
      expect(widget.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    });

    it('shows the GP record list\'s warnings when include-list-warnings is set', async () => {
      const list: List = {
        resourceType: 'List',
        id: 'allergy-list',
        status: 'current',
        mode: 'snapshot',
        code: { coding: [{ system: SNOMED, code: '886921000000105', display: 'Allergies and adverse reactions' }] },
        subject: { reference: 'Patient/p1' },
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode',
            valueCode: 'confidential-items',
          },
        ],
        entry: [{ item: { reference: 'AllergyIntolerance/a1' } }],
      };
      worker.use(...serve([resident, list, allergy('a1', { text: 'Latex' })]));
      const widget = await mount('p1', { listWarnings: true });
      await shown(widget, 'Items excluded due to confidentiality');
      const listSearch = searches('List')[0];
      expect(listSearch.searchParams.get('code')).to.equal('http://snomed.info/sct|886921000000105');
      expect(listSearch.searchParams.get('patient')).to.equal('p1');
      expect(text(widget.shadowRoot!.querySelector('[part~="warning"]'))).to.equal(
        'Warning: Items excluded due to confidentiality and/or patient preferences.',
      );
      expect(itemNames(widget)).to.deep.equal(['Latex']);
      await expect(widget).to.be.accessible();
    });

    it("shows the server's search warnings (OperationOutcome entries in the Bundle) as banners", async () => {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        total: 1,
        entry: [
          { resource: allergy('a1', { text: 'Latex' }), search: { mode: 'match' } },
          {
            resource: {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'warning', code: 'incomplete', details: { text: 'Allergies from the hospital system are delayed by up to a day.' } }],
            },
            search: { mode: 'outcome' },
          },
        ],
      };
      worker.use(http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json(bundle)), ...serve([resident]));
      const widget = await mount();
      await shown(widget, 'Latex');
      expect(text(widget.shadowRoot!.querySelector('[part~="warning"]'))).to.equal('Warning: Allergies from the hospital system are delayed by up to a day.');
      await expect(widget).to.be.accessible();
    });

    it('asks for no List without include-list-warnings, and keeps the allergies when the List fails', async () => {
      worker.use(...serve([resident, allergy('a1', { text: 'Latex' })], { faults: [{ resourceType: 'List', status: 500 }] }));
      const plain = await mount();
      await shown(plain, 'Latex');
      expect(searches('List')).to.have.length(0);
      const withWarnings = await mount('p1', { listWarnings: true });
      await shown(withWarnings, "Warnings from the GP record's allergy list could not be loaded.");
      expect(itemNames(withWarnings)).to.deep.equal(['Latex']);
    });

    it('says why an empty list is empty (UK Core List with emptyReason and note)', async () => {
      const list = await fixtureJson<List>('uk-core/UKCore-List-Sn-NoAllergyData-Example.json');
      const richard: Patient = { resourceType: 'Patient', id: 'UKCore-Patient-RichardSmith-Example', name: [{ family: 'Smith', given: ['Richard'] }] };
      worker.use(...serve([richard, list]));
      const widget = await mount(richard.id, { listWarnings: true });
      await shown(widget, 'No allergies recorded');
      await shown(widget, 'No content recorded.');
      expect(text(widget)).to.contain('Information not available');
      await expect(widget).to.be.accessible();
    });
  });

  describe('packaged residents', () => {
    const residentHandlers = () => createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) });

    it("shows Margaret Whitfield's penicillin anaphylaxis first, her unconfirmed codeine intolerance flagged, and the peanut entry withdrawn", async () => {
      worker.use(...residentHandlers());
      const widget = await mount('margaret-whitfield');
      await shown(widget, 'Allergy to penicillin');
      expect(itemNames(widget)).to.deep.equal(['Allergy to penicillin', 'Latex allergy', 'Codeine']);
      const penicillin = itemNamed(widget, 'Allergy to penicillin');
      expect(text(penicillin)).to.contain('Important: High criticality');
      expect(text(penicillin)).to.contain('Anaphylaxis Important: Severe reaction');
      expect(text(penicillin.querySelector('[part~="source"]'))).to.match(/^From .+ · recorded 14-May-2003/);
      expect(text(itemNamed(widget, 'Codeine').querySelector('.flags'))).to.equal('Unconfirmed');
      expect(text(itemNamed(widget, 'Codeine'))).to.contain('Type Intolerance');
      expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
      expect(text(widget)).not.to.contain('peanut');
      await expect(widget).to.be.accessible();
    });

    it('tells the four states apart across residents', async () => {
      worker.use(...residentHandlers());
      const arthur = await mount('arthur-pemberton');
      await shown(arthur, 'No known allergies');
      expect(text(arthur.shadowRoot!.querySelector('[part~="statement"]'))).to.match(/Recorded by .+ recorded \d{2}-[A-Z][a-z]{2}-\d{4}/);
      const harold = await mount('harold-brennan');
      await shown(harold, 'No known drug allergies');
      const doris = await mount('doris-okafor');
      await shown(doris, 'No allergies recorded');
      expect(text(doris)).not.to.contain('No known');
      const evelyn = await mount('evelyn-marsh');
      await shown(evelyn, 'Allergy to aspirin');
      for (const widget of [arthur, harold, doris, evelyn]) await expect(widget).to.be.accessible();
    });

    it("shows every resident's allergies", async () => {
      worker.use(...residentHandlers());
      for (const resident of residents) {
        const resources = (resident.bundle.entry ?? []).map((entry) => entry.resource!);
        const allergies = resources.filter((r): r is AllergyIntolerance => r.resourceType === 'AllergyIntolerance');
        const real = allergies.filter((a) => !/^(716186003|409137002|429625007|428607008|716184000)$/.test(a.code?.coding?.[0]?.code ?? '') && a.verificationStatus?.coding?.[0]?.code !== 'entered-in-error');
        const widget = await mount(resident.id);
        await waitUntil(() => widget.shadowRoot!.querySelector('[part~="statement"], [part~="item"], [part~="empty"]'), `${resident.id}: nothing shown`);
        expect(items(widget), resident.id).to.have.length(real.length);
      }
    });
  });

  describe('governance', () => {
    it('says whose record it is, unless the host shows its own banner', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) }));
      const widget = await mount('margaret-whitfield');
      await shown(widget, 'Allergy to penicillin');
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="identity-line"]'), 'no identity line');
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
      widget.patientBanner = 'host';
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out allergies", async () => {
      worker.use(...serve([resident, allergy('a1', { text: 'Latex' })]));
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/Condition.rs']} .tokenProvider=${() => 't'}>
          <allergy-list include-list-warnings></allergy-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('allergy-list') as AllergyList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`);
      expect(text(widget)).to.contain('allerg');
      expect(searches('AllergyIntolerance')).to.have.length(0);
      expect(searches('List')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail: the first page, then what Load more added', async () => {
      worker.use(
        ...serve([
          resident,
          allergy('a1', { text: 'One' }),
          allergy('a2', { text: 'Two', verification: 'entered-in-error' }),
          allergy('a3', { text: 'Three' }),
        ]),
      );
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount('p1', { pageSize: 2 });
        await shown(widget, 'Showing 2 of 3');
        await waitUntil(() => views.some((v) => v.detail.section === 'allergies'), 'no view reported');
        const first = views.filter((v) => v.detail.section === 'allergies');
        expect(first).to.have.length(1);
        expect(first[0].detail.count, 'the entry in error was not shown').to.equal(1);
        expect(first[0].detail.resourceTypes).to.include('AllergyIntolerance');
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
        await waitUntil(() => views.filter((v) => v.detail.section === 'allergies').length === 2, 'Load more not reported');
        const more = views.filter((v) => v.detail.section === 'allergies')[1];
        expect(more.detail).to.deep.include({ count: 1, outcome: 'success' });
        expect(more.detail.references).to.deep.equal(['AllergyIntolerance/a3']);
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('HL7 FHIR R4 examples', () => {
    const examples: Array<{ file: string; patient: string; expect: (widget: AllergyList) => void; waitFor: string }> = [
      {
        file: 'allergyintolerance-nka.json',
        patient: 'mom',
        waitFor: 'CAREFUL, Adam (Dr)',
        expect: (widget) => {
          expect(items(widget)).to.have.length(0);
          expect(text(widget.shadowRoot!.querySelector('[part~="statement"]'))).to.match(/^No known allergies Recorded by CAREFUL, Adam \(Dr\) recorded 06-Aug-2015/);
        },
      },
      {
        file: 'allergyintolerance-nkda.json',
        patient: 'mom',
        waitFor: 'No known drug allergies',
        expect: (widget) => {
          expect(items(widget)).to.have.length(0);
          expect(text(widget)).not.to.contain('No allergies recorded');
        },
      },
      {
        file: 'allergyintolerance-nkla.json',
        patient: 'example',
        waitFor: 'No known latex allergy',
        expect: (widget) => {
          expect(items(widget), 'a statement, not a latex allergy').to.have.length(0);
        },
      },
      {
        file: 'allergyintolerance-fishallergy.json',
        patient: 'example',
        waitFor: 'Allergic to fresh fish. Tolerates canned fish',
        expect: (widget) => {
          const fish = itemNamed(widget, 'Allergic to fresh fish. Tolerates canned fish');
          expect(text(fish)).to.contain('Category Food');
          expect(text(fish)).to.contain('Active · Confirmed');
          expect(text(fish)).to.contain('Reaction Not known');
          expect(text(fish.querySelector('[part~="source"]'))).to.match(/^recorded 06-Aug-2015/);
        },
      },
      {
        file: 'allergyintolerance-medication.json',
        patient: 'example',
        waitFor: 'Penicillin G',
        expect: (widget) => {
          const penicillin = itemNamed(widget, 'Penicillin G');
          expect(text(penicillin)).to.contain('Important: High criticality');
          expect(text(penicillin.querySelector('.flags'))).to.contain('Unconfirmed');
          expect(text(penicillin)).to.contain('Hives');
          expect(text(penicillin)).to.contain('Recorded by Not known');
          expect(text(penicillin.querySelector('[part~="source"]'))).to.match(/^recorded 01-Mar-2010/);
        },
      },
      {
        file: 'allergyintolerance-example.json',
        patient: 'example',
        waitFor: 'CAREFUL, Adam (Dr)',
        expect: (widget) => {
          const cashew = itemNamed(widget, 'Cashew nuts');
          const words = text(cashew);
          expect(words).to.contain('Important: High criticality');
          expect(words).to.contain('Anaphylactic reaction Important: Severe reaction');
          expect(words).to.contain('began 12-Jun-2012');
          expect(words).to.contain('Subcutaneous route');
          expect(words).to.contain('Urticaria Moderate reaction');
          expect(words).to.contain('Type Allergy');
          expect(words).to.contain('Onset 2004');
          expect(words).to.contain('Last reaction Jun-2012');
          expect(words).to.contain('Recorded by CAREFUL, Adam (Dr)');
          expect(words).to.contain('Reported by CHALMERS, Peter James');
          expect(words).to.contain('The criticality is high becasue of the observed anaphylactic reaction');
          expect(text(cashew.querySelector('[part~="source"]'))).to.match(/^recorded 09-Oct-2014/);
        },
      },
    ];

    for (const example of examples) {
      it(`renders ${example.file}`, async () => {
        const [allergyResource, patientResource, recorder] = await Promise.all([
          fixtureJson<AllergyIntolerance>(`hl7-r4/${example.file}`),
          fixtureJson<Patient>(example.patient === 'mom' ? 'hl7-r4/patient-example-mom.json' : 'hl7-r4/patient-example.json'),
          fixtureJson<Practitioner>('hl7-r4/practitioner-example.json'),
        ]);
        worker.use(...serve([patientResource, recorder, allergyResource]));
        const widget = await mount(example.patient);
        await shown(widget, example.waitFor);
        example.expect(widget);
        await expect(widget).to.be.accessible();
      });
    }
  });

  describe('UK Core examples', () => {
    const richardId = 'UKCore-Patient-RichardSmith-Example';
    const ukCore = (name: string) => fixtureJson<FhirResource>(`uk-core/UKCore-${name}.json`);

    it('shows the Amoxicillin allergy with its rash, recorder and date, and leaves out the entered-in-error one', async () => {
      const resources = await Promise.all(
        ['Patient-RichardSmith-Example', 'Practitioner-ConsultantSandraGose-Example', 'AllergyIntolerance-Amoxicillin-Example', 'AllergyIntolerance-EnteredInError-Example'].map(ukCore),
      );
      worker.use(...serve(resources));
      const widget = await mount(richardId);
      await shown(widget, 'GOSE, Sandra (Mrs)');
      expect(itemNames(widget)).to.deep.equal(['Amoxicillin']);
      expect(text(itemNamed(widget, 'Amoxicillin'))).to.contain('Urticarial rash Mild reaction');
      expect(text(itemNamed(widget, 'Amoxicillin').querySelector('[part~="source"]'))).to.match(/^recorded 10-Dec-2019/);
      expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
      await expect(widget).to.be.accessible();
    });

    it('shows "No known drug allergies" for the negation-handling example', async () => {
      const resources = await Promise.all(['Patient-RichardSmith-Example', 'AllergyIntolerance-Sn-NegHandlNoKnownAllergies-Example'].map(ukCore));
      worker.use(...serve(resources));
      const widget = await mount(richardId);
      await shown(widget, 'No known drug allergies');
      expect(items(widget)).to.have.length(0);
      expect(text(widget)).to.contain('Recorded by Not known');
      await expect(widget).to.be.accessible();
    });

    it('shows transfer-degraded allergies by their text, flagged for checking with the GP', async () => {
      const resources = await Promise.all(
        [
          'Patient-RichardSmith-Example',
          'AllergyIntolerance-Sn-TransferDegradedDrugAllergy-Example',
          'AllergyIntolerance-Sn-DrugAllergyToEggProtein-Example',
          'AllergyIntolerance-Sn-NonDrugAllergy-Example',
        ].map(ukCore),
      );
      worker.use(...serve(resources));
      const widget = await mount(richardId);
      await shown(widget, 'Amoxicillin 250mg capsules');
      expect(itemNames(widget)).to.have.members(['Amoxicillin 250mg capsules', '213020009 | Allergy to egg protein', 'Latex']);
      const amoxicillin = itemNamed(widget, 'Amoxicillin 250mg capsules');
      expect(text(amoxicillin)).to.contain('Transferred without a code');
      expect(text(amoxicillin)).to.contain('Category Medication');
      await expect(widget).to.be.accessible();
    });
  });

  describe('Synthea patients', () => {
    const files = [
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

    for (const file of files) {
      it(`shows every allergy of ${file.split('_').slice(0, 2).join(' ')}`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!);
        const patientId = resources.find((r) => r.resourceType === 'Patient')!.id!;
        const expected = resources.filter((r) => r.resourceType === 'AllergyIntolerance').length;
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const consoleErrors: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => {
          consoleErrors.push(args);
          original(...args);
        };
        try {
          const widget = await mount(patientId);
          if (expected === 0) {
            await shown(widget, 'No allergies recorded');
            expect(items(widget)).to.have.length(0);
          } else {
            await waitUntil(() => items(widget).length > 0, 'no allergies shown', { timeout: 8000 });
            expect(items(widget)).to.have.length(expected);
            expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain(String(expected));
          }
          expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
          await expect(widget).to.be.accessible();
        } finally {
          console.error = original;
        }
        expect(consoleErrors).to.deep.equal([]);
      });
    }
  });

  it('never shows one resident\'s allergies for another', async () => {
    const other: Patient = { resourceType: 'Patient', id: 'p2', name: [{ family: 'Okafor', given: ['Ben'] }] };
    worker.use(...serve([resident, other, allergy('a1', { text: 'Latex' }), allergy('b1', { text: 'Sesame', patient: 'p2' })]));
    const widget = await mount('p2');
    await shown(widget, 'Sesame');
    expect(itemNames(widget)).to.deep.equal(['Sesame']);
  });

  it('fits a 320 px wide host without scrolling sideways', async () => {
    worker.use(
      ...serve([
        resident,
        allergy('a1', { text: 'Penicillin and other beta-lactam antibiotics (extended description)', criticality: 'high', reaction: 'Anaphylaxis', severity: 'severe' }),
      ]),
    );
    // The provider itself is the fixture (a plain <div> would make fixture() wait for an animation
    // frame, which never comes while the test page is in the background).
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider style="display: block; width: 320px" fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <allergy-list></allergy-list>
      </care-record-provider>
    `);
    const widget = provider.querySelector('allergy-list') as AllergyList;
    await shown(widget, 'Anaphylaxis');
    expect(widget.scrollWidth).to.be.at.most(320);
    for (const control of widget.shadowRoot!.querySelectorAll('select, button')) {
      const box = control.getBoundingClientRect();
      expect(box.height, 'target size').to.be.at.least(24);
      expect(box.right).to.be.at.most(widget.getBoundingClientRect().right + 0.5);
    }
  });

  it('shows notes and reactions that contain markup as plain text, never as HTML', async () => {
    const risky = allergy('a1', { text: 'Nuts <b>bold</b>' });
    risky.note = [{ text: '<img src="x" onerror="window.__allergyXss = true">Carries an adrenaline pen' }];
    risky.reaction = [{ manifestation: [{ text: '<script>window.__allergyXss = true</script>Wheeze' }] }];
    worker.use(...serve([resident, risky]));
    const widget = await mount();
    await shown(widget, 'Carries an adrenaline pen');
    expect(widget.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(text(widget)).to.contain('<img src="x"');
    expect(text(widget)).to.contain('Nuts <b>bold</b>');
    expect((window as { __allergyXss?: boolean }).__allergyXss).to.equal(undefined);
  });

  it('accepts other wording through the provider\'s strings', async () => {
    worker.use(...serve([resident]));
    const strings = { allergyNoneRecorded: 'Nothing on file', allergyHeading: 'Allergies' } as unknown as Partial<Strings>;
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}
        .strings=${strings}>
        <allergy-list heading-level="3"></allergy-list>
      </care-record-provider>
    `);
    const widget = provider.querySelector('allergy-list') as AllergyList;
    await shown(widget, 'Nothing on file');
    expect(text(widget.shadowRoot!.querySelector('h3'))).to.equal('Allergies');
  });
});
