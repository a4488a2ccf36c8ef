import { AllergyList } from './components/allergy-list.js';
import { defineElement } from './define-element.js';

defineElement('allergy-list', AllergyList);

export { AllergyList };
