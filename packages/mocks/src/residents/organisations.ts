// Organisations and people shared by the residents: GP practices (with ODS codes), the acute trust,
// the ambulance service, a community pharmacy and the care homes. All fictional; codes are in the
// shape of ODS codes but do not name real organisations.
import type { CodeableConcept, Organization, Practitioner } from '@care-record/fhir';
import { concept, ODS_CODE, sct } from './builders.js';

const organisation = (
  id: string,
  name: string,
  ods: string,
  type: CodeableConcept,
  address: { line: string[]; city: string; postalCode: string; district?: string },
  phone: string,
): Organization => ({
  resourceType: 'Organization',
  id,
  meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization'] },
  identifier: [{ system: ODS_CODE, value: ods }],
  active: true,
  type: [type],
  name,
  telecom: [{ system: 'phone', value: phone, use: 'work' }],
  address: [{ use: 'work', ...address, country: 'England' }],
});

const GP_PRACTICE = sct('788007007', 'General practice service');
const PROVIDER = concept('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider');

export const riversidePractice = organisation(
  'org-riverside-medical-practice',
  'Riverside Medical Practice',
  'A99901',
  GP_PRACTICE,
  { line: ['2 Kennet Walk'], city: 'Reading', district: 'Berkshire', postalCode: 'RG1 3GD' },
  '0118 496 0101',
);

export const aireValleySurgery = organisation(
  'org-aire-valley-surgery',
  'Aire Valley Surgery',
  'A99902',
  GP_PRACTICE,
  { line: ['41 Kirkstall Road'], city: 'Leeds', district: 'West Yorkshire', postalCode: 'LS4 2QB' },
  '0113 496 0202',
);

export const lewishamHighStreetPractice = organisation(
  'org-lewisham-high-street-practice',
  'Lewisham High Street Practice',
  'A99903',
  GP_PRACTICE,
  { line: ['118 Lewisham High Street'], city: 'London', postalCode: 'SE13 6EE' },
  '020 7946 0303',
);

export const cathedralGreenSurgery = organisation(
  'org-cathedral-green-surgery',
  'Cathedral Green Surgery',
  'A99904',
  GP_PRACTICE,
  { line: ['7 Tombland Alley'], city: 'Norwich', district: 'Norfolk', postalCode: 'NR3 1HE' },
  '01603 496 0404',
);

export const cliftonDownsPractice = organisation(
  'org-clifton-downs-practice',
  'Clifton Downs Practice',
  'A99905',
  GP_PRACTICE,
  { line: ['23 Whiteladies Road'], city: 'Bristol', postalCode: 'BS8 2LG' },
  '0117 496 0505',
);

export const generalHospital = organisation(
  'org-thames-valley-general',
  'Thames Valley General Hospital NHS Foundation Trust',
  'RX9',
  PROVIDER,
  { line: ['London Road'], city: 'Reading', postalCode: 'RG1 5AN' },
  '0118 496 0999',
);

export const aireGeneralHospital = organisation(
  'org-aire-general',
  'Aire General Hospital NHS Trust',
  'RX7',
  PROVIDER,
  { line: ['Armley Road'], city: 'Leeds', postalCode: 'LS12 2QE' },
  '0113 496 0999',
);

export const southLondonHospital = organisation(
  'org-south-london-general',
  'South London General Hospital NHS Trust',
  'RX6',
  PROVIDER,
  { line: ['Lewisham Way'], city: 'London', postalCode: 'SE4 1UT' },
  '020 7946 0999',
);

export const kirkstallPharmacy = organisation(
  'org-kirkstall-pharmacy',
  'Kirkstall Pharmacy',
  'FX902',
  PROVIDER,
  { line: ['210 Kirkstall Lane'], city: 'Leeds', postalCode: 'LS5 3JE' },
  '0113 496 0777',
);

export const ambulanceService = organisation(
  'org-central-england-ambulance',
  'Central England Ambulance Service NHS Trust',
  'RX8',
  PROVIDER,
  { line: ['Ambulance Headquarters', 'Bath Road'], city: 'Reading', postalCode: 'RG2 0SL' },
  '0118 496 0888',
);

export const hillsidePharmacy = organisation(
  'org-hillside-pharmacy',
  'Hillside Pharmacy',
  'FX901',
  PROVIDER,
  { line: ['9 Oxford Road'], city: 'Reading', postalCode: 'RG1 7LE' },
  '0118 496 0777',
);

export const willowCourt = organisation(
  'org-willow-court-care-home',
  'Willow Court Care Home',
  'VX901',
  PROVIDER,
  { line: ['14 Mill Lane'], city: 'Reading', postalCode: 'RG1 6QW' },
  '0118 496 0555',
);

const REGISTERS = {
  gmc: 'https://fhir.hl7.org.uk/Id/gmc-number',
  hcpc: 'https://fhir.hl7.org.uk/Id/hcpc-number',
  nmc: 'https://fhir.hl7.org.uk/Id/nmc-number',
};

export const practitioner = (id: string, name: { family: string; given: string; prefix: string }, register: keyof typeof REGISTERS, number: string): Practitioner => ({
  resourceType: 'Practitioner',
  id,
  meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner'] },
  identifier: [{ system: REGISTERS[register], value: number }],
  active: true,
  name: [{ use: 'official', family: name.family, given: [name.given], prefix: [name.prefix], text: `${name.prefix} ${name.given} ${name.family}` }],
});

export const drPatel = practitioner('pr-anita-patel', { family: 'Patel', given: 'Anita', prefix: 'Dr' }, 'gmc', '7000101');
export const drOkoro = practitioner('pr-ada-okoro', { family: 'Okoro', given: 'Ada', prefix: 'Dr' }, 'gmc', '7000102');
export const drHughes = practitioner('pr-rhys-hughes', { family: 'Hughes', given: 'Rhys', prefix: 'Dr' }, 'gmc', '7000103');
export const drRadcliffe = practitioner('pr-joan-radcliffe', { family: 'Radcliffe', given: 'Joan', prefix: 'Dr' }, 'gmc', '7000104');
export const drAhmed = practitioner('pr-yusuf-ahmed', { family: 'Ahmed', given: 'Yusuf', prefix: 'Dr' }, 'gmc', '7000106');
export const drMensah = practitioner('pr-kofi-mensah', { family: 'Mensah', given: 'Kofi', prefix: 'Dr' }, 'gmc', '7000105');
export const paramedicLee = practitioner('pr-sam-lee', { family: 'Lee', given: 'Sam', prefix: 'Mr' }, 'hcpc', 'PA99001');
export const nurseAdeyemi = practitioner('pr-grace-adeyemi', { family: 'Adeyemi', given: 'Grace', prefix: 'Ms' }, 'nmc', '99A0001E');

/** Everything shared, for each resident's bundle to carry (duplicates collapse on indexing). */
export const sharedResources = [
  riversidePractice,
  aireValleySurgery,
  lewishamHighStreetPractice,
  cathedralGreenSurgery,
  cliftonDownsPractice,
  generalHospital,
  aireGeneralHospital,
  southLondonHospital,
  kirkstallPharmacy,
  ambulanceService,
  hillsidePharmacy,
  willowCourt,
  drPatel,
  drOkoro,
  drHughes,
  paramedicLee,
  drRadcliffe,
  drMensah,
  drAhmed,
  nurseAdeyemi,
];
