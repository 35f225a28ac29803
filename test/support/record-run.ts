/**
 * Vitest global setup: records when and on which commit the test run that
 * produces .cache/evidence/vitest-results.json happened, so the site can
 * show the date and commit next to each result.
 */
import { writeRunInfo } from '../../src/evidence/run-info.ts';

export default async function recordRun(): Promise<void> {
  await writeRunInfo();
}
