import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exporter, FlagSpec, FlagValues, RunExporterOptions } from '@vigil/exporter-kit';

import { readPlugins, repoPluginDirs, type ServedPlugin } from './plugins.js';
import { prometheusProxy } from './prometheusProxy.js';

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
  exporter.logger.info({ plugins: plugins.map((p) => p.id), prometheusUrl }, 'serving plugins');

  const app = exporter.app;
  app.use('/api/prom', prometheusProxy({ prometheusUrl, registry: exporter.registry, namespace: NAMESPACE }));
  app.get('/api/plugins', (_req, res) => {
    res.json(plugins.map(({ id, type, name }) => ({ id, type, name })));
  });
  app.use('/plugins/:id', (req, res, next) => {
    const plugin = byId.get(String(req.params.id));
    if (!plugin) {
      res
        .status(404)
        .json({
          error: `plugin ${req.params.id} is not served; served: ${[...byId.keys()].join(', ') || 'none'}`,
        });
      return;
    }
    express.static(plugin.dir, { fallthrough: false })(req, res, next);
  });
  app.use('/scenarios', express.static(join(hostDir, 'scenarios'), { fallthrough: false }));
  app.use('/host', express.static(hostDir, { fallthrough: false }));

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
  defaultListenAddress: ':3001',
  envPrefix: 'VIGIL_PLUGIN_HOST',
  flags: hostFlags,
  links: [{ href: '/host/', text: 'Plugin host page' }],
  setup,
};
