import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Bundle, Composition } from '@care-record/fhir';
import '@care-record/elements/discharge-summary.js';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';

interface DischargeSummaryArgs {
  patientId: string;
  reference: string;
  headingLevel: number;
  backToList: boolean;
}

const meta: Meta<DischargeSummaryArgs> = {
  title: 'Widgets/Discharge summary',
  component: 'discharge-summary',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  args: {
    patientId: residentId('Margaret'),
    reference: 'Composition/comp-mw-discharge-2026-11-04',
    headingLevel: 2,
    backToList: false,
  },
  argTypes: { headingLevel: { control: { type: 'number', min: 1, max: 6 } } },
  render: (args) =>
    withRecord(
      args.patientId,
      html`<discharge-summary reference=${args.reference} heading-level=${args.headingLevel} ?back-to-list=${args.backToList}></discharge-summary>`,
    ),
};

export default meta;
type Story = StoryObj<DischargeSummaryArgs>;

/** Margaret Whitfield's discharge summary after pneumonia, loaded with `$document`: header, UK record headings, medicines on discharge, allergies. */
export const Loaded: Story = {};

/** Arthur Pemberton's amended summary (badge). */
export const Amended: Story = {
  args: { patientId: residentId('Arthur'), reference: 'Composition/comp-ap-discharge-2026-09-21-amended' },
};

/** Arthur Pemberton's emergency department summary (care setting: Accident and Emergency service). */
export const EmergencyDepartment: Story = {
  args: { patientId: residentId('Arthur'), reference: 'Composition/comp-ap-ed-summary-2026-09-16' },
};

/** The server has no `$document` (501): the Composition is read and its entries fetched in batches. */
export const WithoutDocumentOperation: Story = {
  parameters: { msw: residentHandlers({ faults: [{ path: /\/\$document/, status: 501 }] }) },
};

/** A PDF discharge letter (DocumentReference): Open PDF and Download, never embedded. */
export const PdfDocument: Story = { args: { reference: 'DocumentReference/doc-mw-discharge-2026-11-04-pdf' } };

/** An HTML discharge letter (DocumentReference), sanitised and shown inline. */
export const HtmlDocument: Story = {
  args: { patientId: residentId('Doris'), reference: 'DocumentReference/doc-do-discharge-2026-08-17-html' },
};

/** Doris Okafor's summary marked entered in error: a notice, nothing of its content. */
export const EnteredInError: Story = {
  args: { patientId: residentId('Doris'), reference: 'Composition/comp-do-discharge-2026-08-17-error' },
};

/** Opened from a list: "Back to list". */
export const FromAList: Story = { args: { backToList: true } };

/** The server fails with an OperationOutcome. */
export const ServerError: Story = {
  parameters: {
    msw: residentHandlers({
      faults: [{ path: /\/\$document/, status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Document store offline' }] } }],
    }),
  },
};

/** The server refuses (403). */
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ path: /\/\$document/, status: 403 }] }) } };

/** No one is signed in. */
export const SignedOut: Story = {
  render: (args) => withRecord(args.patientId, html`<discharge-summary reference=${args.reference}></discharge-summary>`, { signedOut: true }),
};

/** The document never arrives: the busy skeleton under the heading. */
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ path: /\/\$document/, hang: true }] }) } };

/** 320 px wide. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">
    ${withRecord(args.patientId, html`<discharge-summary reference=${args.reference}></discharge-summary>`)}
  </div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;"
  >
    ${withRecord(args.patientId, html`<discharge-summary reference=${args.reference}></discharge-summary>`)}
  </div>`,
};

/** Real data: HL7's discharge summary document, given as a Bundle. */
export const RealDataHl7Document: Story = {
  args: { patientId: 'd1' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/document-example-dischargesummary.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
  render: (args, { loaded }) => withRecord(args.patientId, html`<discharge-summary .document=${(loaded as { bundle: Bundle }).bundle}></discharge-summary>`),
};

/** Real data: UK Core's emergency department discharge example, served and loaded with `$document`. */
export const RealDataUkCore: Story = {
  args: { reference: 'Composition/UKCore-Composition-Discharge-Example' },
  loaders: [async () => ({ composition: (await fixtureBundle('uk-core/UKCore-Composition-Discharge-Example.json')) as unknown as Composition })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...residentHandlers({ resources: [(loaded as { composition: Composition }).composition] }));
  },
};

/** Real data: an EMIS IM1 consultation as a FHIR document (Virtually Healthcare). */
export const RealDataEmisDocument: Story = {
  args: { patientId: 'b8b8f845-75da-48c5-8b17-8a0a2113d8f8' },
  loaders: [async () => ({ bundle: await fixtureBundle('nhs-other/vh-FHIRDocument-EMIS-IM1-e119d231-def6-43a7-af40-56d7754977bd.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
  render: (args, { loaded }) => withRecord(args.patientId, html`<discharge-summary .document=${(loaded as { bundle: Bundle }).bundle}></discharge-summary>`),
};
