import { isAbortError, referenceString } from '@care-record/fhir';
import type { FhirClient, FhirResource, Patient, Reference, ResourceLookup, SearchResult } from '@care-record/fhir';

/*
 * Naming the people and organisations a list's records refer to: the references a search neither
 * contained nor included are fetched in one batched request per resource type, and one lookup answers
 * from the search results, what was fetched and the current patient.
 */

/**
 * A lookup over one or more search results (the first that knows a reference wins), the fetched
 * parties and the current patient.
 */
export function recordLookup(
  result: SearchResult | ReadonlyArray<SearchResult | undefined>,
  parties: ReadonlyMap<string, FhirResource>,
  patient: Patient | undefined,
): ResourceLookup {
  const results = Array.isArray(result) ? result.filter((r): r is SearchResult => !!r) : [result as SearchResult];
  return (reference, from) => {
    for (const searched of results) {
      const found = searched.resolve(reference, from);
      if (found) return found;
    }
    const text = referenceString(reference);
    if (!text) return undefined;
    const party = parties.get(text);
    if (party) return party;
    if (patient?.id && (text === `Patient/${patient.id}` || text.endsWith(`/Patient/${patient.id}`))) return patient;
    return undefined;
  };
}

/**
 * Fetches `wanted` (keyed by reference text) into `parties`, one batched request per resource type.
 * A failure other than an abort leaves them unnamed: the list itself must still show.
 */
export async function fetchReferences(
  client: FhirClient,
  wanted: ReadonlyMap<string, Reference>,
  parties: Map<string, FhirResource>,
  signal: AbortSignal,
): Promise<void> {
  if (!wanted.size) return;
  try {
    for (const [key, resource] of await client.resolveReferences([...wanted.values()], { signal })) parties.set(key, resource);
  } catch (error) {
    if (isAbortError(error)) throw error;
  }
}

/** The references that say who recorded or reported a record (AllergyIntolerance and Condition alike). */
interface Attributed {
  recorder?: Reference;
  asserter?: Reference;
}

/**
 * Fetches the recorders and asserters that are neither contained nor included, in one batched
 * request per resource type (`Practitioner?_id=a,b,c`), then the organisations of any
 * PractitionerRoles among them. A failure leaves the names as the references' displays: the list
 * itself must still show.
 */
export async function fetchRecordParties(
  client: FhirClient,
  resources: ReadonlyArray<FhirResource & Attributed>,
  lookup: ResourceLookup,
  known: ReadonlyMap<string, FhirResource>,
  signal: AbortSignal,
): Promise<Map<string, FhirResource>> {
  const parties = new Map(known);
  const fetchMissing = (pairs: Array<[Reference | undefined, FhirResource]>) => {
    const wanted = new Map<string, Reference>();
    for (const [reference, from] of pairs) {
      const text = referenceString(reference);
      if (reference && text && !text.startsWith('#') && !lookup(reference, from) && !parties.has(text)) wanted.set(text, reference);
    }
    return fetchReferences(client, wanted, parties, signal);
  };
  await fetchMissing(resources.flatMap((resource): Array<[Reference | undefined, FhirResource]> => [
    [resource.recorder, resource],
    [resource.asserter, resource],
  ]));
  const roles = [...parties.values()].filter((party) => party.resourceType === 'PractitionerRole');
  await fetchMissing(
    roles.flatMap((role): Array<[Reference | undefined, FhirResource]> =>
      role.resourceType === 'PractitionerRole' ? [[role.organization, role], [role.practitioner, role]] : [],
    ),
  );
  return parties;
}
