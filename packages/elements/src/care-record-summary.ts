import { CareRecordSummary } from './components/care-record-summary.js';
import { defineElement } from './define.js';

defineElement('care-record-summary', CareRecordSummary);

export { CareRecordSummary };
