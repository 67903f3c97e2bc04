// The modules Grafana shares with plugins at run time (its sharedDependencies map), provided here from the
// npm packages at the versions the plugins build against. A plugin must find each of these, never bundle them.
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaSchema from '@grafana/schema';
import * as grafanaUI from '@grafana/ui';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
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

export const sharedDependencies: Record<string, Record<string, unknown>> = {
  '@emotion/css': withDefault(emotionCss),
  '@emotion/react': withDefault(emotionReact),
  '@grafana/data': withDefault(grafanaData),
  '@grafana/i18n': withDefault(grafanaI18n),
  '@grafana/runtime': withDefault(grafanaRuntime),
  '@grafana/schema': withDefault(grafanaSchema),
  '@grafana/ui': withDefault(grafanaUI),
  lodash: withDefault(lodash),
  react: withDefault(react),
  'react-dom': withDefault(reactDom),
  'react-dom/client': withDefault(reactDomClient),
  'react/jsx-runtime': withDefault(jsxRuntime),
  'react/jsx-dev-runtime': withDefault(jsxDevRuntime),
  rxjs: withDefault(rxjs),
  'rxjs/operators': withDefault(rxjsOperators),
};

/** Registers every shared module with SystemJS and maps the bare names plugins import to them. */
export function exposeSharedDependencies(): void {
  const imports: Record<string, string> = {};
  for (const [name, mod] of Object.entries(sharedDependencies)) {
    const id = `${SHARED_DEPENDENCY_PREFIX}:${name}`;
    SystemJS.set(id, mod);
    imports[name] = id;
  }
  SystemJS.addImportMap({ imports });
}
