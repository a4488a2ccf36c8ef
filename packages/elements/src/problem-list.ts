import { ProblemList } from './components/problem-list.js';
import { defineElement } from './define-element.js';

defineElement('problem-list', ProblemList);

export { ProblemList };
