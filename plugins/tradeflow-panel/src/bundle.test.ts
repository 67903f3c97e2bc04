import { existsSync, readFileSync } from 'fs';
import path from 'path';

// The modules Grafana 13 hands to plugins at run time: the keys of sharedDependenciesMap in
// public/app/features/plugins/loader/sharedDependencies.ts (grafana/grafana main, read for this plugin).
// @grafana/schema and @grafana/i18n are not among them (i18next is, for @grafana/ui's translations), so a
// plugin that imports them must bundle them, which create-plugin's externals do.
const GRAFANA_SHARED = [
  '@emotion/css',
  '@emotion/react',
  '@grafana/data',
  '@grafana/data/unstable',
  '@grafana/runtime',
  '@grafana/runtime/unstable',
  '@grafana/slate-react',
  '@grafana/ui',
  '@grafana/ui/unstable',
  'd3',
  'emotion',
  'i18next',
  'jquery',
  'lodash',
  'moment',
  'prismjs',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'react-inlinesvg',
  'react-redux',
  'react-router',
  'react-router-dom',
  'redux',
  'rxjs',
  'rxjs/operators',
  'slate',
  'slate-plain-serializer',
  'slate-react',
];

const MODULE = path.resolve(__dirname, '..', 'dist', 'module.js');

describe('the built dist/module.js', () => {
  it('asks Grafana only for modules Grafana shares with plugins', () => {
    if (!existsSync(MODULE)) {
      throw new Error(
        `${MODULE} is missing: build the plugin first (npm run build -w @vigil/tradeflow-panel)`,
      );
    }
    const deps = /define\((\[[^\]]*\])/.exec(readFileSync(MODULE, 'utf8'))?.[1];
    expect(deps).toBeDefined();
    // "module" is the AMD module object create-plugin asks for, to find its public path.
    const externals = (JSON.parse(deps!) as string[]).filter((d) => d !== 'module');
    expect(externals.filter((d) => !GRAFANA_SHARED.includes(d))).toEqual([]);
    expect(externals).toEqual(
      expect.arrayContaining(['@grafana/data', '@grafana/ui', '@grafana/runtime', 'react']),
    );
    expect(externals).not.toContain('@grafana/schema');
    expect(externals).not.toContain('@grafana/i18n');
  });
});
