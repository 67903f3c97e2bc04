// Extends create-plugin's Jest config (.config/ belongs to create-plugin). Tests run in UTC.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

// ESM-only packages @grafana/ui 13 pulls in beyond create-plugin's list.
const moreESModules = ['@react-hookz', '@ver0'];

module.exports = {
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // jsdom would pick yaml's browser (ESM) build; the tests that read rule files run the Node build.
    '^yaml$': require.resolve('yaml'),
  },
  // @grafana 13 and its d3 dependencies ship .mjs files, which the scaffolded transform pattern misses.
  transform: {
    ...base.transform,
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, ...moreESModules])],
  // Every test has a time limit (promtool runs take a few seconds), so none can hang the suite.
  testTimeout: 30_000,
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
