import { expect } from '@open-wc/testing';
import type { Bundle, FhirResource } from '@care-record/fhir';
import {
  createResourceLookup,
  describeReference,
  isEnteredInError,
  recordedDateOf,
  referencesResource,
  sourceOf,
} from '../../packages/fhir/src/model/index.js';
import { loadFixture } from './model-fixtures.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const trust: FhirResource = { resourceType: 'Organization', id: 'trust', name: 'Leeds Teaching Hospitals NHS Trust', identifier: [{ system: ODS, value: 'RR8' }] };
const gp: FhirResource = { resourceType: 'Organization', id: 'gp', name: 'White Rose Medical Centre' };
const doctor: FhirResource = { resourceType: 'Practitioner', id: 'dr', name: [{ family: 'Gose', given: ['Sandra'], prefix: ['Dr'] }] };
const role: FhirResource = { resourceType: 'PractitionerRole', id: 'role', practitioner: { reference: 'Practitioner/dr' }, organization: { reference: 'Organization/gp' } };
const lookup = createResourceLookup([trust, gp, doctor, role]);

describe('provenance', () => {
  describe('isEnteredInError', () => {
    const cases: Array<[string, FhirResource, boolean]> = [
      ['an AllergyIntolerance verified entered-in-error', { resourceType: 'AllergyIntolerance', patient: {}, verificationStatus: { coding: [{ code: 'entered-in-error' }] } }, true],
      ['a confirmed AllergyIntolerance', { resourceType: 'AllergyIntolerance', patient: {}, verificationStatus: { coding: [{ code: 'confirmed' }] } }, false],
      ['a Condition verified entered-in-error', { resourceType: 'Condition', subject: {}, verificationStatus: { coding: [{ code: 'entered-in-error' }] } }, true],
      ['a MedicationRequest with status entered-in-error', { resourceType: 'MedicationRequest', status: 'entered-in-error', intent: 'order', subject: {} }, true],
      ['an Observation with status entered-in-error', { resourceType: 'Observation', status: 'entered-in-error', code: {} }, true],
      ['a cancelled Observation', { resourceType: 'Observation', status: 'cancelled', code: {} }, false],
      ['a DocumentReference with docStatus entered-in-error', { resourceType: 'DocumentReference', status: 'current', docStatus: 'entered-in-error', content: [] }, true],
      ['a Goal with lifecycleStatus entered-in-error', { resourceType: 'Goal', lifecycleStatus: 'entered-in-error', description: {}, subject: {} }, true],
      ['an Encounter with status entered-in-error', { resourceType: 'Encounter', status: 'entered-in-error', class: {} }, true],
    ];
    for (const [what, resource, expected] of cases) it(`is ${expected} for ${what}`, () => expect(isEnteredInError(resource)).to.equal(expected));
  });

  describe('recordedDateOf', () => {
    const cases: Array<[FhirResource, string | undefined]> = [
      [{ resourceType: 'AllergyIntolerance', patient: {}, recordedDate: '2020-01-01' }, '2020-01-01'],
      [{ resourceType: 'Condition', subject: {}, recordedDate: '2020-01-02' }, '2020-01-02'],
      [{ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: {}, authoredOn: '2020-01-03' }, '2020-01-03'],
      [{ resourceType: 'MedicationDispense', status: 'completed', whenPrepared: '2020-01-04', whenHandedOver: '2020-01-05' }, '2020-01-05'],
      [{ resourceType: 'Observation', status: 'final', code: {}, effectiveDateTime: '2020-01-06', issued: '2020-01-07T00:00:00Z' }, '2020-01-07T00:00:00Z'],
      [{ resourceType: 'Composition', status: 'final', type: {}, date: '2020-01-08', author: [], title: 'x' }, '2020-01-08'],
      [{ resourceType: 'Encounter', status: 'finished', class: {}, period: { start: '2020-01-09' } }, '2020-01-09'],
      [{ resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: {}, created: '2020-01-10' }, '2020-01-10'],
      [{ resourceType: 'Patient', meta: { lastUpdated: '2020-01-11T00:00:00Z' } }, '2020-01-11T00:00:00Z'],
      [{ resourceType: 'Patient' }, undefined],
    ];
    for (const [resource, date] of cases) it(`reads a ${resource.resourceType}'s recorded date as ${date}`, () => expect(recordedDateOf(resource)).to.equal(date));
  });

  describe('sourceOf', () => {
    it('takes an allergy\'s recorder, and the organisation of its practitioner role', () => {
      const source = sourceOf({ resourceType: 'AllergyIntolerance', patient: {}, recorder: { reference: 'PractitionerRole/role' }, recordedDate: '2021-04-01' }, lookup);
      expect(source).to.deep.equal({ authorRef: 'PractitionerRole/role', authorName: 'GOSE, Sandra (Dr)', organisationRef: 'Organization/gp', organisationName: 'White Rose Medical Centre', recorded: '2021-04-01' });
    });

    it('takes a prescription\'s requester', () => {
      expect(sourceOf({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: {}, requester: { reference: 'Practitioner/dr' } }, lookup)).to.include({ authorName: 'GOSE, Sandra (Dr)' });
    });

    it('takes a report\'s performing organisation, with its ODS code', () => {
      expect(sourceOf({ resourceType: 'DiagnosticReport', status: 'final', code: {}, performer: [{ reference: 'Organization/trust' }] }, lookup)).to.include({
        organisationRef: 'Organization/trust',
        organisationName: 'Leeds Teaching Hospitals NHS Trust',
        organisationOds: 'RR8',
      });
    });

    it('takes a document\'s custodian as organisation and its author as person', () => {
      const source = sourceOf({ resourceType: 'Composition', status: 'final', type: {}, date: '2024-01-01', title: 'x', custodian: { reference: 'Organization/trust' }, author: [{ reference: 'Practitioner/dr' }] }, lookup);
      expect(source).to.include({ organisationName: 'Leeds Teaching Hospitals NHS Trust', authorName: 'GOSE, Sandra (Dr)', recorded: '2024-01-01' });
    });

    it('takes an encounter\'s service provider', () => {
      expect(sourceOf({ resourceType: 'Encounter', status: 'finished', class: {}, serviceProvider: { display: 'St James' , type: 'Organization' } })).to.include({ organisationName: 'St James' });
    });

    it('takes a care plan\'s author', () => {
      expect(sourceOf({ resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: {}, author: { reference: 'Organization/gp' } }, lookup)).to.include({ organisationName: 'White Rose Medical Centre' });
    });

    it('names an organisation identified only by ODS code', () => {
      const source = sourceOf({ resourceType: 'DocumentReference', status: 'current', content: [], custodian: { identifier: { system: ODS, value: 'A83008' }, display: 'Hallgarth Surgery' } });
      expect(source).to.include({ organisationRef: `${ODS}|A83008`, organisationOds: 'A83008', organisationName: 'Hallgarth Surgery' });
    });

    it('falls back to a contained Organization, and reports meta.source', () => {
      const source = sourceOf({ resourceType: 'Condition', subject: {}, contained: [{ resourceType: 'Organization', id: 'o', name: 'Contained Practice' }], meta: { source: 'https://gp.example/fhir' } });
      expect(source).to.include({ organisationRef: '#o', organisationName: 'Contained Practice', sourceSystem: 'https://gp.example/fhir' });
    });
  });

  describe('references', () => {
    it('resolves contained, relative, absolute, versioned, urn:uuid and bare-id references', () => {
      const holder: FhirResource = { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: {}, contained: [{ resourceType: 'Goal', id: 'g', lifecycleStatus: 'active', description: {}, subject: {} }] };
      expect(lookup('#g', holder)?.resourceType).to.equal('Goal');
      expect(lookup({ reference: 'Organization/trust' })?.id).to.equal('trust');
      expect(lookup('https://fhir.example/R4/Organization/trust')?.id).to.equal('trust');
      expect(lookup('Organization/trust/_history/3')?.id).to.equal('trust');
      expect(lookup('urn:uuid:trust')?.id).to.equal('trust');
      expect(lookup('trust')?.id).to.equal('trust');
      expect(lookup('Organization/nowhere')).to.equal(undefined);
    });

    it('finds Bundle entries by fullUrl, and asks the fallback for the rest', async () => {
      const bundle = await loadFixture<Bundle>('nhs-other/eps-prescription-order-multiple-dosage.json');
      const extra: FhirResource = { resourceType: 'Organization', id: 'x', name: 'Fallback' };
      const bundleLookup = createResourceLookup(bundle, createResourceLookup([extra]));
      expect(bundleLookup('urn:uuid:3b4b03a5-52ba-4ba6-9b82-70350aa109d8')?.resourceType).to.equal('Organization');
      expect(bundleLookup('Organization/x')?.id).to.equal('x');
    });

    it('tells whether a reference points at a resource', () => {
      expect(referencesResource('Encounter/e1', { resourceType: 'Encounter', id: 'e1', status: 'finished', class: {} })).to.equal(true);
      expect(referencesResource('urn:uuid:e1', { resourceType: 'Encounter', id: 'e1', status: 'finished', class: {} })).to.equal(true);
      expect(referencesResource('Condition/e1', { resourceType: 'Encounter', id: 'e1', status: 'finished', class: {} })).to.equal(false);
    });

    it('describes a referenced party by its resolved name, else its display', () => {
      expect(describeReference({ reference: 'Organization/trust', display: 'Old name' }, undefined, lookup)).to.deep.equal({ reference: 'Organization/trust', resourceType: 'Organization', name: 'Leeds Teaching Hospitals NHS Trust' });
      expect(describeReference({ reference: 'Location/ward', display: 'Ward 7' })).to.deep.equal({ reference: 'Location/ward', resourceType: 'Location', name: 'Ward 7' });
      expect(describeReference(undefined)).to.equal(undefined);
    });
  });
});
