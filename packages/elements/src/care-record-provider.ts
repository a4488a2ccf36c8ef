import { CareRecordProvider } from './components/care-record-provider.js';
import { defineElement } from './define-element.js';

defineElement('care-record-provider', CareRecordProvider);

export { CareRecordProvider };
