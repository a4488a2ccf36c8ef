import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { createFhirHandlers, fhirFault, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, DiagnosticReport, FhirResource, Observation, Organization, Patient } from '@care-record/fhir';
import { CareRecordSelectEvent } from '../../packages/elements/src/index.js';
import type { CareRecordProvider, CareRecordViewedEvent, TestResults } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/test-results.js';
import { translationFromJson } from '../../packages/elements/src/localisation.js';

const BASE = 'https://fhir.test/R4';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Pemberton', given: ['Arthur'], prefix: ['Mr'] }] };
const lab: Organization = { resourceType: 'Organization', id: 'lab', name: 'Leeds Pathology' };

interface ObsOptions {
  loinc?: [string, string];
  text?: string;
  value?: number;
  unit?: string;
  low?: number;
  high?: number;
  rangeText?: string;
  flag?: string;
  status?: Observation['status'];
  taken?: string;
  issued?: string;
  category?: string;
  patient?: string;
  valueString?: string;
  note?: string;
}

const TESTS: Record<string, [string, string, string, number?, number?]> = {
  potassium: ['2823-3', 'Potassium', 'mmol/L', 3.5, 5.3],
  sodium: ['2951-2', 'Sodium', 'mmol/L', 133, 146],
  egfr: ['62238-1', 'eGFR', 'mL/min/1.73m2', 60],
  creatinine: ['14682-9', 'Creatinine', 'umol/L', 45, 90],
  haemoglobin: ['718-7', 'Haemoglobin', 'g/L', 115, 165],
  crp: ['1988-5', 'CRP', 'mg/L', undefined, 5],
  glucose: ['15074-8', 'Blood glucose', 'mmol/L', 4, 7.8],
};

function obs(id: string, test: keyof typeof TESTS, options: ObsOptions = {}): Observation {
  const [code, text, unit, low, high] = TESTS[test]!;
  const resource: Observation = {
    resourceType: 'Observation',
    id,
    status: options.status ?? 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: options.category ?? 'laboratory' }] }],
    code: { coding: [{ system: LOINC, code, display: text }], text },
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    effectiveDateTime: options.taken ?? '2026-09-16T07:50:00+01:00',
    issued: options.issued ?? '2026-09-16T08:45:00+01:00',
    performer: [{ reference: 'Organization/lab', display: 'Leeds Pathology' }],
  };
  if (options.valueString !== undefined) resource.valueString = options.valueString;
  else if (options.status !== 'cancelled') resource.valueQuantity = { value: options.value ?? 1, unit, system: UCUM, code: unit };
  if (options.flag) resource.interpretation = [{ coding: [{ system: INTERPRETATION, code: options.flag }] }];
  const rangeLow = options.low ?? low;
  const rangeHigh = options.high ?? high;
  if (options.rangeText) resource.referenceRange = [{ text: options.rangeText }];
  else if (rangeLow !== undefined || rangeHigh !== undefined) {
    resource.referenceRange = [
      {
        ...(rangeLow !== undefined ? { low: { value: rangeLow, unit, system: UCUM, code: unit } } : {}),
        ...(rangeHigh !== undefined ? { high: { value: rangeHigh, unit, system: UCUM, code: unit } } : {}),
      },
    ];
  }
  if (options.note) resource.note = [{ text: options.note }];
  return resource;
}

function report(id: string, name: string, results: Observation[], options: { status?: DiagnosticReport['status']; taken?: string; issued?: string; category?: string; conclusion?: string; patient?: string } = {}): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: options.status ?? 'final',
    category: [{ coding: [{ system: V2_0074, code: options.category ?? 'LAB', display: 'Laboratory' }] }],
    code: { text: name },
    subject: { reference: `Patient/${options.patient ?? 'p1'}` },
    effectiveDateTime: options.taken ?? results[0]?.effectiveDateTime ?? '2026-09-16T07:50:00+01:00',
    issued: options.issued ?? results[0]?.issued ?? '2026-09-16T08:45:00+01:00',
    performer: [{ reference: 'Organization/lab', display: 'Leeds Pathology' }],
    result: results.map((r) => ({ reference: `Observation/${r.id}`, display: r.code.text })),
    ...(options.conclusion ? { conclusion: options.conclusion } : {}),
  };
}

/** The usual record: two U&E reports, one FBC-ish report and a standalone glucose. */
function usualRecord(): FhirResource[] {
  const k1 = obs('k-2026-09-16', 'potassium', { value: 6.8, flag: 'HH', note: 'Critical result telephoned to the emergency department at 08:50.' });
  const na1 = obs('na-2026-09-16', 'sodium', { value: 129, flag: 'L' });
  const egfr1 = obs('egfr-2026-09-16', 'egfr', { value: 24, flag: 'L' });
  const k2 = obs('k-2026-11-10', 'potassium', { value: 5.0, taken: '2026-11-10T09:45:00+00:00', issued: '2026-11-10T16:30:00+00:00' });
  const egfr2 = obs('egfr-2026-11-10', 'egfr', { value: 39, flag: 'L', taken: '2026-11-10T09:45:00+00:00', issued: '2026-11-10T16:30:00+00:00' });
  const crp = obs('crp-2026-11-10', 'crp', { value: 3, taken: '2026-11-10T09:45:00+00:00', issued: '2026-11-10T16:30:00+00:00' });
  const glucose = obs('glucose-2026-10-01', 'glucose', { value: 2.6, flag: 'LL', taken: '2026-10-01T06:00:00+01:00', issued: '2026-10-01T07:00:00+01:00' });
  return [
    resident,
    lab,
    k1,
    na1,
    egfr1,
    k2,
    egfr2,
    crp,
    glucose,
    report('ue-2026-09-16', 'Urea and electrolytes', [na1, k1, egfr1], { conclusion: 'Hyperkalaemia: acted on.' }),
    report('ue-2026-11-10', 'Urea and electrolytes', [k2, egfr2, crp]),
  ];
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function $$(widget: TestResults, selector: string): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

function $(widget: TestResults, selector: string): HTMLElement {
  const found = widget.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function reports(widget: TestResults): HTMLElement[] {
  return $$(widget, 'li[part~="report"]');
}

function reportHeadings(widget: TestResults): string[] {
  return reports(widget).map((r) => text(r.querySelector('[part~="report-heading"]')));
}

/** The row of the first results table whose test is `name`. */
function row(scope: ParentNode, name: string): HTMLElement {
  const rows = [...scope.querySelectorAll<HTMLElement>('[role="row"]')].filter((r) => text(r.querySelector('[role="rowheader"]')).startsWith(name));
  if (!rows.length) throw new Error(`no row for ${name}`);
  return rows[0]!;
}

/** What each cell says (without the labels shown when rows stack on narrow screens). */
function cells(r: HTMLElement): string[] {
  return [...r.querySelectorAll('[role="rowheader"], [role="cell"]')].map((c) => {
    const copy = c.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.cell-label').forEach((label) => label.remove());
    return text(copy);
  });
}

interface MountOptions {
  patientId?: string;
  attributes?: Partial<Record<'page-size' | 'results-page-size' | 'report-categories' | 'view' | 'test-filter' | 'date-from' | 'date-to', string>>;
  tokenProvider?: () => string | undefined;
  width?: string;
}

async function mount(options: MountOptions = {}): Promise<TestResults> {
  const a = options.attributes ?? {};
  const provider = await fixture<CareRecordProvider>(html`
    <div style="width: ${options.width ?? '960px'}">
      <care-record-provider fhir-base-url=${BASE} patient-id=${options.patientId ?? 'p1'} auth-mode="token" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
        <test-results
          page-size=${a['page-size'] ?? '50'}
          results-page-size=${a['results-page-size'] ?? '200'}
          report-categories=${a['report-categories'] ?? 'LAB'}
          view=${a.view ?? 'reports'}
          test-filter=${a['test-filter'] ?? ''}
          date-from=${a['date-from'] ?? ''}
          date-to=${a['date-to'] ?? ''}
        ></test-results>
      </care-record-provider>
    </div>
  `);
  return provider.querySelector('test-results') as TestResults;
}

async function shown(widget: TestResults, words: string, message = `never showed "${words}"`): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `${message}; showed: ${text(widget).slice(0, 600)}`, { timeout: 10000 });
}

async function loaded(widget: TestResults): Promise<void> {
  await waitUntil(
    () => !widget.shadowRoot?.querySelector('[aria-busy="true"]') && !!widget.shadowRoot?.querySelector('[part~="count"], [part~="empty"], [part~="error"]'),
    `never finished loading; showed: ${text(widget).slice(0, 400)}`,
    { timeout: 10000 },
  );
}

function serve(resources: FhirResource[], options: { faults?: FhirFault[]; pageSize?: number; maxPageSize?: number; bundles?: unknown[] } = {}) {
  return createFhirHandlers({ baseUrl: BASE, resources, ...options });
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

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Lab results for a generated resident: `count` observations in reports of four, one report per day. */
function generated(count: number, options: { standalone?: boolean } = {}): FhirResource[] {
  const resources: FhirResource[] = [resident, lab];
  const tests = ['sodium', 'potassium', 'creatinine', 'egfr'] as const;
  const start = Date.UTC(2006, 0, 1);
  let batch: Observation[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(start + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10);
    const test = tests[i % 4]!;
    const o = obs(`g-${i}`, test, { value: 100 + (i % 37), taken: `${day}T09:00:00Z`, issued: `${day}T15:00:00Z` });
    resources.push(o);
    batch.push(o);
    if (!options.standalone && batch.length === 4) {
      resources.push(report(`gr-${i}`, 'Urea and electrolytes', batch));
      batch = [];
    }
  }
  return resources;
}

describe('<test-results>', () => {
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
  // The virtualiser's row measuring makes Chromium report this (harmless) notification to
  // window.onerror; @lit-labs/virtualizer ships this helper for tests to ignore it.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  const searches = (type: string) => requests.filter((url) => url.pathname.endsWith(`/${type}`));
  const reads = (type: string) => requests.filter((url) => new RegExp(`/${type}/[^/]+$`).test(url.pathname));

  describe('grouped by report', () => {
    it('lists reports newest first, each with its results, dates, laboratory and source', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Urea and electrolytes');
      expect(reportHeadings(widget)).to.deep.equal(['Urea and electrolytes', 'Urea and electrolytes']);
      const [newest, older] = reports(widget);
      expect(text(newest)).to.contain('Specimen taken 10-Nov-2026 09:45');
      expect(text(newest)).to.contain('Issued 10-Nov-2026 16:30');
      expect(text(newest)).to.contain('Laboratory: Leeds Pathology');
      expect(text(newest!.querySelector('[part~="source"]'))).to.match(/^From Leeds Pathology · recorded 10-Nov-2026/);
      expect(cells(row(newest!, 'Potassium'))).to.deep.equal(['Potassium, show history', '5 mmol/L', '3.5–5.3 mmol/L', 'Not flagged']);
      expect(text(older)).to.contain('Conclusion: Hyperkalaemia: acted on.');
      expect(text(older)).to.contain('Important: 1 critical result');
      expect([...older!.querySelectorAll('tbody [role="rowheader"]')].map((th) => text(th).split(',')[0])).to.deep.equal(['Sodium', 'Potassium', 'eGFR']);
      expect(text(row(older!, 'Potassium'))).to.contain('Critical result telephoned to the emergency department at 08:50.');
      expect(text($(widget, '[part~="count"]'))).to.equal('2 reports · 7 results');
      await expect(widget).to.be.accessible();
    });

    it('shows results that are in no report on their own, with when the specimen was taken and the laboratory', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report (1)');
      const other = $(widget, '[part~="other"]');
      expect([...other.querySelectorAll('tbody [role="row"]')]).to.have.length(1);
      expect(cells(row(other, 'Blood glucose'))).to.deep.equal([
        'Blood glucose, show history',
        '2.6 mmol/L',
        '4–7.8 mmol/L',
        'Important: Critically low ↓↓',
        '01-Oct-2026 06:00',
        `From Leeds Pathology · recorded 01-Oct-2026 (${text(other).match(/01-Oct-2026 \(([^)]+)\)/)![1]})`,
      ]);
      await expect(widget).to.be.accessible();
    });

    it('asks for one page of reports with their results included and one page of laboratory results: never one request per result', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      const reportSearches = searches('DiagnosticReport');
      expect(reportSearches).to.have.length(1);
      const params = reportSearches[0]!.searchParams;
      expect(params.get('patient')).to.equal('p1');
      expect(params.get('category')).to.equal(`${V2_0074}|LAB`);
      expect(params.get('_include')).to.equal('DiagnosticReport:result');
      expect(params.get('_sort')).to.equal('-date');
      const observationSearches = searches('Observation');
      expect(observationSearches).to.have.length(1);
      expect(observationSearches[0]!.searchParams.get('category')).to.equal('laboratory');
      expect(observationSearches[0]!.searchParams.get('_sort')).to.equal('-date');
      expect(reads('Observation'), 'no read per result').to.have.length(0);
      expect(reads('DiagnosticReport')).to.have.length(0);
    });

    it('does not show a result twice when it belongs to a report on a page not loaded yet', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { 'page-size': '1' } });
      await shown(widget, 'Results not in a report (1)');
      // The September report is on the second page; its results wait for it.
      expect(reportHeadings(widget)).to.have.length(1);
      expect(text($(widget, '[part~="other"]'))).not.to.contain('Sodium');
      expect(text($(widget, '[part~="count"]'))).to.contain('Showing 1 of 2 reports and 4 of 7 results');
    });
  });

  describe('flags, ranges and statuses', () => {
    it('says every interpretation flag in words with a symbol: never colour alone', async () => {
      const flags: Array<[string, string]> = [
        ['H', 'High ↑'],
        ['L', 'Low ↓'],
        ['HH', 'Important: Critically high ↑↑'],
        ['LL', 'Important: Critically low ↓↓'],
        ['A', 'Abnormal !'],
        ['AA', 'Important: Critically abnormal !!'],
        ['N', 'Normal'],
      ];
      const results = flags.map(([flag], i) => obs(`f-${flag}`, 'sodium', { value: 140 + i, flag, taken: `2026-01-0${i + 1}T09:00:00Z` }));
      worker.use(...serve([resident, lab, ...results]));
      const widget = await mount();
      await shown(widget, 'Results not in a report (7)');
      const byValue = (value: number) => $$(widget, '[part~="other"] tbody [role="row"]').find((r) => cells(r)[1] === `${value} mmol/L`)!;
      flags.forEach(([, words], i) => expect(cells(byValue(140 + i))[3], words).to.equal(words));
      const critical = byValue(142).querySelector('[part~="flag"]')!;
      expect(critical.getAttribute('part')).to.contain('flag-critical');
      expect(critical.querySelector('.flag-symbol')!.getAttribute('aria-hidden')).to.equal('true');
      expect(byValue(140).getAttribute('part')).to.contain('result-abnormal');
      expect(byValue(142).getAttribute('part')).to.contain('result-critical');
      await expect(widget).to.be.accessible();
    });

    it('flags a value outside its reference range that the laboratory did not flag, without calling it high or low', async () => {
      worker.use(...serve([resident, lab, obs('unflagged', 'sodium', { value: 150 })]));
      const widget = await mount();
      await shown(widget, 'Sodium');
      expect(cells(row($(widget, '[part~="other"]'), 'Sodium'))[3]).to.equal('Outside reference range *');
    });

    it('shows reference ranges with both ends, one end, or as text', async () => {
      worker.use(
        ...serve([
          resident,
          lab,
          obs('both', 'potassium', { value: 4.1, taken: '2026-03-01T09:00:00Z' }),
          obs('low-only', 'egfr', { value: 72, taken: '2026-03-02T09:00:00Z' }),
          obs('high-only', 'crp', { value: 2, taken: '2026-03-03T09:00:00Z' }),
          obs('text-range', 'haemoglobin', { valueString: 'Negative', rangeText: 'Negative', taken: '2026-03-04T09:00:00Z' }),
        ]),
      );
      const widget = await mount();
      await shown(widget, 'Haemoglobin');
      const other = $(widget, '[part~="other"]');
      expect(cells(row(other, 'Potassium'))[2]).to.equal('3.5–5.3 mmol/L');
      expect(cells(row(other, 'eGFR'))[2]).to.equal('≥ 60 mL/min/1.73m2');
      expect(cells(row(other, 'CRP'))[2]).to.equal('≤ 5 mg/L');
      expect(cells(row(other, 'Haemoglobin')).slice(1, 3)).to.deep.equal(['Negative', 'Negative']);
    });

    it('marks preliminary, corrected, amended and cancelled results and reports with badges', async () => {
      const prelim = obs('prelim', 'potassium', { value: 4.4, status: 'preliminary' });
      const corrected = obs('corrected', 'sodium', { value: 137, status: 'corrected' });
      const amended = obs('amended', 'egfr', { value: 61, status: 'amended' });
      const cancelled = obs('cancelled', 'crp', { status: 'cancelled' });
      worker.use(...serve([resident, lab, prelim, corrected, amended, cancelled, report('r1', 'Urea and electrolytes', [prelim, corrected, amended, cancelled], { status: 'preliminary' })]));
      const widget = await mount();
      await shown(widget, 'Urea and electrolytes');
      const [only] = reports(widget);
      expect(text(only!.querySelector('.report-header [part~="badge"]'))).to.equal('Preliminary');
      expect(text(row(only!, 'Potassium').querySelector('[part~="badge"]'))).to.equal('Preliminary');
      expect(text(row(only!, 'Sodium').querySelector('[part~="badge"]'))).to.equal('Corrected');
      expect(text(row(only!, 'eGFR').querySelector('[part~="badge"]'))).to.equal('Amended');
      expect(text(row(only!, 'CRP').querySelector('[part~="badge"]'))).to.equal('Cancelled');
      expect(cells(row(only!, 'CRP'))[1]).to.equal('Cancelled: no result');
      await expect(widget).to.be.accessible();
    });

    it('leaves out results and reports entered in error, and says how many', async () => {
      const wrong = obs('wrong', 'potassium', { value: 9.9, flag: 'HH', status: 'entered-in-error' });
      const right = obs('right', 'potassium', { value: 4.2 });
      const wrongReport = report('wrong-report', 'Liver function', [obs('alt', 'crp', { value: 9 })], { status: 'entered-in-error' });
      worker.use(...serve([resident, lab, wrong, right, report('r1', 'Urea and electrolytes', [wrong, right]), wrongReport]));
      const widget = await mount();
      await shown(widget, 'Urea and electrolytes');
      expect(text($(widget, '[part~="notice"]'))).to.equal('2 entries marked as entered in error are not shown');
      expect(text(widget)).not.to.contain('9.9');
      expect(text(widget)).not.to.contain('Liver function');
      expect(text(widget), 'the withdrawn report’s result goes with it').not.to.contain('9 mg/L');
      await expect(widget).to.be.accessible();
    });
  });

  describe('a test’s history', () => {
    it('opens a trend chart with a summary for screen readers and a table alternative, from the results already loaded', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      const before = requests.length;
      const button = row(reports(widget)[0]!, 'eGFR').querySelector('button')!;
      button.click();
      await shown(widget, 'eGFR: history');
      const chart = $(widget, '[part~="history"] svg[role="img"]');
      expect(chart.getAttribute('aria-label')).to.equal('eGFR: 2 results from 16-Sep-2026 to 10-Nov-2026, latest 39 mL/min/1.73m2, low');
      expect(requests.length, 'every page was loaded: no request for the history').to.equal(before);
      // Abnormal points are drawn as shapes, not only in another colour.
      expect(chart.querySelectorAll('.trend-point.low path')).to.have.length(2);
      expect(chart.querySelector('.trend-band'), 'reference range band').to.exist;
      expect(text($(widget, '[part~="trend-legend"]'))).to.contain('Reference range ≥ 60 mL/min/1.73m2');
      expect(widget.shadowRoot!.activeElement?.id).to.equal('results-history-heading');
      const toggle = $(widget, '[part~="table-toggle-button"]');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await widget.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const table = $(widget, '[part~="trend-table"]');
      const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => text(td)));
      expect(rows).to.deep.equal([
        ['10-Nov-2026 09:45', '39 mL/min/1.73m2', 'Low ↓', 'Final'],
        ['16-Sep-2026 07:50', '24 mL/min/1.73m2', 'Low ↓', 'Final'],
      ]);
      await expect(widget).to.be.accessible();
      $(widget, '[part~="close-button"]').click();
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="history"]')).to.equal(null);
    });

    it('asks the server for the history by code while some results are still on the server', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { 'page-size': '1' } });
      await shown(widget, 'Urea and electrolytes');
      row(reports(widget)[0]!, 'Potassium').querySelector('button')!.click();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="history"] svg[role="img"]'), 'no chart');
      const history = searches('Observation').filter((url) => url.searchParams.has('code'));
      expect(history).to.have.length(1);
      expect(history[0]!.searchParams.get('code')).to.equal(`${LOINC}|2823-3`);
      expect(history[0]!.searchParams.get('_sort')).to.equal('-date');
      expect($(widget, '[part~="history"] svg[role="img"]').getAttribute('aria-label')).to.equal(
        'Potassium: 2 results from 16-Sep-2026 to 10-Nov-2026, latest 5 mmol/L',
      );
      expect($(widget, '[part~="history"] svg[role="img"]').querySelectorAll('.trend-point.critical')).to.have.length(1);
    });

    it('tells the host which test was chosen, and lets it show the history its own way', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      const events: CustomEvent[] = [];
      const listener = (event: Event) => {
        events.push(event as CustomEvent);
        event.preventDefault();
      };
      document.addEventListener('care-record-select', listener);
      try {
        row(reports(widget)[0]!, 'CRP').querySelector('button')!.click();
        await widget.updateComplete;
      } finally {
        document.removeEventListener('care-record-select', listener);
      }
      expect(events).to.have.length(1);
      expect(events[0]).to.be.instanceOf(CareRecordSelectEvent);
      expect(events[0]!.cancelable).to.equal(true);
      expect(events[0]!.detail.reference).to.equal('Observation/crp-2026-11-10');
      expect(events[0]!.detail.resource.resourceType).to.equal('Observation');
      expect(widget.shadowRoot!.querySelector('[part~="history"]'), 'the host took over').to.equal(null);
    });

    it('draws the resident’s eGFR falling over eight results', async () => {
      const arthur = residents.find((r) => r.id === 'arthur-pemberton')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [arthur.bundle] }));
      const widget = await mount({ patientId: arthur.id });
      await shown(widget, 'eGFR');
      row(reports(widget)[0]!, 'eGFR').querySelector('button')!.click();
      await shown(widget, 'eGFR: history');
      const label = $(widget, '[part~="history"] svg[role="img"]').getAttribute('aria-label');
      expect(label).to.equal('eGFR: 8 results from 10-Mar-2025 to 10-Nov-2026, latest 39 mL/min/1.73m2, low');
    });
  });

  describe('filters', () => {
    it('filters by test name and by the day the specimen was taken, and clears', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      const search = $(widget, 'input[type="search"]') as HTMLInputElement;
      search.value = 'potass';
      search.dispatchEvent(new Event('input'));
      await widget.updateComplete;
      expect(text($(widget, '[part~="count"]'))).to.contain('Showing 2 of 7 results');
      expect($$(widget, 'tbody [role="rowheader"]').map((th) => text(th).split(',')[0])).to.deep.equal(['Potassium', 'Potassium']);
      const from = $(widget, '#results-date-from') as HTMLInputElement;
      from.value = '2026-10-01';
      from.dispatchEvent(new Event('change'));
      await widget.updateComplete;
      expect($$(widget, 'tbody [role="rowheader"]').map((th) => text(th).split(',')[0])).to.deep.equal(['Potassium']);
      expect(text(reports(widget)[0]!)).to.contain('10-Nov-2026');
      await expect(widget).to.be.accessible();
      $(widget, '[part~="clear-filters-button"]').click();
      await widget.updateComplete;
      expect(text($(widget, '[part~="count"]'))).to.equal('2 reports · 7 results');
    });

    it('finds results taken up to a day, and the whole of a report by its name', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { 'date-to': '2026-10-01', 'test-filter': 'urea' } });
      await shown(widget, 'Urea and electrolytes');
      expect(reportHeadings(widget)).to.have.length(1);
      expect(text(reports(widget)[0]!)).to.contain('16-Sep-2026');
      expect(text($(widget, '[part~="count"]'))).to.contain('Showing 3 of 7 results');
    });

    it('says so when nothing matches', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { 'test-filter': 'troponin' } });
      await shown(widget, 'Nothing matches these filters.');
      await expect(widget).to.be.accessible();
    });
  });

  describe('all results', () => {
    it('shows every result in one table, newest first, with its report and laboratory', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { view: 'all' } });
      await shown(widget, 'All results, newest first');
      await waitUntil(() => $$(widget, '.flat-body [role="row"]').length === 7, 'rows never rendered');
      const table = $(widget, '[part~="all-results"]');
      expect(table.getAttribute('role')).to.equal('table');
      expect(table.getAttribute('aria-rowcount')).to.equal('8');
      const rows = $$(widget, '.flat-body [role="row"]').sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
      expect(rows.map((r) => text(r.querySelector('[role="rowheader"]')).split(',')[0])).to.deep.equal([
        'Potassium',
        'eGFR',
        'CRP',
        'Blood glucose',
        'Sodium',
        'Potassium',
        'eGFR',
      ]);
      expect(text(rows[0]!)).to.contain('In Urea and electrolytes');
      expect($(widget, '[part~="view-button"][aria-pressed="true"]').textContent).to.contain('All results');
      await expect(widget).to.be.accessible();
    });

    it('opens a test\'s history from its name in the table', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ attributes: { view: 'all' } });
      await waitUntil(() => $$(widget, '.flat-body [role="row"]').length === 7, 'rows never rendered');
      const egfr = $$(widget, '.flat-body [role="row"]').find((r) => text(r.querySelector('[role="rowheader"]')).startsWith('eGFR'))!;
      const button = egfr.querySelector<HTMLButtonElement>('button[part~="test-name"]')!;
      expect(text(button)).to.equal('eGFR, show history');
      button.querySelector('.visually-hidden')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await shown(widget, 'eGFR: history');
      expect($(widget, '[part~="history"] svg[role="img"]').getAttribute('aria-label')).to.contain('eGFR: 2 results');
      $(widget, '[part~="close-button"]').click();
      await widget.updateComplete;
      expect(widget.shadowRoot!.activeElement, 'focus goes back to the test chosen').to.equal(button);
    });

    it('switches between the two views', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      $$(widget, '[part~="view-button"]')[1]!.click();
      await widget.updateComplete;
      expect(widget.view).to.equal('all');
      await waitUntil(() => $$(widget, '.flat-body [role="row"]').length > 0, 'rows never rendered');
    });
  });

  describe('long records', () => {
    it('shows 1,000 results in reports a few at a time', async () => {
      worker.use(...serve(generated(1000), { maxPageSize: 2000 }));
      const widget = await mount({ attributes: { 'page-size': '1000', 'results-page-size': '1000' } });
      await shown(widget, '250 reports · 1,000 results');
      expect(reports(widget)).to.have.length(20);
      expect(text($(widget, '[part~="show-more-button"]').closest('[part~="partial"]'))).to.contain('Showing 20 of 250 reports');
      $(widget, '[part~="show-more-button"]').click();
      await widget.updateComplete;
      expect(reports(widget)).to.have.length(40);
      expect(searches('DiagnosticReport')).to.have.length(1);
      await expect(widget).to.be.accessible();
    });

    it('shows 10,000 results in the "All results" table with only the rows in view in the page', async () => {
      worker.use(...serve(generated(10000, { standalone: true }), { maxPageSize: 10000 }));
      const widget = await mount({ attributes: { view: 'all', 'results-page-size': '10000' } });
      await shown(widget, '0 reports · 10,000 results');
      await waitUntil(() => $$(widget, '.flat-body [role="row"]').length > 0, 'rows never rendered', { timeout: 8000 });
      const table = $(widget, '[part~="all-results"]');
      expect(table.getAttribute('aria-rowcount')).to.equal('10001');
      const rendered = $$(widget, '.flat-body [role="row"]').length;
      expect(rendered).to.be.greaterThan(0);
      expect(rendered).to.be.lessThan(200);
      // Scrolling to the end brings the oldest result into the page.
      const scroller = $(widget, '[part~="all-results-rows"]');
      expect(scroller.getAttribute('tabindex')).to.equal('0');
      expect(scroller.getAttribute('aria-label')).to.equal('10,000 results: scroll to see more');
      // (The virtualiser refines its height estimate as rows are measured: keep scrolling to the end.)
      await waitUntil(
        () => {
          scroller.scrollTop = scroller.scrollHeight;
          return $$(widget, '.flat-body [role="row"]').some((r) => r.getAttribute('aria-rowindex') === '10001');
        },
        'the last row never rendered',
        { timeout: 8000 },
      );
      await expect(widget).to.be.accessible();
    });

    it('pages reports and results from the server with Load more', async () => {
      worker.use(...serve(generated(40), { maxPageSize: 2000 }));
      const widget = await mount({ attributes: { 'page-size': '4', 'results-page-size': '16' } });
      await shown(widget, 'Showing 4 of 10 reports');
      expect(reports(widget)).to.have.length(4);
      $(widget, '[part~="load-more-button"]').click();
      await waitUntil(() => reports(widget).length === 8, 'the next page never showed');
      expect(searches('DiagnosticReport')).to.have.length(2);
      expect(reads('Observation')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });
  });

  describe('states', () => {
    it('says "No test results recorded" when there are none', async () => {
      worker.use(...serve([resident]));
      const widget = await mount();
      await shown(widget, 'No test results recorded');
      await expect(widget).to.be.accessible();
    });

    it('shows a skeleton while loading', async () => {
      worker.use(...serve(usualRecord(), { faults: [{ resourceType: 'DiagnosticReport', hang: true }] }));
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
      expect(text(widget)).to.contain('Loading…');
      await expect(widget).to.be.accessible();
    });

    it('shows the server’s message and a Try again button when the reports cannot be loaded', async () => {
      worker.use(fhirFault(BASE, { resourceType: 'DiagnosticReport', status: 500 }), ...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Test results could not be loaded');
      expect(text(widget)).to.contain('The server said: The server had an internal error');
      await expect(widget).to.be.accessible();
      worker.resetHandlers(...serve(usualRecord()));
      $(widget, '[part~="retry-button"]').click();
      await shown(widget, 'Urea and electrolytes');
    });

    it('still shows the reports when results outside reports cannot be loaded', async () => {
      worker.use(fhirFault(BASE, { resourceType: 'Observation', status: 500 }), ...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results that are not part of a report could not be loaded.');
      expect(reports(widget)).to.have.length(2);
      await expect(widget).to.be.accessible();
    });

    it('says when access is denied', async () => {
      worker.use(fhirFault(BASE, { resourceType: 'DiagnosticReport', status: 403 }), ...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks people to sign in when signed out', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      await expect(widget).to.be.accessible();
    });

    it('shows a warning the server sent with the results', async () => {
      const records = usualRecord();
      const reportsOnly = records.filter((r) => r.resourceType === 'DiagnosticReport');
      const results = records.filter((r) => r.resourceType === 'Observation' && reportsOnly.some((d) => (d as DiagnosticReport).result?.some((ref) => ref.reference === `Observation/${r.id}`)));
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        total: reportsOnly.length,
        entry: [
          ...reportsOnly.map((resource) => ({ fullUrl: `${BASE}/DiagnosticReport/${resource.id}`, resource, search: { mode: 'match' as const } })),
          ...results.map((resource) => ({ fullUrl: `${BASE}/Observation/${resource.id}`, resource, search: { mode: 'include' as const } })),
          {
            resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete', diagnostics: 'Results from Leeds Pathology after 08:00 are still being filed.' }] },
            search: { mode: 'outcome' as const },
          },
        ],
      };
      worker.use(fhirFault(BASE, { resourceType: 'DiagnosticReport', status: 200, body: bundle }), ...serve(records));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      expect(text($(widget, '[part~="warning"]'))).to.equal('Warning: Results from Leeds Pathology after 08:00 are still being filed.');
      expect(reports(widget)).to.have.length(2);
      await expect(widget).to.be.accessible();
    });

    it('fits a 320 px wide screen without scrolling sideways', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount({ width: '320px' });
      await shown(widget, 'Results not in a report');
      expect(widget.scrollWidth).to.be.at.most(widget.clientWidth + 1);
      expect(getComputedStyle(row(reports(widget)[0]!, 'Potassium')).display).to.equal('block');
      await expect(widget).to.be.accessible();
    });
  });

  describe('language', () => {
    it('takes its words from the provider’s strings, a JSON translation included', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      const provider = widget.closest('care-record-provider') as CareRecordProvider;
      provider.strings = translationFromJson(
        {
          resultsHeading: 'Canlyniadau profion',
          resultsCount: '{0} adroddiad · {1} canlyniad',
          resultsFlags: { LL: 'Isel iawn' },
          resultsOtherHeading: { one: '{0} canlyniad arall', other: '{0} canlyniad arall' },
        },
        { locale: 'cy-GB' },
      );
      await shown(widget, 'Canlyniadau profion');
      expect(text($(widget, '[part~="count"]'))).to.equal('2 adroddiad · 7 canlyniad');
      expect(text(widget)).to.contain('1 canlyniad arall');
      expect(cells(row($(widget, '[part~="other"]'), 'Blood glucose'))[3]).to.equal('Important: Isel iawn ↓↓');
    });
  });

  describe('governance', () => {
    it('says whose record it is, unless the host shows its own banner', async () => {
      worker.use(...serve(usualRecord()));
      const widget = await mount();
      await shown(widget, 'Results not in a report');
      expect(text($(widget, '[part~="identity-line"]'))).to.contain('PEMBERTON, Arthur');
      widget.patientBanner = 'host';
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out results", async () => {
      worker.use(...serve(usualRecord()));
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs']} .tokenProvider=${() => 't'}>
          <test-results></test-results>
        </care-record-provider>
      `);
      const widget = provider.querySelector('test-results') as TestResults;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`, { timeout: 8000 });
      expect(text(widget)).to.contain("You don't have permission");
      expect(searches('DiagnosticReport')).to.have.length(0);
      expect(searches('Observation')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail: the first pages, then what Load more added', async () => {
      worker.use(...serve(generated(12), { maxPageSize: 2000 }));
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount({ attributes: { 'page-size': '2', 'results-page-size': '4' } });
        await shown(widget, 'Showing 2 of 3 reports');
        const mine = () => views.filter((v) => v.detail.section === 'test-results');
        await waitUntil(() => mine().length === 2, 'the first pages were not reported', { timeout: 8000 });
        expect(mine().map((v) => v.detail.count).sort()).to.deep.equal([2, 4]);
        $(widget, '[part~="load-more-button"]').click();
        await waitUntil(() => mine().length === 3, 'Load more was not reported', { timeout: 8000 });
        expect(mine()[2]!.detail).to.deep.include({ count: 5, outcome: 'success' });
        expect(mine()[2]!.detail.references).to.include('DiagnosticReport/gr-3');
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('real records', () => {
    const hl7Reports = [
      ['diagnosticreport-example-f001-bloodexam.json', 'f001', 'LAB HM'],
      ['diagnosticreport-example-f202-bloodculture.json', 'f201', 'LAB'],
      ['diagnosticreport-example-lipids.json', 'pat2', 'LAB HM'],
      ['diagnosticreport-example-lri.json', 'example', 'LAB MB'],
      ['diagnosticreport-micro1.json', 'example', 'LAB MB'],
      ['diagnosticreport-example.json', 'pat2', 'LAB HM'],
      ['diagnosticreport-example-ghp.json', 'pat2', 'LAB'],
    ] as const;

    for (const [file, patientId, categories] of hl7Reports) {
      it(`renders HL7's ${file} without console errors`, async () => {
        const bundle = await fixtureJson<Bundle>(`hl7-r4/${file}`);
        const reportsInFile = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is DiagnosticReport => r?.resourceType === 'DiagnosticReport');
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle], resources: [{ resourceType: 'Patient', id: patientId }] }));
        const console = watchConsole();
        try {
          const widget = await mount({ patientId, attributes: { 'report-categories': categories } });
          await loaded(widget);
          const expected = reportsInFile.filter((r) => r.subject?.reference === `Patient/${patientId}` && r.category?.some((c) => c.coding?.some((d) => categories.split(' ').includes(d.code!))));
          expect(reports(widget)).to.have.length(expected.length);
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

    it("renders every laboratory observation among HL7's observation examples without console errors", async () => {
      const files = [
        'observation-example-f001-glucose.json',
        'observation-example-f002-excess.json',
        'observation-example-f003-co2.json',
        'observation-example-f004-erythrocyte.json',
        'observation-example-f005-hemoglobin.json',
        'observation-example-f203-bicarbonate.json',
        'observation-example-f204-creatinine.json',
        'observation-example-f205-egfr.json',
        'observation-example-f206-staphylococcus.json',
        'observation-example-bloodgroup.json',
        'observation-example-bgpanel.json',
        'observation-example-rhstatus.json',
        'observation-example-unsat.json',
        'observation-example-sample-data.json',
        'observation-example-bloodpressure.json',
        'observation-example-bloodpressure-dar.json',
        'observation-example-bloodpressure-cancel.json',
        'observation-example-vitals-panel.json',
        'observation-example-spirometry.json',
        'observation-example-genetics-1.json',
        'observation-example.json',
      ];
      const observations = await Promise.all(files.map((file) => fixtureJson<Observation>(`hl7-r4/${file}`)));
      // One resident holds them all, as laboratory results.
      const mine = observations.map((o) => ({
        ...o,
        subject: { reference: 'Patient/p1' },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      })) as Observation[];
      worker.use(...serve([resident, ...mine]));
      const console = watchConsole();
      try {
        const widget = await mount();
        await shown(widget, 'Results not in a report');
        const names = text($(widget, '[part~="other"]'));
        expect(names).to.contain('Glucose [Moles/volume] in Blood');
        expect(names).to.contain('Blood pressure');
        $$(widget, '[part~="view-button"]')[1]!.click();
        await waitUntil(() => $$(widget, '.flat-body [role="row"]').length > 0, 'rows never rendered');
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
      it(`shows every laboratory report and result of Synthea's ${file.split('_').slice(0, 2).join(' ')}`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        // Counted independently of the widget: LAB reports, and every result they name or marked laboratory.
        const labReports = resources.filter(
          (r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport' && !!r.category?.some((c) => c.coding?.some((d) => d.code === 'LAB')),
        );
        const ids = new Set<string>();
        for (const r of labReports) for (const ref of r.result ?? []) ids.add(ref.reference!.replace(/^urn:uuid:|^Observation\//, ''));
        for (const r of resources) {
          if (r.resourceType === 'Observation' && r.category?.some((c) => c.coding?.some((d) => d.code === 'laboratory'))) ids.add(r.id!);
        }
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle], maxPageSize: 2000 }));
        const console = watchConsole();
        try {
          const widget = await mount({ patientId: patient.id, attributes: { 'page-size': '200', 'results-page-size': '1000' } });
          await loaded(widget);
          if (labReports.length || ids.size) {
            expect(text($(widget, '[part~="count"]'))).to.equal(
              `${labReports.length} ${labReports.length === 1 ? 'report' : 'reports'} · ${ids.size.toLocaleString('en-GB')} ${ids.size === 1 ? 'result' : 'results'}`,
            );
          } else {
            expect(text(widget)).to.contain('No test results recorded');
          }
          expect(searches('DiagnosticReport')).to.have.length(1);
          expect(reads('Observation')).to.have.length(0);
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

    it("says how much of Synthea's Vito Feeney is shown with the default page sizes", async () => {
      const bundle = await fixtureJson<Bundle>(`synthea/${synthea[9]}`);
      const patient = bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'Patient')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
      const widget = await mount({ patientId: patient.id });
      await loaded(widget);
      expect(text($(widget, '[part~="count"]'))).to.match(/^Showing 50 of 81 reports and [\d,]+ of 636 results\. There are more\.$/);
    });
  });
});
