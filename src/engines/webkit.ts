/**
 * WebKit (WebKitGTK): MiniBrowser driven by WebKitWebDriver through
 * selenium-webdriver (WebDriver classic), on the X display of xvfb.ts.
 *
 * WebDriver classic has no console, and MiniBrowser ignores
 * --enable-write-console-messages-to-stdout in automation mode, so pages
 * of this session report no console lines. For WebKit's console, use
 * webkit-console.ts (MiniBrowser launched directly).
 *
 * WebKitWebDriver runs one session, hence one page at a time: openPage()
 * while a page is open is an error (close it first).
 */
import { spawn } from 'node:child_process';
import { ENGINES, PATHS } from './catalog.ts';
import { freePort, stopProcessGroup, track, waitForHttp } from './process.ts';
import type { BrowserLaunchOptions, BrowserPage, BrowserSession } from './types.ts';
import { obtainDisplay } from './xvfb.ts';

/** Runs in the page: evaluates the expression (indirect eval, global scope), reports its JSON value or error. */
const EVALUATE = `
const done = arguments[arguments.length - 1];
const expression = arguments[0];
Promise.resolve()
  .then(() => (0, eval)(expression))
  .then(
    (value) => done({ ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) }),
    (error) => done({ ok: false, error: error && error.stack ? String(error) + '\\n' + error.stack : String(error) }),
  );`;

export async function launchWebKit(options: BrowserLaunchOptions = {}): Promise<BrowserSession> {
  const display = await obtainDisplay();
  const port = await freePort();
  const driverProcess = track(spawn(PATHS.webKitWebDriver, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display.name },
    stdio: 'ignore',
    detached: true,
  }));
  const stop = async (): Promise<void> => {
    await stopProcessGroup(driverProcess);
    await display.close();
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/status`, 15_000, driverProcess);
    const { Builder } = await import('selenium-webdriver');
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: PATHS.miniBrowser, args: ['--automation'] },
        ...(options.acceptInsecureCerts && { acceptInsecureCerts: true }),
      })
      .build();
    const capabilities = await driver.getCapabilities();
    const version = String(capabilities.get('browserVersion') ?? 'unknown');
    let open = false;
    const main = await driver.getWindowHandle();
    // Windows the page's documents opened (window.open): closed, and the session sent back to its own.
    const closeOtherWindows = async (): Promise<void> => {
      const handles = await driver.getAllWindowHandles();
      if (handles.length === 1) return;
      for (const handle of handles.filter((h) => h !== main)) {
        await driver.switchTo().window(handle);
        await driver.close();
      }
      await driver.switchTo().window(main);
    };
    return {
      info: { id: 'webkit', label: ENGINES.webkit.label, version, source: ENGINES.webkit.source },
      async openPage(url: string): Promise<BrowserPage> {
        if (open) throw new Error('WebKitWebDriver drives one page at a time: close the open page first');
        open = true;
        await driver.get(url);
        return {
          async evaluate<T>(expression: string, timeoutMs = 60_000): Promise<T> {
            await driver.manage().setTimeouts({ script: timeoutMs });
            const result = (await driver.executeAsyncScript(EVALUATE, expression)) as { ok: true; value: T } | { ok: false; error: string };
            if (!result.ok) throw new Error(`webkit: ${result.error}`);
            return result.value;
          },
          consoleLines: () => [],
          async goto(next: string): Promise<void> {
            await closeOtherWindows();
            await driver.get(next);
          },
          async close(): Promise<void> {
            open = false;
            await closeOtherWindows();
            await driver.get('about:blank');
          },
        };
      },
      async close(): Promise<void> {
        try {
          await driver.quit();
        } finally {
          await stop();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
