import { CarePlanList } from './components/care-plan-list.js';
import { defineElement } from './define-element.js';

defineElement('care-plan-list', CarePlanList);

export { CarePlanList };
