// Rewrites the repository's provisioning/prometheus/prometheus.yml and provisioning/alertmanager/alertmanager.yml
// for servers on loopback, the way the local stack does (targets by job name, absolute rule/template paths, the
// journal's port), plus optional short timings for tests and benchmarks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import { repoRoot } from './reference.js';
import { tempDir } from './temp.js';

const prometheusDir = () => join(repoRoot(), 'provisioning', 'prometheus');
const alertmanagerDir = () => join(repoRoot(), 'provisioning', 'alertmanager');

type Obj = Record<string, unknown>;

export interface PrometheusRewrite {
  /** job name → host:port; jobs not listed are dropped. */
  targets: Record<string, string>;
  alertmanager: string;
  scrapeInterval?: string;
  evaluationInterval?: string;
}

export function loopbackPrometheusConfig(r: PrometheusRewrite): Obj {
  const cfg = parse(readFileSync(join(prometheusDir(), 'prometheus.yml'), 'utf8')) as Obj;
  const global = { ...(cfg.global as Obj) };
  if (r.scrapeInterval) {
    global.scrape_interval = r.scrapeInterval;
    global.scrape_timeout = r.scrapeInterval;
  }
  if (r.evaluationInterval) global.evaluation_interval = r.evaluationInterval;
  const jobs = (cfg.scrape_configs as Obj[])
    .filter((j) => r.targets[j.job_name as string])
    .map((j) => ({ ...j, static_configs: [{ targets: [r.targets[j.job_name as string]] }] }));
  return {
    ...cfg,
    global,
    rule_files: (cfg.rule_files as string[]).map((f) => join(prometheusDir(), f)),
    alerting: { ...(cfg.alerting as Obj), alertmanagers: [{ static_configs: [{ targets: [r.alertmanager] }] }] },
    scrape_configs: jobs,
  };
}

export interface AlertmanagerRewrite {
  /** The alert journal's port, replacing the default 127.0.0.1:8009. */
  journalPort: number;
  /** Short route timings (every route that sets them, and the root). */
  timings?: { groupWait: string; groupInterval: string; repeatInterval: string };
  /** A folder replacing /etc/alertmanager/secrets/ (to test with secret files present). */
  secretsDir?: string;
  /**
   * The file of the bearer token Alertmanager sends to the journal webhook (alertmanager.yml's
   * credentials_file); by default a temporary file holding JOURNAL_WEBHOOK_TEST_TOKEN.
   */
  journalTokenFile?: string;
  /** Extra `global:` settings, e.g. pagerduty_url pointing at a local receiver. */
  global?: Record<string, string>;
}

export const JOURNAL_WEBHOOK_TEST_TOKEN = 'vigil-test-journal-webhook-token';
const JOURNAL_TOKEN_PATH = '/etc/alertmanager/secrets/journal-webhook/token';
let defaultTokenFile: string | undefined;

function journalTokenFile(): string {
  if (!defaultTokenFile) {
    defaultTokenFile = join(tempDir('vigil-am-token-'), 'token');
    writeFileSync(defaultTokenFile, `${JOURNAL_WEBHOOK_TEST_TOKEN}\n`);
  }
  return defaultTokenFile;
}

/** Text of alertmanager.yml rewritten for loopback; secret `*_file` paths other than the journal token are left as they are. */
export function loopbackAlertmanagerConfig(r: AlertmanagerRewrite): string {
  const text = readFileSync(join(alertmanagerDir(), 'alertmanager.yml'), 'utf8')
    .replaceAll(JOURNAL_TOKEN_PATH, r.journalTokenFile ?? journalTokenFile())
    .replaceAll('127.0.0.1:8009', `127.0.0.1:${r.journalPort}`)
    .replace(/^(\s*-\s*)templates\/\*\.tmpl$/m, `$1${join(alertmanagerDir(), 'templates')}/*.tmpl`);
  let out = text;
  if (r.secretsDir) out = out.replaceAll('/etc/alertmanager/secrets/', `${r.secretsDir}/`);
  if (r.global) {
    const extra = Object.entries(r.global)
      .map(([k, v]) => `  ${k}: ${v}\n`)
      .join('');
    out = out.replace(/^global:\n/m, `global:\n${extra}`);
  }
  if (!r.timings) return out;
  const t = r.timings;
  return out
    .replace(/^(\s*)group_wait: .*$/gm, `$1group_wait: ${t.groupWait}`)
    .replace(/^(\s*)group_interval: .*$/gm, `$1group_interval: ${t.groupInterval}`)
    .replace(/^(\s*)repeat_interval: .*$/gm, `$1repeat_interval: ${t.repeatInterval}`);
}
