// Public API of @care-record/elements. Importing it registers nothing: import the registration
// modules (`@care-record/elements/care-record-provider.js`) or call `defineCareRecordElements()`.

export { CareRecordProvider, DEFAULT_SCOPE, PatientMatchError } from './components/care-record-provider.js';
export type { AuthMode } from './components/care-record-provider.js';
export { CareRecordSignIn } from './components/care-record-sign-in.js';
export { AllergyList, allergyListStrings, fetchRecordParties, recordLookup, ALLERGY_LIST_CODE } from './components/allergy-list.js';
export type { AllergyListStrings, AllergyData, AllergySort, AllergyCategoryFilter, AllergyStatusFilter } from './components/allergy-list.js';
export { ProblemList, problemListStrings } from './components/problem-list.js';
export type { ProblemListStrings, ProblemData, ProblemGroupName, ProblemGroupFilter, ProblemSort } from './components/problem-list.js';

export * from './context/index.js';
export * from './events.js';
export * from './governance/index.js';
export { defaultStrings, mergeStrings } from './strings.js';
export type { Strings } from './strings.js';

export { CareRecordElement, canReadRecord } from './base/care-record-element.js';
export { createRecordTask, RecordTask } from './base/record-task.js';
export type { RecordTaskContext, RecordTaskOptions, RecordTaskRenderers } from './base/record-task.js';
export {
  clampHeadingLevel,
  renderAccessDenied,
  renderEmpty,
  renderError,
  renderHeading,
  renderLoading,
  renderNoPatient,
  renderPartial,
  renderSessionEnded,
  renderSignedOut,
  serverMessages,
  sourceLine,
} from './base/states.js';
export type { HeadingLevel, HeadingOptions, PartialOptions, SourceLineOptions } from './base/states.js';
export {
  defaultListControlStrings,
  listControlStyles,
  matchesQuery,
  renderListControls,
  renderListCount,
  renderSearchControl,
  renderSelectControl,
} from './base/list-controls.js';
export type { CountOptions, ListControlStrings, SearchControlOptions, SelectControlOptions, SelectOption } from './base/list-controls.js';
export { tokenStyles, tokenNames } from './base/tokens.styles.js';
export { hostStyles } from './base/host.styles.js';

export { PatientBanner, gpPracticeReference } from './components/patient-banner.js';
export type { GpPractice } from './components/patient-banner.js';
export {
  CONFIDENTIALITY_SYSTEM,
  RESTRICTED_ACT_CODES,
  RESTRICTED_CONFIDENTIALITY_CODES,
  isRestrictedRecord,
  patientIdentity,
  patientIdentityLineStyles,
  patientIdentityStrings,
  renderPatientIdentityLine,
  restrictedRecordOpened,
} from './components/patient-identity-line.js';
export type { PatientIdentity, PatientIdentityOptions, PatientIdentityStrings } from './components/patient-identity-line.js';
export { CareRecordSummary } from './components/care-record-summary.js';
export { SUMMARY_SECTIONS, isSummarySection, parseSections } from './components/summary/sections.js';
export type { SectionChoice, SummarySection } from './components/summary/sections.js';
export { summaryStrings } from './components/summary/strings.js';
export type { SummaryStrings } from './components/summary/strings.js';

export { CareRecordDocumentViewer, defaultDocumentViewerStrings } from './components/document-viewer.js';
export type { DocumentViewerStrings } from './components/document-viewer.js';
export { DischargeSummary, defaultDischargeSummaryStrings } from './components/discharge-summary.js';
export type { DischargeSummaryStrings } from './components/discharge-summary.js';
export { DischargeList, defaultDischargeListStrings } from './components/discharge-list.js';
export type { DischargeListKind, DischargeListStrings } from './components/discharge-list.js';
export { MedicationList, medicationListStrings, medicationLookup, fetchMedicationParties } from './components/medication-list.js';
export type {
  MedicationData,
  MedicationIssuer,
  MedicationListStrings,
  MedicationSort,
  MedicationSource,
  MedicationSourceKind,
  MedicationStepState,
} from './components/medication-list.js';
export { TestResults, defaultTestResultsStrings } from './components/test-results.js';
export type { TestResultsStrings, TestResultsView } from './components/test-results.js';
export { renderResultsTable, renderFlag, renderStatusBadge, resultValueText, referenceRangeText } from './components/results-table.js';
export type { ResultsTableOptions } from './components/results-table.js';
export { renderTrendChart, renderTrendTable, trendSummary, defaultTrendChartStrings } from './components/trend-chart.js';
export type { TrendChartData, TrendChartOptions, TrendChartStrings } from './components/trend-chart.js';
export { DiagnosticReportList, defaultDiagnosticReportListStrings } from './components/diagnostic-report-list.js';
export type { DiagnosticReportListStrings } from './components/diagnostic-report-list.js';
export { CarePlanList, carePlanListStrings, fetchCarePlanParties, timingText } from './components/care-plan-list.js';
export type { CarePlanData, CarePlanListStrings, CarePlanStatusFilter } from './components/care-plan-list.js';
export { EncounterList, encounterListStrings, ENCOUNTER_FILTER_KINDS, filterKindOf, lengthOfStayDays } from './components/encounter-list.js';
export type { EncounterFilterKind, EncounterListStrings, EncounterPage } from './components/encounter-list.js';
export { DocumentList, documentListStrings } from './components/document-list.js';
export type { DocumentListStrings, DocumentPage, DocumentSort, DocumentStatusFilter } from './components/document-list.js';

export { careRecordElements, defineCareRecordElements, defineElement } from './define.js';
export type { CareRecordElementEntry, DefineOptions } from './define.js';
