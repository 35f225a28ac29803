/**
 * Engines: the independent WebSocket implementations the evidence and the
 * web-platform-tests run on. An engine is an adapter (how to start it, how
 * to run a script in it, what its version is), never a copy of a runner.
 *
 *   browsers  chromium (Playwright), firefox (puppeteer-core over WebDriver
 *             BiDi), webkit (WebKitWebDriver driving MiniBrowser under Xvfb)
 *   runtimes  undici (Node's global WebSocket), bun, deno (their own clients)
 *   ours      wsspec (src/api, in Node)
 */

export type BrowserEngineId = 'chromium' | 'firefox' | 'webkit';
export type RuntimeEngineId = 'undici' | 'bun' | 'deno';
export type EngineId = BrowserEngineId | RuntimeEngineId | 'wsspec';

/** Every engine, in the order pages show them. */
export const ENGINE_IDS: readonly EngineId[] = ['wsspec', 'chromium', 'firefox', 'webkit', 'undici', 'bun', 'deno'];

export interface EngineInfo {
  id: EngineId;
  /** A reader's name: "Firefox (Gecko)". */
  label: string;
  /** The version the engine reported in this run, e.g. "153.8.0esr". */
  version: string;
  /** Where its WebSocket is implemented (a URL or a repository path). */
  source: string;
}

/** Why an engine cannot run here, and how to make it run. */
export interface EngineMissing {
  id: EngineId;
  reason: string;
  /** The command that installs it, e.g. "apt-get install -y firefox-esr". */
  install: string;
}

/** One page in a browser engine. */
export interface BrowserPage {
  /**
   * Runs `expression` (a JavaScript expression that may evaluate to a
   * promise) in the page and resolves with its JSON-serializable result.
   */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** Console lines and page errors seen so far, in order (empty where the engine exposes none). */
  consoleLines(): readonly string[];
  /**
   * Navigates this page to `url` and waits for its load event, as a WPT
   * runner's test window does between tests: cheaper than a new page (no new
   * browsing context or renderer), and windows the last document opened are
   * closed first. Console lines start again empty.
   */
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

/** How to launch a browser engine. */
export interface BrowserLaunchOptions {
  /** Accept any TLS certificate (loopback test servers with a certificate made at test time, e.g. the WPT run). */
  acceptInsecureCerts?: boolean;
}

/** A running browser engine. */
export interface BrowserSession {
  info: EngineInfo;
  /** Opens a page at `url` and waits for its load event. */
  openPage(url: string): Promise<BrowserPage>;
  close(): Promise<void>;
}
