// Evaluates PromQL with the real promtool (`promtool test rules`, no rule files) over given input series, so
// Jest can compare the panel's arithmetic with Prometheus' own on the same samples. promtool prints what an
// expression returned only when an expectation fails, so every expression is given one sample that can never
// match, and the "got:" line of each failure is read back.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { Sample } from '../data/frames';

const PROMTOOL = process.env.PROMTOOL_BIN ?? 'promtool';

/** promtool's input_series entry: a series and its values in the expanding notation (here one value). */
export type InputSeries = { series: string; values: string };
/** A sample of an expression's result, in the panel's own shape. */
export type PromSample = Sample;

const NEVER = '{vigil_probe="never matches"}';

/** A value as promtool prints it (Go's %E: "5.5E-01", "+Inf", "-Inf", "NaN"). */
export function parsePromValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') {
    return Infinity;
  }
  if (text === '-Inf') {
    return -Infinity;
  }
  if (text === 'NaN') {
    return NaN;
  }
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) {
    throw new Error(`promtool printed a value that is not a number: "${text}"`);
  }
  return v;
}

/** `{a="x", b="y"} 1E+00, {…} NaN` → samples. */
export function parseGot(line: string): PromSample[] {
  if (line.trim() === 'nil') {
    return [];
  }
  const out: PromSample[] = [];
  const sample = /\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\} (\S+?)(?:,\s|$)/g;
  for (const m of line.matchAll(sample)) {
    const labels: Record<string, string> = {};
    for (const l of m[1].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]] = JSON.parse(`"${l[2]}"`);
    }
    out.push({ labels, value: parsePromValue(m[2]) });
  }
  return out;
}

/** When to evaluate, and the step of the input series' values (promtool's `interval`). */
export interface EvalAt {
  evalTime: string;
  interval: string;
}

/**
 * The result of each expression over the input series (one sample per series, or a list), by default at time 0
 * with one value per series.
 */
export function evaluateWithPromtool(
  input: InputSeries[],
  exprs: string[],
  at: EvalAt = { evalTime: '0m', interval: '1m' },
): PromSample[][] {
  const dir = mkdtempSync(join(tmpdir(), 'tradeflow-promtool-'));
  try {
    const file = join(dir, 'test.json');
    // YAML is a superset of JSON, so promtool reads this file as it is.
    const test = {
      rule_files: [],
      evaluation_interval: '1m',
      tests: [
        {
          interval: at.interval,
          input_series: input,
          promql_expr_test: exprs.map((expr) => ({
            expr,
            eval_time: at.evalTime,
            exp_samples: [{ labels: NEVER, value: 0 }],
          })),
        },
      ],
    };
    writeFileSync(file, JSON.stringify(test));
    const r = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8' });
    if (r.error) {
      throw new Error(`cannot run ${PROMTOOL}: ${r.error.message}`);
    }
    const output = `${r.stdout}${r.stderr}`;
    const got = [...output.matchAll(/^\s*got: (.*)$/gm)].map((m) => parseGot(m[1]));
    if (got.length !== exprs.length) {
      throw new Error(`expected ${exprs.length} results from promtool, read ${got.length}:\n${output}`);
    }
    return got;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Input series for samples of one metric: `metric{labels}` with one value each ("NaN" allowed). */
export function inputSeries(
  metric: string,
  samples: Array<{ labels: Record<string, string>; value: number | string }>,
): InputSeries[] {
  return samples.map(({ labels, value }) => {
    const inner = Object.entries(labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',');
    return { series: `${metric}{${inner}}`, values: String(value) };
  });
}
