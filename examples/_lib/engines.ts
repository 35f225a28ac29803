/**
 * The other engines an example can show beside headless Chromium: Firefox
 * and WebKit pages, Bun and Deno processes (src/engines/). Each evaluates
 * the same expression (a function's source applied to its config); an
 * engine that is not installed gives a reason instead of a result, so the
 * example still runs to its end.
 */
import { ENGINES, engineMissing, launchBrowser, openRuntime } from '../../src/engines/index.ts';

export type OtherEngine = 'firefox' | 'webkit' | 'bun' | 'deno';

export interface EngineResult<T> {
  engine: OtherEngine;
  /** "Firefox 153.8.0", "Deno 2.9.6". */
  label: string;
  value: T | null;
  /** Why there is no value (not installed, failed to start). */
  why?: string;
}

/**
 * Evaluates `(${fn})(config)` in each engine: browsers on `pageUrl` (any
 * page of the example's server, for its origin), runtimes in a process.
 */
export async function evaluateInEngines<Config, T>(
  engines: readonly OtherEngine[],
  pageUrl: string,
  fn: (config: Config) => Promise<T>,
  config: Config,
  timeoutMs = 30_000,
): Promise<Array<EngineResult<T>>> {
  const expression = `(${fn.toString()})(${JSON.stringify(config)})`;
  return Promise.all(
    engines.map(async (engine): Promise<EngineResult<T>> => {
      const name = ENGINES[engine].label.replace(/ \(.*\)$/, '');
      const missing = engineMissing(engine);
      if (missing !== null) return { engine, label: name, value: null, why: `not installed (${missing.install})` };
      try {
        if (engine === 'bun' || engine === 'deno') {
          const runtime = await openRuntime(engine);
          try {
            return { engine, label: `${name} ${runtime.info.version}`, value: await runtime.evaluate<T>(expression, timeoutMs) };
          } finally {
            await runtime.close();
          }
        }
        const session = await launchBrowser(engine);
        try {
          const page = await session.openPage(pageUrl);
          const value = await page.evaluate<T>(expression, timeoutMs);
          await page.close();
          return { engine, label: `${name} ${session.info.version}`, value };
        } finally {
          await session.close();
        }
      } catch (error) {
        return { engine, label: name, value: null, why: `failed: ${(error as Error).message.split('\n')[0]}` };
      }
    }),
  );
}
