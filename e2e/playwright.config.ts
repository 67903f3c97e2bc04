import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@vigil/test-support';

// Debian's Chromium ($CHROMIUM_BIN or chromium on PATH), never a downloaded browser (there is no network for
// `playwright install`); a missing one stops the run at once with one line naming the package.
// Time limits: 120 s per test and per hook, 10 minutes for the whole run, so nothing can hang the suite.
export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 120_000,
  globalTimeout: 600_000,
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['junit', { outputFile: 'reports/junit.xml' }]],
  expect: { timeout: 15_000 },
  use: {
    actionTimeout: 15_000,
    browserName: 'chromium',
    viewport: { width: 1540, height: 900 },
    launchOptions: chromiumLaunchOptions(),
  },
});
