// A web-test-runner reporter that writes the number of passed, failed and skipped tests to a JSON
// file, so `npm test` can print one closing line for the browser and Node suites together.
import { writeFileSync } from 'node:fs';

function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

export function testCountReporter(file = process.env.CARE_RECORD_TEST_COUNTS) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const totals = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, totals);
        // A file that failed to load has errors but no test results: count it as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.fileErrors += 1;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
