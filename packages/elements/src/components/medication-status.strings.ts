/**
 * Prescription status in words, shared by `<medication-list>` and the summary's medication card.
 * No imports but types: a translation can take these without the elements.
 */
import type { MedicationStatement } from '@care-record/fhir';

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
