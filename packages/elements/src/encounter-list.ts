import { EncounterList } from './components/encounter-list.js';
import { DischargeSummary } from './components/discharge-summary.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

// The timeline opens the summaries written for a visit in <discharge-summary>, which shows files
// with <care-record-document-viewer>.
defineElement('care-record-document-viewer', CareRecordDocumentViewer);
defineElement('discharge-summary', DischargeSummary);
defineElement('encounter-list', EncounterList);

export { EncounterList };
