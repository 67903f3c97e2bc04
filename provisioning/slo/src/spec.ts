// Turns one parsed YAML document (Vigil `vigil/v1` or sloth `prometheus/v1`) into validated SLO models.
import {
  counterRatioSli,
  hasWindowPlaceholder,
  histogramLatencySli,
  rawRatioSli,
  templateRatioSli,
} from './sli.js';
import {
  fail,
  labelMap,
  num,
  obj,
  onlyKeys,
  optStr,
  str,
  type FieldContext,
  type Obj,
} from './spec-fields.js';
import { SLO_PERIODS, type AlertSpec, type SliQueries, type SloModel, type SloPeriod } from './types.js';

export const VIGIL_VERSION = 'vigil/v1';
export const SLOTH_VERSION = 'prometheus/v1';

const NAME = /^[a-z0-9]([a-z0-9_.-]*[a-z0-9])?$/i;
const ALERT_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Labels the generator owns on every series. */
const RESERVED_LABELS = ['slo', 'service'] as const;
/** Labels the generator owns on the alerts. */
const RESERVED_ALERT_LABELS = ['slo', 'service', 'slo_alert'] as const;

/** Parses one spec document. `file` names it in messages (with `#n` for the n-th document of a file). */
export function parseSpecDocument(doc: unknown, file: string): SloModel[] {
  const ctx: FieldContext = { file };
  const root = obj(ctx, doc, '(document)');
  const version = root.version;
  if (version !== VIGIL_VERSION && version !== SLOTH_VERSION) {
    fail(ctx, 'version', `expected "${VIGIL_VERSION}" or "${SLOTH_VERSION}", got ${JSON.stringify(version)}`);
  }
  const sloth = version === SLOTH_VERSION;
  onlyKeys(ctx, root, '', ['version', 'service', 'labels', 'slos']);
  const service = str(ctx, root.service, 'service');
  if (!NAME.test(service)) fail(ctx, 'service', `"${service}" must be letters, digits, '-', '_' or '.'`);
  const labels = labelMap(ctx, root.labels, 'labels', RESERVED_LABELS);
  if (!Array.isArray(root.slos) || root.slos.length === 0) fail(ctx, 'slos', 'expected a non-empty list of SLOs');
  const seen = new Set<string>();
  return root.slos.map((raw, i) => {
    const name = (raw as Obj | undefined)?.name;
    const sloCtx: FieldContext = { file, slo: typeof name === 'string' ? name : `#${i}` };
    const model = parseSlo(sloCtx, obj(sloCtx, raw, `slos[${i}]`), service, labels, sloth, file);
    if (seen.has(model.name)) fail(sloCtx, 'name', 'is used by another SLO of the same service');
    seen.add(model.name);
    return model;
  });
}

function parseSlo(
  ctx: FieldContext,
  s: Obj,
  service: string,
  specLabels: Record<string, string>,
  sloth: boolean,
  file: string,
): SloModel {
  onlyKeys(ctx, s, '', ['name', 'description', 'objective', 'window', 'labels', 'sli', 'alerting']);
  const name = str(ctx, s.name, 'name');
  if (!NAME.test(name)) fail(ctx, 'name', `"${name}" must be letters, digits, '-', '_' or '.'`);
  const objective = num(ctx, s.objective, 'objective');
  if (!(objective > 0 && objective < 100)) {
    fail(ctx, 'objective', `must be a percentage above 0 and below 100 (e.g. 99.5), got ${objective}`);
  }
  let period: SloPeriod = '30d';
  if (s.window !== undefined) {
    if (sloth) fail(ctx, 'window', 'is not part of sloth prometheus/v1 specs (its SLOs use 30d); use version vigil/v1');
    if (typeof s.window !== 'string' || !(s.window in SLO_PERIODS)) {
      fail(ctx, 'window', `expected one of ${Object.keys(SLO_PERIODS).join(', ')}, got ${JSON.stringify(s.window)}`);
    }
    period = s.window as SloPeriod;
  }
  const labels = { ...specLabels, ...labelMap(ctx, s.labels, 'labels', RESERVED_LABELS) };
  const sli = sloth ? parseSlothSli(ctx, s.sli) : parseVigilSli(ctx, s.sli);
  const { page, ticket } = parseAlerting(ctx, s.alerting, sloth);
  return {
    id: `${service}-${name}`,
    service,
    name,
    description: optStr(ctx, s.description, 'description') ?? '',
    objectivePercent: objective,
    period,
    labels,
    sli,
    page,
    ticket,
    source: file,
  };
}

function parseVigilSli(ctx: FieldContext, v: unknown): SliQueries {
  const sli = obj(ctx, v, 'sli');
  onlyKeys(ctx, sli, 'sli', ['events', 'latency']);
  if ((sli.events === undefined) === (sli.latency === undefined)) {
    fail(ctx, 'sli', 'set exactly one of sli.events or sli.latency');
  }
  if (sli.events !== undefined) {
    const ev = obj(ctx, sli.events, 'sli.events');
    onlyKeys(ctx, ev, 'sli.events', ['errors', 'total']);
    const errors = counterSelector(ctx, ev.errors, 'sli.events.errors');
    const total = counterSelector(ctx, ev.total, 'sli.events.total');
    return counterRatioSli(errors, total);
  }
  const lat = obj(ctx, sli.latency, 'sli.latency');
  onlyKeys(ctx, lat, 'sli.latency', ['metric', 'selector', 'threshold']);
  const metric = str(ctx, lat.metric, 'sli.latency.metric');
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric) || /_(bucket|count|sum)$/.test(metric)) {
    fail(ctx, 'sli.latency.metric', `expected a histogram's base name without _bucket/_count/_sum, got "${metric}"`);
  }
  const selector = lat.selector === undefined ? '' : str(ctx, lat.selector, 'sli.latency.selector');
  if (/[{}[\]]/.test(selector)) {
    fail(ctx, 'sli.latency.selector', 'expected label matchers without braces, e.g. service="gateway"');
  }
  const threshold = num(ctx, lat.threshold, 'sli.latency.threshold');
  if (threshold <= 0) fail(ctx, 'sli.latency.threshold', `must be a positive number of seconds (a bucket boundary), got ${threshold}`);
  return histogramLatencySli(metric, selector, threshold);
}

/** A counter selector such as `http_requests_total{status=~"5.."}`: no range, no function, no template. */
function counterSelector(ctx: FieldContext, v: unknown, field: string): string {
  const sel = str(ctx, v, field).trim();
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$/s.test(sel) || sel.includes('[')) {
    fail(ctx, field, `expected a counter selector such as http_requests_total{status=~"5.."}, got "${sel}"`);
  }
  return sel;
}

function parseSlothSli(ctx: FieldContext, v: unknown): SliQueries {
  const sli = obj(ctx, v, 'sli');
  if (sli.plugin !== undefined) fail(ctx, 'sli.plugin', 'sloth SLI plugins are not supported; use events or raw');
  onlyKeys(ctx, sli, 'sli', ['events', 'raw']);
  if ((sli.events === undefined) === (sli.raw === undefined)) fail(ctx, 'sli', 'set exactly one of sli.events or sli.raw');
  const template = (m: Obj, key: string, field: string) => {
    const q = str(ctx, m[key], field);
    if (!hasWindowPlaceholder(q)) fail(ctx, field, 'must contain the {{.window}} placeholder');
    return q;
  };
  if (sli.events !== undefined) {
    const ev = obj(ctx, sli.events, 'sli.events');
    onlyKeys(ctx, ev, 'sli.events', ['error_query', 'total_query']);
    return templateRatioSli(
      template(ev, 'error_query', 'sli.events.error_query'),
      template(ev, 'total_query', 'sli.events.total_query'),
    );
  }
  const raw = obj(ctx, sli.raw, 'sli.raw');
  onlyKeys(ctx, raw, 'sli.raw', ['error_ratio_query']);
  return rawRatioSli(template(raw, 'error_ratio_query', 'sli.raw.error_ratio_query'));
}

function parseAlerting(ctx: FieldContext, v: unknown, sloth: boolean): { page?: AlertSpec; ticket?: AlertSpec } {
  const a = obj(ctx, v, 'alerting');
  onlyKeys(ctx, a, 'alerting', ['name', 'labels', 'annotations', 'page_alert', 'ticket_alert']);
  const labels = labelMap(ctx, a.labels, 'alerting.labels', RESERVED_ALERT_LABELS);
  const annotations = labelMap(ctx, a.annotations, 'alerting.annotations');
  const one = (key: 'page_alert' | 'ticket_alert'): AlertSpec | undefined => {
    const s = obj(ctx, a[key], `alerting.${key}`, true);
    onlyKeys(ctx, s, `alerting.${key}`, sloth ? ['disable', 'labels', 'annotations'] : ['name', 'disable', 'labels', 'annotations']);
    if (s.disable !== undefined && typeof s.disable !== 'boolean') {
      fail(ctx, `alerting.${key}.disable`, `expected true or false, got ${JSON.stringify(s.disable)}`);
    }
    if (s.disable === true) return undefined;
    const name = optStr(ctx, s.name, `alerting.${key}.name`) ?? optStr(ctx, a.name, 'alerting.name');
    if (name === undefined) fail(ctx, 'alerting.name', 'is required unless both page_alert and ticket_alert are disabled');
    if (!ALERT_NAME.test(name)) fail(ctx, s.name ? `alerting.${key}.name` : 'alerting.name', `"${name}" is not a valid alert name`);
    return {
      name,
      labels: { ...labels, ...labelMap(ctx, s.labels, `alerting.${key}.labels`, RESERVED_ALERT_LABELS) },
      annotations: { ...annotations, ...labelMap(ctx, s.annotations, `alerting.${key}.annotations`) },
    };
  };
  return { page: one('page_alert'), ticket: one('ticket_alert') };
}
