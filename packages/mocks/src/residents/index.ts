import type { FhirResource } from '@care-record/fhir';
import { arthurPemberton } from './arthur-pemberton.js';
import type { Resident } from './builders.js';
import { dorisOkafor } from './doris-okafor.js';
import { evelynMarsh } from './evelyn-marsh.js';
import { haroldBrennan } from './harold-brennan.js';
import { margaretWhitfield } from './margaret-whitfield.js';

export type { Resident } from './builders.js';
export { generateLargeResident, type LargeResidentOptions } from './large.js';

/**
 * The packaged synthetic care-home residents (TypeScript data: no file I/O, works in the browser,
 * Storybook and Node). Fictional people, organisations and NHS numbers (999 test range, valid
 * Modulus 11). Coded in the UK Core style: SNOMED CT, dm+d, ODS codes, UK Core extensions.
 */
export const residents: readonly Resident[] = [margaretWhitfield, arthurPemberton, dorisOkafor, haroldBrennan, evelynMarsh];

/** Every resource of every packaged resident, each once (shared organisations and practitioners collapse). */
export function allResidentResources(): FhirResource[] {
  const seen = new Map<string, FhirResource>();
  for (const resident of residents) {
    for (const entry of resident.bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource) seen.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  return [...seen.values()];
}
