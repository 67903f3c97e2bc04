import express, { type Request } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exporter, FlagSpec, FlagValues, RunExporterOptions } from '@vigil/exporter-kit';

import { bootData, grafanaApi } from './grafanaApi.js';
import { builtVersions, requestedGrafana, versionedPages } from './grafanaVersions.js';
import { pluginProxy } from './pluginProxy.js';
import { PluginSettingsStore, readProvisionedApps, type AppSettings } from './pluginSettings.js';
import { readPlugins, repoPluginDirs, type ServedPlugin } from './plugins.js';
import { prometheusProxy } from './prometheusProxy.js';
import { isOrgRole, ORG_ROLES, signedInUser, type PluginRoleDeclaration } from './signedInUser.js';

const here = dirname(fileURLToPath(import.meta.url));
// dist/app.js → apps/plugin-host/ ; the same from src/app.ts under tsx. Inside the monorepo the default plugins
// are the repository's plugins/*/dist.
const workspace = resolve(here, '..');
const repoRoot = resolve(workspace, '..', '..');

export const NAMESPACE = 'vigil_plugin_host';

export const hostFlags: FlagSpec[] = [
  {
    name: 'prometheus.url',
    type: 'string',
    help: 'Prometheus the page queries through /api/prom',
    env: 'PROMETHEUS_URL',
    default: 'http://127.0.0.1:9090',
  },
  {
    name: 'plugins.dir',
    type: 'strings',
    help: "A built plugin's directory (with plugin.json and module.js); default: every plugins/*/dist of the repository",
    env: 'VIGIL_PLUGIN_HOST_PLUGINS_DIR',
  },
  {
    name: 'provisioning.plugins',
    type: 'string',
    help: "Grafana plugin provisioning (a YAML file or a directory of them: apps with jsonData and secureJsonData, $__file{} and $VAR expanded); without it apps start disabled until configured",
    env: 'VIGIL_PLUGIN_HOST_PROVISIONING_PLUGINS',
    default: '',
  },
  {
    name: 'user.role',
    type: 'string',
    help: `The signed-in user's organisation role (${ORG_ROLES.join(', ')}); the vigil_host_role cookie overrides it per browser`,
    env: 'VIGIL_PLUGIN_HOST_USER_ROLE',
    default: 'Admin',
  },
  {
    name: 'user.login',
    type: 'string',
    help: "The signed-in user's login",
    default: 'admin',
  },
  {
    name: 'proxy.timeout',
    type: 'string',
    help: 'How long the plugin proxy waits for a route target, in seconds (Grafana: dataproxy.timeout)',
    default: '30',
  },
  {
    name: 'host.dir',
    type: 'string',
    help: 'The bundled host page (npm run build)',
    default: join(workspace, 'dist', 'host'),
  },
];

function setup(exporter: Exporter, flags: FlagValues): void {
  const hostDir = String(flags['host.dir']);
  if (!existsSync(join(hostDir, 'main.js'))) {
    throw new Error(`--host.dir ${hostDir}: no main.js (run npm run build -w @vigil/plugin-host)`);
  }
  const dirs = (flags['plugins.dir'] as string[]).length
    ? (flags['plugins.dir'] as string[])
    : repoPluginDirs(repoRoot);
  const plugins: ServedPlugin[] = readPlugins(dirs);
  const byId = new Map(plugins.map((p) => [p.id, p]));
  const prometheusUrl = String(flags['prometheus.url']);
  const role = String(flags['user.role']);
  if (!isOrgRole(role)) {
    throw new Error(`--user.role ${role}: expected one of ${ORG_ROLES.join(', ')}`);
  }
  const timeoutSeconds = Number(flags['proxy.timeout']);
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
    throw new Error(`--proxy.timeout ${String(flags['proxy.timeout'])}: expected seconds between 0 and 600`);
  }
  const provisioning = String(flags['provisioning.plugins'] ?? '');
  const provisioned = provisioning ? readProvisionedApps(provisioning) : new Map<string, AppSettings>();
  const settings = new PluginSettingsStore(byId, provisioned);
  const declarations = plugins.flatMap((p) => (p.json.roles ?? []) as PluginRoleDeclaration[]);
  const userOf = (req: Request) =>
    signedInUser(req, { defaultRole: role, login: String(flags['user.login']), declarations: () => declarations });
  exporter.logger.info(
    { plugins: plugins.map((p) => p.id), prometheusUrl, provisionedApps: [...provisioned.keys()], role },
    'serving plugins',
  );

  const app = exporter.app;
  app.use('/api/prom', prometheusProxy({ prometheusUrl, registry: exporter.registry, namespace: NAMESPACE }));
  app.use(
    '/api/plugin-proxy',
    pluginProxy({
      plugins: byId,
      settings,
      userOf,
      registry: exporter.registry,
      namespace: NAMESPACE,
      timeoutMs: timeoutSeconds * 1000,
    }),
  );
  app.use('/api', grafanaApi({ plugins: byId, settings, userOf }));

  // Grafana serves a plugin's files under public/plugins/<id>/ (its chunks are fetched from there); /plugins/<id>/
  // is kept as an alias for the panel pages.
  const pluginFiles: express.RequestHandler = (req, res, next) => {
    const plugin = byId.get(String(req.params.id));
    if (!plugin) {
      res.status(404).json({ error: `plugin ${req.params.id} is not served; served: ${[...byId.keys()].join(', ') || 'none'}` });
      return;
    }
    express.static(plugin.dir, { fallthrough: false })(req, res, next);
  };
  app.use('/public/plugins/:id', pluginFiles);
  // @grafana/ui's icons and Grafana's web fonts, copied beside the page at build time.
  app.use('/public/build/img', express.static(join(hostDir, 'public', 'build', 'img'), { fallthrough: false }));
  // @grafana/ui before 12 asks for its icons under public/img/ (the matrix pages of older releases).
  app.use('/public/img', express.static(join(hostDir, 'public', 'build', 'img'), { fallthrough: false }));
  app.use('/public/fonts', express.static(join(hostDir, 'public', 'fonts'), { fallthrough: false }));

  // The page, with window.grafanaBootData for the signed-in user inlined as Grafana does: the panel host
  // (/host/), app pages (/a/<id>/...) and an app's configuration page (/plugins/<id>).
  const template = readFileSync(join(hostDir, 'index.html'), 'utf8');
  // ?grafana=<v> or the vigil-grafana cookie: the page bundled with that Grafana release's shared modules.
  const versions = versionedPages(hostDir);
  const page: express.RequestHandler = (req, res) => {
    const theme = req.query.theme === 'light' ? 'light' : 'dark';
    const wanted = requestedGrafana(req);
    const versioned = wanted === undefined ? undefined : versions.get(wanted);
    if (wanted !== undefined && !versioned) {
      res.status(404).json({ error: `grafana ${wanted}: no host page for it; built: ${builtVersions(versions).join(', ') || 'none'}` });
      return;
    }
    const boot = bootData(userOf(req), byId, settings, theme);
    if (versioned) boot.settings.buildInfo.version = versioned.version;
    const data = JSON.stringify(boot).replace(/</g, '\\u003c');
    res
      .type('html')
      .set('cache-control', 'no-store')
      .send((versioned?.template ?? template).replace('/*grafanaBootData*/', `window.grafanaBootData = ${data};`));
  };
  app.get(['/host', '/host/', '/host/index.html'], page);
  app.get(/^\/a\/[a-z0-9-]+(\/.*)?$/, page);
  app.get('/plugins/:id', page);
  app.use('/plugins/:id', pluginFiles);
  app.use('/scenarios', express.static(join(hostDir, 'scenarios'), { fallthrough: false }));
  app.use('/host', express.static(hostDir, { fallthrough: false, index: false }));

  exporter.addCheck(
    'prometheus',
    async () => {
      try {
        const r = await fetch(`${prometheusUrl.replace(/\/+$/, '')}/-/ready`, {
          signal: AbortSignal.timeout(2000),
        });
        return r.ok
          ? { status: 'healthy' }
          : { status: 'degraded', message: `prometheus /-/ready answered ${r.status}` };
      } catch (err) {
        return { status: 'degraded', message: `prometheus unreachable: ${(err as Error).message}` };
      }
    },
    { critical: false },
  );
}

export const hostOptions: RunExporterOptions = {
  name: 'vigil-plugin-host',
  description:
    "Serves the plugin host page: built Grafana plugins loaded with Grafana's shared modules, fed by Prometheus",
  version: '0.1.0',
  namespace: NAMESPACE,
  // Loopback by default: the page signs everyone in with a role of their choosing and its proxy adds the apps'
  // secrets, so it must not face a network unless asked to (--web.listen-address).
  defaultListenAddress: '127.0.0.1:3001',
  envPrefix: 'VIGIL_PLUGIN_HOST',
  flags: hostFlags,
  links: [{ href: '/host/', text: 'Plugin host page' }],
  setup,
};
