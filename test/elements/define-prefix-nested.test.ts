import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type { Bundle, DiagnosticReport, DocumentReference, Encounter, FhirResource, Patient } from '@care-record/fhir';
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
const stay: Encounter = {
  resourceType: 'Encounter',
  id: 'enc1',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
  subject: { reference: 'Patient/p1' },
  period: { start: '2024-01-25T09:00:00Z', end: '2024-02-01T09:00:00Z' },
};
const report: DiagnosticReport = {
  resourceType: 'DiagnosticReport',
  id: 'xray',
  status: 'final',
  code: { coding: [{ system: SNOMED, code: '399208008', display: 'Plain X-ray of chest' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-10-28T11:00:00+00:00',
  presentedForm: [{ contentType: 'text/plain', data: btoa('No acute injury.'), title: 'Report text' }],
};
const bundle = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

const buttonNamed = (root: ShadowRoot, name: string): HTMLButtonElement => {
  const found = [...root.querySelectorAll('button')].find((button) => button.textContent?.includes(name));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};

async function mount(content: ReturnType<typeof html>): Promise<Element> {
  return fixture(html`
    <acme-care-record-provider fhir-base-url=${BASE} patient-id="p1" .auth=${new TokenProviderSession({ tokenProvider: () => 't' })}
      >${content}</acme-care-record-provider
    >
  `);
}

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
    const provider = await mount(html`<acme-discharge-summary document-reference-id="d1"></acme-discharge-summary>`);
    const summary = provider.querySelector('acme-discharge-summary')!;
    await waitUntil(() => summary.shadowRoot?.querySelector('acme-care-record-document-viewer'), 'no prefixed viewer', { timeout: 8000 });
    const viewer = summary.shadowRoot!.querySelector('acme-care-record-document-viewer')!;
    expect(viewer).to.be.instanceOf(CareRecordDocumentViewer);
    expect(summary.shadowRoot!.querySelector('care-record-document-viewer')).to.equal(null);
    await waitUntil(() => viewer.shadowRoot?.querySelector('pre'), 'the file never showed');
    expect(viewer.shadowRoot!.querySelector('pre')!.textContent).to.equal('Discharged home.');
    expect(deepText(summary.shadowRoot)).to.include('Scanned discharge letter');
  });

  it('<acme-discharge-list> opens a summary in <acme-discharge-summary>, with its files in the prefixed viewer', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle([resident, letter])] }));
    const provider = await mount(html`<acme-discharge-list></acme-discharge-list>`);
    const list = provider.querySelector('acme-discharge-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('.row-button'), 'the list never showed the letter', { timeout: 8000 });
    list.shadowRoot!.querySelector<HTMLButtonElement>('.row-button')!.click();
    await waitUntil(() => list.shadowRoot?.querySelector('acme-discharge-summary'), 'no prefixed summary opened');
    const summary = list.shadowRoot!.querySelector('acme-discharge-summary')!;
    expect(list.shadowRoot!.querySelector('discharge-summary')).to.equal(null);
    await waitUntil(() => summary.shadowRoot?.querySelector('acme-care-record-document-viewer')?.shadowRoot?.querySelector('pre'), 'the file never showed', { timeout: 8000 });
    expect(document.activeElement).to.equal(list, 'focus moved into the list (to the opened summary)');
    expect(list.shadowRoot!.activeElement).to.equal(summary);
  });

  it("<acme-diagnostic-report-list> shows a report's files in the prefixed viewer", async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle([resident, report])] }));
    const provider = await mount(html`<acme-diagnostic-report-list></acme-diagnostic-report-list>`);
    const list = provider.querySelector('acme-diagnostic-report-list')!;
    await waitUntil(() => list.shadowRoot?.textContent?.includes('Plain X-ray of chest'), 'the report never showed', { timeout: 8000 });
    buttonNamed(list.shadowRoot!, 'Plain X-ray of chest').click();
    await waitUntil(() => list.shadowRoot?.querySelector('acme-care-record-document-viewer'), 'no prefixed viewer');
    const viewer = list.shadowRoot!.querySelector('acme-care-record-document-viewer')!;
    await waitUntil(() => viewer.shadowRoot?.querySelector('pre'), 'the file never showed');
    expect(viewer.shadowRoot!.querySelector('pre')!.textContent).to.equal('No acute injury.');
    expect(deepText(list.shadowRoot)).not.to.include('cannot be shown here');
  });

  it('<acme-document-list> opens a document in the prefixed viewer', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle([resident, letter])] }));
    const provider = await mount(html`<acme-document-list></acme-document-list>`);
    const list = provider.querySelector('acme-document-list')!;
    await waitUntil(() => list.shadowRoot?.textContent?.includes('View document'), 'the list never showed the letter', { timeout: 8000 });
    buttonNamed(list.shadowRoot!, 'View document').click();
    await waitUntil(() => list.shadowRoot?.querySelector('acme-care-record-document-viewer')?.shadowRoot?.querySelector('pre'), 'the file never showed');
    expect(list.shadowRoot!.querySelector('care-record-document-viewer')).to.equal(null);
    expect(list.shadowRoot!.querySelector('acme-care-record-document-viewer')!.shadowRoot!.querySelector('pre')!.textContent).to.equal('Discharged home.');
  });

  it("<acme-encounter-list> opens a visit's summary in <acme-discharge-summary>", async () => {
    const linkedLetter: DocumentReference = { ...letter, context: { encounter: [{ reference: 'Encounter/enc1' }] } };
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle([resident, stay, linkedLetter])] }));
    const provider = await mount(html`<acme-encounter-list></acme-encounter-list>`);
    const list = provider.querySelector('acme-encounter-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="summary-button"]'), 'the visit never offered its summary', { timeout: 8000 });
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="summary-button"]')!.click();
    await waitUntil(() => list.shadowRoot?.querySelector('acme-discharge-summary'), 'no prefixed summary opened');
    expect(list.shadowRoot!.querySelector('discharge-summary')).to.equal(null);
    const summary = list.shadowRoot!.querySelector('acme-discharge-summary')!;
    await waitUntil(() => summary.shadowRoot?.querySelector('acme-care-record-document-viewer')?.shadowRoot?.querySelector('pre'), 'the file never showed', { timeout: 8000 });
  });
});
