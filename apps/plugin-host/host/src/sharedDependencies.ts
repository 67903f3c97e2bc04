// The modules Grafana 13 shares with plugins at run time (its sharedDependencies map), provided here from the
// npm packages at the versions the plugins build against. A plugin must find each of these, never bundle them.
// Only modules Grafana really shares are here: not @grafana/schema nor @grafana/i18n, so a plugin that leaves them
// external fails to load here as it would in Grafana. "react-router" is v6 through react-router-dom-v5-compat and
// "react-router-dom" is v5, as in Grafana (a plugin on v6 bundles react-router-dom and imports "react-router").
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUI from '@grafana/ui';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as reactRouterDomV5 from 'react-router-dom';
import * as reactRouterV6 from 'react-router-dom-v5-compat';
import * as jsxRuntime from 'react/jsx-runtime';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

import { SHARED_DEPENDENCY_PREFIX, SystemJS } from './systemjs';

/** AMD consumers read `default` for CommonJS-style packages (react, lodash), like Grafana's map does. */
function withDefault(ns: object): Record<string, unknown> {
  const mod = ns as Record<string, unknown>;
  return 'default' in mod ? mod : { ...mod, default: mod, __useDefault: true };
}

export const sharedDependencies: Record<string, object> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUI,
  lodash: lodash,
  react: react,
  'react-dom': reactDom,
  'react-dom/client': reactDomClient,
  'react-router': reactRouterV6,
  'react-router-dom': reactRouterDomV5,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxDevRuntime,
  rxjs: rxjs,
  'rxjs/operators': rxjsOperators,
};

declare const __VIGIL_GRAFANA_SHARED__: string[] | undefined;
/**
 * The names this build of the page hands plugins: every module above, or, in a page built for an older Grafana
 * (scripts/build-host.mjs, the version matrix), the ones that release shares.
 */
const sharedNames = typeof __VIGIL_GRAFANA_SHARED__ === 'undefined' ? undefined : new Set(__VIGIL_GRAFANA_SHARED__);

/**
 * Registers every shared module with SystemJS and maps the bare names plugins import to them. `overrides` replace
 * exports of a module the way Grafana's start-up does (e.g. @grafana/runtime's PluginPage is set by Grafana core).
 */
export function exposeSharedDependencies(overrides: Record<string, Record<string, unknown>> = {}): void {
  const imports: Record<string, string> = {};
  for (const [name, shared] of Object.entries(sharedDependencies)) {
    if (sharedNames && !sharedNames.has(name)) continue;
    // The override goes into the module before `default` is derived: AMD consumers of a __useDefault module get
    // its `default`.
    const mod = withDefault(overrides[name] ? { ...shared, ...overrides[name] } : shared);
    const id = `${SHARED_DEPENDENCY_PREFIX}:${name}`;
    SystemJS.set(id, mod);
    imports[name] = id;
  }
  SystemJS.addImportMap({ imports });
}
