import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './tests/support/chromium.js';

// Debian's Chromium, never a downloaded browser (there is no network for `playwright install`).
export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 120_000,
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['junit', { outputFile: 'reports/junit.xml' }]],
  expect: { timeout: 15_000 },
  use: {
    actionTimeout: 15_000,
    browserName: 'chromium',
    viewport: { width: 1540, height: 900 },
    launchOptions: chromiumLaunchOptions,
  },
});
