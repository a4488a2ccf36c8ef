import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { generateLargeResident } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, DiagnosticReport } from '@care-record/fhir';
import '@care-record/elements/diagnostic-report-list.js';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';

interface DiagnosticReportListArgs {
  patientId: string;
  category: string;
  pageSize: number;
  headingLevel: number;
}

const serverError = (diagnostics: string): FhirFault[] => [
  { resourceType: 'DiagnosticReport', status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics }] } },
];

// An X-ray report filed against the wrong resident and withdrawn: left out, with a notice.
const withdrawn: DiagnosticReport = {
  resourceType: 'DiagnosticReport',
  id: 'dr-mw-withdrawn-xray',
  status: 'entered-in-error',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
  code: { text: 'X-ray of left wrist' },
  subject: { reference: `Patient/${residentId('Margaret')}` },
  issued: '2026-11-01T10:00:00+00:00',
};

const largeResident = generateLargeResident({ id: 'reports-large', observations: 300, documents: 0 });

const render = (args: DiagnosticReportListArgs) =>
  withRecord(
    args.patientId,
    html`<diagnostic-report-list category=${args.category} page-size=${args.pageSize} heading-level=${args.headingLevel}></diagnostic-report-list>`,
  );

const meta: Meta<DiagnosticReportListArgs> = {
  title: 'Widgets/Diagnostic report list',
  component: 'diagnostic-report-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  args: { patientId: residentId('Margaret'), category: '', pageSize: 20, headingLevel: 2 },
  argTypes: {
    category: { control: 'select', options: ['', 'LAB', 'RAD'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render,
};

export default meta;
type Story = StoryObj<DiagnosticReportListArgs>;

/** Margaret Whitfield: a chest X-ray report (conclusion, PDF) and her blood tests. Open a report with "Show details". */
export const Loaded: Story = {};

/** Arthur Pemberton: kidney and diabetes results over two years, critical results counted. */
export const SecondResident: Story = { args: { patientId: residentId('Arthur') } };

/** Imaging only (category RAD). */
export const ImagingOnly: Story = { args: { category: 'RAD' } };

/** A report entered in error is left out, with a notice. */
export const EnteredInErrorNotice: Story = {
  parameters: { msw: residentHandlers({ resources: [withdrawn] }) },
};

/** Harold Brennan has no reports. */
export const Empty: Story = { args: { patientId: residentId('Harold') } };

/** The server fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = {
  parameters: { msw: residentHandlers({ faults: serverError('The report index is being rebuilt. Try again in a few minutes.') }) },
};

/** The server refuses (403). */
export const AccessDenied: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DiagnosticReport', status: 403 }] }) },
};

/** No one is signed in. */
export const SignedOut: Story = {
  render: (args) => withRecord(args.patientId, html`<diagnostic-report-list></diagnostic-report-list>`, { signedOut: true }),
};

/** The search never answers: the busy skeleton. */
export const Loading: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DiagnosticReport', hang: true }] }) },
};

/** A long record (100 reports): "Showing 20 of 100" and Load more. */
export const Partial: Story = {
  args: { patientId: largeResident.id },
  parameters: { msw: bundleHandlers([largeResident.bundle]) },
};

/** 320 px wide. */
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

/** Real data: HL7's brain CT report (radiology, with its conclusion and coded conclusion) for patient f201. */
export const RealDataHl7: Story = {
  args: { patientId: 'f201' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/diagnosticreport-example-f201-brainct.json') })],
  // Loaders run before beforeEach, and the msw loader has set up `msw` by then.
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle, { resourceType: 'Patient', id: 'f201' } as unknown as Bundle]));
  },
};

/** Real data: Synthea's Lanell Goodwin (62 clinical-note reports, each with a presented form). */
export const RealDataSynthea: Story = {
  args: { patientId: '988f3282-6014-affe-fb17-b051fe0380ee' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
