// prometheus.yml: valid for the real promtool, with the job names the local stack rewrites by, rule files
// that resolve (relative globs), Thanos-ready external labels and an Alertmanager target.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { promtool } from '@vigil/test-support';
import { prometheusDir } from './helpers/paths.js';

const configPath = join(prometheusDir, 'prometheus.yml');
const config = parse(readFileSync(configPath, 'utf8')) as {
  global: { external_labels: Record<string, string> };
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
};

describe('prometheus.yml', () => {
  it('passes promtool check config, which also loads every rule file it names', () => {
    const r = promtool(['check', 'config', configPath]);
    assert.equal(r.status, 0, r.output);
    // Both rule globs resolved: the hand-written rules and the generated SLO rules.
    assert.match(r.output, /rules\/host-alerts\.yml/);
    assert.match(r.output, /slo\/rules\/slo-trading-gateway\.yml/);
    assert.doesNotMatch(r.output, /FAILED/);
  });

  it('scrapes exactly the jobs the local stack maps to its components, at compose hostnames', () => {
    const jobs = Object.fromEntries(config.scrape_configs.map((j) => [j.job_name, j.static_configs[0]!.targets]));
    assert.deepEqual(jobs, {
      prometheus: ['prometheus:9090'],
      alertmanager: ['alertmanager:9093'],
      trading: ['trading-exporter:9300'],
      exchange: ['exchange-exporter:9302'],
      host: ['host-exporter:9301'],
      'alert-journal': ['alert-journal:8009'],
    });
  });

  it('has external labels for Thanos, relative rule files and an Alertmanager target', () => {
    assert.deepEqual(Object.keys(config.global.external_labels).sort(), ['cluster', 'replica']);
    for (const f of config.rule_files) assert.ok(!f.startsWith('/'), `rule file ${f} must be relative`);
    assert.deepEqual(config.alerting.alertmanagers[0]!.static_configs[0]!.targets, ['alertmanager:9093']);
  });
});
