import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type { Bundle, DocumentReference, FhirResource, Patient } from '@care-record/fhir';
import { CareRecordDocumentViewer, defineCareRecordElements } from '../../packages/elements/src/index.js';

// A vendor that registers everything under its own prefix has no unprefixed tag at all: elements
// that show another of ours inside them must use the prefixed one. This file's page registers only
// prefixed tags (the registry is global to the page, so it must not import a registration module).
const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';

const resident: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Whitfield', given: ['Margaret'] }],
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
};
const letter: DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'd1',
  status: 'current',
  type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
  subject: { reference: 'Patient/p1' },
  date: '2024-02-01T10:00:00Z',
  description: 'Scanned discharge letter',
  content: [{ attachment: { contentType: 'text/plain', data: btoa('Discharged home.'), title: 'Letter text' } }],
};
const bundle = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

const deepText = (root: Element | ShadowRoot | null | undefined): string => {
  if (!root) return '';
  let text = '';
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element) text += deepText(node.shadowRoot ?? node) + (node.shadowRoot ? deepText(node) : '');
  }
  return text;
};

describe('elements registered under a prefix', () => {
  const worker = setupWorker();
  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    defineCareRecordElements({ prefix: 'acme' });
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('registers no unprefixed tag', () => {
    expect(customElements.get('care-record-document-viewer')).to.equal(undefined);
    expect(customElements.get('discharge-summary')).to.equal(undefined);
    expect(customElements.getName(CareRecordDocumentViewer)).to.equal('acme-care-record-document-viewer');
  });

  it("<acme-discharge-summary> shows a document's files in <acme-care-record-document-viewer>", async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle([resident, letter])] }));
    const provider = await fixture(html`
      <acme-care-record-provider fhir-base-url=${BASE} patient-id="p1" .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}>
        <acme-discharge-summary document-reference-id="d1"></acme-discharge-summary>
      </acme-care-record-provider>
    `);
    const summary = provider.querySelector('acme-discharge-summary')!;
    await waitUntil(() => summary.shadowRoot?.querySelector('acme-care-record-document-viewer'), 'no prefixed viewer', { timeout: 8000 });
    const viewer = summary.shadowRoot!.querySelector('acme-care-record-document-viewer')!;
    expect(viewer).to.be.instanceOf(CareRecordDocumentViewer);
    expect(summary.shadowRoot!.querySelector('care-record-document-viewer')).to.equal(null);
    await waitUntil(() => viewer.shadowRoot?.querySelector('pre'), 'the file never showed');
    expect(viewer.shadowRoot!.querySelector('pre')!.textContent).to.equal('Discharged home.');
    expect(deepText(summary.shadowRoot)).to.include('Scanned discharge letter');
  });
});
