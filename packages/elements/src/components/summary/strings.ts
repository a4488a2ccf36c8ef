import type { NoKnownAllergyScope } from '@care-record/fhir';
import type { SummarySection } from './sections.js';
import { medicationStatusStrings } from '../medication-status.strings.js';
import type { MedicationStatusStrings } from '../medication-status.strings.js';

/** Every sentence `<care-record-summary>` shows; hosts override any of them through the provider's `strings`. */
export interface SummaryStrings extends MedicationStatusStrings {
  summaryHeading: string;
  sectionTitle: Record<SummarySection, string>;
  /** Completes "View all" for screen readers ("View all allergies and adverse reactions"). */
  viewAllHidden: Record<SummarySection, string>;
  viewAll: string;
  /** Shown instead of the section when it failed to load. */
  sectionUnavailable: Record<SummarySection, string>;
  /** "and 3 more": items not on screen, never dropped silently. */
  andMore: (count: number) => string;
  /** The server did not say how many more there are. */
  andSomeMore: string;
  enteredInError: (count: number) => string;
  /** Section freshness: "From Royal Free Hospital · Updated 3 days ago". */
  sectionFrom: (organisations: string[]) => string;
  sectionUpdated: (age: string | undefined, date: string) => string;
  sectionSourceUnknown: string;
  unknownSection: (name: string, known: string[]) => string;
  restrictedTitle: string;
  restrictedBody: string;
  importantPrefix: string;
  // Allergies
  /** By the statement's scope; a scope without its own sentence uses `all`'s. */
  noKnownAllergies: Partial<Record<NoKnownAllergyScope, string>> & { all: string };
  noAllergiesRecorded: string;
  allergyHighRisk: string;
  allergyUnableToAssess: string;
  /** "Severe reaction: Anaphylaxis", "Reaction: Rash", "Severe reaction". */
  allergyReaction: (severity: string | undefined, manifestations: string[]) => string;
  allergyUnconfirmed: string;
  allergyInactive: string;
  allergyResolved: string;
  allergyIntolerance: string;
  allergyRuledOut: (substances: string[]) => string;
  allergyConflict: string;
  substanceNotKnown: string;
  // Problems
  noActiveProblems: string;
  problemUnconfirmed: string;
  problemSince: (date: string) => string;
  pastSignificantHistory: (count: number) => string;
  // Medications
  noCurrentMedication: string;
  medicineNotKnown: string;
  prescriptionStatus: string;
  // Discharges
  noDischargeSummaries: string;
  documentKind: { discharge: string; 'emergency-department': string; ambulance: string; other: string };
  admittedDischarged: (admitted: string | undefined, discharged: string | undefined) => string;
  openDocument: string;
  // Encounters
  noRecentAttendances: string;
  encounterKind: { emergency: string; ambulance: string };
  encounterReason: (reasons: string[]) => string;
  encounterOutcome: (outcome: string) => string;
  encounterInProgress: string;
  // Results
  noRecentResults: string;
  resultsAllNormal: (count: number) => string;
  resultsAbnormal: (count: number) => string;
  resultStatus: (status: string) => string;
  /** A report's status in words, by FHIR status (final reports show none). */
  resultStatuses: Readonly<Record<string, string>>;
  /** A result's flag in words, by the laboratory's code (HL7 v3 ObservationInterpretation) or `outside-range`. */
  resultFlags: Readonly<Record<string, string>>;
  // Care plans
  noActiveCarePlans: string;
  carePlanTitleNotKnown: string;
  carePlanFrom: (date: string) => string;
  carePlanPeriod: (period: string) => string;
}

export const summaryStrings: SummaryStrings = {
  ...medicationStatusStrings,
  summaryHeading: 'Care record summary',
  sectionTitle: {
    allergies: 'Allergies and adverse reactions',
    problems: 'Active problems',
    medications: 'Current medication',
    discharges: 'Latest hospital discharge',
    encounters: 'Emergency and ambulance attendances',
    results: 'Latest results',
    'care-plans': 'Active care plans',
  },
  viewAllHidden: {
    allergies: ' allergies and adverse reactions',
    problems: ' problems',
    medications: ' medication',
    discharges: ' discharge summaries',
    encounters: ' attendances',
    results: ' results',
    'care-plans': ' care plans',
  },
  viewAll: 'View all',
  sectionUnavailable: {
    allergies: 'Allergy information unavailable',
    problems: 'Problem information unavailable',
    medications: 'Medication information unavailable',
    discharges: 'Discharge summaries unavailable',
    encounters: 'Attendance information unavailable',
    results: 'Results unavailable',
    'care-plans': 'Care plans unavailable',
  },
  andMore: (count) => `and ${count} more`,
  andSomeMore: 'and more',
  enteredInError: (count) =>
    count === 1 ? '1 entry marked as entered in error is not shown' : `${count} entries marked as entered in error are not shown`,
  sectionFrom: (organisations) =>
    organisations.length <= 2
      ? `From ${organisations.join(' and ')}`
      : `From ${organisations.slice(0, 2).join(', ')} and ${organisations.length - 2} more`,
  sectionUpdated: (age, date) => (age ? `Updated ${age} (${date})` : `Updated ${date}`),
  sectionSourceUnknown: 'Source and date not recorded',
  unknownSection: (name, known) => `“${name}” is not a section of the care record summary. Sections: ${known.join(', ')}.`,
  restrictedTitle: 'This record is restricted',
  restrictedBody:
    "The summary is not shown. If you need to see this record, follow your organisation's process for restricted records.",
  importantPrefix: 'Important: ',
  noKnownAllergies: {
    all: 'No known allergies',
    medication: 'No known drug allergies',
    food: 'No known food allergies',
    environment: 'No known environmental allergies',
    latex: 'No known latex allergy',
  },
  noAllergiesRecorded: 'No allergies recorded',
  allergyHighRisk: 'High risk',
  allergyUnableToAssess: 'Risk not assessed',
  allergyReaction: (severity, manifestations) => {
    const label = severity ? `${severity[0]!.toUpperCase()}${severity.slice(1)} reaction` : 'Reaction';
    return manifestations.length ? `${label}: ${manifestations.join(', ')}` : label;
  },
  allergyUnconfirmed: 'Unconfirmed',
  allergyInactive: 'No longer current',
  allergyResolved: 'Resolved',
  allergyIntolerance: 'Intolerance',
  allergyRuledOut: (substances) => `Ruled out: ${substances.join(', ')}`,
  allergyConflict: 'The record also says "no known allergies": check with the GP practice.',
  substanceNotKnown: 'Substance not recorded',
  noActiveProblems: 'No active problems recorded',
  problemUnconfirmed: 'Not confirmed',
  problemSince: (date) => `Since ${date}`,
  pastSignificantHistory: (count) => `Past significant history (${count})`,
  noCurrentMedication: 'No current medication recorded',
  medicineNotKnown: 'Medicine name not recorded',
  prescriptionStatus: 'Prescription status:',
  noDischargeSummaries: 'No discharge summaries recorded',
  documentKind: {
    discharge: 'Discharge summary',
    'emergency-department': 'Emergency department summary',
    ambulance: 'Ambulance summary',
    other: 'Document',
  },
  admittedDischarged: (admitted, discharged) =>
    [admitted ? `Admitted ${admitted}` : undefined, discharged ? `discharged ${discharged}` : undefined].filter(Boolean).join(', '),
  openDocument: 'Open',
  noRecentAttendances: 'No emergency department or ambulance attendances in the last 12 months',
  encounterKind: { emergency: 'Emergency department', ambulance: 'Ambulance' },
  encounterReason: (reasons) => `Reason: ${reasons.join(', ')}`,
  encounterOutcome: (outcome) => `Outcome: ${outcome}`,
  encounterInProgress: 'In progress',
  noRecentResults: 'No results recorded',
  resultsAllNormal: (count) => (count === 1 ? '1 result, not flagged' : `${count} results, none flagged`),
  resultsAbnormal: (count) => (count === 1 ? '1 result flagged' : `${count} results flagged`),
  resultStatus: (status) => `(${status})`,
  resultStatuses: {
    registered: 'Awaiting result',
    partial: 'Partial',
    preliminary: 'Preliminary',
    amended: 'Amended',
    corrected: 'Corrected',
    appended: 'Appended',
    cancelled: 'Cancelled',
    unknown: 'Status not known',
  },
  resultFlags: {
    N: 'Normal',
    H: 'High',
    L: 'Low',
    HU: 'Significantly high',
    LU: 'Significantly low',
    HH: 'Critically high',
    LL: 'Critically low',
    A: 'Abnormal',
    AA: 'Critically abnormal',
    'outside-range': 'Outside reference range',
  },
  noActiveCarePlans: 'No active care plans',
  carePlanTitleNotKnown: 'Care plan',
  carePlanFrom: (date) => `From ${date}`,
  carePlanPeriod: (period) => period,
};
