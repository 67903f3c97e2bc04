// docker-compose.yml (no Docker engine here, so it is checked, not run): valid against the Compose
// Specification, every repo file it mounts exists, every Vigil command is a real bin with real flags, and the
// host names and ports agree with prometheus.yml, alertmanager.yml and the Grafana provisioning.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  commandList,
  flagsOf,
  hostNames,
  loadCompose,
  mountsOf,
  repoPathOf,
  type Service,
} from '../grafana/src/testing/compose.js';
import {
  listFiles,
  readJson,
  readYaml,
  repoRoot,
  sharedSchema,
  workspaceDir,
} from '../grafana/src/testing/repo.js';
import { schemaValidator } from '../grafana/src/testing/schema.js';

type Obj = Record<string, unknown>;
const HOST_PATHS = new Set(['/proc', '/sys', '/', '/var/lib/docker/containers']);

interface Workspace {
  dir: string;
  name: string;
  bin: Record<string, string>;
}
const workspaces: Workspace[] = ['exporters', 'packages', 'plugins'].flatMap((group) =>
  readdirSync(path.join(repoRoot, group))
    .map((d) => path.join(repoRoot, group, d))
    .filter((d) => existsSync(path.join(d, 'package.json')))
    .map((dir) => {
      const pkg = readJson<{ name: string; bin?: Record<string, string> }>(path.join(dir, 'package.json'));
      return { dir, name: pkg.name, bin: pkg.bin ?? {} };
    }),
);

/** Flag and env names a workspace declares (name: 'x.y' / env: 'X' in its sources), plus the exporter kit's. */
function declared(dir: string): string {
  // The kit's flags, and @vigil/core's OTEL_* variables (tracing is set up there for every exporter).
  const dirs = [path.join(dir, 'src'), path.join(repoRoot, 'packages', 'exporter-kit', 'src'), path.join(repoRoot, 'packages', 'core', 'src')];
  return dirs
    .flatMap((d) => listFiles(d, (f) => f.endsWith('.ts')).map((f) => readFileSync(f, 'utf8')))
    .join('\n');
}

function listenPort(s: Service): number | undefined {
  const addr = flagsOf(commandList(s)).get('web.listen-address');
  return addr ? Number(addr.split(':').pop()) : undefined;
}

/** Port a service listens on for HTTP: Vigil's from --web.listen-address, the images' documented defaults. */
function servicePort(name: string, s: Service): number | undefined {
  const defaults: Record<string, number> = {
    prometheus: 9090,
    alertmanager: 9093,
    grafana: 3000,
    loki: 3100,
    tempo: 3200,
  };
  return listenPort(s) ?? defaults[name];
}

// Every check holds for docker-compose.yml alone (Docker Desktop) and merged with docker-compose.linux.yml.
for (const variant of ['base', 'linux'] as const) {
  const compose = loadCompose(variant);
  const services = Object.entries(compose.services);
  const vigilServices = services.filter(([, s]) => s.image === 'vigil:local');
  const title = variant === 'base' ? 'docker-compose.yml' : 'docker-compose.yml + docker-compose.linux.yml';

  describe(title, () => {
    it('is valid against the Compose Specification', () => {
      schemaValidator(sharedSchema('compose-spec.json'))(compose, title);
    });

    it('the Compose schema check can fail', () => {
      const validate = schemaValidator(sharedSchema('compose-spec.json'));
      assert.throws(
        () => validate({ services: { x: { image: 'a', restart: 3, volumes: 'oops' } } }, 'bad'),
        /does not match/,
      );
    });

    it('every repo path it mounts or builds from exists and is tracked by git; named volumes are declared', () => {
      const tracked = (p: string) =>
        execFileSync('git', ['ls-files', '--', path.relative(repoRoot, p)], {
          cwd: repoRoot,
          encoding: 'utf8',
        }).trim() !== '';
      for (const [name, s] of services) {
        for (const m of mountsOf(s)) {
          if (m.repoPath) {
            assert.ok(existsSync(m.repoPath), `${name}: ${m.source} does not exist`);
            assert.ok(tracked(m.repoPath), `${name}: ${m.source} is not in the repository`);
            assert.ok(m.readOnly, `${name}: repo mount ${m.source} should be read-only`);
          } else if (m.volume) {
            assert.ok(
              compose.volumes && m.volume in compose.volumes,
              `${name}: volume ${m.volume} not declared`,
            );
          } else {
            assert.ok(HOST_PATHS.has(m.source), `${name}: unexpected host path ${m.source}`);
            assert.ok(m.readOnly, `${name}: host path ${m.source} should be read-only`);
          }
        }
      }
      const build = compose.services['trading-exporter'].build as { context: string; dockerfile: string };
      assert.ok(tracked(path.join(repoRoot, build.context, build.dockerfile)));
    });

    it('every Vigil command runs a bin its workspace declares, with flags and env it declares', () => {
      const bins = workspaces.flatMap((w) =>
        Object.entries(w.bin).map(([bin, file]) => ({
          ws: w,
          bin,
          file: path.relative(repoRoot, path.join(w.dir, file)),
        })),
      );
      const ran = new Set<string>();
      for (const [name, s] of vigilServices) {
        const cmd = commandList(s);
        if (cmd[0] !== 'node') continue; // init jobs (shell) are checked by the volume tests
        const bin = bins.find((b) => b.file === cmd[1]);
        assert.ok(bin, `${name}: ${cmd[1]} is not a bin of any workspace`);
        ran.add(bin.bin);
        const src = declared(bin.ws.dir);
        for (const flag of flagsOf(cmd.slice(2)).keys()) {
          assert.ok(src.includes(`'${flag}'`), `${name}: --${flag} is not a flag of ${bin.ws.name}`);
        }
        for (const env of Object.keys(s.environment ?? {})) {
          assert.ok(src.includes(`'${env}'`) || src.includes(`env.${env}`), `${name}: ${env} is not read by ${bin.ws.name}`);
        }
      }
      for (const want of [
        'vigil-trading-exporter',
        'vigil-trading-sim',
        'vigil-host-exporter',
        'vigil-exchange-exporter',
        'vigil-alert-journal',
      ]) {
        assert.ok(ran.has(want), `no service runs ${want}`);
      }
    });

    it('the Dockerfile builds every workspace compose runs, and the Grafana plugins it mounts', () => {
      const dockerfile = readFileSync(path.join(repoRoot, 'docker', 'Dockerfile'), 'utf8');
      const filters = new Set([...dockerfile.matchAll(/--filter=(\S+)/g)].map((m) => m[1]));
      for (const [, s] of vigilServices) {
        const cmd = commandList(s);
        if (cmd[0] !== 'node') continue;
        const ws = workspaces.find((w) => cmd[1].startsWith(`${path.relative(repoRoot, w.dir)}/`))!;
        assert.ok(filters.has(ws.name), `Dockerfile does not build ${ws.name}`);
      }
      // Every plugin mounted into Grafana is built in the image.
      for (const m of mountsOf(compose.services.grafana).filter((x) => x.target.startsWith('/var/lib/grafana/plugins/'))) {
        const ws = workspaces.find(
          (w) =>
            existsSync(path.join(w.dir, 'src', 'plugin.json')) &&
            readJson<{ id: string }>(path.join(w.dir, 'src', 'plugin.json')).id === path.basename(m.target),
        );
        assert.ok(ws && filters.has(ws.name), `Dockerfile does not build the plugin mounted at ${m.target}`);
      }
      assert.ok(existsSync(path.join(repoRoot, 'docker', 'Dockerfile.dockerignore')));
    });

    it('scrape targets and the Alertmanager target of prometheus.yml are compose hosts listening on those ports', () => {
      const prom = readYaml<{
        scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
        alerting: Obj;
      }>(path.join(workspaceDir, 'prometheus', 'prometheus.yml'));
      const hosts = hostNames(compose, 'prometheus');
      const targets = prom.scrape_configs.flatMap((j) => j.static_configs.flatMap((c) => c.targets));
      targets.push(...JSON.stringify(prom.alerting).match(/[\w-]+:\d+/g)!);
      assert.ok(
        targets.includes('trading-exporter:9300') &&
          targets.includes('host-exporter:9301') &&
          targets.includes('exchange-exporter:9302') &&
          targets.includes('alert-journal:8009'),
      );
      for (const t of targets) {
        const [host, port] = t.split(':');
        const svc = hosts.get(host);
        assert.ok(svc, `${t}: no compose service or alias ${host}`);
        // An alias onto a shared network namespace: the service listening is the one joined to it.
        const listener =
          services.find(([, s]) => s.network_mode === `service:${svc}` && listenPort(s) === Number(port)) ??
          ([svc, compose.services[svc]] as const);
        assert.equal(
          servicePort(listener[0], listener[1]),
          Number(port),
          `${t}: ${listener[0]} does not listen on ${port}`,
        );
      }
    });

    it("alertmanager.yml webhooks to 127.0.0.1 reach a service sharing Alertmanager's network namespace", () => {
      const text = readFileSync(path.join(workspaceDir, 'alertmanager', 'alertmanager.yml'), 'utf8');
      const ports = [...text.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
      assert.ok(ports.length > 0);
      for (const port of ports) {
        assert.ok(
          services.some(([, s]) => s.network_mode === 'service:alertmanager' && listenPort(s) === port),
          `nothing in Alertmanager's network namespace listens on ${port}`,
        );
      }
    });

    it('Prometheus sees its rule files and templates at the paths its config names', () => {
      const s = compose.services.prometheus;
      const configPath = flagsOf(commandList(s)).get('config.file')!;
      const cfgRepo = repoPathOf(s, configPath);
      assert.equal(cfgRepo, path.join(workspaceDir, 'prometheus', 'prometheus.yml'));
      const cfg = readYaml<{ rule_files: string[] }>(cfgRepo);
      for (const glob of cfg.rule_files) {
        const inContainer = path.resolve(path.dirname(configPath), glob);
        const repoGlob = repoPathOf(s, inContainer);
        assert.ok(repoGlob, `${glob} (${inContainer}) is not mounted into prometheus`);
        const dir = path.dirname(repoGlob);
        const rx = new RegExp(`^${path.basename(repoGlob).replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
        assert.ok(
          statSync(dir).isDirectory() && readdirSync(dir).some((f) => rx.test(f)),
          `${glob} matches no file`,
        );
      }
      const am = compose.services.alertmanager;
      assert.equal(
        repoPathOf(am, flagsOf(commandList(am)).get('config.file')!),
        path.join(workspaceDir, 'alertmanager', 'alertmanager.yml'),
      );
      assert.ok(
        repoPathOf(am, '/etc/alertmanager/templates'),
        'alertmanager templates not mounted beside its config',
      );
    });

    it("Grafana satisfies every mounted Vigil plugin's grafanaDependency and allows it unsigned", () => {
      const g = compose.services.grafana;
      const version = /^grafana\/grafana:(\d+)\.(\d+)\.(\d+)$/.exec(g.image ?? '');
      assert.ok(version, `grafana image not pinned to x.y.z: ${g.image}`);
      const have = version.slice(1).map(Number);
      const unsigned = (g.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS ?? '').split(',');
      const pluginMounts = mountsOf(g).filter((m) => m.target.startsWith('/var/lib/grafana/plugins/'));
      assert.ok(pluginMounts.length > 0);
      for (const m of pluginMounts) {
        const id = path.basename(m.target);
        const plugin = readdirSync(path.join(repoRoot, 'plugins'))
          .map((d) => path.join(repoRoot, 'plugins', d))
          .find(
            (d) =>
              existsSync(path.join(d, 'src', 'plugin.json')) &&
              readJson<{ id: string }>(path.join(d, 'src', 'plugin.json')).id === id,
          );
        assert.ok(plugin, `${id} is not a plugin in plugins/`);
        const dep = readJson<{ dependencies: { grafanaDependency: string } }>(
          path.join(plugin, 'src', 'plugin.json'),
        ).dependencies.grafanaDependency;
        const need = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(dep);
        assert.ok(need, `unsupported grafanaDependency ${dep}`);
        const cmp = have.map((v, i) => v - Number(need[i + 1])).find((d) => d !== 0) ?? 0;
        assert.ok(cmp >= 0, `grafana ${have.join('.')} does not satisfy ${dep}`);
        assert.ok(unsigned.includes(id), `${id} not in GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS`);
        // The volume is filled from the plugin's release zip (npm run package, in the image) by an init service that
        // Grafana waits for: the zip a desk installs, never a copy of the source tree or of dist/.
        assert.ok(m.volume, `${m.target} is a bind mount, not a volume filled from the release zip`);
        const filler = services.find(([, s]) => mountsOf(s).some((x) => x.volume === m.volume) && s !== g);
        assert.ok(filler, `nothing fills volume ${m.volume}`);
        const { version } = readJson<{ version: string }>(path.join(plugin, 'package.json'));
        const zip = `${path.relative(repoRoot, plugin)}/release/${id}-${version}.zip`;
        const command = JSON.stringify(filler[1].command);
        assert.ok(
          command.includes('vigil-plugin-install.js') && command.includes(zip),
          `${filler[0]} does not install ${zip}`,
        );
        assert.equal(
          mountsOf(filler[1]).find((x) => x.volume === m.volume)?.target,
          `/plugins/${id}`,
          `${filler[0]} must mount ${m.volume} where the installer puts ${id}`,
        );
        assert.match(command, /--plugins-dir=\/plugins\b/);
        const packageStep = readFileSync(path.join(repoRoot, 'docker', 'Dockerfile'), 'utf8')
          .replace(/\\\n/g, ' ')
          .split('\n')
          .find((line) => line.includes('turbo run package'));
        const name = workspaces.find((w) => w.dir === plugin)?.name;
        assert.ok(packageStep?.includes(`--filter=${name}`), `the Dockerfile does not package ${name}`);
        assert.deepEqual((g.depends_on as Obj)[filler[0]], { condition: 'service_completed_successfully' });
      }
    });

    /** Asserts that Grafana's `$__file{…}` path is the key file the journal writes, through a shared volume. */
    function assertJournalKeyFile(file: string, what: string) {
      const g = compose.services.grafana;
      const gMount = mountsOf(g).find((m) => file.startsWith(`${m.target}/`))!;
      assert.ok(gMount?.volume, `${what}: ${file} is not on a volume in grafana`);
      const j = compose.services['alert-journal'];
      const keyFile = flagsOf(commandList(j)).get('api-key.file')!;
      const jMount = mountsOf(j).find((m) => keyFile.startsWith(`${m.target}/`))!;
      assert.equal(jMount.volume, gMount.volume, `${what}: not the journal's key volume`);
      assert.equal(path.relative(jMount.target, keyFile), path.relative(gMount.target, file), `${what}: not the journal's key file`);
    }

    it('the journal API key Grafana reads is the one the journal uses', () => {
      const ds = readYaml<{ datasources: { secureJsonData?: Record<string, string> }[] }>(
        path.join(workspaceDir, 'grafana', 'provisioning', 'datasources', 'vigil.yml'),
      );
      const file = ds.datasources
        .flatMap((d) => Object.values(d.secureJsonData ?? {}))
        .map((v) => /\$__file\{(.+)\}/.exec(v)?.[1])[0]!;
      assertJournalKeyFile(file, 'datasources');
    });

    it('each provisioned app is installed in Grafana, its URLs are compose services on their ports, its journal key is the journal\'s', () => {
      const g = compose.services.grafana;
      const hosts = hostNames(compose, 'grafana');
      const doc = readYaml<{ apps: { type: string; jsonData?: Obj; secureJsonData?: Record<string, string> }[] }>(
        path.join(workspaceDir, 'grafana', 'provisioning', 'plugins', 'vigil.yml'),
      );
      assert.ok(doc.apps.length > 0);
      for (const app of doc.apps) {
        assert.ok(
          mountsOf(g).some((m) => m.target === `/var/lib/grafana/plugins/${app.type}`),
          `${app.type} is provisioned but not installed under /var/lib/grafana/plugins`,
        );
        const urls = JSON.stringify(app.jsonData ?? {}).match(/https?:\/\/[^"]+/g) ?? [];
        assert.ok(urls.length > 0, `${app.type}: no URLs in jsonData`);
        for (const u of urls) {
          const { hostname, port } = new URL(u);
          const svc = hosts.get(hostname);
          assert.ok(svc, `${app.type}: ${u} names no compose service`);
          assert.equal(servicePort(svc, compose.services[svc]), Number(port), `${app.type}: ${svc} does not listen on ${port}`);
        }
        for (const [key, value] of Object.entries(app.secureJsonData ?? {})) {
          const file = /^\$__file\{(.+)\}$/.exec(value)?.[1];
          assert.ok(file, `${app.type}.secureJsonData.${key}: a secret comes from a file, never inline`);
          assertJournalKeyFile(file, `${app.type}.secureJsonData.${key}`);
        }
      }
    });
  });
}
