import { expect } from '@open-wc/testing';
import type { Bundle, List } from '@care-record/fhir';
import { listWarnings } from '../../packages/fhir/src/model/index.js';
import { loadFixture } from './model-fixtures.js';

function list(fields: Partial<List> = {}): List {
  return { resourceType: 'List', status: 'current', mode: 'snapshot', ...fields };
}

const UK_CORE_WARNING = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode';
const GP_CONNECT_WARNING = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ListWarningCode-1';

describe('listWarnings', () => {
  for (const [code, text] of [
    ['confidential-items', 'Items excluded due to confidentiality and/or patient preferences.'],
    ['data-in-transit', 'Patient record transfer from previous GP practice not yet complete; information recorded before the transfer may be missing.'],
    ['data-awaiting-filing', 'Patient data may be incomplete as there is data supplied by a third party awaiting review before becoming available.'],
  ] as const) {
    it(`explains the UK Core warning "${code}"`, () => {
      const warnings = listWarnings(list({ extension: [{ url: UK_CORE_WARNING, valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ListWarningCode', code }] } }] }));
      expect(warnings).to.deep.equal([{ code, kind: 'warning', text }]);
    });

    it(`explains the GP Connect (STU3) warning "${code}"`, () => {
      expect(listWarnings(list({ extension: [{ url: GP_CONNECT_WARNING, valueCode: code }] }))[0].text).to.equal(text);
    });
  }

  it('shows an unknown warning code by its display', () => {
    const warnings = listWarnings(list({ extension: [{ url: UK_CORE_WARNING, valueCodeableConcept: { coding: [{ code: 'new-code', display: 'Something new' }] } }] }));
    expect(warnings).to.deep.equal([{ code: 'new-code', kind: 'warning', text: 'Something new' }]);
  });

  for (const [code, text] of [
    ['nilknown', 'Nil known: none after reasonable investigation.'],
    ['notasked', 'Not asked: the information was not sought.'],
    ['withheld', 'Information withheld: some or all items are not shown for confidentiality or patient preference.'],
    ['unavailable', 'Unavailable: the information could not be obtained.'],
    ['no-content-recorded', 'No content recorded.'],
  ] as const) {
    it(`explains the empty reason "${code}"`, () => {
      expect(listWarnings(list({ emptyReason: { coding: [{ code }] } }))).to.deep.equal([{ code, kind: 'empty-reason', text }]);
    });
  }

  it('shows an empty reason given only as text', () => {
    expect(listWarnings(list({ emptyReason: { text: 'Awaiting GP record' } }))).to.deep.equal([{ code: 'other', kind: 'empty-reason', text: 'Awaiting GP record' }]);
  });

  it('gives nothing for a list with no warning, no empty reason and no note', () => {
    expect(listWarnings(list())).to.deep.equal([]);
  });

  describe('real examples', () => {
    it('reads the UK Core list warning example: data in transit', async () => {
      const example = await loadFixture<List>('uk-core/extension-examples/UKCore-Extension-ListWarningCode-Example.json');
      expect(listWarnings(example).map((w) => w.code)).to.deep.equal(['data-in-transit']);
    });

    it('reads the UK Core empty list example: no content recorded', async () => {
      const example = await loadFixture<List>('uk-core/UKCore-List-EmptyList-Example.json');
      expect(listWarnings(example)).to.deep.equal([{ code: 'no-content-recorded', kind: 'empty-reason', text: 'No content recorded.' }]);
    });

    it('reads the UK Core "no allergy data" list: its empty reason and its note', async () => {
      const example = await loadFixture<List>('uk-core/UKCore-List-Sn-NoAllergyData-Example.json');
      expect(listWarnings(example)).to.deep.equal([
        { code: 'no-content-recorded', kind: 'empty-reason', text: 'No content recorded.' },
        { code: 'note', kind: 'note', text: 'Information not available' },
      ]);
    });

    it('finds no warning in a GP Connect allergy list that has none', async () => {
      const bundle = await loadFixture<Bundle>('nhs-other/gpconnect-stu3-9690937286_allergies_response.json');
      const lists = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is List => r?.resourceType === 'List');
      expect(lists.length).to.be.greaterThan(0);
      for (const each of lists) expect(listWarnings(each).filter((w) => w.kind === 'warning')).to.deep.equal([]);
    });
  });
});
