// The English (UK) sentences of <diagnostic-report-list>, apart from the element so that
// translations can import them alone (its results use <test-results>' strings).

/** Every sentence `<diagnostic-report-list>` shows (its results use `<test-results>`' strings); override any through the provider's `strings`. */
export interface DiagnosticReportListStrings {
  reportsHeading: string;
  reportsNone: string;
  reportsNoneInCategory: string;
  reportsUnavailable: string;
  reportsCount: (count: number) => string;
  reportsEnteredInError: (count: number) => string;
  /** HL7 v2-0074 diagnostic service section codes in words (`RAD`: "Radiology"); others show the sender's text. */
  reportsCategories: Readonly<Record<string, string>>;
  reportsCategoryLabel: string;
  reportsIssued: (date: string) => string;
  reportsTaken: (date: string) => string;
  reportsPerformer: (who: string) => string;
  reportsInterpreter: (who: string) => string;
  /** "8 results (1 critical, 2 abnormal)": how many results, how many flagged abnormal, how many of those critical. */
  reportsResults: (count: number, abnormal: number, critical: number) => string;
  /** "1 attached document (PDF)": how many, and their kinds. */
  reportsAttachments: (count: number, kinds: string) => string;
  /** Kinds of attached document, by what the viewer can do with them. */
  reportsAttachmentKinds: Readonly<Record<string, string>>;
  reportsConclusion: string;
  reportsCodedConclusions: string;
  reportsShowDetails: string;
  reportsHideDetails: string;
  reportsResultsHeading: string;
  reportsDocumentsHeading: string;
  reportsNoDetails: string;
  reportsLoadMoreFailed: string;
  reportsViewerMissing: string;
  reportsWarningPrefix: string;
  importantPrefix: string;
  notKnown: string;
}

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, other: string) => `${count(n)} ${n === 1 ? one : other}`;

// HL7 v2 table 0074, diagnostic service section ID: the codes UK and HL7 examples use.
const SECTIONS: Record<string, string> = {
  LAB: 'Laboratory',
  RAD: 'Radiology',
  HM: 'Haematology',
  CH: 'Chemistry',
  MB: 'Microbiology',
  MCB: 'Mycobacteriology',
  IMM: 'Immunology',
  SR: 'Serology',
  BLB: 'Blood bank',
  PAT: 'Pathology',
  SP: 'Surgical pathology',
  CP: 'Cytopathology',
  GE: 'Genetics',
  CT: 'CT scan',
  NMR: 'MRI',
  RUS: 'Ultrasound',
  US: 'Ultrasound',
  NMS: 'Nuclear medicine',
  CUS: 'Cardiac ultrasound',
  EC: 'Electrocardiac',
  EN: 'Electroneuro',
  PF: 'Pulmonary function',
  VUS: 'Vascular ultrasound',
  XRC: 'Cineradiography',
  OTH: 'Other',
};

export const defaultDiagnosticReportListStrings: DiagnosticReportListStrings = {
  reportsHeading: 'Diagnostic reports',
  reportsNone: 'No diagnostic reports recorded',
  reportsNoneInCategory: 'No reports of this kind recorded',
  reportsUnavailable: 'Diagnostic reports could not be loaded',
  reportsCount: (n) => plural(n, 'report', 'reports'),
  reportsEnteredInError: (n) => `${plural(n, 'entry', 'entries')} marked as entered in error ${n === 1 ? 'is' : 'are'} not shown`,
  reportsCategories: SECTIONS,
  reportsCategoryLabel: 'Kind of report',
  reportsIssued: (date) => `Issued ${date}`,
  reportsTaken: (date) => `Taken or done ${date}`,
  reportsPerformer: (who) => `By ${who}`,
  reportsInterpreter: (who) => `Reported by ${who}`,
  reportsResults: (n, abnormal, critical) => {
    const flags = [critical ? `${count(critical)} critical` : '', abnormal - critical > 0 ? `${count(abnormal - critical)} abnormal` : ''].filter(Boolean);
    return `${plural(n, 'result', 'results')}${flags.length ? ` (${flags.join(', ')})` : ''}`;
  },
  reportsAttachments: (n, kinds) => `${plural(n, 'attached document', 'attached documents')}${kinds ? ` (${kinds})` : ''}`,
  reportsAttachmentKinds: { pdf: 'PDF', html: 'web page', text: 'text', image: 'image', other: 'file' },
  reportsConclusion: 'Conclusion',
  reportsCodedConclusions: 'Coded conclusions',
  reportsShowDetails: 'Show details',
  reportsHideDetails: 'Hide details',
  reportsResultsHeading: 'Results',
  reportsDocumentsHeading: 'Report documents',
  reportsNoDetails: 'This report has no results or documents.',
  reportsLoadMoreFailed: 'More reports could not be loaded.',
  reportsViewerMissing: 'The report document cannot be shown here.',
  reportsWarningPrefix: 'Warning: ',
  importantPrefix: 'Important: ',
  notKnown: 'Not known',
};
