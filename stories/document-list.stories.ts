import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { generateLargeResident } from '@care-record/mocks';
import type { Bundle, DocumentReference, FhirResource, Patient } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/document-list.js';

/*
 * <document-list>: every shared document, newest first, with type, category, author, organisation,
 * status (current, replaced by a newer version, preliminary, amended) and each file's format and size;
 * "View document" opens the files in <care-record-document-viewer>. Stories for the packaged
 * residents, every shared state, the entered-in-error notice, a long list, 320px, dark colours and
 * real HL7, UK Core and Synthea data.
 */

interface DocumentArgs {
  patientId: string;
  sort: 'newest' | 'oldest';
  statusFilter: 'all' | 'current';
  pageSize: number;
  headingLevel: number;
}

const documents = (patientId: string | undefined, args: Partial<DocumentArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<document-list
      sort=${args.sort ?? 'newest'}
      status-filter=${args.statusFilter ?? 'all'}
      page-size=${args.pageSize ?? 20}
      heading-level=${args.headingLevel ?? 2}
    ></document-list>`,
    options,
  );

const padded = (content: TemplateResult) => html`<div style="padding: 16px; max-width: 56rem">${content}</div>`;

const meta: Meta<DocumentArgs> = {
  title: 'Widgets/document-list',
  component: 'document-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { patientId: residentId('Doris'), sort: 'newest', statusFilter: 'all', pageSize: 20, headingLevel: 2 },
  argTypes: {
    patientId: { control: 'select', options: ['doris-okafor', 'margaret-whitfield', 'arthur-pemberton', 'harold-brennan', 'evelyn-marsh'] },
    sort: { control: 'inline-radio', options: ['newest', 'oldest'] },
    statusFilter: { control: 'inline-radio', options: ['all', 'current'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 }, description: 'Documents per request (_count).' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => padded(documents(args.patientId, args)),
};
export default meta;

type Story = StoryObj<DocumentArgs>;

const storyPatient: Patient = { resourceType: 'Patient', id: 'story-documents', name: [{ use: 'official', family: 'Hughes', given: ['Iris'], prefix: ['Mrs'] }], birthDate: '1939-02-11' };
const collection = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

function storyDocument(id: string, extra: Partial<DocumentReference>): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type: { coding: [{ system: 'http://snomed.info/sct', code: '371531000', display: 'Clinic letter' }] },
    category: [{ text: 'Correspondence' }],
    subject: { reference: 'Patient/story-documents' },
    date: '2026-10-02T10:00:00Z',
    author: [{ display: 'Dr Asha Patel, consultant geriatrician' }],
    custodian: { display: 'Royal Free London NHS Foundation Trust' },
    content: [{ attachment: { contentType: 'text/plain', data: btoa('Seen in memory clinic. Stable. Continue donepezil.'), size: 49 } }],
    ...extra,
  };
}

const statuses = collection([
  storyPatient,
  storyDocument('story-old', { status: 'superseded', description: 'Memory clinic letter (first version)', date: '2026-09-20T10:00:00Z' }),
  storyDocument('story-new', {
    description: 'Memory clinic letter (corrected)',
    docStatus: 'amended',
    relatesTo: [{ code: 'replaces', target: { reference: 'DocumentReference/story-old' } }],
  }),
  storyDocument('story-draft', { description: 'Falls assessment', docStatus: 'preliminary', date: '2026-08-11T10:00:00Z' }),
  storyDocument('story-wrong', { status: 'entered-in-error', description: 'Letter for another patient' }),
]);

// 60 documents: "Showing 20 of 60" and Load more.
const largeResident = generateLargeResident({ id: 'large-documents', observations: 0, documents: 60 });

/** Doris Okafor: her discharge summary as an HTML document (open it with "View document"). */
export const Loaded: Story = {};

/** Margaret Whitfield: her discharge summary as a PDF. */
export const PdfDocument: Story = { args: { patientId: residentId('Margaret') } };

/** Replaced, amended and preliminary documents, and one entered in error (left out, with a notice). */
export const EnteredInErrorNotice: Story = { args: { patientId: 'story-documents' }, parameters: { msw: bundleHandlers([statuses]) } };

/** Current documents only. */
export const CurrentOnly: Story = { args: { patientId: 'story-documents', statusFilter: 'current' }, parameters: { msw: bundleHandlers([statuses]) } };

/** A long record: "Showing 20 of 60" and Load more. */
export const Partial: Story = { args: { patientId: largeResident.id }, parameters: { msw: bundleHandlers([largeResident.bundle]) } };

/** Arthur Pemberton has no shared documents (his summaries are structured). */
export const Empty: Story = { args: { patientId: residentId('Arthur') } };

/** The server fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = {
  parameters: {
    msw: residentHandlers({
      faults: [{ resourceType: 'DocumentReference', status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'The document index is offline.' }] } }],
    }),
  },
};

/** The server refuses (403). */
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DocumentReference', status: 403 }] }) } };

/** No one is signed in. */
export const SignedOut: Story = { render: (args) => padded(documents(args.patientId, args, { signedOut: true })) };

/** The search never answers: the busy skeleton. */
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'DocumentReference', hang: true }] }) } };

/** 320 px wide: details stack under their labels; the opened document wraps. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${documents(args.patientId, args)}</div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;"
  >
    ${documents(args.patientId, args)}
  </div>`,
};

/** Real data: HL7's DocumentReference example (preliminary, a CDA file on another server). */
export const RealDataHl7: Story = {
  args: { patientId: 'xcda' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/documentreference-example.json') })],
  beforeEach: ({ loaded, msw }) => {
    const document = (loaded as { bundle: Bundle }).bundle as unknown as DocumentReference;
    msw.use(...bundleHandlers([collection([{ resourceType: 'Patient', id: 'xcda' }, document])]));
  },
};

/** Real data: the UK Core care plan report (a PDF on another site: a link opening a new tab). */
export const RealDataUkCore: Story = {
  args: { patientId: 'UKCore-Patient-RichardSmith-Example' },
  loaders: [async () => ({ bundle: await fixtureBundle('uk-core/UKCore-DocumentReference-CarePlanReportPDF-Example.json') })],
  beforeEach: ({ loaded, msw }) => {
    const document = (loaded as { bundle: Bundle }).bundle as unknown as DocumentReference;
    msw.use(...bundleHandlers([collection([{ resourceType: 'Patient', id: 'UKCore-Patient-RichardSmith-Example' }, document])]));
  },
};

/** Real data: Synthea's Lanell Goodwin (62 clinical notes, 61 replaced by a newer version). */
export const RealDataSynthea: Story = {
  args: { patientId: '988f3282-6014-affe-fb17-b051fe0380ee' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
