import type { Bundle, Composition, FhirResource } from '@care-record/fhir';
import { parseReference, visitReferences } from './references.js';
import type { ResourceIndex } from './resource-index.js';
import { resourceKey } from './routing.js';

function referencedResources(index: ResourceIndex, resource: FhirResource): FhirResource[] {
  const found: FhirResource[] = [];
  visitReferences(resource, (reference) => {
    const parsed = parseReference(reference.reference);
    const target = parsed && index.get(parsed.type, parsed.id);
    if (target) found.push(target);
  });
  return found;
}

/**
 * The `Composition/{id}/$document` Bundle (FHIR R4 Composition $document): the Composition first,
 * then every resource it references (subject, encounter, authors, custodian, attesters, the entries of
 * its sections and sub-sections), then what those reference in turn, one level more (a
 * MedicationRequest's Medication, a report's results, the patient's GP practice). References to
 * resources the server does not hold are left for the client to report.
 */
export function buildDocument(index: ResourceIndex, composition: Composition, baseUrl: string, now = new Date()): Bundle {
  const included = new Map<string, FhirResource>([[resourceKey(composition), composition]]);
  let frontier: FhirResource[] = [composition];
  for (let depth = 0; depth < 2; depth++) {
    const next: FhirResource[] = [];
    for (const resource of frontier) {
      for (const target of referencedResources(index, resource)) {
        if (included.has(resourceKey(target))) continue;
        included.set(resourceKey(target), target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return {
    resourceType: 'Bundle',
    id: `${composition.id}-document`,
    meta: { lastUpdated: now.toISOString() },
    // The document's own identifier, not the Composition's (FHIR keeps the two apart).
    identifier: { system: 'urn:ietf:rfc:3986', value: `${baseUrl}/Composition/${composition.id}/$document` },
    type: 'document',
    timestamp: composition.date ?? now.toISOString(),
    entry: [...included.values()].map((resource) => ({ fullUrl: `${baseUrl}/${resourceKey(resource)}`, resource })),
  };
}
