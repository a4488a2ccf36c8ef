// Language as a vendor sets it: every sentence in one English (UK) set, a translation loaded from
// JSON and given to the provider, and dates in the provider's locale (en-GB by default).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { createFhirHandlers } from '@care-record/mocks';
import { NHS_NUMBER_SYSTEM } from '@care-record/fhir';
import type { Bundle, Patient } from '@care-record/fhir';
import type { CareRecordProvider, PatientBanner } from '@care-record/elements';
import {
  ambiguousKeys,
  defaultStrings,
  defineTranslation,
  loadTranslation,
  missingTranslations,
  stringSets,
  translationFromJson,
} from '@care-record/elements/localisation.js';
import type { CareRecordStrings } from '@care-record/elements/localisation.js';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/patient-banner.js';

const BASE = 'https://fhir.test/R4';
const patient: Patient = {
  resourceType: 'Patient',
  id: 'p-1',
  name: [{ use: 'official', family: 'Jones', given: ['Eira'], prefix: ['Mrs'] }],
  gender: 'female',
  birthDate: '1938-07-14',
  identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765919' }],
};
const record: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] };

// Part of a Welsh translation, as a translator would write it in JSON.
const welsh = {
  born: 'Ganwyd',
  gender: 'Rhywedd',
  genderFemale: 'Benyw',
  retry: 'Rhowch gynnig arall',
  showingOf: 'Yn dangos {0} o {1}',
  andMore: { zero: 'dim mwy', one: 'ac {0} arall', two: 'a {0} arall', few: 'a {0} arall', many: 'a {0} arall', other: 'a {0} arall' },
  sectionTitle: { allergies: 'Alergeddau' },
};

const worker = setupWorker();

async function banner(attributes: { locale?: string; strings?: Partial<CareRecordStrings> } = {}): Promise<PatientBanner> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id="p-1" auth-mode="token" .tokenProvider=${() => 't'} locale=${attributes.locale ?? 'en-GB'} .strings=${attributes.strings}>
      <patient-banner></patient-banner>
    </care-record-provider>
  `);
  const element = provider.querySelector('patient-banner')!;
  await waitUntil(() => element.shadowRoot?.querySelector('.banner'), 'the banner never showed the person', { timeout: 5000 });
  await element.updateComplete;
  return element;
}

function details(element: PatientBanner): string[] {
  return [...element.shadowRoot!.querySelectorAll('.detail')].map((detail) => (detail.textContent ?? '').replace(/\s+/g, ' ').trim());
}

describe('language', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [record] })));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('has every string of every widget in one English (UK) set', () => {
    expect(defaultStrings.retry).to.equal('Try again');
    expect(defaultStrings.born).to.equal('Born');
    expect(defaultStrings.viewAll).to.equal('View all');
    expect((defaultStrings.showingOf as (shown: number, total: number) => string)(50, 212)).to.equal('Showing 50 of 212');
    const everyKey = new Set(Object.values(stringSets).flatMap((set) => Object.keys(set)));
    expect([...everyKey].filter((key) => !(key in defaultStrings))).to.deep.equal([]);
    expect(Object.keys(stringSets)).to.include.members(['defaultStrings', 'summaryStrings', 'patientIdentityStrings', 'allergyListStrings']);
  });

  it('turns a JSON translation into strings: templates, plural forms by the locale, and sets of strings', () => {
    const translation = translationFromJson(welsh, { locale: 'cy-GB' });
    const showingOf = translation.showingOf as (shown: number, total: number) => string;
    const andMore = translation.andMore as (count: number) => string;
    expect(showingOf(20, 212)).to.equal('Yn dangos 20 o 212');
    expect([0, 1, 2, 3, 6, 7].map(andMore)).to.deep.equal(['dim mwy', 'ac 1 arall', 'a 2 arall', 'a 3 arall', 'a 6 arall', 'a 7 arall']);
    const titles = translation.sectionTitle as Record<string, string>;
    expect(titles.allergies).to.equal('Alergeddau');
    expect(titles.problems).to.equal((defaultStrings.sectionTitle as Record<string, string>).problems);
  });

  it('refuses a key that does not exist, and a value of the wrong shape, naming the key', () => {
    expect(() => translationFromJson({ retyr: 'Eto' })).to.throw(TypeError, '"retyr" is not a Care Record string.');
    expect(() => translationFromJson({ retry: 42 })).to.throw(TypeError, '"retry" takes a string.');
    expect(() => translationFromJson({ showingOf: { few: 'x' } })).to.throw(TypeError, '"showingOf"');
  });

  it("lists what a translation leaves in English", () => {
    const missing = missingTranslations(defineTranslation({ retry: 'Rhowch gynnig arall' }));
    expect(missing).to.not.include('retry');
    expect(missing).to.include('born');
    // Keys worded differently by different widgets are listed per widget (`tag.key`).
    expect(missing).to.include('care-record-summary.enteredInError');
    expect(missing.filter((key) => !key.includes('.')).length).to.equal(Object.keys(defaultStrings).length - 1 - Object.keys(ambiguousKeys).length);
  });

  it('shows a translation loaded from JSON once the host gives it to the provider', async () => {
    worker.use(http.get('https://care-home.test/translations/cy.json', () => HttpResponse.json(welsh)));
    const strings = await loadTranslation('https://care-home.test/translations/cy.json', { locale: 'cy-GB' });
    const element = await banner({ strings });
    expect(details(element)).to.include.members(['Rhywedd Benyw']);
    expect(details(element).some((detail) => detail.startsWith('Ganwyd 14-Jul-1938'))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('writes dates in English (UK) by default, and in the locale the provider is given', async () => {
    const english = await banner();
    expect(details(english).find((detail) => detail.startsWith('Born'))).to.match(/^Born 14-Jul-1938 \(\d+y\)$/);
    const french = await banner({ locale: 'fr-FR' });
    expect(details(french).find((detail) => detail.startsWith('Born'))).to.match(/^Born 14-juil\.?-1938 \(\d+y\)$/);
  });
});
