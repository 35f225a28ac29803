/**
 * Firefox (Gecko): Debian's firefox-esr driven by puppeteer-core over
 * WebDriver BiDi (Playwright cannot drive a stock Firefox, and geckodriver
 * is not packaged here). Firefox reports WebSocket failures as page errors
 * ("Firefox can't establish a connection to the server at ws://…"), which
 * are kept with the console lines as "pageerror: <text>".
 */
import { ENGINES, PATHS } from './catalog.ts';
import { withTimeout } from './chromium.ts';
import type { BrowserLaunchOptions, BrowserPage, BrowserSession } from './types.ts';

export async function launchFirefox(options: BrowserLaunchOptions = {}): Promise<BrowserSession> {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: PATHS.firefox,
    headless: true,
    // Nothing here reads puppeteer's request/response events: without them
    // Firefox's remote agent (in the parent process) does not report every
    // request, which was most of that process's CPU over a WPT run.
    networkEnabled: false,
    ...(options.acceptInsecureCerts && { acceptInsecureCerts: true }),
    // No update checks, telemetry or captive-portal probes: the machine has no network.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'toolkit.telemetry.enabled': false,
      'datareporting.healthreport.uploadEnabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      // The parent process paints the browser's own window (tab titles,
      // the address bar, the loading throbber) at the refresh rate, 60 Hz,
      // through every navigation: a third of its CPU over a WPT run, in a
      // browser whose pages are read, never looked at. Timers, events and
      // sockets do not follow the refresh rate; only painting and
      // requestAnimationFrame do, and no test here uses either.
      'layout.frame_rate': 5,
    },
  });
  // "firefox/153.8.0esr" → "153.8.0esr"
  const version = (await browser.version()).replace(/^[^/]*\//, '');
  return {
    info: { id: 'firefox', label: ENGINES.firefox.label, version, source: ENGINES.firefox.source },
    async openPage(url: string): Promise<BrowserPage> {
      const page = await browser.newPage();
      let lines: string[] = [];
      // Windows this page's documents open (window.open), closed before the next navigation.
      const popups = new Set<import('puppeteer-core').Page>();
      page.on('popup', (popup) => {
        if (popup !== null) popups.add(popup);
      });
      page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => lines.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
      await page.goto(url, { waitUntil: 'load' });
      return {
        async evaluate<T>(expression: string, timeoutMs = 60_000): Promise<T> {
          return withTimeout(page.evaluate(expression) as Promise<T>, timeoutMs, 'firefox');
        },
        consoleLines: () => lines,
        async goto(next: string): Promise<void> {
          await Promise.all([...popups].map((popup) => popup.close().catch(() => {})));
          popups.clear();
          lines = [];
          await page.goto(next, { waitUntil: 'load' });
        },
        async close(): Promise<void> {
          await Promise.all([...popups].map((popup) => popup.close().catch(() => {})));
          await page.close();
        },
      };
    },
    close: () => browser.close(),
  };
}
