// Prints the totals of a vitest JSON report as one plain line, `N passed, N failed, N skipped`.
// A test file that failed to load counts as one failure, so a broken suite cannot look green.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(path)) {
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
const passed = report.numPassedTests;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || !report.success ? 1 : 0);
