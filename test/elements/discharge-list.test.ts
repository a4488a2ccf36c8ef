import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type { Bundle, Composition, DocumentReference, Encounter, FhirResource, Organization, Patient, Practitioner } from '@care-record/fhir';
import type { CareRecordProvider, CareRecordSelectEvent, CareRecordViewedEvent, DischargeList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/discharge-list.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const CARE_SETTING = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }],
  birthDate: '1938-02-11',
};
const royalFree: Organization = { resourceType: 'Organization', id: 'rf', name: 'Royal Free Hospital' };
const whittington: Organization = { resourceType: 'Organization', id: 'wh', name: 'Whittington Hospital' };
const drPatel: Practitioner = { resourceType: 'Practitioner', id: 'patel', name: [{ family: 'Patel', given: ['Asha'], prefix: ['Dr'] }] };

interface SummaryOptions {
  date?: string;
  title?: string;
  status?: Composition['status'];
  custodian?: Organization;
  author?: Practitioner;
  careSetting?: [string, string];
  type?: [string, string, string];
  encounter?: Encounter;
  patient?: string;
}

function summary(id: string, options: SummaryOptions = {}): Composition {
  const [system, code, display] = options.type ?? [SNOMED, '373942005', 'Discharge summary'];
  return {
    resourceType: 'Composition',
    id,
    status: options.status ?? 'final',
    type: { coding: [{ system, code, display }] },
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    date: options.date ?? '2024-03-12T15:00:00Z',
    title: options.title ?? 'Discharge summary',
    author: [{ reference: `Practitioner/${(options.author ?? drPatel).id}` }],
    custodian: { reference: `Organization/${(options.custodian ?? royalFree).id}` },
    ...(options.encounter ? { encounter: { reference: `Encounter/${options.encounter.id}` } } : {}),
    ...(options.careSetting
      ? { extension: [{ url: CARE_SETTING, valueCodeableConcept: { coding: [{ system: SNOMED, code: options.careSetting[0], display: options.careSetting[1] }] } }] }
      : {}),
    section: [{ title: 'Clinical narrative', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Recovered well.</p></div>' } }],
  };
}

function pdfDocument(
  id: string,
  options: { date?: string; relatesTo?: string; encounter?: string; status?: DocumentReference['status']; docStatus?: DocumentReference['docStatus']; custodian?: Organization } = {},
): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id,
    status: options.status ?? 'current',
    ...(options.docStatus ? { docStatus: options.docStatus } : {}),
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: 'Patient/p1' },
    date: options.date ?? '2024-02-01T10:00:00Z',
    description: 'Discharge letter (scanned)',
    custodian: { reference: `Organization/${(options.custodian ?? whittington).id}` },
    ...(options.relatesTo ? { context: { related: [{ reference: options.relatesTo }] } } : {}),
    ...(options.encounter ? { context: { encounter: [{ reference: options.encounter }] } } : {}),
    content: [{ attachment: { contentType: 'application/pdf', url: `${BASE}/Binary/${id}`, size: 48213, title: 'Discharge letter' } }],
  };
}

const admission: Encounter = {
  resourceType: 'Encounter',
  id: 'enc1',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
  subject: { reference: 'Patient/p1' },
  period: { start: '2024-03-04T09:00:00Z', end: '2024-03-12T14:00:00Z' },
  serviceProvider: { reference: 'Organization/rf' },
};

function collection(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource })) };
}

const people = [resident, royalFree, whittington, drPatel, admission];

/** 45 discharge summaries, a week apart, newest first by id number. */
function manySummaries(count = 45): Composition[] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2024, 5, 1) - i * 7 * 86400000).toISOString();
    return summary(`many-${i + 1}`, { date, title: `Discharge summary ${i + 1}` });
  });
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function rows(list: DischargeList): HTMLElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="row"]')].filter((row) => !row.closest('[hidden]'));
}

function rowTitles(list: DischargeList): string[] {
  return rows(list).map((row) => text(row.querySelector('.row-title')));
}

function rowNamed(list: DischargeList, title: string): HTMLElement {
  const found = rows(list).find((row) => text(row.querySelector('.row-title')) === title);
  if (!found) throw new Error(`No row "${title}": ${rowTitles(list).join(', ')}`);
  return found;
}

function buttonNamed(root: ShadowRoot, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => text(button).includes(name) && !button.closest('[hidden]'));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

/** Requests the widget sends, by path and query. */
function recordRequests(worker: ReturnType<typeof setupWorker>) {
  const urls: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.startsWith(BASE)) urls.push(new URL(request.url));
  };
  worker.events.on('request:start', listener);
  return { urls, stop: () => worker.events.removeListener('request:start', listener) };
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

async function mount(
  template = html`<discharge-list></discharge-list>`,
  options: { patientId?: string; auth?: TokenProviderSession } = {},
): Promise<{ provider: CareRecordProvider; list: DischargeList }> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${options.patientId ?? 'p1'}
      .auth=${options.auth ?? new TokenProviderSession({ tokenProvider: () => 't' })}
      >${template}</care-record-provider
    >
  `);
  const list = provider.querySelector('discharge-list') as DischargeList;
  return { provider, list };
}

async function loaded(list: DischargeList): Promise<void> {
  await waitUntil(() => !list.shadowRoot?.querySelector('[aria-busy="true"]') && text(list).length > 40, 'the list never finished loading', { timeout: 5000 });
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<discharge-list>', () => {
  const worker = setupWorker();

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  function serve(resources: FhirResource[], options: { faults?: FhirFault[]; latency?: number } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection([...people, ...resources])], ...options }));
  }

  describe('while loading', () => {
    it('shows a busy skeleton that says "Loading summaries…", and is accessible', async () => {
      serve([summary('c1')], { faults: [{ resourceType: 'Composition', hang: true }] });
      const { list } = await mount();
      await waitUntil(() => list.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
      expect(text(list.shadowRoot!.querySelector('[aria-busy="true"]'))).to.contain('Loading summaries…');
      expect(list.shadowRoot!.querySelector('h2')!.textContent).to.equal('Hospital and emergency summaries');
      await expect(list).to.be.accessible();
    });
  });

  describe('when loaded', () => {
    it('lists summaries newest first with date, hospital, care setting, author, kind and stay', async () => {
      serve([
        summary('old', { date: '2023-11-02T10:00:00Z', title: 'Older summary', custodian: whittington }),
        summary('new', { date: '2024-03-12T15:00:00Z', title: 'Newest summary', encounter: admission, careSetting: ['892811000000109', 'Cardiology service'] }),
      ]);
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Newest summary', 'Older summary']);
      const newest = rowNamed(list, 'Newest summary');
      expect(text(newest.querySelector('.row-date'))).to.equal('12-Mar-2024');
      expect(text(newest)).to.contain('From Royal Free Hospital · recorded 12-Mar-2024');
      expect(text(newest)).to.contain('Care setting: Cardiology service');
      expect(text(newest)).to.contain('Author: PATEL, Asha (Dr)');
      expect(text(newest)).to.contain('Discharge summary');
      expect(text(newest)).to.contain('Admitted 04-Mar-2024 · Discharged 12-Mar-2024');
      expect(text(rowNamed(list, 'Older summary'))).to.contain('From Whittington Hospital');
      expect(text(list)).to.contain('2 summaries');
      await expect(list).to.be.accessible();
    });

    it('asks for typed, newest-first pages of Compositions and DocumentReferences, in parallel', async () => {
      serve([summary('c1')]);
      const requests = recordRequests(worker);
      try {
        const { list } = await mount(html`<discharge-list page-size="5"></discharge-list>`);
        await loaded(list);
        const searches = requests.urls.filter((url) => /\/(Composition|DocumentReference)$/.test(url.pathname));
        expect(searches.map((url) => url.pathname.split('/').pop()).sort()).to.deep.equal(['Composition', 'DocumentReference']);
        for (const url of searches) {
          expect(url.searchParams.get('patient')).to.equal('p1');
          expect(url.searchParams.get('_sort')).to.equal('-date');
          expect(url.searchParams.get('_count')).to.equal('5');
          const types = url.searchParams.get('type')!.split(',');
          expect(types).to.include('http://snomed.info/sct|373942005');
          expect(types).to.include('http://loinc.org|59258-4');
        }
      } finally {
        requests.stop();
      }
    });

    it('merges a PDF that renders a Composition into that row, and lists a PDF-only summary on its own', async () => {
      serve([
        summary('c1', { title: 'Structured summary' }),
        pdfDocument('d-render', { relatesTo: 'Composition/c1', date: '2024-03-12T16:00:00Z' }),
        pdfDocument('d-alone', { date: '2024-01-20T09:00:00Z' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Structured summary', 'Discharge letter (scanned)']);
      expect(text(rowNamed(list, 'Structured summary'))).to.contain('Files: PDF');
      expect(text(rowNamed(list, 'Discharge letter (scanned)'))).to.contain('From Whittington Hospital');
    });

    it('takes a PDF published for the same admission as the rendering of that summary (one row, its file)', async () => {
      serve([
        summary('c1', { title: 'Structured summary', encounter: admission }),
        pdfDocument('d-same-stay', { encounter: 'Encounter/enc1', date: '2024-03-12T15:05:00Z' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Structured summary']);
      expect(text(rowNamed(list, 'Structured summary'))).to.contain('Files: PDF');
    });

    it('marks a summary that an amended one replaces', async () => {
      const preliminary = summary('pre', { title: 'Preliminary summary', status: 'preliminary', date: '2024-03-12T10:00:00Z' });
      const amended = { ...summary('amd', { title: 'Amended summary', status: 'amended', date: '2024-03-13T10:00:00Z' }), relatesTo: [{ code: 'replaces' as const, targetReference: { reference: 'Composition/pre' } }] };
      serve([preliminary, amended]);
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Amended summary', 'Preliminary summary']);
      const badges = [...rowNamed(list, 'Preliminary summary').querySelectorAll('[part~="badge"]')].map((b) => text(b));
      expect(badges).to.deep.equal(['Status: Preliminary', 'Status: Replaced by a newer version']);
    });

    it('recognises an emergency department summary by its care setting, and an ambulance summary by its type', async () => {
      serve([
        summary('ed', { title: 'A&E summary', careSetting: ['310000008', 'Accident and Emergency service'], date: '2024-03-01T03:00:00Z' }),
        summary('amb', { title: 'Ambulance handover', type: [SNOMED, '312711000000101', 'Ambulance Service Patient Summary Report'], date: '2024-03-01T01:00:00Z' }),
        summary('dis', { title: 'Ward discharge' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      expect(text(rowNamed(list, 'A&E summary').querySelector('.row-kind'))).to.equal('Emergency department summary');
      expect(text(rowNamed(list, 'Ambulance handover').querySelector('.row-kind'))).to.equal('Ambulance summary');
      expect(text(rowNamed(list, 'Ward discharge').querySelector('.row-kind'))).to.equal('Discharge summary');
    });

    it('shows only emergency department summaries with kind="emergency-department"', async () => {
      serve([summary('ed', { title: 'A&E summary', careSetting: ['310000008', 'Accident and Emergency service'] }), summary('dis', { title: 'Ward discharge' })]);
      const { list } = await mount(html`<discharge-list kind="emergency-department"></discharge-list>`);
      await loaded(list);
      expect(list.shadowRoot!.querySelector('h2')!.textContent).to.equal('Emergency department summaries');
      expect(rowTitles(list)).to.deep.equal(['A&E summary']);
    });

    it('recognises a LOINC-typed summary (the HL7 example) as a discharge summary', async () => {
      serve([summary('loinc', { title: 'Discharge Summary from Responsible Clinician', type: [LOINC, '28655-9', 'Discharge summarization note'] })]);
      const { list } = await mount(html`<discharge-list kind="discharge"></discharge-list>`);
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Discharge Summary from Responsible Clinician']);
    });

    it('leaves out summaries entered in error, and says how many', async () => {
      serve([summary('ok', { title: 'Kept' }), summary('wrong', { title: 'Withdrawn', status: 'entered-in-error' }), pdfDocument('wrong-pdf', { docStatus: 'entered-in-error' })]);
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Kept']);
      expect(text(list)).to.contain('2 summaries marked as entered in error are not shown.');
      expect(text(list)).not.to.contain('Withdrawn');
      await expect(list).to.be.accessible();
    });

    it('marks preliminary and amended summaries with text badges', async () => {
      serve([
        summary('pre', { title: 'Draft summary', status: 'preliminary', date: '2024-03-02T00:00:00Z' }),
        summary('amd', { title: 'Corrected summary', status: 'amended', date: '2024-03-01T00:00:00Z' }),
        summary('fin', { title: 'Final summary', date: '2024-02-01T00:00:00Z' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      const badge = (title: string) => [...rowNamed(list, title).querySelectorAll('[part~="badge"]')].map((b) => text(b));
      expect(badge('Draft summary')).to.deep.equal(['Status: Preliminary']);
      expect(badge('Corrected summary')).to.deep.equal(['Status: Amended']);
      expect(badge('Final summary')).to.deep.equal([]);
      await expect(list).to.be.accessible();
    });

    it('says so plainly when there are no summaries', async () => {
      serve([]);
      const { list } = await mount();
      await waitUntil(() => text(list).includes('No discharge, emergency department or ambulance summaries recorded'), 'no empty message');
      await expect(list).to.be.accessible();
    });
  });

  describe('paging', () => {
    it('shows "Showing 20 of 45" and loads the rest with Load more, nothing dropped', async () => {
      serve(manySummaries(45));
      const requests = recordRequests(worker);
      try {
        const { list } = await mount();
        await loaded(list);
        expect(rows(list)).to.have.length(20);
        expect(text(list.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 20 of 45');
        await expect(list).to.be.accessible();
        const before = requests.urls.length;

        buttonNamed(list.shadowRoot!, 'Load more').click();
        await waitUntil(() => rows(list).length === 40, 'the second page never came');
        expect(text(list.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 40 of 45');
        // Only the incomplete search asks for its next page; focus goes to the first new row.
        expect(requests.urls.length - before).to.equal(1);
        await waitUntil(() => list.shadowRoot!.activeElement?.textContent?.includes('Discharge summary 21'), 'focus did not move to the first new row');

        buttonNamed(list.shadowRoot!, 'Load more').click();
        await waitUntil(() => rows(list).length === 45, 'the last page never came');
        expect(list.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
        expect(rowTitles(list)[44]).to.equal('Discharge summary 45');
        expect(new Set(rowTitles(list)).size).to.equal(45);
      } finally {
        requests.stop();
      }
    });

    it('says when the newest documents hold none of the kind asked for, and finds older ones with Load more', async () => {
      const older = summary('ed-old', { title: 'Old A&E visit', careSetting: ['310000008', 'Accident and Emergency service'], date: '2019-01-01T00:00:00Z' });
      serve([...manySummaries(20), older]);
      const { list } = await mount(html`<discharge-list kind="emergency-department"></discharge-list>`);
      await waitUntil(() => text(list).includes('None found in the newest documents. Load more to look further back.'), 'no message');
      expect(text(list)).not.to.contain('No emergency department summaries recorded');
      await expect(list).to.be.accessible();
      buttonNamed(list.shadowRoot!, 'Load more').click();
      await waitUntil(() => rowTitles(list).includes('Old A&E visit'), 'the older summary never came');
      expect(list.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
    });

    it('joins a file to its summary when the summary comes with Load more, and marks a summary an earlier page replaces', async () => {
      const stay = { ...admission, id: 'enc-late' };
      const amended = {
        ...summary('amd', { title: 'Amended summary', status: 'amended', date: '2024-03-10T10:00:00Z' }),
        relatesTo: [{ code: 'replaces' as const, targetReference: { reference: 'Composition/pre' } }],
      };
      serve([
        stay,
        amended,
        summary('ward', { title: 'Ward summary', date: '2024-03-09T10:00:00Z' }),
        summary('late', { title: 'Summary for the stay', date: '2024-03-05T10:00:00Z', encounter: stay }),
        summary('pre', { title: 'Preliminary summary', status: 'preliminary', date: '2024-03-04T10:00:00Z' }),
        pdfDocument('d-stay', { encounter: 'Encounter/enc-late', date: '2024-03-13T10:00:00Z' }),
        pdfDocument('d-other', { date: '2024-03-01T10:00:00Z' }),
        pdfDocument('d-old', { date: '2024-01-01T10:00:00Z' }),
      ]);
      const { list } = await mount(html`<discharge-list page-size="2"></discharge-list>`);
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Discharge letter (scanned)', 'Amended summary', 'Ward summary', 'Discharge letter (scanned)']);
      buttonNamed(list.shadowRoot!, 'Load more').click();
      await waitUntil(() => rowTitles(list).includes('Preliminary summary'), 'the second pages never came');
      expect(rowTitles(list)).to.deep.equal(['Amended summary', 'Ward summary', 'Summary for the stay', 'Preliminary summary', 'Discharge letter (scanned)', 'Discharge letter (scanned)']);
      expect(text(rowNamed(list, 'Summary for the stay'))).to.contain('Files: PDF');
      const badges = [...rowNamed(list, 'Preliminary summary').querySelectorAll('[part~="badge"]')].map((b) => text(b));
      expect(badges).to.deep.equal(['Status: Preliminary', 'Status: Replaced by a newer version']);
      expect(list.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
      await expect(list).to.be.accessible();
    });

    it('keeps what it has and says so when Load more fails', async () => {
      serve(manySummaries(25), { faults: [{ path: /_getpages/, status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Paging store unavailable' }] } }] });
      const { list } = await mount();
      await loaded(list);
      buttonNamed(list.shadowRoot!, 'Load more').click();
      await waitUntil(() => text(list).includes('More summaries could not be loaded.'), 'no failure message', { timeout: 8000 });
      expect(rows(list)).to.have.length(20);
      expect(text(list)).to.contain('Paging store unavailable');
    });
  });

  describe('filters', () => {
    it('filters loaded summaries by date range and by hospital, and clears', async () => {
      serve([
        summary('a', { title: 'March at Royal Free', date: '2024-03-12T15:00:00Z' }),
        summary('b', { title: 'January at Whittington', date: '2024-01-10T15:00:00Z', custodian: whittington }),
        summary('c', { title: 'Last year at Royal Free', date: '2023-06-01T15:00:00Z' }),
      ]);
      const { list } = await mount();
      await loaded(list);
      const root = list.shadowRoot!;
      const filters = root.querySelector('[part~="filters"]')!;
      expect(filters).to.exist;
      const from = root.querySelector<HTMLInputElement>('#filter-from')!;
      from.value = '2024-01-01';
      from.dispatchEvent(new Event('change'));
      await list.updateComplete;
      expect(rowTitles(list)).to.deep.equal(['March at Royal Free', 'January at Whittington']);
      expect(text(root.querySelector('[part~="count"]'))).to.contain('2 of 3 loaded summaries match these filters');

      const organisation = root.querySelector<HTMLSelectElement>('#filter-organisation')!;
      expect([...organisation.options].map((o) => o.textContent)).to.deep.equal(['All', 'Royal Free Hospital', 'Whittington Hospital']);
      organisation.value = 'Whittington Hospital';
      organisation.dispatchEvent(new Event('change'));
      await list.updateComplete;
      expect(rowTitles(list)).to.deep.equal(['January at Whittington']);

      const to = root.querySelector<HTMLInputElement>('#filter-to')!;
      to.value = '2024-01-09';
      to.dispatchEvent(new Event('change'));
      await list.updateComplete;
      expect(text(list)).to.contain('No summaries match these filters.');
      await expect(list).to.be.accessible();

      buttonNamed(root, 'Clear filters').click();
      await list.updateComplete;
      expect(rowTitles(list)).to.have.length(3);
    });
  });

  describe('governance', () => {
    it("says whose record it is, and tells the audit trail what was shown, page by page", async () => {
      serve(manySummaries(25));
      const viewed: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => {
        if (event.detail.section === 'discharges') viewed.push(event);
      };
      document.addEventListener('care-record-viewed', record);
      try {
        const { list } = await mount();
        await loaded(list);
        expect(text(list.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret (Mrs)');
        await waitUntil(() => viewed.length === 1, 'the first page was never reported');
        expect(viewed[0].detail.count).to.equal(20);
        expect(viewed[0].detail.outcome).to.equal('success');
        expect(viewed[0].detail.patientId).to.equal('p1');
        buttonNamed(list.shadowRoot!, 'Load more').click();
        await waitUntil(() => viewed.length === 2, 'Load more was never reported');
        expect(viewed[1].detail.count).to.equal(5);
        expect(viewed[1].detail.references).to.include('Composition/many-25');
        expect(viewed[1].detail.requestUrls.every((url) => url.includes('_getpages'))).to.equal(true);
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });

    it('searches only what the SMART scopes allow, and says what may be missing', async () => {
      serve([summary('c1', { title: 'Structured summary' }), pdfDocument('d1')]);
      const requests = recordRequests(worker);
      try {
        const auth = new TokenProviderSession({ tokenProvider: () => 't', grantedScopes: ['patient/Patient.read', 'patient/Composition.read', 'patient/Practitioner.read', 'patient/Organization.read'] });
        const { list } = await mount(undefined, { auth });
        await loaded(list);
        expect(rowTitles(list)).to.deep.equal(['Structured summary']);
        expect(text(list)).to.contain("You don't have permission to see documents (such as PDF summaries), so some may be missing.");
        expect(requests.urls.filter((url) => url.pathname.endsWith('/DocumentReference'))).to.have.length(0);
        await expect(list).to.be.accessible();
      } finally {
        requests.stop();
      }
    });

    it('asks for nothing when the scopes cover neither kind of record', async () => {
      serve([summary('c1')]);
      const requests = recordRequests(worker);
      try {
        const auth = new TokenProviderSession({ tokenProvider: () => 't', grantedScopes: ['patient/Patient.read', 'patient/AllergyIntolerance.read'] });
        const { list } = await mount(undefined, { auth });
        await waitUntil(() => text(list).includes("You don't have permission to see discharge summaries"), 'no permission message');
        expect(requests.urls.filter((url) => /Composition|DocumentReference/.test(url.pathname))).to.have.length(0);
        await expect(list).to.be.accessible();
      } finally {
        requests.stop();
      }
    });
  });

  describe('choosing a summary', () => {
    it('fires care-record-select, opens the summary in place of the list with focus on its heading, and Back returns to the row', async () => {
      serve([summary('c1', { title: 'Hip fracture discharge' }), summary('c2', { title: 'Older one', date: '2023-01-01T00:00:00Z' })]);
      const { list } = await mount();
      await loaded(list);
      const selected: CareRecordSelectEvent[] = [];
      list.addEventListener('care-record-select', (event) => selected.push(event));
      const button = rowNamed(list, 'Hip fracture discharge').querySelector<HTMLButtonElement>('button')!;
      button.click();
      await waitUntil(() => list.shadowRoot!.querySelector('discharge-summary'), 'the summary never opened');
      expect(selected).to.have.length(1);
      expect(selected[0].detail.reference).to.equal('Composition/c1');
      expect(selected[0].detail.resource.id).to.equal('c1');
      expect(selected[0].cancelable).to.equal(true);

      const summaryElement = list.shadowRoot!.querySelector('discharge-summary')!;
      await waitUntil(() => text(summaryElement).includes('Recovered well.'), 'the summary never loaded');
      expect(list.shadowRoot!.querySelector<HTMLElement>('.list-view')!.hidden).to.equal(true);
      expect(summaryElement.shadowRoot!.activeElement?.id).to.equal('summary-heading');
      expect(summaryElement.shadowRoot!.querySelector('#summary-heading')!.tagName).to.equal('H3');
      await expect(list).to.be.accessible();

      buttonNamed(summaryElement.shadowRoot!, 'Back to list').click();
      await waitUntil(() => !list.shadowRoot!.querySelector('discharge-summary'), 'the summary never closed');
      expect(list.shadowRoot!.activeElement).to.equal(rowNamed(list, 'Hip fracture discharge').querySelector('button'));
    });

    it('closes the summary with Escape', async () => {
      serve([summary('c1', { title: 'Hip fracture discharge' })]);
      const { list } = await mount();
      await loaded(list);
      rowNamed(list, 'Hip fracture discharge').querySelector('button')!.click();
      await waitUntil(() => list.shadowRoot!.querySelector('discharge-summary'), 'the summary never opened');
      const summaryElement = list.shadowRoot!.querySelector('discharge-summary')!;
      summaryElement.shadowRoot!.querySelector('#summary-heading')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await waitUntil(() => !list.shadowRoot!.querySelector('discharge-summary'), 'Escape did not close the summary');
    });

    it('leaves opening to the host when it calls preventDefault()', async () => {
      serve([summary('c1', { title: 'Hip fracture discharge' })]);
      const { list } = await mount();
      await loaded(list);
      list.addEventListener('care-record-select', (event) => event.preventDefault());
      rowNamed(list, 'Hip fracture discharge').querySelector('button')!.click();
      await list.updateComplete;
      expect(list.shadowRoot!.querySelector('discharge-summary')).to.equal(null);
      expect(rows(list)).to.have.length(1);
    });
  });

  describe('when something goes wrong', () => {
    it("shows the server's message and Try again when the searches fail, then recovers", async () => {
      serve([summary('c1', { title: 'Recovered summary' })], {
        faults: [
          { resourceType: 'Composition', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Database unavailable' }] } },
          { resourceType: 'DocumentReference', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Database unavailable' }] } },
        ],
      });
      const { list } = await mount();
      await waitUntil(() => list.shadowRoot!.querySelector('[part~="error"]'), 'no error shown', { timeout: 8000 });
      expect(text(list)).to.contain('This information could not be loaded');
      expect(text(list)).to.contain('Database unavailable');
      await expect(list).to.be.accessible();
      buttonNamed(list.shadowRoot!, 'Try again').click();
      await waitUntil(() => rowTitles(list).includes('Recovered summary'), 'never recovered', { timeout: 8000 });
    });

    it('still lists structured summaries when documents fail, and says some may be missing', async () => {
      serve([summary('c1', { title: 'Structured summary' })], {
        faults: [{ resourceType: 'DocumentReference', status: 403, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'No document access' }] } }],
      });
      const { list } = await mount();
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Structured summary']);
      expect(text(list)).to.contain('Documents (such as PDF summaries) could not be loaded, so some may be missing.');
      await expect(list).to.be.accessible();
    });

    it("says the person may not see the record when the server refuses (403)", async () => {
      serve([], { faults: [{ status: 403, match: (request) => /Composition|DocumentReference/.test(new URL(request.url).pathname) }] });
      const { list } = await mount();
      await waitUntil(() => text(list).includes("You don't have access to this person's record"), 'no access-denied message');
      await expect(list).to.be.accessible();
    });

    it('says the session has ended when the server no longer accepts the token', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection([...people, summary('c1')])], requireToken: () => false }));
      const { list } = await mount();
      await waitUntil(() => text(list).includes('Your session has ended. Sign in again to see records.'), 'no session-ended message', { timeout: 8000 });
      expect(rows(list)).to.have.length(0);
      await expect(list).to.be.accessible();
    });

    it('asks the person to sign in when signed out, without searching', async () => {
      serve([summary('c1')]);
      const requests = recordRequests(worker);
      try {
        const auth = new TokenProviderSession({ tokenProvider: () => 't' });
        await auth.signOut();
        const { list } = await mount(undefined, { auth });
        await waitUntil(() => text(list).includes("Sign in to see this person's record."), 'no sign-in prompt');
        expect(requests.urls.filter((url) => /Composition|DocumentReference/.test(url.pathname))).to.have.length(0);
        await expect(list).to.be.accessible();
      } finally {
        requests.stop();
      }
    });
  });

  describe('layout', () => {
    it('fits 320px without sideways scrolling', async () => {
      serve([
        summary('c1', { title: 'A very long discharge summary title from the Royal Free London NHS Foundation Trust', careSetting: ['892811000000109', 'Cardiology service'], encounter: admission }),
        summary('c2', { title: 'Second', status: 'amended' }),
      ]);
      const { list } = await mount();
      list.style.width = '320px';
      await loaded(list);
      const overflowing = [list, ...list.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'hidden');
      expect(list.scrollWidth).to.be.at.most(320);
      expect(overflowing.filter((element) => element.tagName !== 'SELECT')).to.have.length(0);
    });
  });

  describe('packaged residents', () => {
    it("shows Margaret Whitfield's discharge summary once, with its PDF, and opens it with the file's links", async () => {
      const margaret = residents.find((r) => r.name === 'Margaret Whitfield')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [margaret.bundle] }));
      const { list } = await mount(html`<discharge-list></discharge-list>`, { patientId: margaret.id });
      await loaded(list);
      expect(rowTitles(list)).to.deep.equal(['Inpatient discharge summary', 'Emergency department attendance summary']);
      expect(text(rowNamed(list, 'Inpatient discharge summary'))).to.contain('Files: PDF');
      rowNamed(list, 'Inpatient discharge summary').querySelector('button')!.click();
      await waitUntil(() => list.shadowRoot!.querySelector('discharge-summary'), 'no summary');
      const summaryElement = list.shadowRoot!.querySelector('discharge-summary')!;
      await waitUntil(() => text(summaryElement).includes('Community-acquired pneumonia'), 'the summary never loaded', { timeout: 5000 });
      const viewer = summaryElement.shadowRoot!.querySelector('care-record-document-viewer')!;
      await waitUntil(() => viewer?.shadowRoot?.querySelector('a[part~="open-link"]'), 'no PDF link');
      expect(viewer.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~="open-link"]')!.href).to.match(/^blob:/);
      await expect(list).to.be.accessible();
    });
  });

  describe('real records', () => {
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
    const SUMMARY_TYPE_CODES = new Set(['373942005', '312711000000101', '18842-5', '11490-0', '28655-9', '34105-7', '59258-4']);

    for (const file of synthea) {
      it(`renders every discharge document of Synthea's ${file.split('_').slice(0, 2).join(' ')} without console errors`, async () => {
        const bundle = (await (await fetch(`/__shared/fixtures/fhir/synthea/${file}`)).json()) as Bundle;
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        const documents = resources.filter((r) => r.resourceType === 'Composition' || r.resourceType === 'DocumentReference');
        // Counted independently of the widget: documents typed as a care-transfer summary.
        const expected = documents.filter((r) => {
          const type = (r as Composition | DocumentReference).type;
          return (type?.coding ?? []).some((c) => c.code && SUMMARY_TYPE_CODES.has(c.code));
        }).length;
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const console = watchConsole();
        try {
          const { list } = await mount(html`<discharge-list page-size="100"></discharge-list>`, { patientId: patient.id });
          await waitUntil(() => rows(list).length > 0 || text(list).includes('recorded'), 'the list never loaded', { timeout: 10000 });
          expect(rows(list)).to.have.length(expected);
          if (expected === 0) expect(text(list)).to.contain('No discharge, emergency department or ambulance summaries recorded');
          if (file.startsWith('Lanell')) expect(documents.filter((r) => r.resourceType === 'DocumentReference')).to.have.length(62);
          await expect(list).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }
  });
});
