/**
 * The engines, one entry point:
 *
 *   launchBrowser('chromium' | 'firefox' | 'webkit')  → BrowserSession (openPage, evaluate)
 *   launchWebKitConsole()                             → WebKit with its console (pages include a bridge script)
 *   openRuntime('bun' | 'deno')                       → RuntimeSession (evaluate, consoleLines)
 *   runRuntimeScript('bun' | 'deno', file, args)      → exit code, stdout, stderr
 *   engineMissing(id), missingEngines(ids)            → why an engine cannot run here, and its install command
 *   engineInfo(id)                                    → label, source and version (asks the engine)
 */
import { launchChromium } from './chromium.ts';
import { ENGINES, engineMissing } from './catalog.ts';
import { launchFirefox } from './firefox.ts';
import { runtimeVersion } from './runtime.ts';
import type { BrowserEngineId, BrowserLaunchOptions, BrowserSession, EngineId, EngineInfo } from './types.ts';
import { launchWebKit } from './webkit.ts';

export type * from './types.ts';
export { ENGINE_IDS } from './types.ts';
export { ENGINES, PATHS, engineMissing, missingEngines } from './catalog.ts';
export type { EngineDescription } from './catalog.ts';
export { CHROMIUM_ARGS, chromiumLaunchOptions } from './chromium.ts';
export { launchWebKitConsole, parseWebKitConsoleLine } from './webkit-console.ts';
export type { ConsoleBrowserSession } from './webkit-console.ts';
export { openRuntime, runRuntimeScript, runtimeCommand, runtimeVersion } from './runtime.ts';
export type { RuntimeSession, ScriptResult, ScriptRuntimeId } from './runtime.ts';
export { obtainDisplay } from './xvfb.ts';

const LAUNCHERS: Record<BrowserEngineId, (options?: BrowserLaunchOptions) => Promise<BrowserSession>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** Launches a browser engine; fails with the install command when it is missing. */
export async function launchBrowser(id: BrowserEngineId, options: BrowserLaunchOptions = {}): Promise<BrowserSession> {
  const missing = engineMissing(id);
  if (missing !== null) throw new Error(`${ENGINES[id].label} cannot run here: ${missing.reason}. Install it with: ${missing.install}`);
  return LAUNCHERS[id](options);
}

/** An engine's label, source and version, asked of the engine itself (browsers are launched and closed). */
export async function engineInfo(id: EngineId): Promise<EngineInfo> {
  const { label, source } = ENGINES[id];
  switch (id) {
    case 'chromium':
    case 'firefox':
    case 'webkit': {
      const session = await launchBrowser(id);
      await session.close();
      return session.info;
    }
    case 'bun':
    case 'deno':
      return { id, label, source, version: await runtimeVersion(id) };
    case 'undici':
      return { id, label, source, version: `${process.versions['undici'] ?? '?'} (Node ${process.version})` };
    case 'wsspec':
      return { id, label, source, version: 'this checkout' };
  }
}
