import type { ListWarningCode } from '../codes.js';
import type { CodeableConcept, Extension, List } from '../fhir-types.js';
import { codingsOf, conceptText, extensionCoding, notesText } from './internal.js';

export interface ListWarning {
  /** The warning or empty-reason code, or 'note' for a list note. */
  code: string;
  kind: 'warning' | 'empty-reason' | 'note';
  /** A sentence for staff. */
  text: string;
}

/**
 * The GP Connect / UK Core list warning codes with the definitions their code system gives
 * (CodeSystem UKCore-ListWarningCode, as GP Connect Access Record: Structured shows them). Data in
 * transit has a date placeholder in the source text that no element fills, so it is phrased without it.
 */
export const LIST_WARNING_DEFINITIONS: Readonly<Record<ListWarningCode, string>> = {
  'confidential-items': 'Items excluded due to confidentiality and/or patient preferences.',
  'data-in-transit': 'Patient record transfer from previous GP practice not yet complete; information recorded before the transfer may be missing.',
  'data-awaiting-filing': 'Patient data may be incomplete as there is data supplied by a third party awaiting review before becoming available.',
};

// FHIR list-empty-reason (R4 and STU3) and UK Core / GP Connect ListEmptyReasonCode.
const EMPTY_REASON_TEXT: Readonly<Record<string, string>> = {
  nilknown: 'Nil known: none after reasonable investigation.',
  'nil-known': 'Nil known: none after reasonable investigation.',
  notasked: 'Not asked: the information was not sought.',
  'not-asked': 'Not asked: the information was not sought.',
  withheld: 'Information withheld: some or all items are not shown for confidentiality or patient preference.',
  unavailable: 'Unavailable: the information could not be obtained.',
  notstarted: 'Not started: the list has not been started.',
  closed: 'Closed: the list is closed.',
  'no-content-recorded': 'No content recorded.',
};

/**
 * Extensions carrying list warnings: UK Core (Extension-UKCore-ListWarningCode, R4) and GP Connect /
 * Care Connect (Extension-CareConnect-GPC-ListWarningCode-1, STU3).
 */
const WARNING_EXTENSION = /ListWarningCode(-1)?$/;

function warningCodes(extensions: Extension[] | undefined): Array<{ code?: string; display?: string }> {
  return (extensions ?? [])
    .filter((e) => WARNING_EXTENSION.test(e.url))
    .map((e) => extensionCoding(e) ?? {})
    .map((c) => ({ code: c.code, display: c.display }));
}

function emptyReasonWarnings(reason: CodeableConcept | undefined): ListWarning[] {
  if (!reason) return [];
  const coding = codingsOf(reason).find((c) => c.code);
  const code = coding?.code ?? 'other';
  const text = (coding?.code && EMPTY_REASON_TEXT[coding.code]) ?? conceptText(reason);
  return text ? [{ code, kind: 'empty-reason', text }] : [];
}

/**
 * Readable warnings for a List: its warning codes (confidential items, data in transit, data awaiting
 * filing), its emptyReason and its notes. DOMAIN: "show them, never hide them" — withheld confidential
 * items must be announced, and an empty list must say why it is empty.
 */
export function listWarnings(list: List): ListWarning[] {
  const warnings: ListWarning[] = [];
  for (const { code, display } of warningCodes(list.extension)) {
    const known = code && (LIST_WARNING_DEFINITIONS as Record<string, string>)[code];
    const text = known || display || code;
    if (text) warnings.push({ code: code ?? 'other', kind: 'warning', text });
  }
  warnings.push(...emptyReasonWarnings(list.emptyReason));
  for (const note of notesText(list.note)) warnings.push({ code: 'note', kind: 'note', text: note });
  return warnings;
}
