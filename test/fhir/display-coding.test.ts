import { expect } from '@open-wc/testing';
import type { AllergyIntolerance, CodeableConcept, Coding } from '@care-record/fhir';
import { NO_KNOWN_ALLERGY_TEXT, SNOMED_SYSTEM } from '../../packages/fhir/src/codes.js';
import { codeableConceptText, codeSystemName, codingDisplay, hasCode } from '../../packages/fhir/src/display/index.js';

const snomed = (code: string, display?: string): Coding => ({ system: 'http://snomed.info/sct', code, display });

describe('codes and concepts', () => {
  describe('codeableConceptText', () => {
    const cases: Array<[string, CodeableConcept | undefined, string | undefined]> = [
      ['shows the text the clinician saw first', { text: 'Penicillin allergy', coding: [snomed('91936005', 'Allergy to penicillin')] }, 'Penicillin allergy'],
      ['shows the SNOMED CT display when there is no text', { coding: [{ system: 'http://read.info/ctv3', code: 'Xa1no', display: 'Peanut allergy' }, snomed('91935009', 'Allergy to peanuts')] }, 'Allergy to peanuts'],
      ['prefers SNOMED CT over a coding the user selected in another system', { coding: [{ system: 'http://read.info/ctv3', code: 'Xa1no', display: 'Peanut allergy', userSelected: true }, snomed('91935009', 'Allergy to peanuts')] }, 'Allergy to peanuts'],
      ['prefers dm+d displays for medicines', { coding: [{ system: 'http://example.org/local', code: 'PARA', display: 'Para 500' }, { system: 'https://dmd.nhs.uk', code: '42109611000001109', display: 'Paracetamol 500mg tablets' }] }, 'Paracetamol 500mg tablets'],
      ['recognises dm+d written with a trailing slash', { coding: [{ system: 'http://example.org/local', code: 'A', display: 'Local' }, { system: 'https://dmd.nhs.uk/', code: '1', display: 'Amoxicillin 500mg capsules' }] }, 'Amoxicillin 500mg capsules'],
      ['falls back to the coding the user selected', { coding: [{ system: 'http://a.example/cs', code: '1', display: 'First' }, { system: 'http://b.example/cs', code: '2', display: 'Chosen', userSelected: true }] }, 'Chosen'],
      ['falls back to the first coding with a display', { coding: [{ system: 'http://a.example/cs', code: '1' }, { system: 'http://b.example/cs', code: '2', display: 'Second' }] }, 'Second'],
      ['shows code and system short name when nothing has a display', { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'K57.3' }] }, 'K57.3 (ICD-10)'],
      ['prefers a SNOMED CT code when showing bare codes', { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'K57.3' }, snomed('22298006')] }, '22298006 (SNOMED CT)'],
      ['shows a bare code without a system', { coding: [{ code: 'ABC' }] }, 'ABC'],
      ['ignores blank text and blank displays', { text: '  ', coding: [snomed('22298006', ' ')] }, '22298006 (SNOMED CT)'],
      ['returns undefined for an empty concept', { coding: [] }, undefined],
      ['returns undefined for a missing concept', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(codeableConceptText(input)).to.equal(expected));
    }
    it('reads the UK Core amoxicillin allergy example', async () => {
      const response = await fetch('/__shared/fixtures/fhir/uk-core/UKCore-AllergyIntolerance-Amoxicillin-Example.json');
      const allergy = (await response.json()) as AllergyIntolerance;
      expect(codeableConceptText(allergy.code)).to.equal('Amoxicillin');
    });
  });

  describe('codingDisplay', () => {
    it('shows the display', () => expect(codingDisplay(snomed('22298006', 'Myocardial infarction'))).to.equal('Myocardial infarction'));
    it('shows code and system short name without a display', () => expect(codingDisplay({ system: 'http://loinc.org', code: '2823-3' })).to.equal('2823-3 (LOINC)'));
    it('returns undefined for a coding with neither', () => expect(codingDisplay({ system: 'http://loinc.org' })).to.equal(undefined));
    it('returns undefined for a missing coding', () => expect(codingDisplay(undefined)).to.equal(undefined));
  });

  describe('codeSystemName', () => {
    const cases: Array<[string | undefined, string | undefined]> = [
      ['http://snomed.info/sct', 'SNOMED CT'],
      ['https://dmd.nhs.uk', 'dm+d'],
      ['https://dmd.nhs.uk/', 'dm+d'],
      ['http://loinc.org', 'LOINC'],
      ['http://read.info/ctv3', 'CTV3'],
      ['http://terminology.hl7.org/CodeSystem/v3-ActCode', 'v3-ActCode'],
      ['https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', 'EPS-task-business-status'],
      ['urn:oid:2.16.840.1.113883.6.96', 'urn:oid:2.16.840.1.113883.6.96'],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [system, expected] of cases) {
      it(`names ${system === undefined ? 'a missing system' : `"${system}"`} ${expected === undefined ? 'as undefined' : `"${expected}"`}`, () =>
        expect(codeSystemName(system)).to.equal(expected));
    }
  });

  describe('hasCode', () => {
    const nka: CodeableConcept = { coding: [snomed('716186003', 'No known allergy')] };
    it('finds a code in the given system', () => expect(hasCode(nka, SNOMED_SYSTEM, '716186003')).to.equal(true));
    it('does not match the same code in another system', () => expect(hasCode(nka, 'http://loinc.org', '716186003')).to.equal(false));
    it('matches any of several codes', () => expect(hasCode(nka, SNOMED_SYSTEM, Object.keys(NO_KNOWN_ALLERGY_TEXT))).to.equal(true));
    it('looks through a list of concepts such as a category', () => {
      const categories: CodeableConcept[] = [{ text: 'Other' }, { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }];
      expect(hasCode(categories, 'http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item')).to.equal(true);
    });
    it('ignores a trailing slash on the system', () => {
      expect(hasCode({ coding: [{ system: 'https://dmd.nhs.uk/', code: '123' }] }, 'https://dmd.nhs.uk', '123')).to.equal(true);
    });
    it('returns false for a missing concept', () => expect(hasCode(undefined, SNOMED_SYSTEM, '716186003')).to.equal(false));
    it('recognises the HL7 "no known allergy" example as a no-known-allergy statement', async () => {
      const response = await fetch('/__shared/fixtures/fhir/hl7-r4/allergyintolerance-nka.json');
      const allergy = (await response.json()) as AllergyIntolerance;
      expect(hasCode(allergy.code, SNOMED_SYSTEM, Object.keys(NO_KNOWN_ALLERGY_TEXT))).to.equal(true);
    });
  });
});
