import { expect } from '@open-wc/testing';
import type { List, MedicationDispense } from '@care-record/fhir';
import {
  ENCOUNTER_CLASS_TEXT,
  EPS_BUSINESS_STATUS_EXTENSION,
  EPS_BUSINESS_STATUS_SYSTEM,
  EPS_BUSINESS_STATUS_TEXT,
  GP_CONNECT_LIST_CODES,
  GP_CONNECT_LIST_TEXT,
  IDENTIFIER_SYSTEMS,
  INTERPRETATION_TEXT,
  LIST_WARNING_CODE_EXTENSIONS,
  LIST_WARNING_CODE_SYSTEMS,
  LIST_WARNINGS,
  NO_KNOWN_ALLERGY_TEXT,
  SNOMED_CODES,
  SNOMED_SYSTEM,
} from '../../packages/fhir/src/codes.js';
import { hasCode } from '../../packages/fhir/src/display/index.js';
import type { ListWarningCode } from '../../packages/fhir/src/codes.js';

describe('UK codes', () => {
  it('names the four "no known allergy" statements of DOMAIN.md', () => {
    expect(NO_KNOWN_ALLERGY_TEXT).to.deep.equal({
      '716186003': 'No known allergies',
      '409137002': 'No known drug allergies',
      '428607008': 'No known environmental allergies',
      '429625007': 'No known food allergies',
    });
  });

  it('has the SNOMED CT codes for discharge summaries and the A&E care setting', () => {
    expect(SNOMED_CODES.dischargeSummary).to.equal('373942005');
    expect(SNOMED_CODES.accidentAndEmergencyService).to.equal('310000008');
  });

  it('has the identifier systems of NHS numbers and ODS codes', () => {
    expect(IDENTIFIER_SYSTEMS.nhsNumber).to.equal('https://fhir.nhs.uk/Id/nhs-number');
    expect(IDENTIFIER_SYSTEMS.odsOrganisationCode).to.equal('https://fhir.nhs.uk/Id/ods-organization-code');
  });

  const interpretations: Array<[keyof typeof INTERPRETATION_TEXT, string]> = [
    ['H', 'High'],
    ['L', 'Low'],
    ['HH', 'Critically high'],
    ['LL', 'Critically low'],
    ['A', 'Abnormal'],
    ['AA', 'Critically abnormal'],
    ['N', 'Normal'],
  ];
  for (const [code, text] of interpretations) {
    it(`reads interpretation ${code} as "${text}"`, () => expect(INTERPRETATION_TEXT[code]).to.equal(text));
  }

  const statuses: Array<[keyof typeof EPS_BUSINESS_STATUS_TEXT, string]> = [
    ['0001', 'To be dispensed'],
    ['0002', 'With dispenser'],
    ['0003', 'With dispenser – active'],
    ['0004', 'Expired'],
    ['0005', 'Cancelled'],
    ['0006', 'Dispensed'],
    ['0007', 'Not dispensed'],
  ];
  for (const [code, text] of statuses) {
    it(`reads EPS prescription status ${code} as "${text}"`, () => expect(EPS_BUSINESS_STATUS_TEXT[code]).to.equal(text));
  }

  it('reads the EPS status of the dispense notification example', async () => {
    const response = await fetch('/__shared/fixtures/fhir/nhs-other/eps-dispense-notification-acute-01.json');
    const bundle = (await response.json()) as fhir4.Bundle;
    const dispense = bundle.entry?.map((entry) => entry.resource).find((r): r is MedicationDispense => r?.resourceType === 'MedicationDispense');
    const coding = dispense?.extension?.find((e) => e.url === EPS_BUSINESS_STATUS_EXTENSION)?.valueCoding;
    expect(coding?.system).to.equal(EPS_BUSINESS_STATUS_SYSTEM);
    expect(EPS_BUSINESS_STATUS_TEXT[coding?.code as keyof typeof EPS_BUSINESS_STATUS_TEXT]).to.equal('With dispenser – active');
  });

  it('has a readable text for every Encounter class code the widgets meet', () => {
    expect(Object.keys(ENCOUNTER_CLASS_TEXT)).to.have.members(['EMER', 'IMP', 'AMB', 'HH', 'VR', 'ACUTE', 'NONAC', 'PRENC', 'SS', 'OBSENC']);
    expect(ENCOUNTER_CLASS_TEXT.EMER).to.equal('Emergency');
    expect(ENCOUNTER_CLASS_TEXT.IMP).to.equal('Inpatient');
    for (const text of Object.values(ENCOUNTER_CLASS_TEXT)) expect(text).to.match(/^[A-Z][a-z]/);
  });

  it('has a heading for every GP Connect list code', () => {
    for (const code of Object.values(GP_CONNECT_LIST_CODES)) expect(GP_CONNECT_LIST_TEXT[code]).to.be.a('string');
    expect(GP_CONNECT_LIST_TEXT[GP_CONNECT_LIST_CODES.allergies]).to.equal('Allergies and adverse reactions');
  });

  it('recognises the lists of the GP Connect allergies example by their codes', async () => {
    const response = await fetch('/__shared/fixtures/fhir/nhs-other/gpconnect-stu3-9690937286_allergies_response.json');
    const bundle = (await response.json()) as { entry: Array<{ resource: List }> };
    const lists = bundle.entry.map((entry) => entry.resource).filter((resource) => resource.resourceType === 'List');
    const headings = lists.filter((list) => hasCode(list.code, SNOMED_SYSTEM, Object.values(GP_CONNECT_LIST_CODES))).map((list) => GP_CONNECT_LIST_TEXT[list.code!.coding![0].code!]);
    expect(headings).to.include.members(['Allergies and adverse reactions', 'Ended allergies']);
  });

  it('explains each list warning in words, with its name', () => {
    const codes: ListWarningCode[] = ['confidential-items', 'data-in-transit', 'data-awaiting-filing'];
    expect(Object.keys(LIST_WARNINGS)).to.have.members(codes);
    expect(LIST_WARNINGS['confidential-items'].display).to.equal('Confidential items');
    expect(LIST_WARNINGS['data-in-transit'].display).to.equal('Data in transit');
    expect(LIST_WARNINGS['data-awaiting-filing'].display).to.equal('Data awaiting filing');
    for (const code of codes) expect(LIST_WARNINGS[code].text).to.match(/\.$/);
  });

  it('reads the warning of the UK Core list warning example', async () => {
    const response = await fetch('/__shared/fixtures/fhir/uk-core/extension-examples/UKCore-Extension-ListWarningCode-Example.json');
    const list = (await response.json()) as List;
    const extension = list.extension?.find((e) => LIST_WARNING_CODE_EXTENSIONS.includes(e.url));
    const coding = extension?.valueCodeableConcept?.coding?.find((c) => LIST_WARNING_CODE_SYSTEMS.includes(c.system ?? ''));
    expect(LIST_WARNINGS[coding?.code as ListWarningCode].display).to.equal('Data in transit');
  });
});
