/**
 * Which test URLs cannot run on which implementation here, and why: data,
 * never a silent skip. Everything not listed here runs, and its result,
 * whatever it is, is recorded.
 */
import type { WptImplementation } from './results.ts';
import type { WptTest } from './suite.ts';

/** The implementations that run in a runtime host (no document): src/wpt/host/runtime-host.ts. */
export const RUNTIME_HOSTED: readonly WptImplementation[] = ['wsspec', 'undici', 'bun', 'deno'];
export const BROWSERS: readonly WptImplementation[] = ['chromium', 'firefox', 'webkit'];

export const H2_REASON =
  'WebSocket over HTTP/2 (RFC 8441 extended CONNECT): the test server speaks HTTP/1.1 only, and RFC 8441 is outside the specifications this site traces';

/** Files no implementation can run here, with the reason. */
export const NOT_RUNNABLE: Readonly<Record<string, string>> = {
  'websockets/opening-handshake/003.html':
    "connects to an IDN subdomain of the test host (天気の良い日.web-platform.test under wptserve); this run's host is the loopback address 127.0.0.1, which has no subdomains",
};

const BFCACHE_REASON =
  'needs remote-context-helper.js and the BFCache executors, which the suite copy does not include (its README, "Missing")';

/**
 * Files a runtime host cannot run: they need what only a browser has (a
 * document, frames, windows, XMLHttpRequest, FileReader, a cookie jar,
 * workers as WPT uses them). Each named with the reason.
 */
export const NEEDS_BROWSER: Readonly<Record<string, string>> = {
  'websockets/remove-own-iframe-during-onerror.window.js': 'needs a document with an iframe',
  'websockets/Create-on-worker-shutdown.any.js': 'needs a dedicated Worker created from a Blob URL',
  'websockets/Create-url-with-windows-1252-encoding.html': "needs a document whose encoding is windows-1252 (the URL parser uses the document's encoding)",
  'websockets/constructor/016.html': 'needs a windows-1252 document',
  'websockets/send-data-isolation.sub.html': 'needs iframes on two sites',
  'websockets/bufferedAmount-unchanged-by-sync-xhr.any.js': 'needs a synchronous XMLHttpRequest',
  'websockets/security/002.html': 'needs XMLHttpRequest',
  'websockets/constructor/006.html': 'needs a document (document.domain / DOM)',
  'websockets/interfaces/WebSocket/events/003.html': 'needs a document',
  'websockets/interfaces/WebSocket/events/007.html': 'needs a document',
  'websockets/interfaces/WebSocket/events/008.html': 'needs a document',
  'websockets/interfaces/WebSocket/events/009.html': 'needs a document',
  'websockets/interfaces/WebSocket/events/019.html': 'needs a document',
  'websockets/interfaces/WebSocket/send/010.html': 'needs a document',
  'websockets/idlharness.any.js': 'idlharness checks the members exposed on a Window or a WorkerGlobalScope; a runtime host\'s global is neither',
};

/** Path prefixes a runtime host cannot run. */
const NEEDS_BROWSER_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['websockets/unload-a-document/', 'needs documents that navigate and unload (iframes, window.open)'],
  ['websockets/multi-globals/', 'needs several globals (iframes): the incumbent and relevant settings objects'],
  ['websockets/cookies/', "needs a document's cookie jar (document.cookie)"],
];

/** Why `test` is not applicable to `implementation`, or null when it runs. */
export function notApplicable(test: WptTest, implementation: WptImplementation): string | null {
  if (test.variant.includes('wpt_flags=h2')) return H2_REASON;
  if (test.file.includes('/back-forward-cache-')) return BFCACHE_REASON;
  const reason = NOT_RUNNABLE[test.file];
  if (reason !== undefined) return reason;
  if (RUNTIME_HOSTED.includes(implementation)) {
    if (test.scope !== 'window') {
      return `the ${test.scope} wrapper: a runtime host is one global of its own; it runs the file's window wrapper, and browsers run the worker wrappers`;
    }
    const needs = NEEDS_BROWSER[test.file] ?? NEEDS_BROWSER_PREFIX.find(([prefix]) => test.file.startsWith(prefix))?.[1];
    if (needs !== undefined) return `${needs}; a runtime host has none`;
  }
  if (implementation === 'wsspec' && test.file.includes('/tentative/')) {
    return 'WebSocketStream (tentative, not in the WebSockets Standard): this implementation follows the standard';
  }
  return null;
}
