// App plugins on the host page, as Grafana's AppRootPage and plugin configuration page render them: one router
// (react-router v5 over @grafana/runtime's locationService history, with the v6 CompatRouter inside, the same
// instance plugins get as "react-router"), the app's root component under /a/<id>/* with meta, basename, query and
// path, its configuration pages under /plugins/<id>?page=<id> for Admins, a PluginPage with the app's navigation,
// and Grafana's page permission rule (an include's `action`, else its `role`).
import { type AppPlugin, type AppPluginMeta, PluginContextProvider, PluginType, urlUtil } from '@grafana/data';
import { config, locationService, type PluginPageProps } from '@grafana/runtime';
import { Alert, Stack, Tab, TabsBar, useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import React, { Component, useEffect, useMemo, useState } from 'react';
import { Router } from 'react-router-dom';
import { CompatRouter, Link, Route, Routes, useLocation, useParams } from 'react-router-dom-v5-compat';

import { importPluginModule } from './pluginLoader';

type HostStateSetter = (state: 'loading' | 'ready' | 'error', detail?: string) => void;

interface Include {
  type?: string;
  name?: string;
  path?: string;
  role?: string;
  action?: string;
  addToNav?: boolean;
}

const RANK: Record<string, number> = { Viewer: 1, Editor: 2, Admin: 3 };

function currentUser() {
  return config.bootData.user as unknown as { orgRole: string; isGrafanaAdmin: boolean; permissions?: Record<string, boolean> };
}

/** Grafana's userHasPermissionsToPluginPage: the include for this path decides, by action, else by role. */
export function mayOpen(include: Include | undefined): boolean {
  const user = currentUser();
  if (!include) return true;
  if (include.action) return Boolean(user.permissions?.[include.action]);
  if (user.isGrafanaAdmin || user.orgRole === 'Admin' || !include.role) return true;
  return (RANK[user.orgRole] ?? 0) >= (RANK[include.role] ?? 99);
}

async function loadApp(id: string): Promise<AppPlugin> {
  const res = await fetch(`/api/plugins/${encodeURIComponent(id)}/settings`);
  const meta = (await res.json()) as AppPluginMeta & { message?: string };
  if (!res.ok) throw new Error(`app ${id}: ${meta.message ?? `GET /api/plugins/${id}/settings answered ${res.status}`}`);
  if (meta.type !== PluginType.app) throw new Error(`${id}: Plugin must be an app`);
  if (!meta.enabled) {
    throw new Error(`${id}: Application Not Enabled (provision it with --provisioning.plugins, or save its configuration at /plugins/${id})`);
  }
  const exports = await importPluginModule(id, `/${meta.module}`);
  const plugin = exports.plugin as AppPlugin | undefined;
  if (!plugin) throw new Error(`app ${id}: module.js exports no "plugin"`);
  plugin.init(meta);
  plugin.meta = meta;
  return plugin;
}

/** A plugin's render error shown (and the page's state set to error) instead of an empty page. */
export class PluginErrorBoundary extends Component<{ onError: HostStateSetter; children: React.ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    this.props.onError('error', `plugin failed to render: ${error.message}`);
  }
  override render() {
    return this.state.error ? (
      <Alert severity="error" title="Plugin failed to render" data-testid="host-error">
        {this.state.error.message}
      </Alert>
    ) : (
      this.props.children
    );
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), minHeight: '100vh', background: theme.colors.background.canvas }),
  header: css({ marginBottom: theme.spacing(2) }),
  title: css({ margin: theme.spacing(0, 0, 1, 0) }),
  user: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});

/** The app currently shown, for PluginPage's header and navigation. */
let shownApp: AppPlugin | undefined;

/** @grafana/runtime's PluginPage on the host: the app's name, its navigation from plugin.json, the page. */
export function HostPluginPage({ children, subTitle, actions, pageNav }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const location = useLocation();
  const meta = shownApp?.meta;
  const includes = ((meta?.includes ?? []) as Include[]).filter((i) => i.type === 'page' && i.addToNav && i.path && mayOpen(i));
  return (
    <div className={styles.page} data-testid="host-plugin-page">
      <header className={styles.header}>
        <Stack justifyContent="space-between" alignItems="center">
          <h1 className={styles.title}>{pageNav?.text ?? meta?.name}</h1>
          <span className={styles.user} data-testid="host-user">
            signed in as {config.bootData.user.login} ({currentUser().orgRole})
          </span>
        </Stack>
        {subTitle && <div>{subTitle}</div>}
        <TabsBar>
          {includes.map((i) => (
            <Tab
              key={i.path}
              label={i.name ?? ''}
              active={location.pathname === i.path || location.pathname.startsWith(`${i.path}/`)}
              onChangeTab={() => locationService.push(i.path as string)}
            />
          ))}
        </TabsBar>
        {actions && <div>{actions}</div>}
      </header>
      {children}
    </div>
  );
}

function useApp(id: string, onState: HostStateSetter): { plugin?: AppPlugin; error?: string } {
  const [state, setState] = useState<{ plugin?: AppPlugin; error?: string }>({});
  useEffect(() => {
    let live = true;
    onState('loading');
    loadApp(id).then(
      (plugin) => {
        shownApp = plugin;
        if (live) setState({ plugin });
        onState('ready');
      },
      (err: Error) => {
        if (live) setState({ error: err.message });
        onState('error', err.message);
      },
    );
    return () => {
      live = false;
    };
  }, [id, onState]);
  return state;
}

function AppRootPage({ onState }: { onState: HostStateSetter }) {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const { plugin, error } = useApp(pluginId, onState);
  const query = useMemo(() => urlUtil.parseKeyValue(location.search.slice(1)), [location.search]);
  if (error) {
    return <Alert severity="error" title={error} data-testid="host-error" />;
  }
  if (!plugin || plugin.meta.id !== pluginId) return null;
  if (!plugin.root) return <Alert severity="error" title="No root app page component found" data-testid="host-error" />;
  const include = ((plugin.meta.includes ?? []) as Include[]).find((i) => i.path === location.pathname);
  if (!mayOpen(include)) {
    return (
      <Alert severity="warning" title="Access denied" data-testid="host-access-denied">
        You do not have permission to see this page.
      </Alert>
    );
  }
  const Root = plugin.root;
  return (
    <PluginContextProvider meta={plugin.meta}>
      <PluginErrorBoundary onError={onState}>
        <Root meta={plugin.meta} basename={location.pathname} onNavChanged={() => undefined} query={query} path={location.pathname} />
      </PluginErrorBoundary>
    </PluginContextProvider>
  );
}

function PluginConfigPage({ onState }: { onState: HostStateSetter }) {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const { plugin, error } = useApp(pluginId, onState);
  const query = useMemo(() => urlUtil.parseKeyValue(location.search.slice(1)), [location.search]);
  if (error) return <Alert severity="error" title={error} data-testid="host-error" />;
  if (!plugin) return null;
  const pages = plugin.configPages ?? [];
  const page = pages.find((p) => p.id === query.page) ?? pages[0];
  const content = !currentUser().permissions?.['plugins:write'] ? (
    <Alert severity="warning" title="Access denied" data-testid="host-access-denied">
      Configuring {plugin.meta.name} needs the plugins:write permission (Admin).
    </Alert>
  ) : page ? (
    <PluginErrorBoundary onError={onState}>
      <page.body plugin={plugin} query={query} />
    </PluginErrorBoundary>
  ) : (
    <Alert severity="info" title={`${plugin.meta.name} has no configuration page`} />
  );
  return (
    <PluginContextProvider meta={plugin.meta}>
      <HostPluginPage pageNav={{ text: `${plugin.meta.name}: ${page?.title ?? 'Configuration'}` }}>
        {pages.length > 1 && (
          <TabsBar>
            {pages.map((p) => (
              <Tab key={p.id} label={p.title} active={p === page} onChangeTab={() => locationService.partial({ page: p.id })} />
            ))}
          </TabsBar>
        )}
        {content}
      </HostPluginPage>
    </PluginContextProvider>
  );
}

/** Everything under /a/<id>/... and /plugins/<id>. */
export function AppHost({ onState }: { onState: HostStateSetter }) {
  return (
    <Router history={locationService.getHistory()}>
      <CompatRouter>
        <Routes>
          <Route path="/a/:pluginId/*" element={<AppRootPage onState={onState} />} />
          <Route path="/plugins/:pluginId" element={<PluginConfigPage onState={onState} />} />
          <Route path="*" element={<Link to="/host/">Not an app page: back to the plugin host</Link>} />
        </Routes>
      </CompatRouter>
    </Router>
  );
}
