import { expect } from '@open-wc/testing';
import type { AllergyIntolerance, Bundle, List, Organization } from '@care-record/fhir';
import { createResourceLookup, listWarnings, summariseAllergies } from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf } from './model-fixtures.js';

const SNOMED = 'http://snomed.info/sct';
const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code }] });
const verification = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code }] });

let counter = 0;
function allergy(fields: Partial<AllergyIntolerance> & { substance?: string; snomed?: string } = {}): AllergyIntolerance {
  const { substance = 'Penicillin', snomed, ...rest } = fields;
  return {
    resourceType: 'AllergyIntolerance',
    id: `a${++counter}`,
    clinicalStatus: clinical('active'),
    verificationStatus: verification('confirmed'),
    code: snomed ? { coding: [{ system: SNOMED, code: snomed, display: substance }] } : { text: substance },
    patient: { reference: 'Patient/p1' },
    ...rest,
  };
}

describe('summariseAllergies', () => {
  describe('states', () => {
    it('is "none-recorded" when the record holds no allergy and no statement', () => {
      const summary = summariseAllergies([]);
      expect(summary.state).to.equal('none-recorded');
      expect(summary.items).to.deep.equal([]);
      expect(summary.noKnown).to.equal(undefined);
    });

    for (const [code, scope, display] of [
      ['716186003', 'all', 'No known allergy'],
      ['409137002', 'medication', 'No known drug allergy'],
      ['428607008', 'environment', 'No known environmental allergy'],
      ['429625007', 'food', 'No known food allergy'],
    ] as const) {
      it(`is "no-known-allergies" when the record states SNOMED ${code} (${display}), in the statement's own words`, () => {
        const summary = summariseAllergies([allergy({ snomed: code, substance: display })]);
        expect(summary.state).to.equal('no-known-allergies');
        expect(summary.noKnown?.substance).to.equal(display);
        expect(summary.noKnown?.noKnownScope).to.equal(scope);
        expect(summary.items).to.have.length(0);
      });
    }

    for (const text of ['NKA', 'NKDA', 'No known allergies', 'no known drug allergy']) {
      it(`recognises a "no known allergy" statement written only as text: "${text}"`, () => {
        expect(summariseAllergies([allergy({ substance: text })]).state).to.equal('no-known-allergies');
      });
    }

    it('does not mistake an allergy whose text mentions "no known" words among others for a statement', () => {
      const summary = summariseAllergies([allergy({ substance: 'Penicillin (no known reaction details)' })]);
      expect(summary.state).to.equal('list');
    });

    it('is "list" when at least one allergy is recorded', () => {
      const summary = summariseAllergies([allergy({ substance: 'Latex' })]);
      expect(summary.state).to.equal('list');
      expect(summary.items.map((i) => i.substance)).to.deep.equal(['Latex']);
    });

    it('treats a list whose empty reason is "nil known" as no known allergies', () => {
      const summary = summariseAllergies([], { listEmptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown', display: 'Nil Known' }] } });
      expect(summary.state).to.equal('no-known-allergies');
      expect(summary.noKnownFromList).to.equal(true);
      expect(summary.emptyReason).to.equal('Nil Known');
    });

    it('keeps "none-recorded" when the list says no content was recorded, passing the reason on', () => {
      const summary = summariseAllergies([], { listEmptyReason: { coding: [{ code: 'no-content-recorded', display: 'No Content Recorded' }] } });
      expect(summary.state).to.equal('none-recorded');
      expect(summary.emptyReason).to.equal('No Content Recorded');
    });

    it('does not let an inactive "no known allergy" statement say there are no known allergies', () => {
      const summary = summariseAllergies([allergy({ snomed: '716186003', substance: 'No known allergy', clinicalStatus: clinical('inactive') })]);
      expect(summary.state).to.equal('none-recorded');
      expect(summary.noKnownStatements).to.have.length(1);
    });
  });

  describe('conflicting statements', () => {
    it('shows the list and flags the conflict when a "no known allergy" statement sits beside an allergy', () => {
      const summary = summariseAllergies([allergy({ snomed: '716186003', substance: 'No known allergy' }), allergy({ substance: 'Peanut', category: ['food'] })]);
      expect(summary.state).to.equal('list');
      expect(summary.conflictingNoKnownStatement).to.equal(true);
      expect(summary.noKnown?.substance).to.equal('No known allergy');
    });

    it('does not call "no known drug allergy" beside a food allergy a conflict', () => {
      const summary = summariseAllergies([allergy({ snomed: '409137002', substance: 'No known drug allergy' }), allergy({ substance: 'Peanut', category: ['food'] })]);
      expect(summary.state).to.equal('list');
      expect(summary.conflictingNoKnownStatement).to.equal(false);
    });

    it('calls "no known drug allergy" beside a drug allergy a conflict', () => {
      const summary = summariseAllergies([allergy({ snomed: '409137002', substance: 'No known drug allergy' }), allergy({ substance: 'Amoxicillin', category: ['medication'] })]);
      expect(summary.conflictingNoKnownStatement).to.equal(true);
    });

    it('does not call a resolved allergy a conflict', () => {
      const summary = summariseAllergies([allergy({ snomed: '716186003', substance: 'No known allergy' }), allergy({ substance: 'Peanut', clinicalStatus: clinical('resolved') })]);
      expect(summary.conflictingNoKnownStatement).to.equal(false);
    });
  });

  describe('records not shown as allergies', () => {
    it('leaves out entered-in-error records and counts them', () => {
      const summary = summariseAllergies([
        allergy({ substance: 'Aspirin', verificationStatus: verification('entered-in-error') }),
        allergy({ substance: 'Latex' }),
        allergy({ substance: 'Codeine', verificationStatus: verification('entered-in-error') }),
      ]);
      expect(summary.items.map((i) => i.substance)).to.deep.equal(['Latex']);
      expect(summary.excluded.enteredInError).to.equal(2);
    });

    it('is "none-recorded", not "no known allergies", when every record was entered in error', () => {
      const summary = summariseAllergies([allergy({ verificationStatus: verification('entered-in-error') })]);
      expect(summary.state).to.equal('none-recorded');
      expect(summary.excluded.enteredInError).to.equal(1);
    });

    it('shows refuted allergies apart, never among the allergies', () => {
      const summary = summariseAllergies([allergy({ substance: 'Penicillin', verificationStatus: verification('refuted') })]);
      expect(summary.state).to.equal('none-recorded');
      expect(summary.refuted.map((i) => i.substance)).to.deep.equal(['Penicillin']);
      expect(summary.refuted[0].refuted).to.equal(true);
    });

    it('counts the same record only once when it arrives twice', () => {
      const one = allergy({ substance: 'Latex' });
      expect(summariseAllergies([one, { ...one }]).items).to.have.length(1);
    });
  });

  describe('order and flags', () => {
    it('puts high criticality first, then severe reactions, then confirmed before unconfirmed, then newest', () => {
      const summary = summariseAllergies([
        allergy({ substance: 'Old confirmed', recordedDate: '2001-01-01' }),
        allergy({ substance: 'Unconfirmed new', recordedDate: '2024-01-01', verificationStatus: verification('unconfirmed') }),
        allergy({ substance: 'Severe', recordedDate: '2000-01-01', reaction: [{ manifestation: [{ text: 'Anaphylaxis' }], severity: 'severe' }] }),
        allergy({ substance: 'New confirmed', recordedDate: '2020-01-01' }),
        allergy({ substance: 'High', criticality: 'high', recordedDate: '1990-01-01' }),
      ]);
      expect(summary.items.map((i) => i.substance)).to.deep.equal(['High', 'Severe', 'New confirmed', 'Old confirmed', 'Unconfirmed new']);
    });

    it('lists current allergies before inactive and resolved ones, which are flagged', () => {
      const summary = summariseAllergies([
        allergy({ substance: 'Resolved', criticality: 'high', clinicalStatus: clinical('resolved') }),
        allergy({ substance: 'Inactive', clinicalStatus: clinical('inactive') }),
        allergy({ substance: 'Active' }),
      ]);
      expect(summary.items.map((i) => [i.substance, i.inactive, i.resolved])).to.deep.equal([
        ['Active', false, false],
        ['Resolved', true, true],
        ['Inactive', true, false],
      ]);
    });

    it('flags unconfirmed allergies', () => {
      const [item] = summariseAllergies([allergy({ verificationStatus: verification('unconfirmed') })]).items;
      expect(item.unconfirmed).to.equal(true);
      expect(item.verificationStatus).to.equal('unconfirmed');
    });

    it('carries substance, category, criticality, type, reactions, onset, recorded date, recorder and notes', () => {
      const [item] = summariseAllergies([
        allergy({
          snomed: '372687004',
          substance: 'Amoxicillin',
          category: ['medication'],
          criticality: 'low',
          type: 'allergy',
          onsetDateTime: '2019-06',
          recordedDate: '2019-12-10T13:00:00+00:00',
          recorder: { reference: 'Practitioner/p1', display: 'Dr Sandra Gose' },
          note: [{ text: 'Reported by daughter' }],
          reaction: [{ manifestation: [{ coding: [{ system: SNOMED, code: '247472004', display: 'Urticarial rash' }] }], severity: 'mild', description: 'Rash on arms' }],
        }),
      ]).items;
      expect(item).to.include({ substance: 'Amoxicillin', criticality: 'low', type: 'allergy', onsetDate: '2019-06', recordedDate: '2019-12-10T13:00:00+00:00', highestSeverity: 'mild' });
      expect(item.categories).to.deep.equal(['medication']);
      expect(item.reactions).to.deep.equal([{ manifestations: ['Urticarial rash'], severity: 'mild', description: 'Rash on arms', notes: [] }]);
      expect(item.recorder?.display).to.equal('Dr Sandra Gose');
      expect(item.source).to.include({ authorName: 'Dr Sandra Gose', recorded: '2019-12-10T13:00:00+00:00' });
      expect(item.notes).to.deep.equal(['Reported by daughter']);
    });

    it('names the organisation an allergy came from via the recorder\'s practitioner role', () => {
      const organisation: Organization = { resourceType: 'Organization', id: 'gp', name: 'White Rose Medical Centre' };
      const lookup = createResourceLookup([
        organisation,
        { resourceType: 'PractitionerRole', id: 'role', organization: { reference: 'Organization/gp' }, practitioner: { display: 'Dr A' } },
      ]);
      const [item] = summariseAllergies([allergy({ recorder: { reference: 'PractitionerRole/role' } })], { resolve: lookup }).items;
      expect(item.source.organisationName).to.equal('White Rose Medical Centre');
      expect(item.source.authorName).to.equal('Dr A');
    });

    it('passes list warnings through as sentences', () => {
      const list: List = {
        resourceType: 'List',
        status: 'current',
        mode: 'snapshot',
        extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode', valueCodeableConcept: { coding: [{ code: 'confidential-items' }] } }],
      };
      const summary = summariseAllergies([], { warnings: listWarnings(list) });
      expect(summary.warnings).to.deep.equal(['Items excluded due to confidentiality and/or patient preferences.']);
    });
  });

  describe('real examples', () => {
    it('reads HL7\'s "no known allergy" example as no known allergies', async () => {
      const nka = await loadFixture<AllergyIntolerance>('hl7-r4/allergyintolerance-nka.json');
      const summary = summariseAllergies([nka]);
      expect(summary.state).to.equal('no-known-allergies');
      expect(summary.noKnown?.substance).to.equal('NKA');
      expect(summary.noKnown?.recordedDate).to.equal('2015-08-06T15:37:31-06:00');
    });

    it('reads HL7\'s no known drug and no known latex examples as statements, not allergies', async () => {
      const records = await Promise.all(['hl7-r4/allergyintolerance-nkda.json', 'hl7-r4/allergyintolerance-nkla.json'].map((p) => loadFixture<AllergyIntolerance>(p)));
      const summary = summariseAllergies(records);
      expect(summary.state).to.equal('no-known-allergies');
      expect(summary.items).to.deep.equal([]);
      expect(summary.noKnownStatements.map((s) => s.noKnownScope)).to.have.members(['medication', 'latex']);
    });

    it('shows the UK Core examples: amoxicillin with its rash, NKDA in conflict, entered-in-error counted, transfer-degraded text kept', async () => {
      const names = [
        'UKCore-AllergyIntolerance-Amoxicillin-Example.json',
        'UKCore-AllergyIntolerance-EnteredInError-Example.json',
        'UKCore-AllergyIntolerance-Sn-NegHandlNoKnownAllergies-Example.json',
        'UKCore-AllergyIntolerance-Sn-NonDrugAllergy-Example.json',
        'UKCore-AllergyIntolerance-Sn-TransferDegradedDrugAllergy-Example.json',
      ];
      const records = await Promise.all(names.map((n) => loadFixture<AllergyIntolerance>(`uk-core/${n}`)));
      const summary = summariseAllergies(records);
      expect(summary.state).to.equal('list');
      expect(summary.excluded.enteredInError).to.equal(1);
      expect(summary.noKnown?.noKnownScope).to.equal('medication');
      expect(summary.items.map((i) => i.substance)).to.have.members(['Amoxicillin', 'Latex', 'Amoxicillin 250mg capsules']);
      expect(summary.items.find((i) => i.substance === 'Amoxicillin')?.reactions[0].manifestations).to.deep.equal(['Urticarial rash']);
      // Transfer-degraded records have no category: a drug-scope statement beside them is a conflict to point out.
      expect(summary.conflictingNoKnownStatement).to.equal(true);
    });

    it('reads the UK Core allergy list bundle without losing any record', async () => {
      const bundle = await loadFixture<Bundle>('uk-core/UKCore-Bundle-AllergyList-Example.json');
      const records = resourcesOf<AllergyIntolerance>(bundle, 'AllergyIntolerance');
      const summary = summariseAllergies(records);
      const shown = summary.items.length + summary.refuted.length + summary.noKnownStatements.length + summary.excluded.enteredInError;
      expect(shown).to.equal(records.length);
    });
  });
});
