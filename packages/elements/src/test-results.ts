import { TestResults } from './components/test-results.js';
import { defineElement } from './define-element.js';

defineElement('test-results', TestResults);

export { TestResults };
