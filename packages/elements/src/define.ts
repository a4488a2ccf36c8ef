import { defineElement } from './define-element.js';
import { CareRecordProvider } from './components/care-record-provider.js';
import { CareRecordSignIn } from './components/care-record-sign-in.js';
import { AllergyList } from './components/allergy-list.js';
import { ProblemList } from './components/problem-list.js';
import { PatientBanner } from './components/patient-banner.js';
import { CareRecordSummary } from './components/care-record-summary.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { DischargeSummary } from './components/discharge-summary.js';
import { DischargeList } from './components/discharge-list.js';
import { MedicationList } from './components/medication-list.js';
import { TestResults } from './components/test-results.js';
import { DiagnosticReportList } from './components/diagnostic-report-list.js';
import { CarePlanList } from './components/care-plan-list.js';
import { EncounterList } from './components/encounter-list.js';
import { DocumentList } from './components/document-list.js';

/** A tag (without prefix) and the class registered under it. */
export interface CareRecordElementEntry {
  tag: string;
  ctor: CustomElementConstructor;
}

/**
 * Every element of the library, for `defineCareRecordElements`. Add new elements here (and give each
 * its own registration module `src/<tag>.ts`).
 */
export const careRecordElements: CareRecordElementEntry[] = [
  { tag: 'care-record-provider', ctor: CareRecordProvider },
  { tag: 'care-record-sign-in', ctor: CareRecordSignIn },
  { tag: 'allergy-list', ctor: AllergyList },
  { tag: 'problem-list', ctor: ProblemList },
  { tag: 'patient-banner', ctor: PatientBanner },
  { tag: 'care-record-summary', ctor: CareRecordSummary },
  { tag: 'care-record-document-viewer', ctor: CareRecordDocumentViewer },
  { tag: 'discharge-summary', ctor: DischargeSummary },
  { tag: 'discharge-list', ctor: DischargeList },
  { tag: 'medication-list', ctor: MedicationList },
  { tag: 'test-results', ctor: TestResults },
  { tag: 'diagnostic-report-list', ctor: DiagnosticReportList },
  { tag: 'care-plan-list', ctor: CarePlanList },
  { tag: 'encounter-list', ctor: EncounterList },
  { tag: 'document-list', ctor: DocumentList },
];

export { defineElement };

export interface DefineOptions {
  /**
   * Prefix for every tag, for hosts with a clash or their own namespace: `'acme'` registers
   * `acme-care-record-provider`, `acme-care-record-sign-in`, …
   */
  prefix?: string;
}

/** Registers every element of the library (see `careRecordElements`), optionally under a prefix. */
export function defineCareRecordElements(options: DefineOptions = {}): void {
  const prefix = options.prefix?.trim().replace(/-+$/, '').toLowerCase();
  if (prefix !== undefined && prefix !== '' && !/^[a-z][a-z0-9-]*$/.test(prefix)) {
    throw new TypeError(`"${options.prefix}" cannot start a custom element name: use lowercase letters, digits and hyphens.`);
  }
  for (const { tag, ctor } of careRecordElements) defineElement(prefix ? `${prefix}-${tag}` : tag, ctor);
}
