import { CareRecordSummary } from './components/care-record-summary.js';
import { defineElement } from './define-element.js';

defineElement('care-record-summary', CareRecordSummary);

export { CareRecordSummary };
