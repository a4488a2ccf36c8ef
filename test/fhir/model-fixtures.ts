// Real FHIR examples for the model tests, served by the test runner from shared/fixtures/fhir.
import type { Bundle, FhirResource } from '@care-record/fhir';

export async function loadFixture<T = FhirResource>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Every resource of a type in a Bundle (entries only, not contained). */
export function resourcesOf<T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
}

export const SYNTHEA_BUNDLES = [
  'Carlene_Schamberger_cc19113f-aa63-434b-ab4e-62a5f97f1f0b.json',
  'Carlota_Muro_ba29bb08-e7d6-44c2-92cc-894cc29b8494.json',
  'Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json',
  'Emilee_Ritchie_27abf6e8-2b5d-4ec0-bfd9-6b433fc73cc2.json',
  'Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json',
  'Joie_Morissette_c47db034-eb1c-4100-9448-4d4b3cb6535c.json',
  'Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json',
  'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json',
  'Rhett_Kuhlman_aa455d27-37f0-4617-9086-f2c26446e368.json',
  'Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json',
];
