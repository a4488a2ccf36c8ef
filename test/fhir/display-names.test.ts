import { expect } from '@open-wc/testing';
import type { HumanName, Patient, Practitioner } from '@care-record/fhir';
import { formatHumanName, formatPatientName, formatPractitionerName, preferredName } from '../../packages/fhir/src/display/index.js';

describe('names', () => {
  describe('formatHumanName writes FAMILY, Given (Title)', () => {
    const cases: Array<[string, HumanName | undefined, string | undefined]> = [
      ['puts the family name in capitals, then given name, then title in brackets', { family: 'Smith', given: ['John'], prefix: ['Mr'] }, 'SMITH, John (Mr)'],
      ['joins several given names with spaces', { family: 'Smith', given: ['John', 'Paul'], prefix: ['Mr'] }, 'SMITH, John Paul (Mr)'],
      ['joins several titles', { family: 'Jones', given: ['Ann'], prefix: ['Rev', 'Dr'] }, 'JONES, Ann (Rev Dr)'],
      ['leaves out the brackets when there is no title', { family: 'Smith', given: ['John'] }, 'SMITH, John'],
      ['shows a family name alone', { family: 'Smith', prefix: ['Mrs'] }, 'SMITH (Mrs)'],
      ['shows given names alone', { given: ['Cher'] }, 'Cher'],
      ["capitalises apostrophes and particles as written (O'Brien, van der Berg)", { family: "van der O'Brien", given: ['Sean'] }, "VAN DER O'BRIEN, Sean"],
      ['leaves out suffixes, as the NHS banner does', { family: 'Smith', given: ['John'], suffix: ['MBE'] }, 'SMITH, John'],
      ['tidies stray spaces and skips blank given names', { family: '  Smith ', given: [' ', ' John  '] }, 'SMITH, John'],
      ['uses text only when there are no name parts', { text: 'Baby of Jane Smith' }, 'Baby of Jane Smith'],
      ['prefers the parts over text', { text: 'Mr John Smith', family: 'Smith', given: ['John'] }, 'SMITH, John'],
      ['returns undefined for a name with nothing to show', { prefix: ['Mr'] }, undefined],
      ['returns undefined for a missing name', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatHumanName(input)).to.equal(expected));
    }
  });

  describe('preferredName', () => {
    const now = new Date('2026-01-15T12:00:00Z');
    const cases: Array<[string, HumanName[], string | undefined]> = [
      ['prefers the official name over the usual name', [{ use: 'usual', family: 'Usual' }, { use: 'official', family: 'Official' }], 'Official'],
      ['prefers a usual name over a name with no use', [{ family: 'Plain' }, { use: 'usual', family: 'Usual' }], 'Usual'],
      ['prefers a name with no use over a nickname', [{ use: 'nickname', family: 'Nick' }, { family: 'Plain' }], 'Plain'],
      ['takes the first of equally ranked names', [{ use: 'official', family: 'First' }, { use: 'official', family: 'Second' }], 'First'],
      ['skips an official name marked old', [{ use: 'old', family: 'Maiden' }, { use: 'usual', family: 'Married' }], 'Married'],
      ['skips a name whose period has ended', [{ use: 'official', family: 'Before', period: { end: '2020-05-01' } }, { use: 'usual', family: 'After' }], 'After'],
      ['skips a name whose period has not begun', [{ use: 'official', family: 'Future', period: { start: '2030-01-01' } }, { use: 'usual', family: 'Now' }], 'Now'],
      ['keeps a name whose period ends today (a date covers the whole day)', [{ use: 'official', family: 'EndsToday', period: { end: '2026-01-15' } }, { use: 'usual', family: 'Other' }], 'EndsToday'],
      ['skips a name whose period ended earlier today', [{ use: 'official', family: 'Ended', period: { end: '2026-01-15T09:00:00Z' } }, { use: 'usual', family: 'Other' }], 'Other'],
      ['keeps a name whose period ends this month when only the month is recorded', [{ use: 'official', family: 'ThisMonth', period: { end: '2026-01' } }, { use: 'usual', family: 'Other' }], 'ThisMonth'],
      ['keeps a name whose period is current', [{ use: 'official', family: 'Current', period: { start: '2020-01-01', end: '2030-01-01' } }], 'Current'],
      ['falls back to an old name when it is the only one, rather than showing nothing', [{ use: 'old', family: 'Only' }], 'Only'],
      ['ignores names with nothing to show', [{ use: 'official' }, { use: 'temp', family: 'Temp' }], 'Temp'],
      ['returns undefined when there are no names', [], undefined],
    ];
    for (const [description, names, expected] of cases) {
      it(description, () => expect(preferredName(names, now)?.family).to.equal(expected));
    }
    it('returns undefined for missing names', () => expect(preferredName(undefined)).to.equal(undefined));
  });

  describe('patients and practitioners', () => {
    it('formats the preferred name of a patient', () => {
      const patient: Patient = {
        resourceType: 'Patient',
        name: [
          { use: 'nickname', given: ['Jack'] },
          { use: 'official', family: 'Smith', given: ['John'], prefix: ['Mr'] },
        ],
      };
      expect(formatPatientName(patient)).to.equal('SMITH, John (Mr)');
    });
    it('formats practitioners the same way as patients', () => {
      const practitioner: Practitioner = { resourceType: 'Practitioner', name: [{ family: 'Smith', given: ['Jane'], prefix: ['Dr'] }] };
      expect(formatPractitionerName(practitioner)).to.equal('SMITH, Jane (Dr)');
    });
    it('returns undefined for a patient without a name', () => {
      expect(formatPatientName({ resourceType: 'Patient' })).to.equal(undefined);
      expect(formatPractitionerName(undefined)).to.equal(undefined);
    });
    it('formats the UK Core example patient', async () => {
      const response = await fetch('/__shared/fixtures/fhir/uk-core/UKCore-Patient-RichardSmith-Example.json');
      expect(formatPatientName((await response.json()) as Patient)).to.equal('SMITH, Richard');
    });
  });
});
