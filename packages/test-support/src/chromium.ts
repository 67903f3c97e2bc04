// How Debian's Chromium is launched on these machines: no sandbox as root, and no background networking, which the
// closed network would refuse. Shared by the Playwright config and the browser benchmark.
import { requireBinary } from './binaries.js';

export interface ChromiumLaunchOptions {
  executablePath: string;
  args: string[];
}

/** Playwright launch options for $CHROMIUM_BIN or Debian's chromium; throws one line when it is missing. */
export function chromiumLaunchOptions(): ChromiumLaunchOptions {
  return {
    executablePath: requireBinary('chromium'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
