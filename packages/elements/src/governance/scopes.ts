/*
 * SMART on FHIR scopes: which resource types the signed-in person may read. A section whose scopes
 * were not granted is hidden with a message before any request is made, instead of failing with 403.
 *
 * SMART App Launch v1: `patient/AllergyIntolerance.read`, `user/*.read`, `patient/*.*`.
 * SMART App Launch v2: `patient/AllergyIntolerance.rs`, `user/*.cruds`, granular
 * `patient/Observation.rs?category=laboratory` (the server narrows the results; we count it as granted).
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

/** What a section does with a resource type: a search (`s` in v2) or a read by id (`r` in v2). */
export type ScopeInteraction = 'search' | 'read';

const SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/;

/** True when one SMART scope lets its holder search (or read) `resourceType`. */
export function scopeGrants(scope: string, resourceType: string, interaction: ScopeInteraction = 'search'): boolean {
  const match = SCOPE.exec(scope.trim());
  if (!match) return false;
  const [, , type, permissions] = match as unknown as [string, string, string, string];
  if (type !== '*' && type !== resourceType) return false;
  // v1
  if (permissions === 'read' || permissions === '*') return true;
  if (permissions === 'write') return false;
  // v2: a subset of c, r, u, d, s in that order.
  if (!/^c?r?u?d?s?$/.test(permissions)) return false;
  return permissions.includes(interaction === 'search' ? 's' : 'r');
}

/**
 * True when the granted scopes let the person search (or read) `resourceType`. An empty list means
 * the session does not know what was granted (a host's own token, cookie mode): the server decides,
 * so nothing is hidden.
 */
export function scopesAllow(grantedScopes: readonly string[] | undefined, resourceType: string, interaction: ScopeInteraction = 'search'): boolean {
  if (!grantedScopes || grantedScopes.length === 0) return true;
  return grantedScopes.some((scope) => scopeGrants(scope, resourceType, interaction));
}

/** Plain words for what a resource type holds, for "You don't have permission to see allergies". */
export const resourceTypeLabels: Readonly<Record<string, string>> = {
  AllergyIntolerance: 'allergies',
  Condition: 'problems and diagnoses',
  MedicationRequest: 'medicines',
  MedicationStatement: 'medicines',
  MedicationDispense: 'medicines dispensed',
  Medication: 'medicines',
  Observation: 'test results and observations',
  DiagnosticReport: 'test results',
  DocumentReference: 'documents',
  Composition: 'documents',
  Encounter: 'visits and hospital stays',
  CarePlan: 'care plans',
  Goal: 'care goals',
  Immunization: 'vaccinations',
  Procedure: 'procedures',
  List: 'record lists',
  Patient: "this person's details",
  Organization: 'organisations',
  Practitioner: 'staff details',
  PractitionerRole: 'staff details',
};

/** "allergies" for AllergyIntolerance; the type itself when there is no plain word for it. */
export function resourceTypeLabel(resourceType: string): string {
  return resourceTypeLabels[resourceType] ?? resourceType;
}
