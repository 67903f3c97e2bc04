// Prometheus and Alertmanager configuration for the local stack, derived from provisioning/: scrape jobs are
// matched to running components by job name and pointed at loopback; Alertmanager URLs that name a component's
// default port are rewritten to its actual port.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

export interface LocalTargets {
  /** job name → loopback port */
  jobs: Map<string, number>;
  alertmanagerPort: number;
  scrapeInterval?: string;
  evaluationInterval?: string;
}

type Yaml = Record<string, unknown>;

const SD_KEYS = Object.freeze([
  'file_sd_configs', 'dns_sd_configs', 'docker_sd_configs', 'dockerswarm_sd_configs', 'kubernetes_sd_configs',
  'consul_sd_configs', 'http_sd_configs', 'ec2_sd_configs', 'gce_sd_configs', 'azure_sd_configs',
]);
/** Settings that make sense against the deployed services but not against plain-HTTP loopback processes. */
const REMOTE_ONLY_KEYS = Object.freeze(['scheme', 'tls_config', 'basic_auth', 'authorization', 'oauth2', 'proxy_url']);

export interface PrometheusConfigResult {
  yaml: string;
  /** Absolute rule-file patterns, as Prometheus will read them. */
  ruleFiles: string[];
  kept: string[];
  dropped: string[];
  added: string[];
}

export function localPrometheusConfig(sourceFile: string, targets: LocalTargets): PrometheusConfigResult {
  const doc: Yaml = existsSync(sourceFile) ? ((parse(readFileSync(sourceFile, 'utf8')) as Yaml) ?? {}) : {};
  const baseDir = dirname(resolve(sourceFile));
  const global: Yaml = { scrape_interval: '15s', evaluation_interval: '15s', ...((doc.global as Yaml) ?? {}) };
  global.external_labels = { cluster: 'local', replica: '0', ...((global.external_labels as Yaml) ?? {}) };
  if (targets.scrapeInterval) {
    global.scrape_interval = targets.scrapeInterval;
    global.scrape_timeout = targets.scrapeInterval;
  }
  if (targets.evaluationInterval) global.evaluation_interval = targets.evaluationInterval;

  const ruleFiles = ((doc.rule_files as string[]) ?? []).map((p) => (isAbsolute(p) ? p : resolve(baseDir, p)));
  const kept: string[] = [];
  const dropped: string[] = [];
  const added: string[] = [];
  const scrapeConfigs: Yaml[] = [];
  const seen = new Set<string>();
  for (const job of (doc.scrape_configs as Yaml[]) ?? []) {
    const name = String(job.job_name);
    const port = targets.jobs.get(name);
    if (port === undefined) {
      dropped.push(name);
      continue;
    }
    const local: Yaml = { ...job };
    for (const k of [...SD_KEYS, ...REMOTE_ONLY_KEYS]) delete local[k];
    const firstLabels = ((job.static_configs as Yaml[]) ?? [])[0]?.labels;
    local.static_configs = [{ targets: [`127.0.0.1:${port}`], ...(firstLabels ? { labels: firstLabels } : {}) }];
    if (targets.scrapeInterval) delete local.scrape_interval;
    if (targets.scrapeInterval) delete local.scrape_timeout;
    scrapeConfigs.push(local);
    kept.push(name);
    seen.add(name);
  }
  for (const [name, port] of targets.jobs) {
    if (seen.has(name)) continue;
    scrapeConfigs.push({ job_name: name, static_configs: [{ targets: [`127.0.0.1:${port}`] }] });
    added.push(name);
  }
  const out: Yaml = {
    global,
    rule_files: ruleFiles,
    alerting: { ...((doc.alerting as Yaml) ?? {}), alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${targets.alertmanagerPort}`] }] }] },
    scrape_configs: scrapeConfigs,
  };
  return { yaml: stringify(out), ruleFiles, kept, dropped, added };
}

/** Where alertmanager.yml reads the journal webhook's bearer token (the compose stack mounts it there). */
export const JOURNAL_TOKEN_PATH = '/etc/alertmanager/secrets/journal-webhook/token';

/**
 * Alertmanager's config with every `127.0.0.1:<default port>` / `localhost:<default port>` of a component
 * rewritten to its actual port, template paths made absolute (they are relative to the source file), and the
 * journal webhook's token file pointed at `journalTokenFile`.
 */
export function localAlertmanagerConfig(sourceFile: string, portMap: Map<number, number>, fallbackWebhook?: string, journalTokenFile?: string): string {
  if (!existsSync(sourceFile)) {
    const auth = journalTokenFile ? { http_config: { authorization: { credentials_file: journalTokenFile } } } : {};
    const receiver = fallbackWebhook
      ? { name: 'alert-journal', webhook_configs: [{ url: fallbackWebhook, send_resolved: true, ...auth }] }
      : { name: 'null' };
    return stringify({
      route: { receiver: receiver.name, group_by: ['alertname'], group_wait: '10s', group_interval: '1m', repeat_interval: '4h' },
      receivers: [receiver],
    });
  }
  let text = readFileSync(sourceFile, 'utf8');
  if (journalTokenFile) text = text.replaceAll(JOURNAL_TOKEN_PATH, journalTokenFile);
  for (const [from, to] of portMap) {
    text = text.replace(new RegExp(`(127\\.0\\.0\\.1|localhost):${from}(?!\\d)`, 'g'), `127.0.0.1:${to}`);
  }
  const doc = parse(text) as Yaml;
  const baseDir = dirname(resolve(sourceFile));
  if (Array.isArray(doc.templates)) doc.templates = doc.templates.map((p: string) => (isAbsolute(p) ? p : resolve(baseDir, p)));
  return stringify(doc);
}
