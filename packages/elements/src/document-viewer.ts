import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define.js';

defineElement('care-record-document-viewer', CareRecordDocumentViewer);

export { CareRecordDocumentViewer };
