import type { FhirResource, Reference } from '@care-record/fhir';
import type { JsonObject } from '../json.js';
import { parseReference, referencesInElement, visitReferences } from '../references.js';
import type { ResourceIndex } from '../resource-index.js';
import { findParam } from './definitions.js';
import { valuesAt } from './values.js';

/** One `_include` or `_revinclude` value: `DiagnosticReport:result`, `Encounter:*`, `MedicationRequest:medication:Medication`. */
export interface IncludeSpec {
  source: string;
  param: string;
  target?: string;
  iterate: boolean;
}

/** Parses an include value; undefined when it is not `Type:param[:Target]` or `*`. */
export function parseInclude(value: string, iterate: boolean): IncludeSpec | undefined {
  if (value === '*') return { source: '*', param: '*', iterate };
  const [source, param, target, ...rest] = value.split(':');
  if (!source || !param || rest.length > 0 || !/^[A-Z][A-Za-z]+$/.test(source)) return undefined;
  if (target !== undefined && !/^[A-Z][A-Za-z]+$/.test(target)) return undefined;
  return { source, param, target, iterate };
}

const camelCase = (param: string) => param.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());

/**
 * The references a search parameter follows in a resource. Known reference parameters use their
 * element paths (`DiagnosticReport:result` → `result`); `*` follows every reference; any other name is
 * looked up as an element of that name, in camelCase, anywhere in the resource (`general-practitioner`
 * → `generalPractitioner`, `medication` → `medicationReference`).
 */
export function referencesFor(resource: FhirResource, param: string): Reference[] {
  if (param === '*') {
    const all: Reference[] = [];
    visitReferences(resource, (reference) => all.push(reference));
    return all;
  }
  const definition = findParam(resource.resourceType, param);
  if (definition?.type === 'reference') {
    return definition.paths
      .flatMap((path) => valuesAt(resource, path))
      .filter((value): value is Reference => typeof (value as Reference | undefined)?.reference === 'string');
  }
  const element = camelCase(param);
  return referencesInElement(resource as unknown as JsonObject, [element, `${element}Reference`]);
}

function keyOf(resource: FhirResource): string {
  return `${resource.resourceType}/${resource.id}`;
}

/**
 * Resources to add to a page of matches for `_include` and `_revinclude` (with `:iterate`, also for
 * the included resources, until nothing new turns up). Never repeats a match or a contained resource.
 */
export function collectIncludes(index: ResourceIndex, matches: FhirResource[], includes: IncludeSpec[], revincludes: IncludeSpec[]): FhirResource[] {
  const seen = new Set(matches.map(keyOf));
  const included: FhirResource[] = [];
  const add = (resource: FhirResource | undefined): boolean => {
    if (!resource || seen.has(keyOf(resource))) return false;
    seen.add(keyOf(resource));
    included.push(resource);
    return true;
  };

  let frontier = matches;
  for (let round = 0; frontier.length > 0 && round < 5; round++) {
    const added: FhirResource[] = [];
    const active = (spec: IncludeSpec) => round === 0 || spec.iterate;
    for (const spec of includes.filter(active)) {
      for (const resource of frontier) {
        if (spec.source !== '*' && resource.resourceType !== spec.source) continue;
        for (const reference of referencesFor(resource, spec.param)) {
          const parsed = parseReference(reference.reference);
          if (!parsed || (spec.target && parsed.type !== spec.target)) continue;
          const target = index.get(parsed.type, parsed.id);
          if (add(target)) added.push(target!);
        }
      }
    }
    const revActive = revincludes.filter(active);
    if (revActive.length > 0) {
      const frontierKeys = new Set(frontier.map(keyOf));
      for (const spec of revActive) {
        for (const candidate of index.ofType(spec.source)) {
          const points = referencesFor(candidate, spec.param).some((reference) => {
            const parsed = parseReference(reference.reference);
            return parsed !== undefined && (!spec.target || parsed.type === spec.target) && frontierKeys.has(`${parsed.type}/${parsed.id}`);
          });
          if (points && add(candidate)) added.push(candidate);
        }
      }
    }
    frontier = added;
  }
  return included;
}
