import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, Condition, FhirResource, Organization, Patient, Practitioner, PractitionerRole } from '@care-record/fhir';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordViewedEvent, ProblemList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/problem-list.js';

const BASE = 'https://fhir.test/R4';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const SIGNIFICANCE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-ProblemSignificance-1';

// ---- Hand-made records ----------------------------------------------------------------------

/** Margaret, 88, living with dementia; her distress is explained by a loss 55 years ago. */
const margaret: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  birthDate: '1938-04-02',
  name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }],
};

type ConditionFields = Omit<Partial<Condition>, 'category'> & { status?: string; verification?: string; category?: string; significance?: 'major' | 'minor' };

function condition(id: string, name: string, fields: ConditionFields = {}): Condition {
  const { status, verification, category, significance, ...rest } = fields;
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: `Patient/${margaret.id}` },
    code: { text: name },
    ...(status ? { clinicalStatus: { coding: [{ system: CLINICAL, code: status }] } } : {}),
    verificationStatus: { coding: [{ system: VERIFICATION, code: verification ?? 'confirmed' }] },
    category: [{ coding: [{ system: CATEGORY, code: category ?? 'problem-list-item' }] }],
    ...(significance ? { extension: [{ url: SIGNIFICANCE, valueCode: significance }] } : {}),
    ...rest,
  };
}

// Recent problems are dated from this year, so that they stay recent (not "long past") as years go by.
const yearsAgo = (years: number, rest = '') => `${new Date().getFullYear() - years}${rest}`;

function margaretsRecord(): FhirResource[] {
  return [
    margaret,
    condition('dementia', "Alzheimer's disease", { status: 'active', onsetDateTime: yearsAgo(6, '-03'), recordedDate: yearsAgo(6, '-04-11') }),
    condition('diabetes', 'Type 2 diabetes mellitus', { status: 'active', onsetDateTime: '2004', recordedDate: '2004-06-01', severity: { text: 'Moderate' } }),
    // Recorded by the GP in 2021, but it happened when she was 30: dated by her birth date.
    condition('trauma', 'Bereavement: death of a child', {
      status: 'resolved',
      onsetAge: { value: 30, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' },
      recordedDate: '2021-09-14',
      note: [{ text: 'Lost her son Peter in 1968. Becomes distressed in the evenings asking for him; talking about him calms her.' }],
    }),
    condition('wrist', 'Fracture of left wrist', {
      status: 'resolved',
      onsetDateTime: yearsAgo(3, '-01-15'),
      abatementPeriod: { start: yearsAgo(3, '-03-01'), end: yearsAgo(3, '-04-20') },
      recordedDate: yearsAgo(3, '-01-15'),
      category: 'encounter-diagnosis',
    }),
    condition('bp', 'Hypertension', { status: 'inactive', onsetPeriod: { start: yearsAgo(8, '-02-10'), end: yearsAgo(4, '-05-01') }, recordedDate: yearsAgo(8, '-02-10') }),
    condition('knee', 'Knee pain', { status: 'resolved', onsetDateTime: '1990', abatementDateTime: '1991', significance: 'minor' }),
    condition('uti', 'Urinary tract infection', { status: 'active', verification: 'provisional', onsetDateTime: yearsAgo(0, '-01-20T09:30:00Z') }),
    condition('mi', 'Myocardial infarction', { status: 'active', verification: 'refuted', onsetDateTime: yearsAgo(2, '-08-02') }),
    condition('oops', 'Schizophrenia', { status: 'active', verification: 'entered-in-error', onsetDateTime: '2024-08-02' }),
  ];
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(widget: ProblemList, group?: string): HTMLElement[] {
  const scope = group ? widget.shadowRoot!.querySelector(`[part~="group-${group}"]`) : widget.shadowRoot;
  return [...(scope?.querySelectorAll<HTMLElement>('li[part~="item"]') ?? [])];
}

function names(widget: ProblemList, group?: string): string[] {
  return items(widget, group).map((item) => text(item.querySelector('[part~="name"]')));
}

function itemNamed(widget: ProblemList, name: string): HTMLElement {
  const found = items(widget).find((item) => text(item.querySelector('[part~="name"]')) === name);
  if (!found) throw new Error(`No problem named ${name}: ${names(widget).join(', ')}`);
  return found;
}

function detail(item: HTMLElement, label: string): string | undefined {
  const dt = [...item.querySelectorAll('dt')].find((d) => text(d) === label);
  return dt ? text(dt.nextElementSibling) : undefined;
}

function toggles(widget: ProblemList): Array<{ label: string; expanded: string | null }> {
  return [...widget.shadowRoot!.querySelectorAll('[part~="group-toggle"]')].map((button) => ({
    label: text(button),
    expanded: button.getAttribute('aria-expanded'),
  }));
}

function isVisible(element: HTMLElement): boolean {
  return element.getClientRects().length > 0;
}

// restricted-access="host": the host has its own break-glass step, so restricted records (Evelyn
// Marsh) open here; the provider's own break-glass prompt is the provider's to test.
async function mount(patientId = 'p1', options: { pageSize?: number; tokenProvider?: () => string | undefined } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" restricted-access="host" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
      <problem-list page-size=${options.pageSize ?? 100}></problem-list>
    </care-record-provider>
  `);
  return provider.querySelector('problem-list') as ProblemList;
}

async function shown(widget: ProblemList, words: string): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `never showed "${words}"; showed: ${text(widget).slice(0, 400)}`, { timeout: 8000 });
}

function serve(resources: FhirResource[], options: { faults?: FhirFault[] } = {}) {
  return createFhirHandlers({ baseUrl: BASE, resources, ...options });
}

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

function choose(widget: ProblemList, id: string, value: string) {
  const select = widget.shadowRoot!.querySelector<HTMLSelectElement>(`#${id}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function search(widget: ProblemList, words: string) {
  const input = widget.shadowRoot!.querySelector<HTMLInputElement>('#problem-search')!;
  input.value = words;
  input.dispatchEvent(new Event('input'));
}

describe('<problem-list>', () => {
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

  const searches = (type: string) => requests.filter((url) => url.pathname.endsWith(`/R4/${type}`));

  describe('groups', () => {
    it('groups problems into active, past significant history, inactive, resolved and ruled out, each with a count', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, "Alzheimer's disease");
      expect(toggles(widget)).to.deep.equal([
        { label: 'Active problems (3)', expanded: 'true' },
        { label: 'Past significant history (1)', expanded: 'true' },
        { label: 'Inactive (1)', expanded: 'false' },
        { label: 'Resolved (2)', expanded: 'false' },
        { label: 'Ruled out (1)', expanded: 'false' },
      ]);
      expect(names(widget, 'active')).to.deep.equal(['Urinary tract infection', "Alzheimer's disease", 'Type 2 diabetes mellitus']);
      expect(names(widget, 'resolved')).to.deep.equal(['Fracture of left wrist', 'Knee pain']);
      expect(names(widget, 'inactive')).to.deep.equal(['Hypertension']);
      expect(names(widget, 'refuted')).to.deep.equal(['Myocardial infarction']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.equal('8 problems and diagnoses');
      const search = searches('Condition')[0];
      expect(search.searchParams.get('patient')).to.equal('p1');
      expect(search.searchParams.has('category'), 'every category: problems and encounter diagnoses').to.equal(false);
      await expect(widget).to.be.accessible();
    });

    it('keeps a trauma from decades ago findable: its own open group, right after active problems, and by search', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, 'Bereavement: death of a child');
      const trauma = itemNamed(widget, 'Bereavement: death of a child');
      expect(isVisible(trauma), 'shown without a click').to.equal(true);
      expect(names(widget, 'pastSignificant')).to.deep.equal(['Bereavement: death of a child']);
      expect(detail(trauma, 'Began')).to.equal('At age 30 years (around 1968)');
      expect(detail(trauma, 'Notes')).to.contain('talking about him calms her');
      expect(text(widget.shadowRoot!.querySelector('[part~="group-pastSignificant"]'))).to.contain('They can explain how someone feels or behaves today.');
      const headings = [...widget.shadowRoot!.querySelectorAll('h3')].map((h) => text(h));
      expect(headings.indexOf('Past significant history (1)')).to.equal(1);

      search(widget, 'bereave');
      await widget.updateComplete;
      expect(names(widget)).to.deep.equal(['Bereavement: death of a child']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 1 of 8');
    });

    it('opens and closes a group with its heading button', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, 'Hypertension');
      const hypertension = itemNamed(widget, 'Hypertension');
      expect(isVisible(hypertension)).to.equal(false);
      const toggle = widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="group-inactive"] [part~="group-toggle"]')!;
      expect(toggle.closest('h3'), 'the button is the heading').to.exist;
      toggle.click();
      await widget.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(isVisible(hypertension)).to.equal(true);
      await expect(widget).to.be.accessible();
      toggle.click();
      await widget.updateComplete;
      expect(isVisible(hypertension)).to.equal(false);
    });

    it('flags unconfirmed, provisional and differential diagnoses, and leaves out entries marked entered in error with a notice', async () => {
      worker.use(
        ...serve([
          ...margaretsRecord(),
          condition('maybe', 'Parkinsonism', { status: 'active', verification: 'differential', onsetDateTime: '2025-01-01' }),
          condition('unsure', 'Anaemia', { status: 'active', verification: 'unconfirmed', onsetDateTime: '2025-02-01' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Parkinsonism');
      expect(text(itemNamed(widget, 'Parkinsonism').querySelector('.flags'))).to.equal('Differential');
      expect(text(itemNamed(widget, 'Anaemia').querySelector('.flags'))).to.equal('Unconfirmed');
      expect(text(itemNamed(widget, 'Urinary tract infection').querySelector('.flags'))).to.equal('Provisional');
      expect(text(itemNamed(widget, 'Myocardial infarction').querySelector('.flags'))).to.equal('Refuted');
      expect(text(itemNamed(widget, "Alzheimer's disease").querySelector('.flags'))).to.equal('');
      expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
      expect(text(widget)).not.to.contain('Schizophrenia');
    });

    it('puts a problem marked significant in past history, and one marked minor not, however old', async () => {
      worker.use(
        ...serve([
          margaret,
          condition('stroke', 'Stroke', { status: 'resolved', onsetDateTime: yearsAgo(2, '-05-01'), significance: 'major' }),
          condition('knee', 'Knee pain', { status: 'resolved', onsetDateTime: '1990', significance: 'minor' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Stroke');
      expect(names(widget, 'pastSignificant')).to.deep.equal(['Stroke']);
      expect(text(itemNamed(widget, 'Stroke').querySelector('.flags'))).to.equal('Significant');
      expect(names(widget, 'resolved')).to.deep.equal(['Knee pain']);
    });
  });

  describe('onset and abatement', () => {
    it('shows each kind of onset and end with the precision recorded', async () => {
      worker.use(
        ...serve([
          margaret,
          condition('c-date', 'Date onset', { status: 'resolved', onsetDateTime: '2024-03', abatementDateTime: '2024-05-17' }),
          condition('c-time', 'Date-time onset', { status: 'active', onsetDateTime: '2025-06-30T23:30:00Z' }),
          condition('c-period', 'Period onset', { status: 'inactive', onsetPeriod: { start: '2020-03-12', end: '2020-03-20' }, abatementPeriod: { start: '2021-01' } }),
          condition('c-age', 'Age onset', {
            status: 'resolved',
            onsetAge: { value: 52, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' },
            abatementAge: { value: 54, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' },
          }),
          condition('c-range', 'Range onset', {
            status: 'active',
            onsetRange: { low: { value: 20, unit: 'years', code: 'a' }, high: { value: 30, unit: 'years', code: 'a' } },
          }),
          condition('c-string', 'Words onset', { status: 'resolved', onsetString: 'in childhood', abatementString: 'around April 9, 2013' }),
          condition('c-none', 'No onset', { status: 'resolved' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Date onset');
      const onset = (name: string) => detail(itemNamed(widget, name), 'Began');
      const ended = (name: string) => detail(itemNamed(widget, name), 'Ended');
      expect(onset('Date onset')).to.equal('Mar-2024');
      expect(ended('Date onset')).to.equal('17-May-2024');
      expect(onset('Date-time onset'), 'the London date of a UTC time').to.equal('01-Jul-2025');
      expect(ended('Date-time onset')).to.equal(undefined);
      expect(onset('Period onset')).to.equal('12-Mar-2020 to 20-Mar-2020');
      expect(ended('Period onset')).to.equal('From Jan-2021');
      expect(onset('Age onset')).to.equal('At age 52 years (around 1990)');
      expect(ended('Age onset')).to.equal('At age 54 years (around 1992)');
      expect(onset('Range onset')).to.equal('At age 20–30 years (around 1958)');
      expect(onset('Words onset')).to.equal('in childhood');
      expect(ended('Words onset')).to.equal('around April 9, 2013');
      expect(onset('No onset')).to.equal('Not known');
      expect(ended('No onset')).to.equal('Not known');
    });
  });

  describe('details and source', () => {
    it('shows severity, category, body site, notes, who recorded it, and where and when', async () => {
      const surgery: Organization = { resourceType: 'Organization', id: 'o1', name: 'Beech House Surgery' };
      const gp: Practitioner = { resourceType: 'Practitioner', id: 'dr1', name: [{ family: 'Okoye', given: ['Ngozi'], prefix: ['Dr'] }] };
      const role: PractitionerRole = {
        resourceType: 'PractitionerRole',
        id: 'r1',
        practitioner: { reference: 'Practitioner/dr1' },
        organization: { reference: 'Organization/o1' },
      };
      worker.use(
        ...serve([
          margaret,
          surgery,
          gp,
          role,
          condition('ulcer', 'Pressure ulcer', {
            status: 'active',
            onsetDateTime: '2025-10-02',
            recordedDate: '2025-10-03T10:00:00Z',
            severity: { coding: [{ system: 'http://snomed.info/sct', code: '6736007', display: 'Moderate' }] },
            bodySite: [{ text: 'Left heel' }],
            note: [{ text: 'Dressing changed by district nurse twice weekly.' }],
            recorder: { reference: 'PractitionerRole/r1' },
            category: 'encounter-diagnosis',
          }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Beech House Surgery');
      const ulcer = itemNamed(widget, 'Pressure ulcer');
      expect(detail(ulcer, 'Severity')).to.equal('Moderate');
      expect(detail(ulcer, 'Recorded as')).to.equal('Diagnosis at an encounter');
      expect(detail(ulcer, 'Body site')).to.equal('Left heel');
      expect(detail(ulcer, 'Notes')).to.equal('Dressing changed by district nurse twice weekly.');
      expect(detail(ulcer, 'Recorded by')).to.equal('OKOYE, Ngozi (Dr)');
      expect(detail(ulcer, 'Status')).to.equal('Active · Confirmed');
      expect(text(ulcer.querySelector('[part~="source"]'))).to.match(/^From Beech House Surgery · recorded 03-Oct-2025 \(/);
      await expect(widget).to.be.accessible();
    });
  });

  describe('filter, search and sort', () => {
    it('shows one group at a time, says how many are shown, and clears the filters', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, 'Hypertension');
      choose(widget, 'problem-group', 'resolved');
      await widget.updateComplete;
      expect(toggles(widget)).to.deep.equal([{ label: 'Resolved (2)', expanded: 'true' }]);
      expect(names(widget)).to.deep.equal(['Fracture of left wrist', 'Knee pain']);
      expect(items(widget).every(isVisible)).to.equal(true);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 2 of 8');
      await expect(widget).to.be.accessible();
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="clear-filters-button"]')!.click();
      await widget.updateComplete;
      expect(items(widget)).to.have.length(8);
    });

    it('filters by name as people type, and says when nothing matches', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, 'Hypertension');
      search(widget, 'HYPERT');
      await widget.updateComplete;
      expect(names(widget)).to.deep.equal(['Hypertension']);
      expect(isVisible(itemNamed(widget, 'Hypertension')), 'a match in a closed group is shown').to.equal(true);
      search(widget, 'gout');
      await widget.updateComplete;
      expect(items(widget)).to.have.length(0);
      expect(text(widget)).to.contain('Nothing matches these filters.');
      const label = widget.shadowRoot!.querySelector('label[for="problem-search"]');
      expect(text(label)).to.equal('Search by name');
      await expect(widget).to.be.accessible();
    });

    it('sorts by onset, recorded date or name within each group', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, 'Hypertension');
      expect(names(widget, 'active')).to.deep.equal(['Urinary tract infection', "Alzheimer's disease", 'Type 2 diabetes mellitus']);
      choose(widget, 'problem-sort', 'name');
      await widget.updateComplete;
      expect(names(widget, 'active')).to.deep.equal(["Alzheimer's disease", 'Type 2 diabetes mellitus', 'Urinary tract infection']);
      choose(widget, 'problem-sort', 'recorded');
      await widget.updateComplete;
      expect(names(widget, 'active')).to.deep.equal(["Alzheimer's disease", 'Type 2 diabetes mellitus', 'Urinary tract infection']);
      expect(names(widget, 'resolved')).to.deep.equal(['Fracture of left wrist', 'Knee pain']);
    });
  });

  describe('states', () => {
    it('says "No problems or diagnoses recorded" when there are none', async () => {
      worker.use(...serve([margaret]));
      const widget = await mount();
      await shown(widget, 'No problems or diagnoses recorded');
      await expect(widget).to.be.accessible();
    });

    it("shows the server's message when loading fails, and Try again recovers once the fault heals", async () => {
      worker.use(
        ...serve(margaretsRecord(), {
          faults: [
            {
              resourceType: 'Condition',
              status: 500,
              times: 1,
              body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', details: { text: 'Problem index rebuilding' } }] },
            },
          ],
        }),
      );
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        const widget = await mount();
        await shown(widget, 'Problems and medical history could not be loaded');
        expect(text(widget.shadowRoot!.querySelector('[role="alert"]'))).to.contain('Problem index rebuilding');
        expect(errors.filter((e) => e.detail.source === 'problem-list')).to.have.length(1);
        await expect(widget).to.be.accessible();
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
        await shown(widget, "Alzheimer's disease");
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });

    it('shows a busy skeleton while loading', async () => {
      worker.use(...serve(margaretsRecord(), { faults: [{ resourceType: 'Condition', hang: true }] }));
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]') && searches('Condition').length, 'no loading state');
      await expect(widget).to.be.accessible();
    });

    it("says \"You don't have access to this person's record\" on 403", async () => {
      worker.use(...serve(margaretsRecord(), { faults: [{ resourceType: 'Condition', status: 403 }] }));
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks people to sign in when signed out', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount('p1', { tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      expect(searches('Condition')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('says "Showing 3 of 9" and loads the rest with Load more', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount('p1', { pageSize: 3 });
      await shown(widget, 'Showing 3 of 9');
      expect(items(widget)).to.have.length(3);
      await expect(widget).to.be.accessible();
      for (let page = 0; page < 2; page++) {
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
        await waitUntil(() => !widget.shadowRoot!.querySelector('[part~="load-more-button"][disabled]') && items(widget).length >= 3 * (page + 2) - 1, 'page never came');
      }
      await waitUntil(() => !widget.shadowRoot!.querySelector('[part~="partial"]'), 'still partial');
      expect(items(widget)).to.have.length(8);
      expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.contain('1 entry');
    });

    it('says "More problems could not be loaded." when Load more fails, keeps the first page, and Try again loads it', async () => {
      worker.use(
        ...serve(margaretsRecord(), {
          faults: [
            {
              path: /_getpages=/,
              status: 500,
              times: 1,
              body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', details: { text: 'Page store restarting' } }] },
            },
          ],
        }),
      );
      const widget = await mount('p1', { pageSize: 3 });
      await shown(widget, 'Showing 3 of 9');
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
      await shown(widget, 'More problems could not be loaded.');
      expect(text(widget.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
      expect(items(widget)).to.have.length(3);
      expect(widget.shadowRoot!.querySelector('[part~="load-more-button"]')!.hasAttribute('disabled')).to.equal(false);
      await expect(widget).to.be.accessible();
      widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] [part~="retry-button"]')!.click();
      await waitUntil(() => items(widget).length === 6, 'the second page never came');
      expect(widget.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    });
  });

  describe('packaged residents', () => {
    it("finds Margaret Whitfield's childhood wartime trauma in past significant history, open, with the note that explains her distress", async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) }));
      const widget = await mount('margaret-whitfield');
      await shown(widget, 'Childhood wartime trauma (1944)');
      expect(names(widget, 'pastSignificant')).to.include('Childhood wartime trauma (1944)');
      const trauma = itemNamed(widget, 'Childhood wartime trauma (1944)');
      expect(isVisible(trauma)).to.equal(true);
      expect(detail(trauma, 'Began')).to.equal('1944');
      expect(detail(trauma, 'Notes')).to.contain('Sirens, alarms and sudden bangs can bring the fear back');
      expect(names(widget, 'active')).to.include("Alzheimer's disease");
      await expect(widget).to.be.accessible();
    });

    it("shows every resident's problems", async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) }));
      for (const resident of residents) {
        const conditions = (resident.bundle.entry ?? [])
          .map((entry) => entry.resource!)
          .filter((r): r is Condition => r.resourceType === 'Condition' && r.verificationStatus?.coding?.[0]?.code !== 'entered-in-error');
        const widget = await mount(resident.id);
        await waitUntil(() => widget.shadowRoot!.querySelector('[part~="item"], [part~="empty"]'), `${resident.id}: nothing shown`);
        expect(items(widget), resident.id).to.have.length(conditions.length);
        await expect(widget).to.be.accessible();
      }
    });
  });

  describe('governance', () => {
    it('says whose record it is above the problems', async () => {
      worker.use(...serve(margaretsRecord()));
      const widget = await mount();
      await shown(widget, "Alzheimer's disease");
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="identity-line"]'), 'no identity line');
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out problems", async () => {
      worker.use(...serve(margaretsRecord()));
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs']} .tokenProvider=${() => 't'}>
          <problem-list></problem-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('problem-list') as ProblemList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`);
      expect(searches('Condition')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail, leaving out entries in error', async () => {
      worker.use(...serve(margaretsRecord()));
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount();
        await shown(widget, "Alzheimer's disease");
        await waitUntil(() => views.some((v) => v.detail.section === 'problems'), 'no view reported');
        const [view] = views.filter((v) => v.detail.section === 'problems');
        expect(view.detail.count).to.equal(items(widget).length);
        expect(view.detail.resourceTypes).to.include('Condition');
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('HL7 FHIR R4 examples', () => {
    it("renders Roel's conditions: ages, words, stage, notes and a differential diagnosis", async () => {
      const files = ['f201-fever', 'f202-malignancy', 'f203-sepsis', 'f204-renal', 'f205-infection'];
      const [roel, ...conditions] = await Promise.all([
        fixtureJson<Patient>('hl7-r4/patient-example-f201-roel.json'),
        ...files.map((file) => fixtureJson<Condition>(`hl7-r4/condition-example-${file}.json`)),
      ]);
      worker.use(...serve([roel, ...conditions]));
      const widget = await mount('f201');
      await shown(widget, 'Malignant neoplastic disease');
      expect(items(widget)).to.have.length(5);
      const malignancy = itemNamed(widget, 'Malignant neoplastic disease');
      expect(detail(malignancy, 'Began')).to.equal('At age 52 years (around 2012)');
      expect(detail(malignancy, 'Ended')).to.equal('At age 54 years (around 2014)');
      expect(detail(malignancy, 'Severity')).to.equal('Severe');
      expect(detail(malignancy, 'Body site')).to.equal('Entire head and neck');
      const fever = itemNamed(widget, 'Fever');
      expect(detail(fever, 'Began')).to.equal('02-Apr-2013');
      expect(detail(fever, 'Ended')).to.equal('around April 9, 2013');
      expect(detail(fever, 'Recorded as')).to.equal('Problem list');
      const renal = itemNamed(widget, 'Acute renal insufficiency specified as due to procedure');
      expect(detail(renal, 'Stage')).to.equal('Temporary');
      expect(detail(renal, 'Notes')).to.equal('The patient is anuric.');
      expect(text(renal.querySelector('.flags'))).to.equal('Differential');
      expect(detail(renal, 'Ended')).to.equal('20-Mar-2013');
      expect(text(itemNamed(widget, 'Bacterial infectious disease').querySelector('.flags'))).to.equal('Differential');
      await expect(widget).to.be.accessible();
    });

    it('renders the general examples: free-text onset, body site text and encounter diagnoses', async () => {
      const [patient, ...conditions] = await Promise.all([
        fixtureJson<Patient>('hl7-r4/patient-example.json'),
        ...['condition-example', 'condition-example2', 'condition-example-stroke'].map((file) => fixtureJson<Condition>(`hl7-r4/${file}.json`)),
      ]);
      worker.use(...serve([patient, ...conditions]));
      const widget = await mount('example');
      await shown(widget, 'Asthma');
      expect(detail(itemNamed(widget, 'Asthma'), 'Began')).to.equal('approximately November 2012');
      const ear = itemNamed(widget, 'Burnt Ear');
      expect(detail(ear, 'Body site')).to.equal('Left Ear');
      expect(detail(ear, 'Began')).to.equal('24-May-2012');
      expect(detail(ear, 'Recorded as')).to.equal('Diagnosis at an encounter');
      expect(items(widget)).to.have.length(3);
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
      it(`shows every condition of ${file.split('_').slice(0, 2).join(' ')}`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!);
        const patientId = resources.find((r) => r.resourceType === 'Patient')!.id!;
        const expected = resources.filter((r) => r.resourceType === 'Condition').length;
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const consoleErrors: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => {
          consoleErrors.push(args);
          original(...args);
        };
        try {
          const widget = await mount(patientId);
          await waitUntil(() => items(widget).length > 0, 'no problems shown', { timeout: 8000 });
          expect(items(widget)).to.have.length(expected);
          expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.equal(
            `${expected} ${expected === 1 ? 'problem or diagnosis' : 'problems and diagnoses'}`,
          );
          const counted = toggles(widget).reduce((sum, { label }) => sum + Number(/\((\d+)\)$/.exec(label)![1]), 0);
          expect(counted, 'group counts add up').to.equal(expected);
          expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
          await expect(widget).to.be.accessible();
        } finally {
          console.error = original;
        }
        expect(consoleErrors).to.deep.equal([]);
      });
    }
  });

  it('fits a 320 px wide host without scrolling sideways', async () => {
    worker.use(...serve(margaretsRecord()));
    // The provider itself is the fixture (a plain <div> would make fixture() wait for an animation
    // frame, which never comes while the test page is in the background).
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider style="display: block; width: 320px" fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <problem-list></problem-list>
      </care-record-provider>
    `);
    const widget = provider.querySelector('problem-list') as ProblemList;
    await shown(widget, 'Bereavement');
    expect(widget.scrollWidth).to.be.at.most(320);
    for (const control of widget.shadowRoot!.querySelectorAll('select, input, button')) {
      const box = control.getBoundingClientRect();
      expect(box.height, 'target size').to.be.at.least(24);
      expect(box.right).to.be.at.most(widget.getBoundingClientRect().right + 0.5);
    }
  });
});
