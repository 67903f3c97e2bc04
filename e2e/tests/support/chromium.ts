// How Debian's Chromium is launched on these machines (ENVIRONMENT.md): no sandbox as root, and no background
// networking, which the closed network would refuse. Shared by the Playwright config and the benchmarks.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
