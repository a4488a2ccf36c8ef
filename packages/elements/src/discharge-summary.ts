import { DischargeSummary } from './components/discharge-summary.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

// The summary shows a document's files with <care-record-document-viewer>.
defineElement('care-record-document-viewer', CareRecordDocumentViewer);
defineElement('discharge-summary', DischargeSummary);

export { DischargeSummary };
