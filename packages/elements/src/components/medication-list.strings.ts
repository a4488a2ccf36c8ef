import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';
import { medicationStatusStrings } from './medication-status.strings.js';
import type { MedicationIssuer, MedicationStatusStrings } from './medication-status.strings.js';

/** The three searches the list is made of; each loads, fails and pages on its own. */
export type MedicationSourceKind = 'requests' | 'statements' | 'dispenses';

/** Progress of one step of a prescription, for the step indicator ("Issued by GP ✓ → With pharmacy ✓ → Dispensed"). */
export type MedicationStepState = 'done' | 'current' | 'todo' | 'partial' | 'failed';

/** Every sentence `<medication-list>` shows; hosts override any of them through the provider's `strings`. */
export interface MedicationListStrings extends ListControlStrings, MedicationStatusStrings {
  medHeading: string;
  /** Title of the error when nothing at all could be loaded. */
  medUnavailable: string;
  medRequestsUnavailable: string;
  medDispensesUnavailable: string;
  medDispensesUnavailableHint: string;
  medStatementsUnavailable: string;
  medStatementsUnavailableHint: string;
  medNoneRecorded: string;
  medNoneRecordedHint: string;
  medNoneCurrent: string;
  medCurrentHeading: (count: number) => string;
  medPastHeading: (count: number) => string;
  medRecordedElsewhereHeading: (count: number) => string;
  medRecordedElsewhereHint: string;
  medEnteredInError: (count: number) => string;
  medCount: (count: number) => string;
  medItems: string;
  medNameNotKnown: string;
  medCourse: (course: 'acute' | 'repeat' | 'repeat-dispensing') => string;
  medRepeatOf: (issued: number, allowed: number) => string;
  medRepeatsAllowed: (allowed: number) => string;
  medRepeatsIssued: (issued: number) => string;
  medStatusPrefix: string;
  /** Before the status of a medicine recorded elsewhere, which is not a prescription. */
  medRecordedStatusPrefix: string;
  /** EPS prescription business status (Extension-EPS-TaskBusinessStatus) in words. */
  medEpsStatus: (code: string, display?: string) => string;
  medStepsLabel: string;
  medStepIssued: (issuer: MedicationIssuer, date?: string) => string;
  medStepWithPharmacy: string;
  medStepDispensed: (date?: string) => string;
  /** Read after each step (visually hidden): the step indicator's text equivalent. */
  medStepState: (state: MedicationStepState) => string;
  medLabelStatusReason: string;
  medLabelDose: string;
  medLabelRoute: string;
  medLabelQuantity: string;
  medLabelAuthorised: string;
  medLabelLastIssued: string;
  medLabelExpiry: string;
  medLabelPrescriber: string;
  medLabelEps: string;
  medLabelDispensed: string;
  /** Label of a pharmacy record that is not a supply (being prepared, declined…). */
  medLabelPharmacy: string;
  /** MedicationDispense.status of a record that is not (yet) a supply. */
  medDispenseStatus: (status: string) => string;
  medLabelReason: string;
  medLabelNotes: string;
  medLabelRecordedBy: string;
  medLabelStarted: string;
  medLabelInstructions: string;
  medQuantityWithSupply: (quantity: string, duration: string) => string;
  medDispenseSummary: (parts: { pharmacy?: string; date?: string; quantity?: string; type?: string }) => string;
  medDispenseOnly: string;
  medHistoryShow: (count: number) => string;
  medHistoryHide: (count: number) => string;
  medHistoryLabel: (name: string) => string;
  medIssueIssued: (date: string) => string;
  medIssueUndated: string;
  medIssueQuantity: (quantity: string) => string;
  medSortLabel: string;
  medSortRecent: string;
  medSortName: string;
  medSearchLabel: string;
  medSearchHint: string;
  /** One source's part of the partial banner: "50 of 212 prescriptions". */
  medPartialSource: (kind: MedicationSourceKind, shown: number, total?: number) => string;
  medPartial: (parts: string[]) => string;
  medLoadMoreFailed: string;
  medListWarningsFailed: string;
  /** What a source shows, for "You don't have permission to see …" when the SMART scopes leave it out. */
  medScopeLabel: (kind: MedicationSourceKind) => string;
  notKnown: string;
  warningPrefix: string;
}


const EPS_TEXT: Record<string, string> = {
  '0001': 'To be dispensed',
  '0002': 'With dispenser',
  '0003': 'With dispenser – active',
  '0004': 'Expired',
  '0005': 'Cancelled',
  '0006': 'Dispensed',
  '0007': 'Not dispensed',
  '0008': 'Claimed',
  '0009': 'No claim',
};

export const medicationListStrings: MedicationListStrings = {
  ...defaultListControlStrings,
  ...medicationStatusStrings,
  medHeading: 'Medication',
  medUnavailable: 'Medication information unavailable',
  medRequestsUnavailable: 'Prescriptions could not be loaded',
  medDispensesUnavailable: 'Dispensing information unavailable',
  medDispensesUnavailableHint:
    'Prescriptions are shown, but what the pharmacy has supplied may be missing. Check with the pharmacy before relying on a dispensing status.',
  medStatementsUnavailable: 'Medicines recorded elsewhere could not be loaded',
  medStatementsUnavailableHint: 'Medicines recorded by other services, such as a hospital, may be missing from this list.',
  medNoneRecorded: 'No medication recorded',
  medNoneRecordedHint: 'This does not mean the person takes no medicines. Check with their GP or pharmacy.',
  medNoneCurrent: 'No current medication recorded.',
  medCurrentHeading: (count) => `Current medication (${count})`,
  medPastHeading: (count) => `Past medication (${count})`,
  medRecordedElsewhereHeading: (count) => `Recorded elsewhere (${count})`,
  medRecordedElsewhereHint: 'Medicines recorded by other services, such as a hospital. They are not prescriptions from this record.',
  medEnteredInError: (count) => enteredInErrorNotice(count, 'entry', 'entries'),
  medCount: (count) => `${count} ${plural(count, 'medicine', 'medicines')}`,
  medItems: 'medication',
  medNameNotKnown: 'Medicine name not recorded',
  medCourse: (course) => ({ acute: 'Acute', repeat: 'Repeat', 'repeat-dispensing': 'Repeat dispensing' })[course],
  medRepeatOf: (issued, allowed) => `Repeat ${issued} of ${allowed}`,
  medRepeatsAllowed: (allowed) => `${allowed} ${plural(allowed, 'repeat', 'repeats')} allowed`,
  medRepeatsIssued: (issued) => `${issued} ${plural(issued, 'issue', 'issues')} so far`,
  medStatusPrefix: 'Prescription status: ',
  medRecordedStatusPrefix: 'Status: ',
  medEpsStatus: (code, display) => EPS_TEXT[code] ?? display ?? code,
  medStepsLabel: 'Progress of the latest prescription',
  medStepIssued: (issuer, date) =>
    `${issuer === 'gp' ? 'Issued by GP' : issuer === 'hospital' ? 'Issued by hospital' : 'Prescription issued'}${date ? ` ${date}` : ''}`,
  medStepWithPharmacy: 'With pharmacy',
  medStepDispensed: (date) => (date ? `Dispensed ${date}` : 'Dispensed'),
  medStepState: (state) =>
    ({ done: '(done)', current: '(now)', todo: '(not yet)', partial: '(part supplied)', failed: '(stopped here)' })[state],
  medLabelStatusReason: 'Status reason',
  medLabelDose: 'Dose',
  medLabelRoute: 'Route',
  medLabelQuantity: 'Quantity',
  medLabelAuthorised: 'Authorised',
  medLabelLastIssued: 'Last issued',
  medLabelExpiry: 'Review or expiry',
  medLabelPrescriber: 'Prescriber',
  medLabelEps: 'Electronic prescription',
  medLabelDispensed: 'Last supplied',
  medLabelPharmacy: 'Pharmacy',
  medDispenseStatus: (status) =>
    ({
      preparation: 'Being prepared',
      'in-progress': 'Being prepared',
      'on-hold': 'On hold at the pharmacy',
      declined: 'Declined by the pharmacy',
      stopped: 'Stopped by the pharmacy',
      cancelled: 'Cancelled',
    })[status] ?? 'Status not known',
  medLabelReason: 'Reason',
  medLabelNotes: 'Notes',
  medLabelRecordedBy: 'Recorded by',
  medLabelStarted: 'Started',
  medLabelInstructions: 'Instructions',
  medQuantityWithSupply: (quantity, duration) => `${quantity} (${duration} supply)`,
  medDispenseSummary: ({ pharmacy, date, quantity, type }) =>
    [pharmacy ? `by ${pharmacy}` : undefined, date, quantity, type].filter(Boolean).join(' · ') || 'Details not recorded',
  medDispenseOnly: 'Supplied by a pharmacy. The prescription itself is not in this record.',
  medHistoryShow: (count) => `Show issue history (${count} ${plural(count, 'issue', 'issues')})`,
  medHistoryHide: (count) => `Hide issue history (${count} ${plural(count, 'issue', 'issues')})`,
  medHistoryLabel: (name) => `Issue history of ${name}`,
  medIssueIssued: (date) => `Issued ${date}`,
  medIssueUndated: 'Issue date not recorded',
  medIssueQuantity: (quantity) => `Quantity ${quantity}`,
  medSortLabel: 'Sort by',
  medSortRecent: 'Most recently issued',
  medSortName: 'Name (A to Z)',
  medSearchLabel: 'Search medication',
  medSearchHint: 'Medicine name, dose or prescriber',
  medPartialSource: (kind, shown, total) => {
    const noun = {
      requests: plural(total ?? shown, 'prescription record', 'prescription records'),
      statements: plural(total ?? shown, 'record from elsewhere', 'records from elsewhere'),
      dispenses: plural(total ?? shown, 'dispensing record', 'dispensing records'),
    }[kind];
    return total !== undefined && total > shown ? `${shown} of ${total} ${noun}` : `${shown} ${noun} (there are more)`;
  },
  medPartial: (parts) => `Showing ${parts.join(', ')}`,
  medLoadMoreFailed: 'More medication could not be loaded.',
  medListWarningsFailed: "Warnings from the GP record's medication list could not be loaded.",
  medScopeLabel: (kind) => ({ requests: 'prescriptions', statements: 'medicines recorded elsewhere', dispenses: 'dispensing records' })[kind],
  notKnown: 'Not known',
  warningPrefix: 'Warning: ',
};
