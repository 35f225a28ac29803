/**
 * How every test launches a browser: Debian's Chromium (never a downloaded
 * one), headless, with the flags that keep it off the closed network. One
 * home: the engine adapter (src/engines/chromium.ts) owns the path and flags.
 */
export { chromiumLaunchOptions } from '../../src/engines/chromium.ts';
import { PATHS } from '../../src/engines/catalog.ts';

export const CHROMIUM_PATH = PATHS.chromium;
