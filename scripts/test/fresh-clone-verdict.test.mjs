// The fresh-clone check's verdict on a clone's `npm test`, and the JUnit reading it relies on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failedTurboTasks, judgeTestRun } from '../checks/verdict.mjs';
import { countJUnit, junitFailures } from '../reports.mjs';

const REPORT = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testcase name="parses /proc/stat" time="0.01" classname="test"/>
  <testcase name="e2e output &amp; node_exporter" time="0.001" classname="test" failure="missing">
    <failure type="testCodeFailure" message="needs node-exporter reference data: run \`npm run reference:fetch\`">
Error: needs node-exporter reference data: run \`npm run reference:fetch\` &lt;or set VIGIL_REFERENCE_DIR&gt;
    </failure>
  </testcase>
  <testcase name="replays okx" time="0.000000" classname="test" failure="test did not finish before its parent and was cancelled">
    <failure type="cancelledByParent" message="test did not finish before its parent and was cancelled">x</failure>
  </testcase>
  <testcase name="skipped one"><skipped/></testcase>
</testsuites>`;

test('JUnit: counts, and failures with their decoded text', () => {
  assert.deepEqual(countJUnit(REPORT), { passed: 1, failed: 2, skipped: 1 });
  const f = junitFailures(REPORT);
  assert.deepEqual(f.map((x) => x.name), ['e2e output & node_exporter', 'replays okx']);
  assert.equal(f[0].message, 'needs node-exporter reference data: run `npm run reference:fetch`');
  assert.match(f[0].text, /run `npm run reference:fetch` <or set VIGIL_REFERENCE_DIR>/);
});

test('turbo run summary: the failed tasks', () => {
  const out = 'x\n Tasks:    30 successful, 33 total\nCached:    0 cached, 33 total\nFailed:    @vigil/host-exporter#test, e2e#lint, bench#test\n';
  assert.deepEqual(failedTurboTasks(out), ['@vigil/host-exporter#test', 'e2e#lint', 'bench#test']);
  assert.deepEqual(failedTurboTasks('all good\n'), []);
});

test('a passing npm test is accepted whatever its output', () => {
  assert.deepEqual(judgeTestRun({ exitCode: 0, output: 'Failed: x#lint', failures: [] }), []);
});

test('failures that all name the fetch command, in test tasks only, are accepted', () => {
  const failures = junitFailures(REPORT).slice(0, 1).map((f) => ({ ...f, report: 'exporters/host/reports/junit.xml' }));
  assert.deepEqual(judgeTestRun({ exitCode: 1, output: 'Failed:    @vigil/host-exporter#test', failures }), []);
});

test('a failure that does not name the command, a cancelled test, a failed lint: each is a problem', () => {
  const failures = [
    ...junitFailures(REPORT).map((f) => ({ ...f, report: 'r.xml' })),
    ...junitFailures('<testcase name="validates plugin.json"><error message="&quot;beforeAll&quot; hook: ENOENT: no such file or directory, open \'../shared/schemas/plugin.schema.json\'" type="Error">\nstack</error></testcase>')
      .map((f) => ({ ...f, report: 'p.xml' })),
  ];
  const problems = judgeTestRun({ exitCode: 1, output: 'Failed:    e2e#lint, e2e#test', failures });
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(problems[0], /^e2e#lint failed/);
  assert.match(problems[1], /"replays okx" .*cancelled by its parent/);
  assert.match(problems[2], /"validates plugin.json" fails without naming `npm run reference:fetch`: "beforeAll" hook: ENOENT: no such file/);
});

test('a failed run with no failing test and no failed task is a problem too', () => {
  assert.match(judgeTestRun({ exitCode: 1, output: '', failures: [] })[0], /exited 1 with no failing test/);
});
