import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, DocumentReference, FhirResource, Organization, Patient, Practitioner } from '@care-record/fhir';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordSelectEvent, CareRecordViewedEvent, DocumentList, Strings } from '../../packages/elements/src/index.js';
import { CareRecordSelectEvent as SelectEvent } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/document-list.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }] };
const royalFree: Organization = { resourceType: 'Organization', id: 'rf', name: 'Royal Free Hospital' };
const drPatel: Practitioner = { resourceType: 'Practitioner', id: 'patel', name: [{ family: 'Patel', given: ['Asha'], prefix: ['Dr'] }] };

function docRef(id: string, options: Partial<DocumentReference> & { typeText?: string } = {}): DocumentReference {
  const { typeText = 'Clinic letter', ...rest } = options;
  return {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type: { coding: [{ system: SNOMED, code: '371531000', display: typeText }] },
    category: [{ text: 'Correspondence' }],
    subject: { reference: 'Patient/p1' },
    date: '2024-03-12T10:00:00Z',
    author: [{ reference: 'Practitioner/patel' }],
    custodian: { reference: 'Organization/rf' },
    description: `Document ${id}`,
    content: [{ attachment: { contentType: 'text/plain', data: btoa(`Text of ${id}`), size: 17 } }],
    ...rest,
  };
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(widget: DocumentList): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>('ul[part~="list"] > li[part~="item"]')];
}

function titles(widget: DocumentList): string[] {
  return items(widget).map((item) => text(item.querySelector('[part~="item-heading"]')));
}

function itemTitled(widget: DocumentList, title: string): HTMLElement {
  const found = items(widget).find((item) => text(item.querySelector('[part~="item-heading"]')) === title);
  if (!found) throw new Error(`No document "${title}": ${titles(widget).join(', ')}`);
  return found;
}

function detail(item: HTMLElement, label: string): string | undefined {
  const term = [...item.querySelectorAll('dt')].find((dt) => text(dt) === label);
  return term ? text(term.nextElementSibling) : undefined;
}

function badges(item: HTMLElement): string[] {
  return [...item.querySelectorAll('[part~="badge"]')].map((badge) => text(badge));
}

function buttonNamed(root: ShadowRoot | HTMLElement, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => text(button).includes(name));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

function choose(widget: DocumentList, id: string, value: string): Promise<boolean> {
  const control = widget.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  control.value = value;
  control.dispatchEvent(new Event('change'));
  return widget.updateComplete;
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

async function mount(patientId = 'p1', options: { pageSize?: number; tokenProvider?: () => string | undefined } = {}): Promise<DocumentList> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
      <document-list page-size=${options.pageSize ?? 20}></document-list>
    </care-record-provider>
  `);
  return provider.querySelector('document-list') as DocumentList;
}

async function shown(widget: DocumentList, words: string): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `never showed "${words}"; showed: ${text(widget).slice(0, 400)}`, { timeout: 8000 });
}

async function loaded(widget: DocumentList): Promise<void> {
  await waitUntil(
    () => !widget.shadowRoot?.querySelector('[aria-busy="true"]') && (items(widget).length > 0 || !!widget.shadowRoot?.querySelector('[part~="state"]')),
    `never finished loading; showed: ${text(widget).slice(0, 300)}`,
    { timeout: 10000 },
  );
}

function viewerOf(item: HTMLElement): HTMLElement | null {
  return item.querySelector('care-record-document-viewer');
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<document-list>', () => {
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
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident, royalFree, drPatel, ...resources], ...options }));
  }

  function serveResident(id: string) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [residents.find((r) => r.id === id)!.bundle] }));
  }

  describe('while loading', () => {
    it('shows a busy skeleton that says "Loading documents…", and is accessible', async () => {
      serve([docRef('a')], { faults: [{ resourceType: 'DocumentReference', hang: true }] });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state', { timeout: 5000 });
      expect(text(widget.shadowRoot!.querySelector('[aria-busy="true"]'))).to.contain('Loading documents…');
      expect(text(widget.shadowRoot!.querySelector('h2'))).to.equal('Documents');
      await expect(widget).to.be.accessible();
    });
  });

  describe('packaged residents', () => {
    it("lists Doris's HTML discharge summary with type, category, author, organisation, status and file", async () => {
      serveResident('doris-okafor');
      const widget = await mount('doris-okafor');
      await loaded(widget);
      expect(titles(widget)).to.deep.equal(['Discharge summary, Respiratory ward']);
      const item = items(widget)[0];
      expect(badges(item)).to.deep.equal(['Status: Current']);
      expect(detail(item, 'Date')).to.equal('17-Aug-2026');
      expect(detail(item, 'Type')).to.equal('Discharge summary');
      expect(detail(item, 'Category')).to.equal('Clinical note');
      expect(detail(item, 'Author')).to.equal('Dr Helen Marsh, Respiratory consultant');
      expect(detail(item, 'Organisation')).to.match(/^South London General Hospital/);
      expect(detail(item, 'Care setting')).to.equal('Respiratory medicine');
      expect(detail(item, 'Covers')).to.equal('10-Aug-2026 to 17-Aug-2026');
      expect(detail(item, 'Files')).to.match(/^Discharge summary 17-Aug-2026: Web page \(HTML\), \d+ bytes, language: en-GB$/);
      expect(text(item.querySelector('[part~="source"]'))).to.match(/^From South London General Hospital.* · recorded 17-Aug-2026/);
      const [search] = searches('DocumentReference');
      expect(search.searchParams.get('patient')).to.equal('doris-okafor');
      expect(search.searchParams.get('_sort')).to.equal('-date');
      expect(search.searchParams.get('_count')).to.equal('20');
      await expect(widget).to.be.accessible();
    });

    it('opens the files in <care-record-document-viewer> after a cancelable care-record-select, and hides them again', async () => {
      serveResident('doris-okafor');
      const widget = await mount('doris-okafor');
      await loaded(widget);
      const selected: CareRecordSelectEvent[] = [];
      widget.addEventListener('care-record-select', (event) => selected.push(event));
      const item = items(widget)[0];
      const button = buttonNamed(item, 'View document');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      button.click();
      await widget.updateComplete;
      expect(selected).to.have.length(1);
      expect(selected[0]).to.be.instanceOf(SelectEvent);
      expect(selected[0].cancelable).to.equal(true);
      expect(selected[0].detail.reference).to.equal('DocumentReference/doc-do-discharge-2026-08-17-html');
      const viewer = viewerOf(item)!;
      expect(viewer).to.exist;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.getAttribute('aria-controls')).to.equal(viewer.id);
      expect(text(button)).to.equal('Hide document');
      await waitUntil(() => text(viewer).includes('Infective exacerbation of COPD.'), 'the HTML never showed', { timeout: 8000 });
      await expect(widget).to.be.accessible();
      button.click();
      await widget.updateComplete;
      expect(viewerOf(item)).to.equal(null);
      expect(selected).to.have.length(1);
    });

    it('leaves viewing to the host when it cancels care-record-select', async () => {
      serveResident('doris-okafor');
      const widget = await mount('doris-okafor');
      await loaded(widget);
      widget.addEventListener('care-record-select', (event) => event.preventDefault());
      const item = items(widget)[0];
      buttonNamed(item, 'View document').click();
      await widget.updateComplete;
      expect(viewerOf(item)).to.equal(null);
      expect(buttonNamed(item, 'View document').getAttribute('aria-expanded')).to.equal('false');
    });

    it("gives Margaret's PDF discharge summary's format and size", async () => {
      serveResident('margaret-whitfield');
      const widget = await mount('margaret-whitfield');
      await loaded(widget);
      const item = itemTitled(widget, 'Discharge summary, Ward 7 (care of the elderly)');
      expect(detail(item, 'Files')).to.match(/^Discharge summary 4-Nov-2026\.pdf: PDF, [\d.]+ (KB|bytes), language: en-GB$/);
      buttonNamed(item, 'View document').click();
      await waitUntil(() => viewerOf(item)?.shadowRoot?.querySelector('a[download]'), 'no download link', { timeout: 8000 });
      expect(text(viewerOf(item)!.shadowRoot!.querySelector('a[part~="open-link"]'))).to.contain('Open PDF');
    });
  });

  describe('statuses', () => {
    it('leaves out documents entered in error with a notice, and marks replaced, preliminary and amended ones', async () => {
      serve([
        docRef('old', { status: 'superseded', description: 'First letter', date: '2024-01-01T10:00:00Z' }),
        docRef('new', { description: 'Corrected letter', docStatus: 'amended', relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/old' } }] }),
        docRef('draft', { description: 'Draft report', docStatus: 'preliminary', date: '2024-02-01T10:00:00Z' }),
        docRef('wrong', { status: 'entered-in-error', description: 'Wrong patient letter' }),
        docRef('wrong-doc', { docStatus: 'entered-in-error', description: 'Withdrawn report' }),
      ]);
      const widget = await mount();
      await loaded(widget);
      expect(titles(widget)).to.deep.equal(['Corrected letter', 'Draft report', 'First letter']);
      expect(text(widget)).to.contain('2 documents marked as entered in error are not shown');
      expect(text(widget)).not.to.contain('Wrong patient letter');
      expect(text(widget)).not.to.contain('Withdrawn report');
      expect(badges(itemTitled(widget, 'First letter'))).to.deep.equal(['Status: Replaced by a newer version']);
      expect(itemTitled(widget, 'First letter').getAttribute('part')).to.contain('item-superseded');
      expect(badges(itemTitled(widget, 'Corrected letter'))).to.deep.equal(['Status: Current', 'Status: Amended']);
      expect(text(itemTitled(widget, 'Corrected letter'))).to.contain('Replaces an earlier version.');
      expect(badges(itemTitled(widget, 'Draft report'))).to.deep.equal(['Status: Current', 'Status: Preliminary']);
      await expect(widget).to.be.accessible();

      await choose(widget, 'document-status', 'current');
      expect(titles(widget)).to.deep.equal(['Corrected letter', 'Draft report']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 2 of 3');
    });

    it('says "No documents shared" when there are none', async () => {
      serve([]);
      const widget = await mount();
      await shown(widget, 'No documents shared');
      await expect(widget).to.be.accessible();
    });

    it('describes each file of a document with several', async () => {
      serve([
        docRef('multi', {
          description: 'Care plan review',
          content: [
            { attachment: { contentType: 'application/pdf', url: `${BASE}/Binary/pdf1`, size: 348160, title: 'Review.pdf' }, format: { system: 'urn:oid:1.3.6.1.4.1.19376.1.2.3', code: 'urn:ihe:iti:xds-sd:pdf:2008', display: 'Scanned Documents (PDF)' } },
            { attachment: { contentType: 'application/msword', url: `${BASE}/Binary/doc1`, size: 2048 }, format: { code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient', display: 'mimeType Sufficient' } },
            { attachment: { contentType: 'image/jpeg', url: `${BASE}/Binary/img1` } },
          ],
        }),
      ]);
      const widget = await mount();
      await loaded(widget);
      const files = [...items(widget)[0].querySelectorAll('[part~="files"] li')].map((li) => text(li));
      expect(files).to.deep.equal(['Review.pdf: PDF, 340 KB, format: Scanned Documents (PDF)', 'application/msword, 2 KB', 'image/jpeg']);
    });
  });

  describe('filters and sorting', () => {
    it('filters by type and date, sorts oldest first, and clears', async () => {
      serve([
        docRef('a', { description: 'March letter', date: '2024-03-12T10:00:00Z' }),
        docRef('b', { description: 'January report', typeText: 'Radiology report', date: '2024-01-10T10:00:00Z' }),
        docRef('c', { description: 'Last year letter', date: '2023-06-01T10:00:00Z' }),
      ]);
      const widget = await mount();
      await loaded(widget);
      expect(titles(widget)).to.deep.equal(['March letter', 'January report', 'Last year letter']);
      const typeOptions = [...widget.shadowRoot!.querySelectorAll<HTMLOptionElement>('#document-type option')].map((o) => o.textContent);
      expect(typeOptions).to.deep.equal(['All types', 'Clinic letter', 'Radiology report']);

      await choose(widget, 'document-type', 'Clinic letter');
      expect(titles(widget)).to.deep.equal(['March letter', 'Last year letter']);
      await choose(widget, 'document-sort', 'oldest');
      expect(titles(widget)).to.deep.equal(['Last year letter', 'March letter']);
      await choose(widget, 'document-from', '2024-01-01');
      expect(titles(widget)).to.deep.equal(['March letter']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 1 of 3');
      await choose(widget, 'document-to', '2024-02-01');
      expect(text(widget)).to.contain('Nothing matches these filters.');
      await expect(widget).to.be.accessible();

      buttonNamed(widget.shadowRoot!, 'Clear filters').click();
      await widget.updateComplete;
      expect(titles(widget)).to.deep.equal(['Last year letter', 'January report', 'March letter']);
    });
  });

  describe('paging', () => {
    it('shows "Showing 20 of 25" and loads the rest with Load more', async () => {
      serve(Array.from({ length: 25 }, (_, i) => docRef(`d${i + 1}`, { description: `Letter ${i + 1}`, date: new Date(Date.UTC(2024, 5, 1) - i * 86400000).toISOString() })));
      const widget = await mount();
      await loaded(widget);
      expect(items(widget)).to.have.length(20);
      expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 20 of 25');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Load more').click();
      await waitUntil(() => items(widget).length === 25, 'the second page never came');
      expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
      expect(titles(widget)[24]).to.equal('Letter 25');
    });

    it('says "More documents could not be loaded." when Load more fails, tells the host, keeps the first page, and Try again loads the rest', async () => {
      serve(
        Array.from({ length: 25 }, (_, i) => docRef(`d${i + 1}`, { description: `Letter ${i + 1}`, date: new Date(Date.UTC(2024, 5, 1) - i * 86400000).toISOString() })),
        { faults: [{ path: /_getpages=/, status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Page store restarting' }] } }] },
      );
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        const widget = await mount();
        await loaded(widget);
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await shown(widget, 'More documents could not be loaded.');
        expect(text(widget.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
        expect(items(widget)).to.have.length(20);
        expect(errors.filter((event) => event.detail.source === 'document-list')).to.have.length(1);
        await expect(widget).to.be.accessible();
        buttonNamed(widget.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!, 'Try again').click();
        await waitUntil(() => items(widget).length === 25, 'the second page never came');
        expect(widget.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });
  });

  describe('when something goes wrong', () => {
    it("shows the server's message and Try again, then recovers", async () => {
      serve([docRef('a', { description: 'Recovered letter' })], {
        faults: [{ resourceType: 'DocumentReference', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Document index offline' }] } }],
      });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="error"]'), 'no error shown', { timeout: 10000 });
      expect(text(widget)).to.contain('Documents could not be loaded');
      expect(text(widget)).to.contain('Document index offline');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Try again').click();
      await shown(widget, 'Recovered letter');
    });

    it("says the person may not see the record when the server refuses (403)", async () => {
      serve([docRef('a')], { faults: [{ resourceType: 'DocumentReference', status: 403 }] });
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks the person to sign in when signed out, without searching', async () => {
      serve([docRef('a')]);
      const widget = await mount('p1', { tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      expect(searches('DocumentReference')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });
  });

  describe('governance', () => {
    it('says whose record it is, unless the host shows its own banner', async () => {
      serve([docRef('a')]);
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="identity-line"]'), 'no identity line', { timeout: 8000 });
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
      widget.patientBanner = 'host';
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out DocumentReference", async () => {
      serve([docRef('a')]);
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs']} .tokenProvider=${() => 't'}>
          <document-list></document-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('document-list') as DocumentList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`, { timeout: 8000 });
      expect(text(widget)).to.contain("You don't have permission");
      expect(searches('DocumentReference')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail: the first page, then what Load more added', async () => {
      serve([docRef('a', { date: '2024-03-03T10:00:00Z' }), docRef('b', { status: 'entered-in-error', date: '2024-03-02T10:00:00Z' }), docRef('c', { date: '2024-03-01T10:00:00Z' })]);
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount('p1', { pageSize: 2 });
        await shown(widget, 'Showing 2 of 3');
        await waitUntil(() => views.some((v) => v.detail.section === 'documents' && v.detail.resourceTypes.includes('DocumentReference')), 'no view reported', { timeout: 8000 });
        const first = views.filter((v) => v.detail.section === 'documents' && v.detail.resourceTypes.includes('DocumentReference'));
        expect(first).to.have.length(1);
        expect(first[0].detail.count, 'entries in error are not shown').to.equal(1);
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await waitUntil(() => views.filter((v) => v.detail.section === 'documents' && v.detail.resourceTypes.includes('DocumentReference')).length === 2, 'Load more not reported', { timeout: 8000 });
        const more = views.filter((v) => v.detail.section === 'documents' && v.detail.resourceTypes.includes('DocumentReference'))[1];
        expect(more.detail).to.deep.include({ count: 1, outcome: 'success' });
        expect(more.detail.references).to.have.length(1);
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('wording', () => {
    it("accepts other wording through the provider's strings", async () => {
      serve([docRef('a')]);
      const strings = { documentHeading: 'Letters and reports', viewDocument: 'Open' } as unknown as Partial<Strings>;
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'} .strings=${strings}>
          <document-list heading-level="3"></document-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('document-list') as DocumentList;
      await shown(widget, 'Open');
      expect(text(widget.shadowRoot!.querySelector('h3'))).to.equal('Letters and reports');
    });
  });

  describe('layout', () => {
    it('fits 320px without sideways scrolling, with a document open', async () => {
      serveResident('doris-okafor');
      const widget = await mount('doris-okafor');
      widget.style.width = '320px';
      await loaded(widget);
      buttonNamed(items(widget)[0], 'View document').click();
      await waitUntil(() => text(viewerOf(items(widget)[0])).includes('Infective exacerbation'), 'never opened', { timeout: 8000 });
      expect(widget.scrollWidth).to.be.at.most(320);
      const overflowing = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter(
        (element) => element.tagName !== 'SELECT' && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'hidden',
      );
      expect(overflowing.map((element) => element.className || element.tagName)).to.deep.equal([]);
    });
  });

  describe('real records', () => {
    it('renders the HL7 documentreference-example without console errors', async () => {
      const resource = await fixtureJson<DocumentReference>('hl7-r4/documentreference-example.json');
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [{ resourceType: 'Patient', id: 'xcda' }, resource] }));
      const console = watchConsole();
      try {
        const widget = await mount('xcda');
        await loaded(widget);
        const item = itemTitled(widget, 'Physical');
        expect(badges(item)).to.deep.equal(['Status: Current', 'Status: Preliminary']);
        expect(detail(item, 'Type')).to.equal('Outpatient Note');
        expect(detail(item, 'Category')).to.equal('History and Physical');
        expect(detail(item, 'Author')).to.equal('SMITTY, Gerald');
        expect(detail(item, 'Files')).to.equal('Physical: application/hl7-v3+xml, 3.6 KB, format: History and Physical Specification, language: en-US');
        await expect(widget).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });

    it('renders the UK Core care plan report (PDF) example without console errors', async () => {
      const resource = await fixtureJson<DocumentReference>('uk-core/UKCore-DocumentReference-CarePlanReportPDF-Example.json');
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [{ resourceType: 'Patient', id: 'UKCore-Patient-RichardSmith-Example' }, resource] }));
      const console = watchConsole();
      try {
        const widget = await mount('UKCore-Patient-RichardSmith-Example');
        await loaded(widget);
        const item = itemTitled(widget, 'Care Plan Report');
        expect(detail(item, 'Type')).to.equal('Care plan');
        expect(detail(item, 'Files')).to.equal('Care Plan Report: PDF');
        buttonNamed(item, 'View document').click();
        // A PDF on another site is a link that opens in a new tab, never fetched with the person's token.
        await waitUntil(() => viewerOf(item)?.shadowRoot?.querySelector('a[target="_blank"]'), 'no link', { timeout: 8000 });
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
      it(`shows every document of Synthea's ${file.split('_').slice(0, 2).join(' ')} without console errors`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        const documents = resources.filter((r): r is DocumentReference => r.resourceType === 'DocumentReference');
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const console = watchConsole();
        try {
          const widget = await mount(patient.id!);
          await loaded(widget);
          if (documents.length > 20) {
            expect(items(widget)).to.have.length(20);
            expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain(`Showing 20 of ${documents.length}`);
          } else if (documents.length) {
            expect(items(widget)).to.have.length(documents.length);
          } else {
            expect(text(widget)).to.contain('No documents shared');
          }
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

    it("lists all 62 of Lanell's notes with page-size 100, 61 marked as replaced, and shows one as text", async () => {
      const bundle = await fixtureJson<Bundle>('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json');
      const patient = bundle.entry!.map((entry) => entry.resource!).find((r): r is Patient => r.resourceType === 'Patient')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const console = watchConsole();
      try {
        const widget = await mount(patient.id!, { pageSize: 100 });
        await loaded(widget);
        expect(items(widget)).to.have.length(62);
        expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('62 documents');
        expect(items(widget).filter((item) => badges(item).includes('Status: Replaced by a newer version'))).to.have.length(61);
        const first = items(widget)[0];
        expect(detail(first, 'Files')).to.match(/^Text/);
        buttonNamed(first, 'View document').click();
        await waitUntil(() => viewerOf(first)?.shadowRoot?.querySelector('pre'), 'no text shown', { timeout: 8000 });
        await expect(widget).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });
  });
});
