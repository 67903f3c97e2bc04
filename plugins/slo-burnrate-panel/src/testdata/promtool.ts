// Runs the real promtool against a rule file and reads back what it computed, so Jest can check the panel's
// maths against Prometheus' own evaluation of the same rules on the same input series.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { requireBinary } from '@vigil/test-support/binaries';

export interface InputSeries {
  series: string;
  values: string;
}

export interface PromSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A copy of a rule file without annotations: promtool compares annotations of firing alerts too, and the
 * generator's are templated with $value; these tests are about which alerts fire, with which labels.
 */
export function withoutAnnotations(ruleFile: string, dir: string): string {
  const doc = parse(readFileSync(ruleFile, 'utf8')) as {
    groups: Array<{ rules: Array<Record<string, unknown>> }>;
  };
  for (const group of doc.groups) {
    for (const rule of group.rules) {
      delete rule.annotations;
    }
  }
  const out = join(dir, 'rules.yml');
  writeFileSync(out, stringify(doc));
  return out;
}

function runTest(ruleFile: string, test: object): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'slo-promtool-'));
  try {
    const file = join(dir, 'test.yml');
    const rules = withoutAnnotations(ruleFile, dir);
    writeFileSync(file, stringify({ rule_files: [rules], evaluation_interval: '5m', tests: [test] }));
    // $PROMTOOL_BIN or promtool on PATH; a missing one fails here in one line naming its Debian package.
    const promtool = requireBinary('promtool');
    const r = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) {
      throw new Error(`${promtool} test rules: ${r.error.message}`);
    }
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[m[1]] = JSON.parse(`"${m[2]}"`);
  }
  return labels;
}

/**
 * Every `slo:*` sample promtool's rule evaluation holds at each eval time. promtool prints what it got when an
 * expectation fails, so the probe expects nothing and reads the "got:" line of each failure.
 */
export function evaluateSloSeries(
  ruleFile: string,
  input: InputSeries[],
  evalTimes: string[],
): Map<string, PromSample[]> {
  const { ok, output } = runTest(ruleFile, {
    interval: '5m',
    input_series: input,
    promql_expr_test: evalTimes.map((t) => ({ expr: '{__name__=~"slo:.+"}', eval_time: t, exp_samples: [] })),
  });
  if (ok) {
    throw new Error('promtool found no slo:* series at any eval time');
  }
  const out = new Map<string, PromSample[]>();
  // Failures are printed in test order; promtool rewrites the times (47h → 1d23h), so match by position.
  const blocks = output.split(/expr: "/).slice(1);
  blocks.forEach((block, i) => {
    const time = evalTimes[i];
    const got = /got: (.*)/.exec(block)?.[1];
    if (time === undefined || !got) {
      throw new Error(`cannot read promtool output:\n${output}`);
    }
    const samples: PromSample[] = [];
    for (const m of got.matchAll(/\{([^}]*)\} (\S+?)(?:,|$)/g)) {
      samples.push({ labels: parseLabels(m[1]), value: Number(m[2]) });
    }
    out.set(time, samples);
  });
  for (const t of evalTimes) {
    if (!out.has(t)) {
      throw new Error(`promtool printed nothing for eval time ${t}:\n${output}`);
    }
  }
  return out;
}

export interface ExpectedAlert {
  evalTime: string;
  alertname: string;
  alerts: Array<Record<string, string>>;
}

/** Runs an alert_rule_test; returns promtool's verdict and output (which lists any mismatch). */
export function checkAlerts(
  ruleFile: string,
  input: InputSeries[],
  expected: ExpectedAlert[],
): { ok: boolean; output: string } {
  return runTest(ruleFile, {
    interval: '5m',
    input_series: input,
    alert_rule_test: expected.map((e) => ({
      eval_time: e.evalTime,
      alertname: e.alertname,
      exp_alerts: e.alerts.map((labels) => ({ exp_labels: labels })),
    })),
  });
}
