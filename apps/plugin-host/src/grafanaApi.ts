// The part of Grafana's HTTP API that plugins call and the host page needs: the signed-in user (/api/user,
// /api/user/orgs), the plugin list and an app's settings (GET/POST /api/plugins/<id>/settings, writing needs
// Admin as Grafana's plugins:write), and the boot data Grafana inlines in its index.html.
import type { Request, Response, Router } from 'express';
import express from 'express';

import { SettingsError, type PluginSettingsStore } from './pluginSettings.js';
import type { ServedPlugin } from './plugins.js';
import type { SignedInUser } from './signedInUser.js';

export interface GrafanaApiOptions {
  plugins: Map<string, ServedPlugin>;
  settings: PluginSettingsStore;
  userOf: (req: Request) => SignedInUser;
}

export function grafanaApi(opts: GrafanaApiOptions): Router {
  const router = express.Router();
  const unknown = (res: Response, id: string) =>
    res.status(404).json({ message: `Plugin not found, no installed plugin with that id (${id}); served: ${[...opts.plugins.keys()].join(', ')}` });

  router.get('/user', (req, res) => {
    const u = opts.userOf(req);
    res.json({
      id: u.id,
      uid: u.uid,
      login: u.login,
      name: u.name,
      email: u.email,
      orgId: u.orgId,
      isGrafanaAdmin: u.isGrafanaAdmin,
      isDisabled: false,
      isExternal: false,
      theme: '',
      authLabels: [],
    });
  });
  router.get('/user/orgs', (req, res) => {
    const u = opts.userOf(req);
    res.json([{ orgId: u.orgId, name: 'Main Org.', role: u.orgRole }]);
  });
  router.get('/plugins', (_req, res) => {
    res.json([...opts.plugins.values()].map(({ id, type, name }) => ({ id, type, name, enabled: opts.settings.get(id).enabled })));
  });
  router.get('/plugins/:id/settings', (req, res) => {
    const id = String(req.params.id);
    if (!opts.plugins.has(id)) return void unknown(res, id);
    res.json(opts.settings.dto(id));
  });
  router.post('/plugins/:id/settings', express.json({ limit: '1mb' }), (req, res) => {
    const id = String(req.params.id);
    if (!opts.plugins.has(id)) return void unknown(res, id);
    const user = opts.userOf(req);
    if (!user.permissions['plugins:write']) {
      res.status(403).json({ message: `You'll need additional permissions to perform this action. Permissions needed: plugins:write (signed in as ${user.orgRole})` });
      return;
    }
    try {
      opts.settings.update(id, req.body);
      res.json({ message: 'Plugin settings updated' });
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err;
      res.status(400).json({ message: err.message, field: err.field });
    }
  });
  return router;
}

/** window.grafanaBootData: what @grafana/runtime's `config` is built from, with the signed-in user. */
export function bootData(user: SignedInUser, plugins: Map<string, ServedPlugin>, settings: PluginSettingsStore, theme: 'dark' | 'light') {
  const apps: Record<string, unknown> = {};
  for (const p of plugins.values()) {
    if (p.type === 'app' && settings.get(p.id).enabled) {
      apps[p.id] = { id: p.id, path: `public/plugins/${p.id}/module.js`, version: (p.json.info as { version?: string } | undefined)?.version ?? '', preload: false };
    }
  }
  return {
    settings: {
      appSubUrl: '',
      appUrl: '/',
      buildInfo: { version: '13.2.2', edition: 'Open Source' },
      featureToggles: {},
      datasources: {},
      panels: {},
      apps,
      theme2: {},
    },
    user: {
      isSignedIn: true,
      id: user.id,
      uid: user.uid,
      login: user.login,
      email: user.email,
      name: user.name,
      orgId: user.orgId,
      orgName: 'Main Org.',
      orgRole: user.orgRole,
      orgCount: 1,
      isGrafanaAdmin: user.isGrafanaAdmin,
      permissions: user.permissions,
      timezone: 'utc',
      weekStart: 'monday',
      theme,
      lightTheme: theme === 'light',
      locale: 'en-US',
      language: 'en-US',
    },
    navTree: [],
  };
}
