import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { generateLargeResident } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, Observation } from '@care-record/fhir';
import '@care-record/elements/test-results.js';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';

interface TestResultsArgs {
  patientId: string;
  view: 'reports' | 'all';
  pageSize: number;
  resultsPageSize: number;
  reportCategories: string;
  testFilter: string;
  dateFrom: string;
  dateTo: string;
  headingLevel: number;
}

const serverError = (diagnostics: string): FhirFault[] =>
  ['DiagnosticReport', 'Observation'].map((resourceType) => ({
    resourceType,
    status: 500,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics }] },
  }));

// A potassium result sent to the wrong record and withdrawn: left out, with a notice.
const withdrawn: Observation = {
  resourceType: 'Observation',
  id: 'obs-ap-potassium-withdrawn',
  status: 'entered-in-error',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }], text: 'Potassium' },
  subject: { reference: `Patient/${residentId('Arthur')}` },
  effectiveDateTime: '2026-10-02T09:00:00+01:00',
  valueQuantity: { value: 7.4, unit: 'mmol/L' },
};

const oneThousand = generateLargeResident({ id: 'results-1000', observations: 1000, documents: 0 });
const tenThousand = generateLargeResident({ id: 'results-10000', observations: 10000, documents: 0 });

const render = (args: TestResultsArgs) =>
  withRecord(
    args.patientId,
    html`<test-results
      view=${args.view}
      page-size=${args.pageSize}
      results-page-size=${args.resultsPageSize}
      report-categories=${args.reportCategories}
      test-filter=${args.testFilter}
      date-from=${args.dateFrom}
      date-to=${args.dateTo}
      heading-level=${args.headingLevel}
    ></test-results>`,
  );

const meta: Meta<TestResultsArgs> = {
  title: 'Widgets/Test results',
  component: 'test-results',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  args: {
    patientId: residentId('Arthur'),
    view: 'reports',
    pageSize: 50,
    resultsPageSize: 200,
    reportCategories: 'LAB',
    testFilter: '',
    dateFrom: '',
    dateTo: '',
    headingLevel: 2,
  },
  argTypes: {
    view: { control: 'inline-radio', options: ['reports', 'all'] },
    pageSize: { control: { type: 'number', min: 1, max: 200 } },
    resultsPageSize: { control: { type: 'number', min: 1, max: 1000 } },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render,
};

export default meta;
type Story = StoryObj<TestResultsArgs>;

/**
 * Arthur Pemberton: eight sets of kidney results, potassium up to a critical 6.8 (HH), glucose 2.6
 * (LL). Choose a test's name (eGFR, potassium…) to see its trend chart.
 */
export const Loaded: Story = {};

/** Margaret Whitfield: blood results from her emergency attendance and admission with pneumonia. */
export const SecondResident: Story = { args: { patientId: residentId('Margaret') } };

/** One flat table of every result, newest first, for searching. */
export const AllResults: Story = { args: { view: 'all' } };

/** Filtered to eGFR since the September admission. */
export const Filtered: Story = { args: { testFilter: 'egfr', dateFrom: '2026-09-01' } };

/** A result entered in error is left out, with a notice. */
export const EnteredInErrorNotice: Story = {
  parameters: { msw: residentHandlers({ resources: [withdrawn] }) },
};

/** Harold Brennan has no results. */
export const Empty: Story = { args: { patientId: residentId('Harold') } };

/** The server fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = {
  parameters: { msw: residentHandlers({ faults: serverError('The results index is being rebuilt. Try again in a few minutes.') }) },
};

/** Reports load but results outside reports fail: the reports still show, with a warning. */
export const OtherResultsFailed: Story = {
  parameters: { msw: residentHandlers({ faults: [serverError('Observation store offline')[1]!] }) },
};

/** The server refuses (403). */
export const AccessDenied: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DiagnosticReport', status: 403 }, { resourceType: 'Observation', status: 403 }] }) },
};

/** No one is signed in. */
export const SignedOut: Story = {
  render: (args) => withRecord(args.patientId, html`<test-results></test-results>`, { signedOut: true }),
};

/** The searches never answer: the busy skeleton. */
export const Loading: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DiagnosticReport', hang: true }] }) },
};

/** 1,000 results in 334 reports, 50 reports a page: "Showing 20 of 334 reports", Show more and Load more. */
export const Partial: Story = {
  args: { patientId: oneThousand.id },
  parameters: { msw: bundleHandlers([oneThousand.bundle]) },
};

/** 10,000 results in one virtualised "All results" table (only the rows in view are in the page). */
export const TenThousandResults: Story = {
  args: { patientId: tenThousand.id, view: 'all', pageSize: 5000, resultsPageSize: 10000 },
  parameters: { msw: bundleHandlers([tenThousand.bundle], { maxPageSize: 10000, latency: 0 }) },
};

/** 320 px wide: results become small cards, the chart keeps its labels readable. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${render(args)}</div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272; --care-record-color-error: #ff7b6e;"
  >
    ${render(args)}
  </div>`,
};

/** Real data: HL7's haematology report (category HM) with its results. */
export const RealDataHl7: Story = {
  args: { patientId: 'pat2', reportCategories: 'LAB HM' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/diagnosticreport-example.json') })],
  // Loaders run before beforeEach, and the msw loader has set up `msw` by then.
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle, { resourceType: 'Patient', id: 'pat2' } as unknown as Bundle]));
  },
};

/** Real data: Synthea's Don Moore (45 laboratory reports, 435 laboratory results since 2009). */
export const RealDataSynthea: Story = {
  args: { patientId: '63c5db14-f5b0-4405-9ff6-0b88601ddb22' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
