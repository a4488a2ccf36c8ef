// The self-contained bundle (`dist/care-record-widgets.min.js`) for a plain <script type="module">:
// everything included, every element registered under its own tag.
import { defineCareRecordElements } from './define.js';

defineCareRecordElements();

export * from './index.js';
