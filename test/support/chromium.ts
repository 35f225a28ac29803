/**
 * How every test launches a browser: Debian's Chromium (never a downloaded
 * one), headless, with the flags that keep it off the closed network.
 */
import type { LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = process.env['WSSPEC_CHROMIUM'] ?? '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
