import { CTV3_SYSTEM, ICD10_SYSTEM, LOINC_SYSTEM, READ_V2_SYSTEM, SNOMED_SYSTEM, UCUM_SYSTEM } from '../codes.js';
import type { CodeableConcept, Coding } from '../fhir-types.js';

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  [SNOMED_SYSTEM]: 'SNOMED CT',
  [LOINC_SYSTEM]: 'LOINC',
  [UCUM_SYSTEM]: 'UCUM',
  [READ_V2_SYSTEM]: 'Read v2',
  [CTV3_SYSTEM]: 'CTV3',
  [ICD10_SYSTEM]: 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-uk': 'ICD-10',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
};

const withoutTrailingSlash = (system: string) => system.trim().replace(/\/+$/, '');

/** Whether a system is dm+d: `https://dmd.nhs.uk`, with or without a trailing slash or path. */
function isDmd(system: string | undefined): boolean {
  return system !== undefined && /^https?:\/\/dmd\.nhs\.uk(?:\/|$)/i.test(system.trim());
}

function isPreferredSystem(system: string | undefined): boolean {
  return (system !== undefined && withoutTrailingSlash(system) === SNOMED_SYSTEM) || isDmd(system);
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * A short name for a code system, for showing beside a bare code: `'SNOMED CT'`, `'dm+d'`,
 * `'LOINC'`, `'ICD-10'`…; for other URLs the last part of the path (HL7 code systems and NHS code
 * systems name themselves there); otherwise the system as given.
 */
export function codeSystemName(system: string | null | undefined): string | undefined {
  const trimmed = text(system ?? undefined);
  if (trimmed === undefined) return undefined;
  if (isDmd(trimmed)) return 'dm+d';
  const known = SYSTEM_NAMES[withoutTrailingSlash(trimmed)];
  if (known) return known;
  if (/^urn:/i.test(trimmed)) return trimmed;
  const lastSegment = withoutTrailingSlash(trimmed).split('/').pop();
  return lastSegment && !/^https?:$/i.test(lastSegment) ? lastSegment : trimmed;
}

function codeWithSystem(coding: Coding): string | undefined {
  const code = text(coding.code);
  if (code === undefined) return undefined;
  const system = codeSystemName(coding.system);
  return system ? `${code} (${system})` : code;
}

/**
 * The text of one Coding: its `display`, else `code (system short name)` such as
 * `'22298006 (SNOMED CT)'`, else undefined.
 */
export function codingDisplay(coding: Coding | null | undefined): string | undefined {
  if (!coding) return undefined;
  return text(coding.display) ?? codeWithSystem(coding);
}

/**
 * The text to show for a CodeableConcept, in this order:
 * 1. `text` (what the clinician saw or typed);
 * 2. the display of the preferred coding: SNOMED CT or dm+d first (the UK's clinical terminologies),
 *    then the coding the user selected, then the first coding with a display;
 * 3. `code (system short name)` of the preferred coding with a code, e.g. `'K57.3 (ICD-10)'`.
 *
 * @returns undefined when the concept has nothing to show.
 */
export function codeableConceptText(concept: CodeableConcept | null | undefined): string | undefined {
  if (!concept) return undefined;
  const conceptText = text(concept.text);
  if (conceptText) return conceptText;
  const codings = (concept.coding ?? []).filter((coding): coding is Coding => coding != null);
  const withDisplay = codings.filter((coding) => text(coding.display) !== undefined);
  const preferred =
    withDisplay.find((coding) => isPreferredSystem(coding.system)) ??
    withDisplay.find((coding) => coding.userSelected === true) ??
    withDisplay[0];
  if (preferred) return text(preferred.display);
  const withCode = codings.filter((coding) => text(coding.code) !== undefined);
  const coded = withCode.find((coding) => isPreferredSystem(coding.system)) ?? withCode[0];
  return coded ? codeWithSystem(coded) : undefined;
}

/**
 * Whether a CodeableConcept (or any of several, such as `category`) has a coding with this system and
 * code (or any of these codes). Systems match regardless of a trailing slash (`https://dmd.nhs.uk/`).
 *
 * @example hasCode(allergy.code, SNOMED_SYSTEM, Object.keys(NO_KNOWN_ALLERGY_TEXT))
 */
export function hasCode(
  concept: CodeableConcept | readonly CodeableConcept[] | null | undefined,
  system: string,
  code: string | readonly string[],
): boolean {
  if (!concept) return false;
  const concepts: readonly CodeableConcept[] = Array.isArray(concept) ? concept : [concept as CodeableConcept];
  const wantedSystem = withoutTrailingSlash(system);
  const codes: readonly string[] = typeof code === 'string' ? [code] : code;
  return concepts.some((each) =>
    (each?.coding ?? []).some(
      (coding) =>
        coding?.system !== undefined &&
        coding.code !== undefined &&
        withoutTrailingSlash(coding.system) === wantedSystem &&
        codes.includes(coding.code.trim()),
    ),
  );
}
