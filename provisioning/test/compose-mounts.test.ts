// The compose services' file layout, rebuilt from docker-compose.yml's read-only repo mounts as symlinks in a
// temporary root, and read by the real tools at the paths the containers use: promtool checks Prometheus'
// config (its rule globs must resolve to /etc/slo/rules etc.), amtool Alertmanager's and renders its templates.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { amtool, promtool } from '@vigil/test-support';

import { commandList, flagsOf, loadCompose, mountsOf } from '../grafana/src/testing/compose.js';
import { readYaml, workspaceDir } from '../grafana/src/testing/repo.js';

const compose = loadCompose();

/** Recreates a service's repo mounts under `root` (container path → symlink to the repo path). */
function layout(root: string, service: string): void {
  for (const m of mountsOf(compose.services[service])) {
    if (!m.repoPath) continue;
    const at = path.join(root, m.target);
    mkdirSync(path.dirname(at), { recursive: true });
    symlinkSync(m.repoPath, at);
  }
}

describe('compose mount layout read by the real tools', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'vigil-compose-layout-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function promCheck(dir: string): { status: number | null; output: string; ruleFiles: number } {
    const config = path.join(dir, flagsOf(commandList(compose.services.prometheus)).get('config.file')!);
    const r = promtool(['check', 'config', config]);
    return { ...r, ruleFiles: Number(/SUCCESS: (\d+) rule files found/.exec(r.output)?.[1] ?? -1) };
  }

  it('promtool check config finds every rule file where the prometheus service sees prometheus.yml', () => {
    const dir = path.join(root, 'prometheus');
    layout(dir, 'prometheus');
    const r = promCheck(dir);
    assert.equal(r.status, 0, r.output);
    const expected =
      readdirSync(path.join(workspaceDir, 'prometheus', 'rules')).filter((f) => f.endsWith('.yml')).length +
      readdirSync(path.join(workspaceDir, 'slo', 'rules')).filter((f) => /^slo-.*\.yml$/.test(f)).length;
    assert.equal(r.ruleFiles, expected, r.output);
  });

  it('without the SLO rules mount promtool finds fewer rule files (the check depends on the layout)', () => {
    const dir = path.join(root, 'prometheus-without-slo');
    layout(dir, 'prometheus');
    rmSync(path.join(dir, 'etc', 'slo'), { recursive: true, force: true });
    const r = promCheck(dir);
    assert.equal(
      r.ruleFiles,
      readdirSync(path.join(workspaceDir, 'prometheus', 'rules')).filter((f) => f.endsWith('.yml')).length,
    );
  });

  function renderGrafanaUrl(dir: string) {
    const config = path.join(dir, flagsOf(commandList(compose.services.alertmanager)).get('config.file')!);
    const check = amtool(['check-config', config]);
    assert.equal(check.status, 0, check.output);
    // amtool check-config does not open template files, so render one through the config's own glob.
    const glob = readYaml<{ templates: string[] }>(config).templates[0];
    return amtool([
      'template',
      'render',
      `--template.glob=${path.resolve(path.dirname(config), glob)}`,
      '--template.text={{ template "vigil.grafana_url" . }}',
    ]);
  }

  it("Alertmanager's templates resolve from its config where the alertmanager service sees them (real amtool)", () => {
    const dir = path.join(root, 'alertmanager');
    layout(dir, 'alertmanager');
    const r = renderGrafanaUrl(dir);
    assert.equal(r.status, 0, r.output);
    // The templates' Grafana link is the port compose publishes Grafana on.
    const published = (compose.services.grafana.ports ?? []).map((p) => p.split(':')[0]);
    assert.ok(published.includes(new URL(r.output.trim()).port), r.output);
  });

  it('without the templates mount the render fails', () => {
    const dir = path.join(root, 'alertmanager-without-templates');
    layout(dir, 'alertmanager');
    rmSync(path.join(dir, 'etc', 'alertmanager', 'templates'), { force: true });
    assert.notEqual(renderGrafanaUrl(dir).status, 0);
  });
});
