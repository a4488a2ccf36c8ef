import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { generateLargeResident } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle } from '@care-record/fhir';
import '@care-record/elements/discharge-list.js';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';

interface DischargeListArgs {
  patientId: string;
  kind: 'all' | 'discharge' | 'emergency-department';
  pageSize: number;
  headingLevel: number;
}

const serverError = (diagnostics: string): FhirFault[] =>
  ['Composition', 'DocumentReference'].map((resourceType) => ({
    resourceType,
    status: 500,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics }] },
  }));

const largeResident = generateLargeResident({ id: 'large-discharges', observations: 0, documents: 60 });

const meta: Meta<DischargeListArgs> = {
  title: 'Widgets/Discharge list',
  component: 'discharge-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  args: { patientId: residentId('Margaret'), kind: 'all', pageSize: 20, headingLevel: 2 },
  argTypes: {
    kind: { control: 'inline-radio', options: ['all', 'discharge', 'emergency-department'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) =>
    withRecord(
      args.patientId,
      html`<discharge-list kind=${args.kind} page-size=${args.pageSize} heading-level=${args.headingLevel}></discharge-list>`,
    ),
};

export default meta;
type Story = StoryObj<DischargeListArgs>;

/** Margaret Whitfield: her discharge summary (structured, with its PDF: one row) and the ED summary of the fall. */
export const Loaded: Story = {};

/** Arthur Pemberton: an amended summary that replaces a preliminary one (badges), and an ED summary. */
export const PreliminaryAndAmended: Story = { args: { patientId: residentId('Arthur') } };

/** Only emergency department summaries. */
export const EmergencyDepartmentOnly: Story = { args: { kind: 'emergency-department' } };

/** Doris Okafor: a summary entered in error is left out, with a notice; its HTML rendering is a file of the right row. */
export const EnteredInErrorNotice: Story = { args: { patientId: residentId('Doris') } };

/** Harold Brennan has no summaries. */
export const Empty: Story = { args: { patientId: residentId('Harold') } };

/** The server fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = {
  parameters: { msw: residentHandlers({ faults: serverError('The document index is being rebuilt. Try again in a few minutes.') }) },
};

/** The server refuses (403). */
export const AccessDenied: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Composition', status: 403 }, { resourceType: 'DocumentReference', status: 403 }] }) },
};

/** Documents fail but structured summaries load: the list says some may be missing. */
export const DocumentsFailed: Story = {
  parameters: { msw: residentHandlers({ faults: [serverError('Document store offline')[1]!] }) },
};

/** No one is signed in. */
export const SignedOut: Story = {
  render: (args) => withRecord(args.patientId, html`<discharge-list></discharge-list>`, { signedOut: true }),
};

/** The searches never answer: the busy skeleton. */
export const Loading: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Composition', hang: true }] }) },
};

/** A long record (60 documents): "Showing 40 of 60" and Load more. */
export const Partial: Story = {
  args: { patientId: largeResident.id },
  parameters: { msw: bundleHandlers([largeResident.bundle]) },
};

/** 320 px wide: rows wrap, filters stack, the opened summary replaces the list. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">
    ${withRecord(args.patientId, html`<discharge-list></discharge-list>`)}
  </div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;"
  >
    ${withRecord(args.patientId, html`<discharge-list></discharge-list>`)}
  </div>`,
};

/** Real data: HL7's discharge summary document (LOINC-typed) served as a record. */
export const RealDataHl7: Story = {
  args: { patientId: 'd1' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/document-example-dischargesummary.json') })],
  render: (args) => withRecord(args.patientId, html`<discharge-list></discharge-list>`),
  // Loaders run before beforeEach, and the msw loader has set up `msw` by then.
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};

/** Real data: Synthea's Lanell Goodwin (62 clinical-note DocumentReferences, none of them a summary). */
export const RealDataSynthea: Story = {
  args: { patientId: '988f3282-6014-affe-fb17-b051fe0380ee' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
