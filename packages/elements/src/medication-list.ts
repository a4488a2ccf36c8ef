import { MedicationList } from './components/medication-list.js';
import { defineElement } from './define-element.js';

defineElement('medication-list', MedicationList);

export { MedicationList };
