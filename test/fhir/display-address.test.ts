import { expect } from '@open-wc/testing';
import type { Address, Patient } from '@care-record/fhir';
import { formatAddress } from '../../packages/fhir/src/display/index.js';

describe('formatAddress', () => {
  const cases: Array<[string, Address | undefined, string | undefined]> = [
    [
      'writes lines, town, county and postcode on one line in UK order',
      { line: ['Flat 2', '1 High Street'], city: 'Leeds', district: 'West Yorkshire', postalCode: 'LS1 1AA' },
      'Flat 2, 1 High Street, Leeds, West Yorkshire, LS1 1AA',
    ],
    ['leaves out the country when it is the UK', { line: ['1 High Street'], city: 'Leeds', postalCode: 'LS1 1AA', country: 'United Kingdom' }, '1 High Street, Leeds, LS1 1AA'],
    ['leaves out GB as a country code', { line: ['1 High Street'], postalCode: 'LS1 1AA', country: 'GB' }, '1 High Street, LS1 1AA'],
    ['keeps a country outside the UK', { line: ['1 Rue de la Paix'], city: 'Paris', postalCode: '75002', country: 'France' }, '1 Rue de la Paix, Paris, 75002, France'],
    ['drops blank parts and tidies spaces', { line: ['  1  High Street ', ''], city: ' ', postalCode: 'LS1 1AA' }, '1 High Street, LS1 1AA'],
    ['drops a county that repeats the town', { line: ['1 High Street'], city: 'London', district: 'LONDON', postalCode: 'SW1A 1AA' }, '1 High Street, London, SW1A 1AA'],
    ['uses text when there are no parts', { text: '1 High Street, Leeds LS1 1AA' }, '1 High Street, Leeds LS1 1AA'],
    ['prefers the parts over text', { text: 'somewhere', line: ['1 High Street'] }, '1 High Street'],
    ['returns undefined for an empty address', {}, undefined],
    ['returns undefined for a missing address', undefined, undefined],
  ];
  for (const [description, input, expected] of cases) {
    it(description, () => expect(formatAddress(input)).to.equal(expected));
  }
  it('formats the UK Core example patient address', async () => {
    const response = await fetch('/__shared/fixtures/fhir/uk-core/UKCore-Patient-RichardSmith-Example.json');
    const patient = (await response.json()) as Patient;
    expect(formatAddress(patient.address?.[0])).to.equal('4 Sandmoor Drive, LEEDS, LS17 7DF');
  });
});
