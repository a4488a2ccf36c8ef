import { DiagnosticReportList } from './components/diagnostic-report-list.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

// Opened reports show their documents (presentedForm) with <care-record-document-viewer>.
defineElement('care-record-document-viewer', CareRecordDocumentViewer);
defineElement('diagnostic-report-list', DiagnosticReportList);

export { DiagnosticReportList };
