// Extends create-plugin's Jest config (.config/ belongs to create-plugin). Tests run in UTC.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

// ESM-only packages @grafana/ui 13 pulls in beyond create-plugin's list.
const moreESModules = ['@react-hookz', '@ver0'];

module.exports = {
  ...base,
  // @grafana 13 and its d3 dependencies ship .mjs files, which the scaffolded transform pattern misses.
  transform: {
    ...base.transform,
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, ...moreESModules])],
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
