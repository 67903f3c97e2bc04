// What the fresh-clone check accepts from `npm test` in a clone without the peers' reference data: a pass, or
// failures that are all tests naming the one command that brings the data. Pure, so it is unit-tested.

export const FETCH_COMMAND = 'npm run reference:fetch';

/** The turbo tasks its run summary lists as failed ("Failed:    @vigil/host-exporter#test, e2e#lint"). */
export function failedTurboTasks(output) {
  return [...output.matchAll(/^\s*Failed:\s+(.+)$/gm)].flatMap((m) => m[1].split(',').map((t) => t.trim()).filter(Boolean));
}

/**
 * @param {{exitCode: number | null, output: string, failures: {report: string, name: string, message?: string, text: string}[]}} run
 * @returns {string[]} the problems; none means the run is acceptable
 */
export function judgeTestRun({ exitCode, output, failures }) {
  if (exitCode === 0) return [];
  const problems = [];
  for (const task of failedTurboTasks(output)) {
    if (!task.endsWith('#test')) problems.push(`${task} failed (only tests may fail for want of the reference data)`);
  }
  for (const f of failures) {
    if (f.text.includes(FETCH_COMMAND)) continue;
    const why = /cancelledByParent/.test(f.text)
      ? 'cancelled by its parent: a before() hook or the file itself failed, and the report lost that message'
      : (f.message || f.text).trim().split('\n')[0].slice(0, 300);
    problems.push(`${f.report}: "${f.name}" fails without naming \`${FETCH_COMMAND}\`: ${why}`);
  }
  if (problems.length === 0 && failures.length === 0) problems.push(`npm test exited ${exitCode} with no failing test in any report`);
  return problems;
}
