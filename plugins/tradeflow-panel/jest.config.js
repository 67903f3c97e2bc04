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
    // @grafana/ui imports react-dom/server; its browser build (what jsdom resolves) needs MessageChannel when
    // loaded, which jsdom lacks. The tests never render to a string, so the Node build serves.
    '^react-dom/server$': require.resolve('react-dom/server.node'),
  },
  // @grafana 13 and its d3 dependencies ship .mjs files, which the scaffolded transform pattern misses.
  transform: {
    ...base.transform,
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, ...moreESModules])],
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
