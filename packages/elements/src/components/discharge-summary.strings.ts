// The English (UK) sentences of <discharge-summary>, apart from the element so that translations
// can import them alone.

/** Every sentence `<discharge-summary>` shows; override any of them through the provider's `strings`. */
export interface DischargeSummaryStrings {
  /** Main heading when the document has no title. */
  summaryKindDischarge: string;
  summaryKindEmergency: string;
  summaryKindAmbulance: string;
  summaryKindOther: string;
  backToList: string;
  noDocumentChosen: string;
  /** What the person may not see, for "You don't have permission to see …". */
  scopeLabel: (resourceType: string) => string;
  notKnown: string;
  headerPatient: string;
  headerNhsNumber: string;
  headerBorn: string;
  headerHospital: string;
  headerCareSetting: string;
  headerAdmitted: string;
  headerDischarged: string;
  headerAuthor: string;
  headerStatus: string;
  headerDate: string;
  headerKind: string;
  /** Status words: Composition.status and DocumentReference.docStatus/status. */
  status: (status: string | undefined) => string;
  /** Visually hidden before a status badge, so the badge makes sense when read out. */
  statusPrefix: string;
  enteredInError: string;
  otherPatient: string;
  sectionUntitled: string;
  sectionNothing: string;
  /** A section's List.emptyReason, by code (list-empty-reason), else its text. */
  emptyReason: (code: string | undefined, text: string | undefined) => string;
  narrativeRemoved: string;
  entriesLabel: (section: string) => string;
  entriesEnteredInError: (count: number) => string;
  entriesUnavailable: (count: number) => string;
  filesHeading: string;
  description: string;
  /** Entry lines. */
  entryLinked: (type: string) => string;
  entryDose: (dose: string) => string;
  entryReaction: (reaction: string) => string;
  entryOnset: (date: string) => string;
  /** A medicine's status when it is not simply active: "Stopped", "On hold"… */
  entryMedicationStatus: (status: string) => string;
  /** Why a medicine was stopped or changed (MedicationRequest.statusReason). */
  entryReason: (reason: string) => string;
  /** Visible caption above a section's coded entries. */
  entriesCaption: string;
  entryPerformed: (date: string) => string;
  entryDue: (date: string) => string;
  entryClinicalStatus: (status: string) => string;
  allergyUnconfirmed: string;
  allergyHighRisk: string;
}

const STATUS_WORDS: Record<string, string> = {
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  'entered-in-error': 'Entered in error',
  current: 'Current',
  superseded: 'Replaced by a newer version',
};

/** MedicationRequest/MedicationStatement statuses worth saying (active ones say nothing). */
const MEDICATION_STATUS_WORDS: Record<string, string> = {
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  'on-hold': 'On hold',
  completed: 'Completed',
  'not-taken': 'Not taken',
  draft: 'Draft',
  unknown: 'Status not known',
};

const EMPTY_REASONS: Record<string, string> = {
  nilknown: 'Nothing to report (nil known)',
  notasked: 'Not asked',
  withheld: 'Information withheld',
  unavailable: 'Information not available',
  notstarted: 'Not started',
  closed: 'List closed',
};

export const defaultDischargeSummaryStrings: DischargeSummaryStrings = {
  summaryKindDischarge: 'Discharge summary',
  summaryKindEmergency: 'Emergency department summary',
  summaryKindAmbulance: 'Ambulance summary',
  summaryKindOther: 'Clinical document',
  backToList: 'Back to list',
  noDocumentChosen: 'No document has been chosen.',
  scopeLabel: (resourceType) => (resourceType === 'DocumentReference' ? 'documents' : 'discharge summaries'),
  notKnown: 'Not known',
  headerPatient: 'Patient',
  headerNhsNumber: 'NHS No.',
  headerBorn: 'Born',
  headerHospital: 'Hospital or service',
  headerCareSetting: 'Care setting',
  headerAdmitted: 'Admitted',
  headerDischarged: 'Discharged',
  headerAuthor: 'Author',
  headerStatus: 'Status',
  headerDate: 'Written',
  headerKind: 'Kind',
  status: (status) => (status ? (STATUS_WORDS[status] ?? status) : 'Not known'),
  statusPrefix: 'Status: ',
  enteredInError: 'This document was marked as entered in error, so it is not shown.',
  otherPatient: 'This document is about another person, so it is not shown. Report this to the record’s support team.',
  sectionUntitled: 'Untitled section',
  sectionNothing: 'Nothing recorded in this section.',
  emptyReason: (code, text) => (code && EMPTY_REASONS[code]) || (text ? `Nothing recorded: ${text}` : 'Nothing recorded'),
  narrativeRemoved: 'Some content in this section could not be shown safely and was removed (for example scripts or pictures from other websites).',
  entriesLabel: (section) => `Coded entries: ${section}`,
  entriesEnteredInError: (count) =>
    count === 1 ? '1 entry marked as entered in error is not shown.' : `${count} entries marked as entered in error are not shown.`,
  entriesUnavailable: (count) =>
    count === 1 ? '1 linked entry could not be found in the record.' : `${count} linked entries could not be found in the record.`,
  filesHeading: 'Document files',
  description: 'Description',
  entryLinked: (type) => `Linked record (${type})`,
  entryDose: (dose) => dose,
  entryReaction: (reaction) => `reaction: ${reaction}`,
  entryOnset: (date) => `onset ${date}`,
  entryMedicationStatus: (status) => MEDICATION_STATUS_WORDS[status] ?? status,
  entryReason: (reason) => `reason: ${reason}`,
  entriesCaption: 'Coded entries',
  entryPerformed: (date) => `on ${date}`,
  entryDue: (date) => `due ${date}`,
  entryClinicalStatus: (status) => status,
  allergyUnconfirmed: 'unconfirmed',
  allergyHighRisk: 'high risk',
};
