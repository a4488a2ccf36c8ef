/**
 * Prescription status in words ("Issued by GP 12-Mar-2024", "With pharmacy", "Dispensed 14-Mar-2024"),
 * shared by `<medication-list>` and the summary's medication card so that staff read the same words
 * in both, and hosts reword them once. The model's own labels are English only, so they are not shown.
 */
import { formatDate } from '@care-record/fhir';
import type { DisplayOptions, MedicationItem, PrescriptionStatus } from '@care-record/fhir';
import type { MedicationIssuer, MedicationStatusStrings } from './medication-status.strings.js';

export { medicationStatusStrings } from './medication-status.strings.js';
export type { MedicationIssuer, MedicationStatusStrings } from './medication-status.strings.js';

// Inpatient, outpatient and discharge prescriptions come from a hospital (UK Core MedicationRequest category).
const HOSPITAL_CATEGORY = /\b(inpatient|outpatient|discharge)\b/i;

export function issuerOf(item: MedicationItem): MedicationIssuer {
  if (item.kind === 'dispensed') return 'unknown';
  return item.categories.some((category) => HOSPITAL_CATEGORY.test(category)) ? 'hospital' : 'gp';
}

export interface PrescriptionStatusContext {
  requestStatus?: string;
  /** An authorisation with no issue that ran out: the authorisation, not a prescription, expired. */
  authorisationOnly?: boolean;
}

/** A prescription status in the host's words. */
export function prescriptionStatusText(
  status: PrescriptionStatus,
  date: string | undefined,
  issuer: MedicationIssuer,
  context: PrescriptionStatusContext,
  s: MedicationStatusStrings,
  display: DisplayOptions,
): string {
  const formatted = formatDate(date, display);
  switch (status) {
    case 'authorised':
      return s.medStatusAuthorised;
    case 'issued':
      return s.medStatusIssued(issuer, formatted);
    case 'with-pharmacy':
      return s.medStatusWithPharmacy;
    case 'dispensed':
      return s.medStatusDispensed(formatted);
    case 'partially-dispensed':
      return s.medStatusPartiallyDispensed(formatted);
    case 'not-dispensed':
      return s.medStatusNotDispensed;
    case 'cancelled':
      return s.medStatusCancelled;
    case 'expired':
      return context.authorisationOnly ? s.medStatusAuthorisationExpired : s.medStatusExpired;
    case 'stopped':
      return s.medStatusStopped;
    case 'on-hold':
      return s.medStatusOnHold;
    default:
      return context.requestStatus === 'completed' ? s.medStatusCompleted : context.requestStatus === 'draft' ? s.medStatusDraft : s.medStatusUnknown;
  }
}

/** The status of one medicine as the list and the summary show it. */
export function medicationStatusText(item: MedicationItem, s: MedicationStatusStrings, display: DisplayOptions): string {
  if (item.kind === 'recorded') return item.statementStatus ? s.medStatementStatus(item.statementStatus) : s.medStatusUnknown;
  const date = item.status === 'issued' ? (item.statusDate ?? item.lastIssuedDate) : item.statusDate;
  return prescriptionStatusText(item.status, date, issuerOf(item), {
    requestStatus: item.requestStatus,
    authorisationOnly: item.kind === 'prescribed' && item.issues.length === 0,
  }, s, display);
}
