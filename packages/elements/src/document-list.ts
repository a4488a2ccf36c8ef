import { DocumentList } from './components/document-list.js';
import { CareRecordDocumentViewer } from './components/document-viewer.js';
import { defineElement } from './define-element.js';

// "View document" shows the files with <care-record-document-viewer>.
defineElement('care-record-document-viewer', CareRecordDocumentViewer);
defineElement('document-list', DocumentList);

export { DocumentList };
