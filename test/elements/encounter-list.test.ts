import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, Composition, DocumentReference, Encounter, FhirResource, Organization, Patient } from '@care-record/fhir';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordSelectEvent, CareRecordViewedEvent, EncounterList, Strings } from '../../packages/elements/src/index.js';
import { CareRecordSelectEvent as SelectEvent } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/encounter-list.js';

const BASE = 'https://fhir.test/R4';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SNOMED = 'http://snomed.info/sct';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }] };
const royalFree: Organization = { resourceType: 'Organization', id: 'rf', name: 'Royal Free Hospital' };

function encounter(id: string, options: Partial<Encounter> & { classCode?: string } = {}): Encounter {
  const { classCode = 'AMB', ...rest } = options;
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: ACT_CODE, code: classCode },
    type: [{ text: `Visit ${id}` }],
    subject: { reference: 'Patient/p1' },
    period: { start: '2024-03-12T10:00:00Z', end: '2024-03-12T11:00:00Z' },
    serviceProvider: { reference: 'Organization/rf' },
    ...rest,
  };
}

/** 120 outpatient visits a week apart, newest first by number. */
function manyVisits(count = 120): Encounter[] {
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(Date.UTC(2024, 5, 1, 10) - i * 7 * 86400000).toISOString();
    return encounter(`v${i + 1}`, { type: [{ text: `Clinic visit ${i + 1}` }], period: { start } });
  });
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(widget: EncounterList): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>('ol[part~="list"] > li[part~="item"]')].filter((item) => !item.closest('[hidden]'));
}

function titles(widget: EncounterList): string[] {
  return items(widget).map((item) => text(item.querySelector('[part~="item-heading"]')));
}

function kinds(widget: EncounterList): string[] {
  return items(widget).map((item) => text(item.querySelector('[part~="kind"]')));
}

function itemTitled(widget: EncounterList, title: string): HTMLElement {
  const found = items(widget).find((item) => text(item.querySelector('[part~="item-heading"]')) === title);
  if (!found) throw new Error(`No visit "${title}": ${titles(widget).join(', ')}`);
  return found;
}

/** The value beside a label in an item's details. */
function detail(item: HTMLElement, label: string): string | undefined {
  const term = [...item.querySelectorAll('dt')].find((dt) => text(dt) === label);
  return term ? text(term.nextElementSibling) : undefined;
}

function buttonNamed(root: ShadowRoot | HTMLElement, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => text(button).includes(name) && !button.closest('[hidden]'));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

function checkbox(widget: EncounterList, kind: string): HTMLInputElement {
  return widget.shadowRoot!.querySelector<HTMLInputElement>(`input[type="checkbox"][value="${kind}"]`)!;
}

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

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function mount(patientId = 'p1', options: { pageSize?: number; tokenProvider?: () => string | undefined } = {}): Promise<EncounterList> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
      <encounter-list page-size=${options.pageSize ?? 50}></encounter-list>
    </care-record-provider>
  `);
  return provider.querySelector('encounter-list') as EncounterList;
}

async function shown(widget: EncounterList, words: string): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `never showed "${words}"; showed: ${text(widget).slice(0, 400)}`, { timeout: 8000 });
}

async function loaded(widget: EncounterList): Promise<void> {
  await waitUntil(
    () => !widget.shadowRoot?.querySelector('[aria-busy="true"]') && (items(widget).length > 0 || !!widget.shadowRoot?.querySelector('[part~="state"]')),
    `never finished loading; showed: ${text(widget).slice(0, 300)}`,
    { timeout: 10000 },
  );
}

/** Waits until the summaries written for visits have been looked for (their searches answered). */
async function summariesLinked(widget: EncounterList, button: string): Promise<void> {
  await waitUntil(() => [...widget.shadowRoot!.querySelectorAll('button')].some((b) => text(b).includes(button)), `no "${button}" button`, { timeout: 8000 });
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<encounter-list>', () => {
  const worker = setupWorker();
  let requests: URL[] = [];

  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    worker.events.on('request:start', ({ request }) => {
      if (request.url.startsWith(BASE)) requests.push(new URL(request.url));
    });
  });
  beforeEach(() => {
    requests = [];
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  const searches = (type: string) => requests.filter((url) => url.pathname.endsWith(`/${type}`));

  function serve(resources: FhirResource[], options: { faults?: FhirFault[] } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident, royalFree, ...resources], ...options }));
  }

  function serveResident(id: string, options: { faults?: FhirFault[] } = {}) {
    const found = residents.find((r) => r.id === id)!;
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [found.bundle], ...options }));
  }

  describe('while loading', () => {
    it('shows a busy skeleton that says "Loading visits and hospital stays…", and is accessible', async () => {
      serve([encounter('a')], { faults: [{ resourceType: 'Encounter', hang: true }] });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state', { timeout: 5000 });
      expect(text(widget.shadowRoot!.querySelector('[aria-busy="true"]'))).to.contain('Loading visits and hospital stays…');
      expect(text(widget.shadowRoot!.querySelector('h2'))).to.equal('Visits and hospital stays');
      await expect(widget).to.be.accessible();
    });
  });

  describe("Arthur's record", () => {
    it('shows a newest-first timeline of his admission, emergency department and ambulance attendances and GP review', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await loaded(widget);
      expect(widget.shadowRoot!.querySelector('ol[part~="list"]')).to.exist;
      expect(kinds(widget)).to.deep.equal(['Kind: Hospital stay', 'Kind: Emergency department', 'Kind: Ambulance', 'Kind: Home or community visit']);
      expect(titles(widget)).to.deep.equal([
        'Hospital admission',
        'Emergency department patient visit',
        'Emergency ambulance attendance',
        'Annual diabetes review (care home visit)',
      ]);
      // The kind has an icon, but is said in words (never by colour or icon alone).
      expect(items(widget)[0].querySelector('.marker svg')?.getAttribute('aria-hidden')).to.equal('true');

      const admission = itemTitled(widget, 'Hospital admission');
      expect(detail(admission, 'Admitted')).to.equal('16-Sep-2026 12:10');
      expect(detail(admission, 'Discharged')).to.equal('21-Sep-2026 14:00');
      expect(detail(admission, 'Length of stay')).to.equal('5 days');
      expect(detail(admission, 'Status')).to.equal('Finished');
      expect(detail(admission, 'Reason')).to.equal('Hyperkalaemia');
      expect(detail(admission, 'Where')).to.equal('Acute Medical Unit, Aire General Hospital');
      expect(detail(admission, 'Discharged to')).to.equal('Returned to Aire View Nursing Home');
      expect(detail(admission, 'Hospital or service')).to.equal('Aire General Hospital NHS Trust');
      expect(detail(admission, 'Seen by')).to.contain('Yusuf Ahmed');
      expect(text(admission.querySelector('[part~="source"]'))).to.match(/^From Aire General Hospital NHS Trust · recorded 16-Sep-2026/);

      const ambulance = itemTitled(widget, 'Emergency ambulance attendance');
      expect(detail(ambulance, 'When')).to.equal('16-Sep-2026 06:40 to 07:35');
      expect(detail(ambulance, 'Reason')).to.equal("Drowsy and weak; blood glucose 2.6 on the home's meter");
      expect(detail(ambulance, 'Where')).to.equal('Aire View Nursing Home');
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('4 visits and stays');
      await summariesLinked(widget, 'ED summary');
      await expect(widget).to.be.accessible();
    });

    it('asks for newest-first encounters, and for the documents with the same searches as other widgets', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await summariesLinked(widget, 'ED summary');
      const [search] = searches('Encounter');
      expect(search.searchParams.get('patient')).to.equal('arthur-pemberton');
      expect(search.searchParams.get('_sort')).to.equal('-date');
      expect(search.searchParams.get('_count')).to.equal('50');
      for (const type of ['Composition', 'DocumentReference']) expect(searches(type), type).to.have.length(1);
      expect([...searches('Composition')[0].searchParams.keys()]).to.deep.equal(['patient']);
      // The document list's search, word for word.
      expect(searches('DocumentReference')[0].search).to.equal(
        '?patient=arthur-pemberton&_sort=-date&_include=DocumentReference:author&_include=DocumentReference:custodian&_count=20',
      );
    });

    it('links the ED summary to the emergency attendance and both discharge summaries to the admission', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await summariesLinked(widget, 'Discharge summary');
      const ed = itemTitled(widget, 'Emergency department patient visit');
      expect([...ed.querySelectorAll('[part~="summary-button"]')].map((b) => text(b))).to.deep.equal(['ED summary (written 16-Sep-2026)']);
      const admission = itemTitled(widget, 'Hospital admission');
      expect([...admission.querySelectorAll('[part~="summary-button"]')].map((b) => text(b))).to.deep.equal([
        'Discharge summary (written 23-Sep-2026, amended)',
        'Discharge summary (written 21-Sep-2026, preliminary)',
      ]);
      expect(itemTitled(widget, 'Emergency ambulance attendance').querySelectorAll('[part~="summary-button"]')).to.have.length(0);
    });

    it('opens a summary in <discharge-summary> after care-record-select, and Back returns to its button', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await summariesLinked(widget, 'ED summary');
      const selected: CareRecordSelectEvent[] = [];
      widget.addEventListener('care-record-select', (event) => selected.push(event));
      const button = buttonNamed(itemTitled(widget, 'Emergency department patient visit'), 'ED summary');
      button.click();
      await waitUntil(() => widget.shadowRoot!.querySelector('discharge-summary'), 'the summary never opened');
      expect(selected).to.have.length(1);
      expect(selected[0]).to.be.instanceOf(SelectEvent);
      expect(selected[0].cancelable).to.equal(true);
      expect(selected[0].detail.reference).to.equal('Composition/comp-ap-ed-summary-2026-09-16');
      expect(selected[0].detail.resource.resourceType).to.equal('Composition');

      const summary = widget.shadowRoot!.querySelector('discharge-summary')!;
      await waitUntil(() => text(summary).includes('Blood glucose 2.6 on arrival of the ambulance'), 'the summary never loaded', { timeout: 8000 });
      expect(text(summary.shadowRoot!.querySelector('#summary-heading'))).to.equal('Emergency department attendance summary');
      expect(summary.shadowRoot!.activeElement?.id).to.equal('summary-heading');
      expect(widget.shadowRoot!.querySelector<HTMLElement>('.list-view')!.hidden).to.equal(true);
      await expect(widget).to.be.accessible();

      buttonNamed(summary.shadowRoot!, 'Back to list').click();
      await waitUntil(() => !widget.shadowRoot!.querySelector('discharge-summary'), 'the summary never closed');
      expect(widget.shadowRoot!.activeElement).to.equal(buttonNamed(itemTitled(widget, 'Emergency department patient visit'), 'ED summary'));
    });

    it('leaves opening to the host when it cancels care-record-select', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await summariesLinked(widget, 'Discharge summary');
      const chosen: string[] = [];
      widget.addEventListener('care-record-select', (event) => {
        chosen.push(event.detail.reference);
        event.preventDefault();
      });
      buttonNamed(itemTitled(widget, 'Hospital admission'), 'amended').click();
      await widget.updateComplete;
      expect(chosen).to.deep.equal(['Composition/comp-ap-discharge-2026-09-21-amended']);
      expect(widget.shadowRoot!.querySelector('discharge-summary')).to.equal(null);
      expect(items(widget)).to.have.length(4);
    });

    it('closes an opened summary with Escape', async () => {
      serveResident('margaret-whitfield');
      const widget = await mount('margaret-whitfield');
      await summariesLinked(widget, 'Discharge summary');
      buttonNamed(itemTitled(widget, 'Hospital admission'), 'Discharge summary').click();
      await waitUntil(() => widget.shadowRoot!.querySelector('discharge-summary'), 'the summary never opened');
      const summary = widget.shadowRoot!.querySelector('discharge-summary')!;
      await waitUntil(() => summary.shadowRoot!.querySelector('#summary-heading'), 'no heading');
      summary.shadowRoot!.querySelector('#summary-heading')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await waitUntil(() => !widget.shadowRoot!.querySelector('discharge-summary'), 'Escape did not close the summary');
      expect(items(widget).length).to.be.greaterThan(0);
    });
  });

  describe('filters', () => {
    it('filters by kind with checkboxes and by date range, and clears', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      await loaded(widget);
      const labels = [...widget.shadowRoot!.querySelectorAll('fieldset label')].map((label) => text(label));
      expect(labels).to.deep.equal(['Hospital stays (1)', 'Emergency department (1)', 'Ambulance (1)', 'Outpatient and clinic (0)', 'Other (1)']);
      expect(text(widget.shadowRoot!.querySelector('fieldset legend'))).to.equal('Show');

      for (const kind of ['inpatient', 'other']) {
        checkbox(widget, kind).click();
        await widget.updateComplete;
      }
      expect(kinds(widget)).to.deep.equal(['Kind: Emergency department', 'Kind: Ambulance']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 2 of 4');
      await expect(widget).to.be.accessible();

      buttonNamed(widget.shadowRoot!, 'Clear filters').click();
      await widget.updateComplete;
      expect(items(widget)).to.have.length(4);

      const to = widget.shadowRoot!.querySelector<HTMLInputElement>('#encounter-to')!;
      to.value = '2026-06-30';
      to.dispatchEvent(new Event('change'));
      await widget.updateComplete;
      expect(titles(widget)).to.deep.equal(['Annual diabetes review (care home visit)']);
      const from = widget.shadowRoot!.querySelector<HTMLInputElement>('#encounter-from')!;
      from.value = '2026-04-01';
      from.dispatchEvent(new Event('change'));
      await widget.updateComplete;
      expect(text(widget)).to.contain('Nothing matches these filters.');
      await expect(widget).to.be.accessible();
    });

    it('counts a stay that crosses the start of the range', async () => {
      serve([
        encounter('stay', { classCode: 'IMP', type: [{ text: 'Admission over new year' }], period: { start: '2023-12-28T10:00:00Z', end: '2024-01-03T12:00:00Z' } }),
        encounter('old', { type: [{ text: 'Old clinic' }], period: { start: '2023-11-01T10:00:00Z' } }),
      ]);
      const widget = await mount();
      await loaded(widget);
      const from = widget.shadowRoot!.querySelector<HTMLInputElement>('#encounter-from')!;
      from.value = '2024-01-01';
      from.dispatchEvent(new Event('change'));
      await widget.updateComplete;
      expect(titles(widget)).to.deep.equal(['Admission over new year']);
      expect(detail(items(widget)[0], 'Length of stay')).to.equal('6 days');
    });

    it('honours the kinds attribute', async () => {
      serveResident('arthur-pemberton');
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="arthur-pemberton" auth-mode="token" .tokenProvider=${() => 't'}>
          <encounter-list kinds="emergency, ambulance"></encounter-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('encounter-list')!;
      await loaded(widget);
      expect(kinds(widget)).to.deep.equal(['Kind: Emergency department', 'Kind: Ambulance']);
      expect(checkbox(widget, 'inpatient').checked).to.equal(false);
      expect(checkbox(widget, 'emergency').checked).to.equal(true);
    });
  });

  describe('what each visit says', () => {
    it('says a stay is ongoing, and shows admission source, diagnoses, same-day stays and cancelled visits', async () => {
      serve([
        encounter('now', {
          classCode: 'IMP',
          status: 'in-progress',
          type: [{ text: 'Current admission' }],
          period: { start: '2024-03-10T09:00:00Z' },
          hospitalization: { admitSource: { text: 'From a care home' } },
          diagnosis: [{ condition: { display: 'Urinary tract infection' } }],
        }),
        encounter('same', { classCode: 'IMP', type: [{ text: 'Day case' }], period: { start: '2024-02-01T08:00:00Z', end: '2024-02-01T17:00:00Z' } }),
        encounter('cancelled', { status: 'cancelled', type: [{ text: 'Cancelled clinic' }], period: { start: '2024-01-05T10:00:00Z' } }),
        encounter('virtual', { classCode: 'VR', type: [{ text: 'Video consultation' }], period: { start: '2023-12-05T10:00:00Z' } }),
      ]);
      const widget = await mount();
      await loaded(widget);
      const now = itemTitled(widget, 'Current admission');
      expect(detail(now, 'Discharged')).to.equal('Still in hospital');
      expect(detail(now, 'Status')).to.equal('Still in hospital');
      expect(detail(now, 'Length of stay')).to.match(/^\d+ days so far$/);
      expect(detail(now, 'Admitted from')).to.equal('From a care home');
      expect(detail(now, 'Diagnoses')).to.equal('Urinary tract infection');
      expect(detail(itemTitled(widget, 'Day case'), 'Length of stay')).to.equal('Same day');
      expect(detail(itemTitled(widget, 'Cancelled clinic'), 'Status')).to.equal('Cancelled');
      expect(text(itemTitled(widget, 'Video consultation').querySelector('[part~="kind"]'))).to.equal('Kind: Phone or video');
      await expect(widget).to.be.accessible();
    });

    it('leaves out visits entered in error, and says how many', async () => {
      serve([encounter('ok', { type: [{ text: 'Kept visit' }] }), encounter('bad', { status: 'entered-in-error', type: [{ text: 'Wrong person' }] })]);
      const widget = await mount();
      await loaded(widget);
      expect(titles(widget)).to.deep.equal(['Kept visit']);
      expect(text(widget)).to.contain('1 visit marked as entered in error is not shown');
      expect(text(widget)).not.to.contain('Wrong person');
      await expect(widget).to.be.accessible();
    });

    it('links a document reference by its context.encounter, and says "No visits or hospital stays recorded" when there are none', async () => {
      const letter: DocumentReference = {
        resourceType: 'DocumentReference',
        id: 'letter',
        status: 'current',
        type: { coding: [{ system: SNOMED, code: '371531000', display: 'Report of clinical encounter' }] },
        subject: { reference: 'Patient/p1' },
        date: '2024-03-13T09:00:00Z',
        description: 'Clinic letter',
        context: { encounter: [{ reference: 'Encounter/clinic' }] },
        content: [{ attachment: { contentType: 'text/plain', data: btoa('Seen in clinic. Doing well.') } }],
      };
      serve([encounter('clinic', { type: [{ text: 'Memory clinic' }] }), letter]);
      const widget = await mount();
      await summariesLinked(widget, 'Clinic letter');
      buttonNamed(itemTitled(widget, 'Memory clinic'), 'Clinic letter').click();
      await waitUntil(() => widget.shadowRoot!.querySelector('discharge-summary'), 'never opened');
      const viewerText = () => {
        const viewer = widget.shadowRoot!.querySelector('discharge-summary')?.shadowRoot?.querySelector('care-record-document-viewer');
        return text(viewer);
      };
      await waitUntil(() => viewerText().includes('Seen in clinic. Doing well.'), 'the letter never showed', { timeout: 8000 });

      worker.resetHandlers();
      serve([]);
      const empty = await mount();
      await shown(empty, 'No visits or hospital stays recorded');
      await expect(empty).to.be.accessible();
    });
  });

  describe('paging', () => {
    it('shows "Showing 50 of 120" and loads more, moving focus to the first new visit', async () => {
      serve(manyVisits(120));
      const widget = await mount();
      await loaded(widget);
      expect(items(widget)).to.have.length(50);
      expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 50 of 120');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Load more').click();
      await waitUntil(() => items(widget).length === 100, 'the second page never came');
      expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 100 of 120');
      expect(text(widget.shadowRoot!.activeElement)).to.equal('Clinic visit 51');
      buttonNamed(widget.shadowRoot!, 'Load more').click();
      await waitUntil(() => items(widget).length === 120, 'the last page never came');
      expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
      expect(new Set(titles(widget)).size).to.equal(120);
      expect(titles(widget)[119]).to.equal('Clinic visit 120');
    });

    it('says "More visits could not be loaded." when Load more fails, tells the host, keeps the first page, and Try again loads the next', async () => {
      serve(manyVisits(120), {
        faults: [{ path: /_getpages=/, status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Page store restarting' }] } }],
      });
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        const widget = await mount();
        await loaded(widget);
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await shown(widget, 'More visits could not be loaded.');
        expect(text(widget.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
        expect(items(widget)).to.have.length(50);
        expect(errors.filter((event) => event.detail.source === 'encounter-list')).to.have.length(1);
        await expect(widget).to.be.accessible();
        buttonNamed(widget.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!, 'Try again').click();
        await waitUntil(() => items(widget).length === 100, 'the second page never came');
        expect(widget.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
        expect(text(widget.shadowRoot!.activeElement)).to.equal('Clinic visit 51');
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });
  });

  describe('when something goes wrong', () => {
    it("shows the server's message and Try again when the encounters cannot be loaded, then recovers", async () => {
      serve([encounter('a', { type: [{ text: 'Recovered visit' }] })], {
        faults: [{ resourceType: 'Encounter', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Encounter index rebuilding' }] } }],
      });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="error"]'), 'no error shown', { timeout: 10000 });
      expect(text(widget)).to.contain('Visits and hospital stays could not be loaded');
      expect(text(widget)).to.contain('Encounter index rebuilding');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Try again').click();
      await shown(widget, 'Recovered visit');
    });

    it('still shows the timeline when the summaries cannot be loaded, and says some may be missing', async () => {
      serveResident('arthur-pemberton', {
        faults: [{ resourceType: 'Composition', status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Document store down' }] } }],
      });
      const widget = await mount('arthur-pemberton');
      await shown(widget, 'Summaries written for these visits could not be loaded, so some may be missing.');
      expect(items(widget)).to.have.length(4);
      expect(text(widget)).to.contain('Document store down');
      await expect(widget).to.be.accessible();
    });

    it("says the person may not see the record when the server refuses (403)", async () => {
      serve([encounter('a')], { faults: [{ resourceType: 'Encounter', status: 403 }] });
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks the person to sign in when signed out, without searching', async () => {
      serve([encounter('a')]);
      const widget = await mount('p1', { tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      expect(searches('Encounter')).to.have.length(0);
      expect(searches('Composition')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });
  });

  describe('governance', () => {
    it('says whose record it is, unless the host shows its own banner', async () => {
      serve([encounter('a')]);
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="identity-line"]'), 'no identity line', { timeout: 8000 });
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
      widget.patientBanner = 'host';
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out Encounter", async () => {
      serve([encounter('a')]);
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs']} .tokenProvider=${() => 't'}>
          <encounter-list></encounter-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('encounter-list') as EncounterList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`, { timeout: 8000 });
      expect(text(widget)).to.contain("You don't have permission");
      expect(searches('Encounter')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail: the first page, then what Load more added', async () => {
      serve([encounter('a', { period: { start: '2024-03-03T10:00:00Z' } }), encounter('b', { status: 'entered-in-error', period: { start: '2024-03-02T10:00:00Z' } }), encounter('c', { period: { start: '2024-03-01T10:00:00Z' } })]);
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount('p1', { pageSize: 2 });
        await shown(widget, 'Showing 2 of 3');
        await waitUntil(() => views.some((v) => v.detail.section === 'encounters' && v.detail.resourceTypes.includes('Encounter')), 'no view reported', { timeout: 8000 });
        const first = views.filter((v) => v.detail.section === 'encounters' && v.detail.resourceTypes.includes('Encounter'));
        expect(first).to.have.length(1);
        expect(first[0].detail.count, 'entries in error are not shown').to.equal(1);
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await waitUntil(() => views.filter((v) => v.detail.section === 'encounters' && v.detail.resourceTypes.includes('Encounter')).length === 2, 'Load more not reported', { timeout: 8000 });
        const more = views.filter((v) => v.detail.section === 'encounters' && v.detail.resourceTypes.includes('Encounter'))[1];
        expect(more.detail).to.deep.include({ count: 1, outcome: 'success' });
        expect(more.detail.references).to.have.length(1);
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });

    it('shows the timeline without asking for summaries the SMART scopes leave out', async () => {
      serve([encounter('a', { type: [{ text: 'Memory clinic' }] })]);
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/Encounter.rs', 'patient/Organization.rs']} .tokenProvider=${() => 't'}>
          <encounter-list></encounter-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('encounter-list') as EncounterList;
      await shown(widget, 'Memory clinic');
      expect(searches('Composition')).to.have.length(0);
      expect(searches('DocumentReference')).to.have.length(0);
      expect(text(widget)).not.to.contain('could not be loaded');
    });
  });

  describe('wording', () => {
    it("accepts other wording through the provider's strings", async () => {
      serve([encounter('a', { classCode: 'EMER' })]);
      const strings = { encounterHeading: 'Hospital and GP contacts', encounterKindLabel: (kind: string) => (kind === 'emergency' ? 'A&E' : kind) } as unknown as Partial<Strings>;
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'} .strings=${strings}>
          <encounter-list heading-level="3"></encounter-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('encounter-list') as EncounterList;
      await shown(widget, 'Kind: A&E');
      expect(text(widget.shadowRoot!.querySelector('h3'))).to.equal('Hospital and GP contacts');
    });
  });

  describe('layout', () => {
    it('fits 320px without sideways scrolling', async () => {
      serveResident('arthur-pemberton');
      const widget = await mount('arthur-pemberton');
      widget.style.width = '320px';
      await summariesLinked(widget, 'Discharge summary');
      expect(widget.scrollWidth).to.be.at.most(320);
      const overflowing = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter(
        (element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'hidden',
      );
      expect(overflowing.map((element) => element.className || element.tagName)).to.deep.equal([]);
    });
  });

  describe('real records', () => {
    const hl7 = [
      'encounter-example-emerg.json',
      'encounter-example-f001-heart.json',
      'encounter-example-f002-lung.json',
      'encounter-example-f003-abscess.json',
      'encounter-example-f201-20130404.json',
      'encounter-example-f202-20130128.json',
      'encounter-example-f203-20130311.json',
      'encounter-example-home.json',
      'encounter-example-xcda.json',
      'encounter-example.json',
    ];

    async function rendersExample(path: string): Promise<EncounterList> {
      const resource = await fixtureJson<Encounter>(path);
      const patientId = resource.subject!.reference!.split('/').pop()!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [{ resourceType: 'Patient', id: patientId }, resource] }));
      const widget = await mount(patientId);
      await loaded(widget);
      return widget;
    }

    for (const file of hl7) {
      it(`renders the HL7 example ${file} without console errors`, async () => {
        const console = watchConsole();
        try {
          const widget = await rendersExample(`hl7-r4/${file}`);
          expect(items(widget)).to.have.length(1);
          if (file === 'encounter-example-emerg.json') {
            // Arrived in the emergency department, then admitted: now an inpatient stay.
            expect(kinds(widget)).to.deep.equal(['Kind: Hospital stay']);
            expect(detail(items(widget)[0], 'Admitted from')).to.equal('From accident/emergency department');
            expect(detail(items(widget)[0], 'Discharged')).to.equal('Still in hospital');
          }
          if (file === 'encounter-example-home.json') expect(kinds(widget)).to.deep.equal(['Kind: Home or community visit']);
          if (file === 'encounter-example-f001-heart.json') expect(detail(items(widget)[0], 'Discharged to')).to.exist;
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

    it('renders the UK Core inpatient encounter example without console errors', async () => {
      const console = watchConsole();
      try {
        const widget = await rendersExample('uk-core/UKCore-Encounter-InpatientEncounter-Example.json');
        expect(kinds(widget)).to.deep.equal(['Kind: Hospital stay']);
        await expect(widget).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });

    const synthea = [
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

    for (const file of synthea) {
      it(`shows every encounter of Synthea's ${file.split('_').slice(0, 2).join(' ')} (or "Showing 50 of N") without console errors`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        const encounters = resources.filter((r): r is Encounter => r.resourceType === 'Encounter');
        const documents = resources.filter((r): r is DocumentReference | Composition => r.resourceType === 'DocumentReference' || r.resourceType === 'Composition');
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const console = watchConsole();
        try {
          const widget = await mount(patient.id!);
          await loaded(widget);
          if (encounters.length > 50) {
            expect(items(widget)).to.have.length(50);
            expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain(`Showing 50 of ${encounters.length}`);
          } else {
            expect(items(widget)).to.have.length(encounters.length);
            expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain(`${encounters.length} visit`);
          }
          if (documents.length) {
            // Lanell's clinical notes each belong to an encounter: every shown visit with one offers it.
            await waitUntil(() => widget.shadowRoot!.querySelector('[part~="summary-button"]'), 'no linked documents', { timeout: 8000 });
          }
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }
  });
});
