import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, fhirFault, residents } from '@care-record/mocks';
import type { Bundle, DiagnosticReport, FhirResource, Observation, Patient } from '@care-record/fhir';
import type { CareRecordProvider, CareRecordViewedEvent, DiagnosticReportList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/diagnostic-report-list.js';

const BASE = 'https://fhir.test/R4';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const SNOMED = 'http://snomed.info/sct';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield', given: ['Margaret'] }] };

// "%PDF-1.4 …": a few bytes are enough for the viewer to offer it.
const PDF_DATA = btoa('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

function result(id: string, name: string, value: number, unit: string, flag?: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: name },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-10-28T11:00:00+00:00',
    valueQuantity: { value, unit },
    ...(flag ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: flag }] }] } : {}),
  };
}

const wbc = result('wbc', 'White cell count', 14.2, '10*9/L', 'H');
const hb = result('hb', 'Haemoglobin', 128, 'g/L');

const xray: DiagnosticReport = {
  resourceType: 'DiagnosticReport',
  id: 'xray',
  status: 'final',
  category: [{ coding: [{ system: V2_0074, code: 'RAD', display: 'Radiology' }] }],
  code: { coding: [{ system: SNOMED, code: '399208008', display: 'Plain X-ray of chest' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-10-28T11:00:00+00:00',
  issued: '2026-10-28T16:20:00+00:00',
  performer: [{ display: 'Thames Valley General Hospital Radiology' }],
  resultsInterpreter: [{ display: 'Dr Amara Osei, Consultant Radiologist' }],
  conclusion:
    'Right lower lobe consolidation in keeping with pneumonia. No pleural effusion. No pneumothorax. No acute bony injury seen. ' +
    'Heart size is within normal limits and the mediastinum is central. Follow-up chest X-ray in six weeks is advised to confirm resolution.',
  conclusionCode: [{ coding: [{ system: SNOMED, code: '233604007', display: 'Pneumonia' }] }],
  presentedForm: [{ contentType: 'application/pdf', data: PDF_DATA, title: 'Chest X-ray report', size: 64 }],
};

const fbc: DiagnosticReport = {
  resourceType: 'DiagnosticReport',
  id: 'fbc',
  status: 'amended',
  category: [{ coding: [{ system: V2_0074, code: 'LAB', display: 'Laboratory' }] }],
  code: { text: 'Full blood count' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-10-27T09:00:00+00:00',
  issued: '2026-10-27T15:00:00+00:00',
  performer: [{ display: 'Thames Valley Pathology' }],
  result: [{ reference: 'Observation/wbc' }, { reference: 'Observation/hb' }, { reference: 'Observation/platelets', display: 'Platelets' }],
};

const erroneous: DiagnosticReport = { ...fbc, id: 'wrong', status: 'entered-in-error', code: { text: 'Liver function tests' }, result: [] };

function record(): FhirResource[] {
  return [resident, xray, fbc, wbc, hb];
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function items(widget: DiagnosticReportList): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="item"]')];
}

function itemNamed(widget: DiagnosticReportList, name: string): HTMLElement {
  const found = items(widget).find((item) => text(item.querySelector('[part~="item-heading"]')) === name);
  if (!found) throw new Error(`No report named ${name}`);
  return found;
}

async function mount(options: { patientId?: string; category?: string; pageSize?: number; tokenProvider?: () => string | undefined } = {}) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${options.patientId ?? 'p1'} auth-mode="token" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
      <diagnostic-report-list category=${options.category ?? ''} page-size=${options.pageSize ?? 20}></diagnostic-report-list>
    </care-record-provider>
  `);
  return provider.querySelector('diagnostic-report-list') as DiagnosticReportList;
}

async function shown(widget: DiagnosticReportList, words: string): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `never showed "${words}"; showed: ${text(widget).slice(0, 500)}`, { timeout: 10000 });
}

async function loaded(widget: DiagnosticReportList): Promise<void> {
  await waitUntil(
    () => !widget.shadowRoot?.querySelector('[aria-busy="true"]') && !!widget.shadowRoot?.querySelector('[part~="list"], [part~="empty"], [part~="error"]'),
    `never finished loading; showed: ${text(widget).slice(0, 400)}`,
    { timeout: 10000 },
  );
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

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('<diagnostic-report-list>', () => {
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

  const searches = () => requests.filter((url) => url.pathname.endsWith('/DiagnosticReport'));

  it('lists reports newest first with kind, status, dates, who did them, conclusion, coded conclusions and attachments', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount();
    await shown(widget, 'Plain X-ray of chest');
    expect(items(widget).map((item) => text(item.querySelector('[part~="item-heading"]')))).to.deep.equal(['Plain X-ray of chest', 'Full blood count']);
    const report = itemNamed(widget, 'Plain X-ray of chest');
    expect(text(report.querySelector('[part~="category"]'))).to.equal('Kind of report: Radiology');
    expect(text(report.querySelector('[part~="meta"]'))).to.contain('Issued 28-Oct-2026 16:20');
    expect(text(report.querySelector('[part~="meta"]'))).to.contain('Taken or done 28-Oct-2026 11:00');
    expect(text(report.querySelector('[part~="meta"]'))).to.contain('By Thames Valley General Hospital Radiology');
    expect(text(report.querySelector('[part~="meta"]'))).to.contain('Reported by Dr Amara Osei, Consultant Radiologist');
    expect(text(report.querySelector('[part~="meta"]'))).to.contain('1 attached document (PDF)');
    // Long conclusions are cut short until the report is opened.
    expect(text(report.querySelector('[part~="conclusion"]'))).to.match(/^Conclusion: Right lower lobe consolidation in keeping with pneumonia\..*…$/);
    expect(text(report.querySelector('[part~="coded-conclusions"]'))).to.equal('Coded conclusions: Pneumonia');
    expect(text(report.querySelector('[part~="source"]'))).to.match(/^From Thames Valley General Hospital Radiology · recorded 28-Oct-2026/);
    const blood = itemNamed(widget, 'Full blood count');
    expect(text(blood.querySelector('[part~="badge"]'))).to.equal('Amended');
    expect(text(blood.querySelector('[part~="meta"]'))).to.contain('2 results (1 abnormal)');
    expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.equal('2 reports');
    await expect(widget).to.be.accessible();
  });

  it('asks for one page of reports with their results included', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount();
    await shown(widget, 'Plain X-ray of chest');
    expect(searches()).to.have.length(1);
    const params = searches()[0]!.searchParams;
    expect(params.get('patient')).to.equal('p1');
    expect(params.get('_sort')).to.equal('-date');
    expect(params.get('_include')).to.equal('DiagnosticReport:result');
    expect(params.has('category')).to.equal(false);
    expect(requests.filter((url) => /\/Observation\//.test(url.pathname))).to.have.length(0);
  });

  it('opens a report to show its full conclusion, its results and its PDF', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount();
    await shown(widget, 'Plain X-ray of chest');
    const report = itemNamed(widget, 'Plain X-ray of chest');
    const button = report.querySelector<HTMLButtonElement>('[part~="details-button"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(text(button)).to.equal('Show details: Plain X-ray of chest');
    const details = widget.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(details.hidden).to.equal(true);
    button.click();
    await widget.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(details.hidden).to.equal(false);
    expect(text(report.querySelector('[part~="conclusion"]'))).to.contain('Follow-up chest X-ray in six weeks is advised to confirm resolution.');
    const viewer = details.querySelector('care-record-document-viewer') as HTMLElement & { attachments: unknown[]; updateComplete: Promise<unknown> };
    expect(viewer, 'the shared document viewer shows the PDF').to.exist;
    expect(viewer.attachments).to.have.length(1);
    await viewer.updateComplete;
    await waitUntil(() => text(viewer).includes('Open PDF'), `the viewer never offered the PDF: ${text(viewer)}`);
    await expect(widget).to.be.accessible();
    button.click();
    await widget.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows a laboratory report’s results with flags in words, and says which results were not sent', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount();
    await shown(widget, 'Full blood count');
    const report = itemNamed(widget, 'Full blood count');
    report.querySelector<HTMLButtonElement>('[part~="details-button"]')!.click();
    await widget.updateComplete;
    const rows = [...report.querySelectorAll('tbody tr')].map((tr) => text(tr.querySelector('th')).split(',')[0]);
    expect(rows).to.deep.equal(['White cell count', 'Haemoglobin', 'Platelets']);
    const wbcRow = [...report.querySelectorAll('tbody tr')][0]!;
    expect(text(wbcRow.querySelector('[part~="flag"]'))).to.equal('High ↑');
    expect(text([...report.querySelectorAll('tbody tr')][2])).to.contain('Result not available');
    await expect(widget).to.be.accessible();
  });

  it('filters by category on the server', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount({ category: 'RAD' });
    await shown(widget, 'Plain X-ray of chest');
    expect(items(widget)).to.have.length(1);
    expect(searches()[0]!.searchParams.get('category')).to.equal('RAD');
  });

  it('accepts a category as system|code', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
    const widget = await mount({ category: `${V2_0074}|LAB` });
    await shown(widget, 'Full blood count');
    expect(items(widget)).to.have.length(1);
    expect(searches()[0]!.searchParams.get('category')).to.equal(`${V2_0074}|LAB`);
  });

  it('leaves out reports entered in error, and says so', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [...record(), erroneous] }));
    const widget = await mount();
    await shown(widget, 'Plain X-ray of chest');
    expect(text(widget.shadowRoot!.querySelector('[part~="notice"]'))).to.equal('1 entry marked as entered in error is not shown');
    expect(text(widget)).not.to.contain('Liver function tests');
    await expect(widget).to.be.accessible();
  });

  it('pages with Load more', async () => {
    const many: DiagnosticReport[] = Array.from({ length: 5 }, (_, i) => ({ ...xray, id: `x${i}`, code: { text: `X-ray ${i}` }, issued: `2026-0${i + 1}-01T10:00:00Z`, effectiveDateTime: `2026-0${i + 1}-01T09:00:00Z` }));
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident, ...many] }));
    const widget = await mount({ pageSize: 2 });
    await shown(widget, 'Showing 2 of 5');
    widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
    await waitUntil(() => items(widget).length === 4, 'the next page never showed');
    expect(searches()).to.have.length(2);
    await expect(widget).to.be.accessible();
  });

  describe('governance', () => {
    it('says whose record it is', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const widget = await mount();
      await shown(widget, 'Plain X-ray of chest');
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out reports", async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/Observation.rs']} .tokenProvider=${() => 't'}>
          <diagnostic-report-list></diagnostic-report-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('diagnostic-report-list') as DiagnosticReportList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`, { timeout: 8000 });
      expect(searches()).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('does not ask for results the SMART scopes leave out', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/DiagnosticReport.rs']} .tokenProvider=${() => 't'}>
          <diagnostic-report-list></diagnostic-report-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('diagnostic-report-list') as DiagnosticReportList;
      await shown(widget, 'Plain X-ray of chest');
      expect(searches()[0]!.searchParams.has('_include')).to.equal(false);
    });

    it('reports what was shown for the audit trail, then what Load more added', async () => {
      const many: DiagnosticReport[] = Array.from({ length: 3 }, (_, i) => ({ ...xray, id: `x${i}`, issued: `2026-0${i + 1}-01T10:00:00Z` }));
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident, ...many, { ...erroneous, effectiveDateTime: '2026-12-01T10:00:00Z' }] }));
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount({ pageSize: 2 });
        await shown(widget, 'Showing 1 of 4');
        const mine = () => views.filter((v) => v.detail.section === 'diagnostic-reports');
        await waitUntil(() => mine().length === 1, 'the first page was not reported', { timeout: 8000 });
        expect(mine()[0]!.detail.count, 'entries in error are not shown').to.equal(1);
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]')!.click();
        await waitUntil(() => mine().length === 2, 'Load more was not reported', { timeout: 8000 });
        expect(mine()[1]!.detail).to.deep.include({ count: 2, outcome: 'success' });
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('states', () => {
    it('says "No diagnostic reports recorded" when there are none', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident] }));
      const widget = await mount();
      await shown(widget, 'No diagnostic reports recorded');
      await expect(widget).to.be.accessible();
    });

    it('shows a skeleton while loading', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record(), faults: [{ resourceType: 'DiagnosticReport', hang: true }] }));
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
      await expect(widget).to.be.accessible();
    });

    it('shows the server’s message and Try again when the reports cannot be loaded', async () => {
      worker.use(fhirFault(BASE, { resourceType: 'DiagnosticReport', status: 500 }), ...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const widget = await mount();
      await shown(widget, 'Diagnostic reports could not be loaded');
      expect(widget.shadowRoot!.querySelector('[part~="retry-button"]')).to.exist;
      await expect(widget).to.be.accessible();
    });

    it('says when access is denied', async () => {
      worker.use(fhirFault(BASE, { resourceType: 'DiagnosticReport', status: 403 }), ...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks people to sign in when signed out', async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: record() }));
      const widget = await mount({ tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      await expect(widget).to.be.accessible();
    });
  });

  describe('real records', () => {
    it('shows the resident’s chest X-ray report with its PDF', async () => {
      const margaret = residents.find((r) => r.id === 'margaret-whitfield')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [margaret.bundle] }));
      const widget = await mount({ patientId: margaret.id });
      await shown(widget, 'Plain X-ray of chest');
      const report = itemNamed(widget, 'Plain X-ray of chest');
      expect(text(report)).to.contain('Right lower lobe consolidation in keeping with pneumonia.');
      expect(text(report)).to.contain('1 attached document (PDF)');
      await expect(widget).to.be.accessible();
    });

    const hl7 = [
      'diagnosticreport-example-dxa.json',
      'diagnosticreport-example-f001-bloodexam.json',
      'diagnosticreport-example-f201-brainct.json',
      'diagnosticreport-example-f202-bloodculture.json',
      'diagnosticreport-example-ghp.json',
      'diagnosticreport-example-gingival-mass.json',
      'diagnosticreport-example-lipids.json',
      'diagnosticreport-example-lri.json',
      'diagnosticreport-example-papsmear.json',
      'diagnosticreport-example-pgx.json',
      'diagnosticreport-example-ultrasound.json',
      'diagnosticreport-example.json',
      'diagnosticreport-examples-general.json',
      'diagnosticreport-genetics-comprehensive-bone-marrow-report.json',
      'diagnosticreport-genetics-example-2-familyhistory.json',
      'diagnosticreport-hla-genetics-results-example.json',
      'diagnosticreport-micro1.json',
    ];

    for (const file of hl7) {
      it(`shows every report of HL7's ${file} for its patients, without console errors`, async () => {
        const json = await fixtureJson<FhirResource>(`hl7-r4/${file}`);
        const all = json.resourceType === 'Bundle' ? ((json as Bundle).entry ?? []).map((e) => e.resource!).filter(Boolean) : [json];
        const reports = all.filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport');
        // Reports without a subject belong to no one: give them to a test patient so they are shown too.
        const served = all.map((r) => (r.resourceType === 'DiagnosticReport' && !r.subject?.reference ? { ...r, subject: { reference: 'Patient/nobody' } } : r));
        const patients = [...new Set(reports.map((r) => r.subject?.reference?.replace(/^Patient\//, '') ?? 'nobody'))];
        worker.use(
          ...createFhirHandlers({
            baseUrl: BASE,
            bundles: json.resourceType === 'Bundle' ? [{ ...(json as Bundle), entry: served.map((resource) => ({ resource })) }] : [],
            resources: [...(json.resourceType === 'Bundle' ? [] : served), ...patients.map((id): Patient => ({ resourceType: 'Patient', id }))],
          }),
        );
        const console = watchConsole();
        try {
          for (const patientId of patients) {
            const widget = await mount({ patientId, pageSize: 50 });
            await loaded(widget);
            const expected = reports.filter((r) => (r.subject?.reference?.replace(/^Patient\//, '') ?? 'nobody') === patientId && r.status !== 'entered-in-error');
            expect(items(widget), `reports of ${patientId}`).to.have.length(expected.length);
            // Open every report: results, conclusions and documents must render too.
            for (const button of widget.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="details-button"]')) button.click();
            await widget.updateComplete;
            await expect(widget).to.be.accessible();
          }
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

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
      it(`shows every diagnostic report of Synthea's ${file.split('_').slice(0, 2).join(' ')}`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        const expected = resources.filter((r) => r.resourceType === 'DiagnosticReport').length;
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const console = watchConsole();
        try {
          const widget = await mount({ patientId: patient.id });
          await loaded(widget);
          if (expected === 0) {
            expect(text(widget)).to.contain('No diagnostic reports recorded');
          } else {
            expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.equal(`${expected} ${expected === 1 ? 'report' : 'reports'}`);
            expect(items(widget)).to.have.length(Math.min(expected, 20));
            if (expected > 20) expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain(`Showing 20 of ${expected}`);
          }
          expect(searches()).to.have.length(1);
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }
  });
});
