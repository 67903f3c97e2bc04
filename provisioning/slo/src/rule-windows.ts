// How far back Prometheus' rules look: the longest range selector or subquery range (plus its offset) in any
// rule of the given files. Local retention shorter than that makes every figure over that window silently cover
// only what is kept (a 30-day SLO period over 15 days of data reads as a 15-day one).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
const DURATION = /(\d+)(ms|[smhdwy])/g;
// A range `[30d]`, a subquery `[30d:5m]` or `[1h:]`, optionally followed by `offset 1h` (after any `@`).
const RANGE = /\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(?::[^\]]*)?\](?:\s*@\s*\S+)?(?:\s+offset\s+(-?(?:\d+(?:ms|[smhdwy]))+))?/g;

/** Seconds of a Prometheus duration such as `1h30m`; NaN when it is not one. */
export function durationSeconds(text: string): number {
  const s = text.trim();
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(DURATION)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    consumed += m[0].length;
  }
  return consumed === s.length && s.length > 0 ? total : Number.NaN;
}

export interface RuleWindow {
  /** Seconds the expression looks back: its range plus its offset. */
  seconds: number;
  /** The rule (`alert` or `record` name) and file that look back that far. */
  rule: string;
  file: string;
}

/** Every range an expression reads, in seconds (range + offset each). */
export function exprWindows(expr: string): number[] {
  return [...expr.matchAll(RANGE)].map((m) => durationSeconds(m[1]) + Math.max(0, m[2] ? durationSeconds(m[2]) : 0));
}

/** The longest window of any rule in `files` (Prometheus rule files); undefined when no rule has a range. */
export function longestRuleWindow(files: string[]): RuleWindow | undefined {
  let best: RuleWindow | undefined;
  for (const file of files) {
    const doc = parse(readFileSync(file, 'utf8')) as { groups?: Array<{ rules?: Array<Record<string, unknown>> }> } | null;
    for (const group of doc?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        for (const seconds of exprWindows(String(rule.expr ?? ''))) {
          if (!best || seconds > best.seconds) best = { seconds, rule: String(rule.alert ?? rule.record), file };
        }
      }
    }
  }
  return best;
}

/** Local retention for rules in `files`: their longest window plus a day, and never under 15 days. */
export function retentionDaysFor(files: string[]): number {
  const longest = longestRuleWindow(files)?.seconds ?? 0;
  return Math.max(15, Math.ceil(longest / 86_400) + 1);
}

/** Expands rule-file patterns as Prometheus does for Vigil's configs: `*` and `?` in the last path segment. */
export function expandRuleFiles(patterns: string[]): string[] {
  return patterns.flatMap((p) => {
    const name = basename(p);
    if (!/[*?]/.test(name)) return existsSync(p) ? [p] : [];
    const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    const dir = dirname(p);
    return existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f)) : [];
  });
}
