import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

defineElement('care-record-document-viewer', CareRecordDocumentViewer);

export { CareRecordDocumentViewer };
