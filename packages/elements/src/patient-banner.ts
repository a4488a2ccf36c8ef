import { PatientBanner } from './components/patient-banner.js';
import { defineElement } from './define-element.js';

defineElement('patient-banner', PatientBanner);

export { PatientBanner };
