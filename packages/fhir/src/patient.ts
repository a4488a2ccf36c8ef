import type { FhirClient, SearchOptions } from './client.js';
import { CareRecordError } from './errors.js';
import type { Organization, Patient, Reference } from './fhir-types.js';
import { token } from './search-params.js';
import type { SearchResult } from './search-result.js';

/** Identifier system of the NHS number (England and Wales). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** Identifier system of ODS organisation codes (GP practices, trusts, care homes). */
export const ODS_ORGANIZATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** Options of `findPatientByNhsNumber`. */
export interface PatientLookupOptions extends SearchOptions {
  /** Ask for the registered GP too (`_include=Patient:general-practitioner`; default true). */
  includeGeneralPractitioner?: boolean;
}

/** Patients with the NHS number, and the search result (`result.resolve(patient.generalPractitioner?.[0])` finds the GP). */
export interface PatientLookup {
  patients: Patient[];
  result: SearchResult<Patient>;
}

/**
 * Finds the Patient(s) with an NHS number: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}`
 * with the registered GP included. Spaces and hyphens in the number are ignored ("943 476 5919");
 * anything other than 10 digits is refused before any request, with code `invalid-nhs-number`.
 */
export async function findPatientByNhsNumber(client: FhirClient, nhsNumber: string, options: PatientLookupOptions = {}): Promise<PatientLookup> {
  const digits = nhsNumber.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    throw new CareRecordError(`"${nhsNumber}" is not an NHS number: an NHS number has 10 digits.`, 'invalid-nhs-number');
  }
  const { includeGeneralPractitioner = true, ...searchOptions } = options;
  const result = await client.search<Patient>(
    'Patient',
    {
      identifier: token(NHS_NUMBER_SYSTEM, digits),
      _include: includeGeneralPractitioner ? 'Patient:general-practitioner' : undefined,
    },
    searchOptions,
  );
  return { patients: result.matches, result };
}

/**
 * The ODS code of an organisation, or of a reference that identifies one by ODS code (GP
 * references are often logical: `{ identifier: { system: ODS, value: 'A12345' } }`).
 */
export function odsCode(organization: Organization | Reference | undefined): string | undefined {
  if (!organization) return undefined;
  const identifiers = 'resourceType' in organization ? organization.identifier : organization.identifier ? [organization.identifier] : [];
  return identifiers?.find((identifier) => identifier.system === ODS_ORGANIZATION_SYSTEM && identifier.value)?.value;
}
