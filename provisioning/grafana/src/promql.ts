// Reads the PromQL out of generated dashboard JSON: every Prometheus target and label_values() variable,
// the template variables they use, and the metric names they select (for the tests' real-Prometheus checks).

export interface DashboardQuery {
  /** Panel title or `variable <name>`. */
  where: string;
  expr: string;
}

type Obj = Record<string, unknown>;

function panelsOf(dash: Obj): Obj[] {
  const out: Obj[] = [];
  for (const p of (dash.panels as Obj[] | undefined) ?? []) {
    out.push(p);
    out.push(...((p.panels as Obj[] | undefined) ?? []));
  }
  return out;
}

function isPrometheus(ds: unknown): boolean {
  return typeof ds === 'object' && ds !== null && (ds as Obj).type === 'prometheus';
}

/** Every PromQL expression of a dashboard; label_values(sel, label) variables yield `sel`. */
export function dashboardQueries(dash: Obj): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const p of panelsOf(dash)) {
    for (const t of (p.targets as Obj[] | undefined) ?? []) {
      if (typeof t.expr === 'string' && isPrometheus(t.datasource ?? p.datasource)) {
        out.push({ where: String(p.title), expr: t.expr });
      }
    }
  }
  for (const v of ((dash.templating as Obj | undefined)?.list as Obj[] | undefined) ?? []) {
    if (v.type !== 'query') continue;
    const m = /^label_values\((.+),\s*([a-zA-Z_]\w*)\)$/s.exec(String(v.query));
    if (!m) throw new Error(`variable ${String(v.name)}: unsupported query ${JSON.stringify(v.query)}`);
    out.push({ where: `variable ${String(v.name)}`, expr: m[1] });
  }
  return out;
}

const VAR = /\$(?:\{(\w+)(?::[^}]*)?\}|(\w+))/g;

/** Template variables an expression uses (`$x`, `${x}`, `${x:fmt}`), Grafana's `$__*` ones included. */
export function variablesIn(expr: string): string[] {
  return [...expr.matchAll(VAR)].map((m) => m[1] ?? m[2]);
}

/** Replaces `$__rate_interval`/`$__interval` by `5m` and every other variable by `value`. */
export function substitute(expr: string, value: string): string {
  return expr.replace(VAR, (_all, a: string | undefined, b: string | undefined) => {
    const name = a ?? b ?? '';
    return name === '__rate_interval' || name === '__interval' || name === '__range' ? '5m' : value;
  });
}

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/**
 * Metric names an expression selects by name. Strings, label matchers, grouping clauses and range selectors are
 * removed first; what is left that is an identifier and not a function call or keyword is a metric name.
 * `{__name__=~"re"}` selectors are returned separately as regular expressions.
 */
export function metricNames(expr: string): { names: string[]; nameRegexes: string[] } {
  const nameRegexes = [...expr.matchAll(/__name__\s*=~\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const stripped = expr
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1].toLowerCase())) continue;
    names.add(m[1]);
  }
  return { names: [...names], nameRegexes };
}
