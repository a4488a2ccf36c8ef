import { DischargeList } from './components/discharge-list.js';
import { DischargeSummary } from './components/discharge-summary.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

// The list opens a summary inline, which shows files with <care-record-document-viewer>.
defineElement('care-record-document-viewer', CareRecordDocumentViewer);
defineElement('discharge-summary', DischargeSummary);
defineElement('discharge-list', DischargeList);

export { DischargeList };
