/**
 * Prescription status in words ("Issued by GP 12-Mar-2024", "With pharmacy", "Dispensed 14-Mar-2024"),
 * shared by `<medication-list>` and the summary's medication card so that staff read the same words
 * in both, and hosts reword them once. The model's own labels are English only, so they are not shown.
 */
import { formatDate } from '@care-record/fhir';
import type { DisplayOptions, MedicationItem, MedicationStatement, PrescriptionStatus } from '@care-record/fhir';

/** Who issued a prescription, as far as the record says. */
export type MedicationIssuer = 'gp' | 'hospital' | 'unknown';

export interface MedicationStatusStrings {
  medStatusAuthorised: string;
  medStatusIssued: (issuer: MedicationIssuer, date?: string) => string;
  medStatusWithPharmacy: string;
  medStatusDispensed: (date?: string) => string;
  medStatusPartiallyDispensed: (date?: string) => string;
  medStatusNotDispensed: string;
  medStatusCancelled: string;
  medStatusExpired: string;
  medStatusAuthorisationExpired: string;
  medStatusStopped: string;
  medStatusOnHold: string;
  medStatusCompleted: string;
  medStatusDraft: string;
  medStatusUnknown: string;
  /** MedicationStatement.status of a medicine recorded elsewhere. */
  medStatementStatus: (status: MedicationStatement['status']) => string;
}

export const medicationStatusStrings: MedicationStatusStrings = {
  medStatusAuthorised: 'Authorised, awaiting issue',
  medStatusIssued: (issuer, date) =>
    `${issuer === 'gp' ? 'Issued by GP' : issuer === 'hospital' ? 'Issued by hospital' : 'Issued'}${date ? ` ${date}` : ''}`,
  medStatusWithPharmacy: 'With pharmacy',
  medStatusDispensed: (date) => (date ? `Dispensed ${date}` : 'Dispensed'),
  medStatusPartiallyDispensed: (date) => (date ? `Partially dispensed ${date}` : 'Partially dispensed'),
  medStatusNotDispensed: 'Not dispensed',
  medStatusCancelled: 'Cancelled',
  medStatusExpired: 'Expired',
  medStatusAuthorisationExpired: 'Authorisation expired',
  medStatusStopped: 'Stopped',
  medStatusOnHold: 'On hold',
  medStatusCompleted: 'Course completed',
  medStatusDraft: 'Draft (not yet issued)',
  medStatusUnknown: 'Status not known',
  medStatementStatus: (status) =>
    ({
      active: 'Taking',
      intended: 'Intended',
      completed: 'Completed',
      stopped: 'Stopped',
      'on-hold': 'On hold',
      'not-taken': 'Not taken',
      unknown: 'Status not known',
      'entered-in-error': 'Entered in error',
    })[status] ?? 'Status not known',
};

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
