// Record narratives are shown inside the widgets' shadow roots, where the widgets' own styles apply.
// Markup that borrows the widgets' class names could dress record text up as the widget's own
// controls and messages (a "Sign in again" button to another site, an error box, a loading
// skeleton) or hide part of the record from sighted readers: class names never survive.
import { expect, fixture, html } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { Bundle, Composition } from '@care-record/fhir';
import { sanitizeNarrative } from '../../packages/elements/src/security/sanitize.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/discharge-summary.js';
import { BASE, deepElements, settle, watchTraffic } from './support.js';

const resident = residents[0]!;
const SPOOF = [
  '<p><a class="button" part="button" href="https://attacker.test/sign-in">Sign in again</a></p>',
  '<div class="state error" role="alert"><p class="state-title">Your session has ended</p></div>',
  '<p>Penicillin: <span class="visually-hidden">NOT </span>allergic</p>',
  '<div class="skeleton" aria-hidden="true"><span class="skeleton-line"></span></div>',
].join('');

describe('Record narratives cannot pass for the widgets own controls', () => {
  const worker = setupWorker();
  const traffic = watchTraffic(worker);

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('the sanitiser drops class, part and role attributes', () => {
    const { fragment } = sanitizeNarrative(SPOOF);
    const attributes = [...fragment.querySelectorAll('*')].flatMap((element) => element.getAttributeNames());
    expect(attributes).not.to.include('class');
    expect(attributes).not.to.include('part');
    expect(attributes).not.to.include('role');
    expect(fragment.textContent).to.include('Sign in again');
    // A class name is not content: its loss is not announced as "content removed".
    expect(sanitizeNarrative('<p class="hapiPropertyTable">Aspirin 75 mg</p>').removedCount).to.equal(0);
  });

  it('a discharge summary shows such a narrative as plain record text, unstyled by the widget', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [resident.bundle] }));
    const composition: Composition = {
      resourceType: 'Composition',
      id: 'spoof',
      status: 'final',
      type: { coding: [{ system: 'http://snomed.info/sct', code: '373942005', display: 'Discharge summary' }] },
      subject: { reference: `Patient/${resident.id}` },
      date: '2026-11-20',
      author: [{ display: 'Ward 7' }],
      title: 'Discharge summary',
      section: [{ title: 'Clinical summary', text: { status: 'additional', div: `<div xmlns="http://www.w3.org/1999/xhtml">${SPOOF}</div>` } }],
    };
    const document: Bundle = { resourceType: 'Bundle', type: 'document', entry: [{ resource: composition }] };
    const root = await fixture<HTMLDivElement>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${resident.id} auth-mode="token" .tokenProvider=${() => 't'}>
        <discharge-summary .document=${document}></discharge-summary>
      </care-record-provider>
    `);
    await settle(root, traffic);
    const summary = root.querySelector('discharge-summary')!;
    const narrative = [...deepElements(summary.shadowRoot!)].filter((element) => element.closest('[part~="narrative"]') && element.getAttribute('part') !== 'narrative');
    expect(narrative.length, 'the narrative is shown').to.be.greaterThan(0);
    expect(narrative.filter((element) => element.hasAttribute('class') || element.hasAttribute('part')).map((element) => element.outerHTML)).to.deep.equal([]);
    const hidden = narrative.find((element) => element.textContent === 'NOT ')!;
    expect(getComputedStyle(hidden).position, 'record text is not visually hidden').not.to.equal('absolute');
  });
});
