import { CareRecordSignIn } from './components/care-record-sign-in.js';
import { defineElement } from './define-element.js';

defineElement('care-record-sign-in', CareRecordSignIn);

export { CareRecordSignIn };
