import { expect } from '@open-wc/testing';
import type { Patient } from '@care-record/fhir';
import { formatNhsNumber, isValidNhsNumber, nhsNumberOf, normaliseNhsNumber } from '../../packages/fhir/src/display/index.js';

describe('NHS number', () => {
  describe('isValidNhsNumber (Modulus 11)', () => {
    const cases: Array<[string, string | undefined, boolean]> = [
      ['accepts 9434765919, whose check digit 9 matches', '9434765919', true],
      ['rejects 9434765918, whose last digit is not the check digit', '9434765918', false],
      ['accepts the number written 3-3-4 with spaces', '943 476 5919', true],
      ['accepts the number written with hyphens', '943-476-5919', true],
      ['accepts a number whose check digit is 0 because 11 − (sum mod 11) is 11', '9434765900', true],
      ['rejects every number whose first nine digits give a check digit of 10', '1234567890', false],
      ['rejects 1234567899 too: no last digit can fix a check digit of 10', '1234567899', false],
      ['accepts 0000000000, which Modulus 11 allows (it only catches typing slips)', '0000000000', true],
      ['rejects nine digits', '943476591', false],
      ['rejects eleven digits', '94347659190', false],
      ['rejects letters', '943476591X', false],
      ['rejects an empty value', '', false],
      ['rejects a missing value', undefined, false],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(isValidNhsNumber(input)).to.equal(expected));
    }
  });

  describe('formatNhsNumber', () => {
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['shows ten digits 3-3-4 as on the NHS patient banner', '9434765919', '943 476 5919'],
      ['reformats a number written with hyphens', '943-476-5919', '943 476 5919'],
      ['reformats a number with stray spaces', ' 94 34 765 919 ', '943 476 5919'],
      ['formats ten digits even when the check digit is wrong (validity is a separate question)', '9434765918', '943 476 5918'],
      ['returns anything that is not ten digits as given, trimmed', '  12345  ', '12345'],
      ['returns undefined for a blank value so the caller can say "Not known"', '   ', undefined],
      ['returns undefined for a missing value', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatNhsNumber(input)).to.equal(expected));
    }
  });

  describe('normaliseNhsNumber', () => {
    it('strips spaces and hyphens to the ten digits', () => {
      expect(normaliseNhsNumber(' 943-476 5919 ')).to.equal('9434765919');
    });
    it('returns undefined when the value is not ten digits', () => {
      expect(normaliseNhsNumber('943 476 591')).to.equal(undefined);
      expect(normaliseNhsNumber('943.476.5919')).to.equal(undefined);
      expect(normaliseNhsNumber(undefined)).to.equal(undefined);
    });
  });

  describe('nhsNumberOf', () => {
    const patient = (identifier: Patient['identifier']): Patient => ({ resourceType: 'Patient', identifier });

    it('reads the identifier with the NHS number system, ignoring other identifiers', () => {
      const record = patient([
        { system: 'https://fhir.nhs.uk/Id/local-patient-identifier', value: 'H123' },
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' },
      ]);
      expect(nhsNumberOf(record)).to.equal('9434765919');
    });
    it('skips an NHS number marked old', () => {
      const record = patient([
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '4010232137', use: 'old' },
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
      ]);
      expect(nhsNumberOf(record)).to.equal('9434765919');
    });
    it('reads the NHS number system of older GP Connect feeds', () => {
      expect(nhsNumberOf(patient([{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9434765919' }]))).to.equal('9434765919');
    });
    it('returns a malformed NHS number as recorded so it is not silently lost', () => {
      expect(nhsNumberOf(patient([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: ' 94347 ' }]))).to.equal('94347');
    });
    it('returns undefined when the patient has no NHS number', () => {
      expect(nhsNumberOf(patient([{ system: 'urn:oid:1.2.3', value: '9434765919' }]))).to.equal(undefined);
      expect(nhsNumberOf({ resourceType: 'Patient' })).to.equal(undefined);
      expect(nhsNumberOf(undefined)).to.equal(undefined);
    });
    it('reads the NHS number of the UK Core example patient', async () => {
      const response = await fetch('/__shared/fixtures/fhir/uk-core/UKCore-Patient-RichardSmith-Example.json');
      const richard = (await response.json()) as Patient;
      expect(formatNhsNumber(nhsNumberOf(richard))).to.equal('991 200 3888');
      expect(isValidNhsNumber(nhsNumberOf(richard))).to.equal(true);
    });
  });
});
