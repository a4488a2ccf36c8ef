// A vendor rewording one widget without touching the others: `strings` keys at the top level reach
// every widget that uses them, keys under a widget's tag name reach that widget only, and a top-level
// value of the wrong shape for some widget (text where that widget counts) leaves it working.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, fhirFault } from '@care-record/mocks';
import type { AllergyIntolerance, Bundle, Patient } from '@care-record/fhir';
import type { CareRecordProvider } from '@care-record/elements';
import type { Translation } from '@care-record/elements/localisation.js';
import { ambiguousKeys, missingTranslations, stringsByWidget, translationFromJson } from '@care-record/elements/localisation.js';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/care-record-summary.js';
import '@care-record/elements/allergy-list.js';

const BASE = 'https://fhir.test/R4';
const patient: Patient = { resourceType: 'Patient', id: 'p-1', name: [{ family: 'Jones', given: ['Eira'] }], birthDate: '1938-07-14' };
const allergy = (id: string, text: string, status: string): AllergyIntolerance => ({
  resourceType: 'AllergyIntolerance',
  id,
  patient: { reference: 'Patient/p-1' },
  code: { text },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: status }] },
  recordedDate: '2024-03-12',
});
const record: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [patient, allergy('a-1', 'Penicillin', 'confirmed'), allergy('a-2', 'Peanut', 'entered-in-error')].map((resource) => ({ resource })),
};

const worker = setupWorker();

async function page(strings: Translation, body = html`<care-record-summary sections="allergies"></care-record-summary><allergy-list></allergy-list>`) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id="p-1" auth-mode="token" .tokenProvider=${() => 't'} .strings=${strings}>${body}</care-record-provider>
  `);
  return provider;
}

const text = (element: Element | null | undefined): string => (element?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('strings for one widget', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [record] })));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('keeps the summary working when a top-level string is text where the summary counts, and warns naming the key', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const provider = await page({ enteredInError: 'Marked as a mistake' } as Translation);
      const summary = provider.querySelector('care-record-summary')!;
      await waitUntil(() => text(summary).includes('Penicillin'), 'the summary never showed the allergy', { timeout: 5000 });
      // The summary's notice is a function of the count: its English default stays.
      expect(text(summary)).to.match(/1 .*entered in error/i);
      expect(text(summary)).to.not.include('Marked as a mistake');
      expect(warnings.some((warning) => warning.includes('"enteredInError"') && warning.includes('function'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it("changes one widget's wording under its tag name, and every widget's at the top level", async () => {
    worker.use(fhirFault(BASE, { resourceType: 'AllergyIntolerance', status: 500 }));
    const provider = await page({ retry: 'Please try again', 'allergy-list': { retry: 'Reload allergies' } });
    const summary = provider.querySelector('care-record-summary')!;
    const list = provider.querySelector('allergy-list')!;
    const buttons = (element: Element) => [...element.shadowRoot!.querySelectorAll('button')].map((button) => button.textContent?.trim());
    await waitUntil(() => buttons(list).includes('Reload allergies') && buttons(summary).includes('Please try again'), 'the errors never offered to try again', {
      timeout: 8000,
    });
    expect(buttons(list)).to.not.include('Please try again');
    expect(buttons(summary)).to.not.include('Reload allergies');
  });

  it('takes a function under a tag name where that widget counts', async () => {
    const provider = await page({ 'care-record-summary': { enteredInError: (count: number) => `${count} hidden (entered in error)` } });
    const summary = provider.querySelector('care-record-summary')!;
    await waitUntil(() => text(summary).includes('1 hidden (entered in error)'), 'the summary never used its own wording', { timeout: 5000 });
  });

  it('names the widgets to use when JSON gives a key that means different things in different widgets', () => {
    expect(Object.keys(ambiguousKeys)).to.include.members(['enteredInError', 'allergyConflict']);
    expect(() => translationFromJson({ enteredInError: 'Camgymeriad' })).to.throw(TypeError, /"care-record-summary": \{ "enteredInError"/);
    const translation = translationFromJson({
      'care-record-summary': { enteredInError: { one: '{0} cofnod wedi’i guddio', other: '{0} cofnod wedi’u cuddio' } },
      'discharge-summary': { enteredInError: 'Nodwyd fel camgymeriad' },
    }) as Record<string, Record<string, unknown>>;
    expect((translation['care-record-summary'].enteredInError as (count: number) => string)(2)).to.equal('2 cofnod wedi’u cuddio');
    expect(translation['discharge-summary'].enteredInError).to.equal('Nodwyd fel camgymeriad');
    expect(() => translationFromJson({ 'allergy-list': { notAKey: 'x' } })).to.throw(TypeError, /"notAKey" is not a string of <allergy-list>/);
  });

  it("lists each widget's ambiguous keys a translation leaves in English", () => {
    const missing = missingTranslations({ 'discharge-summary': { enteredInError: 'Nodwyd fel camgymeriad' } });
    expect(missing).to.include.members(['care-record-summary.enteredInError', 'discharge-list.enteredInError', 'allergy-list.allergyConflict']);
    expect(missing).to.not.include('discharge-summary.enteredInError');
    expect(stringsByWidget['allergy-list'].retry).to.equal('Try again');
  });
});
