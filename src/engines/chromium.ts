/**
 * Chromium (Blink), driven by Playwright over the DevTools protocol:
 * Debian's Chromium, never a downloaded one, headless, kept off the
 * network. Console lines arrive as Playwright `console` and `pageerror`
 * events, "<type>: <text>".
 */
import type { LaunchOptions } from '@playwright/test';
import { ENGINES, PATHS } from './catalog.ts';
import type { BrowserLaunchOptions, BrowserPage, BrowserSession } from './types.ts';

/** The flags every Chromium of the project runs with (no sandbox in containers, no background traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumLaunchOptions: LaunchOptions = { executablePath: PATHS.chromium, args: [...CHROMIUM_ARGS] };

export async function launchChromium(options: BrowserLaunchOptions = {}): Promise<BrowserSession> {
  const { chromium } = await import('@playwright/test');
  // Playwright's ignoreHTTPSErrors (below) is set per browser context over the
  // DevTools protocol, and a SharedWorker's connections do not see it: without
  // the flag, every wss connection from a shared worker fails the certificate
  // check, a failure of the run's certificate and not of Chromium's WebSocket.
  const browser = await chromium.launch(
    options.acceptInsecureCerts ? { ...chromiumLaunchOptions, args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'] } : chromiumLaunchOptions,
  );
  return {
    info: { id: 'chromium', label: ENGINES.chromium.label, version: browser.version(), source: ENGINES.chromium.source },
    async openPage(url: string): Promise<BrowserPage> {
      const context = await browser.newContext(options.acceptInsecureCerts ? { ignoreHTTPSErrors: true } : {});
      const page = await context.newPage();
      let lines: string[] = [];
      page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
      await page.goto(url);
      return {
        async evaluate<T>(expression: string, timeoutMs = 60_000): Promise<T> {
          return withTimeout(page.evaluate(expression) as Promise<T>, timeoutMs, 'chromium');
        },
        consoleLines: () => lines,
        async goto(next: string): Promise<void> {
          await Promise.all(context.pages().filter((other) => other !== page).map((other) => other.close()));
          // Each document starts with an empty cookie jar, as in a new context: one
          // test's cookies (the WPT cookies/ files set and expire their own) never reach the next.
          await context.clearCookies();
          lines = [];
          await page.goto(next);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Rejects when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
