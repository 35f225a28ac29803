/**
 * A web-platform-tests server of our own: what wptserve and pywebsocket3
 * do for the `websockets/` suite, on two loopback ports.
 *
 *   http  (also ws)   the test files, the wrappers, the Python endpoints
 *   https (also wss)  the same, over TLS with a certificate made at test time
 *
 * wptserve gives ws and wss ports of their own; one port per scheme pair
 * is enough here, since a request either upgrades or it does not.
 * `{{ports[h2][0]}}` points at the https port: the h2 variants (WebSocket
 * over HTTP/2, RFC 8441) are recorded as not applicable and never run.
 *
 * The suite's files are read from the mirror (once per run), never
 * copied. testharnessreport.js is served with a few lines appended that
 * keep the results where the runner reads them (`self.__wsspecWpt`), as
 * wptrunner replaces that file with its own.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Credentials } from './certificate.ts';
import { WptWebSocketEndpoints } from './handlers.ts';
import { parseScriptMeta } from './suite.ts';
import { substitute } from './substitute.ts';
import type { SubstitutionContext } from './substitute.ts';

export const MAIN_HOST = '127.0.0.1';
export const ALT_HOST = 'localhost';

/** Appended to testharnessreport.js: the timeout multiplier, and the completion callback the runner reads. */
export const reportHook = (timeoutMultiplier: number): string => `
;(function () {
  // wsspec's runner reads the results from here (wptrunner replaces this file the same way).
  setup({ timeout_multiplier: ${timeoutMultiplier} });
  add_completion_callback(function (tests, status) {
    self.__wsspecWpt = {
      status: status.status,
      message: status.message || null,
      tests: tests.map(function (t) { return { name: t.name, status: t.status, message: t.message || null }; })
    };
  });
})();
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.idl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css',
  '.py': 'text/plain; charset=utf-8',
};

export interface WptServer {
  httpPort: number;
  httpsPort: number;
  /** `http://127.0.0.1:<port>`. */
  httpOrigin: string;
  /** `https://127.0.0.1:<port>`. */
  httpsOrigin: string;
  /** The authority that signed the https/wss port's certificate (PEM), for clients that must trust it. */
  ca: string;
  close(): Promise<void>;
}

const GLOBAL_WINDOW = `self.GLOBAL = { isWindow: function() { return true; }, isWorker: function() { return false; }, isShadowRealm: function() { return false; } };`;
const GLOBAL_WORKER = `self.GLOBAL = { isWindow: function() { return false; }, isWorker: function() { return true; }, isShadowRealm: function() { return false; } };`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** wptserve's wrapper pages for `X.any.js`, `X.window.js` and `X.worker.js`. */
function wrapper(root: string, files: SuiteFiles, path: string): Promise<{ body: string; type: string } | null> {
  const make = async (source: string, kind: 'window' | 'worker' | 'sharedworker' | 'serviceworker' | 'worker-script' | 'worker-test'): Promise<{ body: string; type: string } | null> => {
    const stored = await files.read(join(root, source));
    if (stored === null) return null;
    const text = stored.bytes.toString('utf8');
    const meta = parseScriptMeta(text);
    const name = source.slice(source.lastIndexOf('/') + 1);
    const head = [
      '<!doctype html>',
      '<meta charset=utf-8>',
      ...(meta.title ? [`<title>${escapeHtml(meta.title)}</title>`] : []),
      ...(meta.long ? ['<meta name="timeout" content="long">'] : []),
    ];
    const harness = ['<script src="/resources/testharness.js"></script>', '<script src="/resources/testharnessreport.js"></script>'];
    if (kind === 'window') {
      const body = [
        ...head,
        `<script>${GLOBAL_WINDOW}</script>`,
        ...harness,
        ...meta.scripts.map((s) => `<script src="${escapeHtml(s)}"></script>`),
        '<div id=log></div>',
        `<script src="${escapeHtml(name)}"></script>`,
      ];
      return { body: body.join('\n') + '\n', type: 'text/html; charset=utf-8' };
    }
    if (kind === 'worker-test') {
      // X.worker.js → X.worker.html: the file is the worker script itself.
      const body = [...head, ...harness, '<div id=log></div>', `<script>fetch_tests_from_worker(new Worker("${name}" + location.search));</script>`];
      return { body: body.join('\n') + '\n', type: 'text/html; charset=utf-8' };
    }
    if (kind === 'worker-script') {
      const lines = [
        'importScripts("/resources/testharness.js");',
        GLOBAL_WORKER,
        ...meta.scripts.map((s) => `importScripts(${JSON.stringify(s)});`),
        `importScripts(${JSON.stringify(name)});`,
        'done();',
      ];
      return { body: lines.join('\n') + '\n', type: 'text/javascript; charset=utf-8' };
    }
    const script = `${name.slice(0, -'.js'.length)}.worker.js`;
    const start =
      kind === 'worker'
        ? `fetch_tests_from_worker(new Worker("${script}" + location.search));`
        : kind === 'sharedworker'
          ? `fetch_tests_from_worker(new SharedWorker("${script}" + location.search));`
          : // wptserve's, a scope under the script's own directory (a service
            // worker may not control a path above its script) that no page
            // has, made one per test URL: wptrunner runs one test at a time
            // per browser, but a Firefox here runs three test windows in one
            // profile, and a test that unregisters the registration of
            // another running at the same scope leaves it without results.
            `(async function () {
  const scope = ${JSON.stringify(`does/not/exist/${name}/`)} + encodeURIComponent(location.search);
  let reg = await navigator.serviceWorker.getRegistration(scope);
  if (reg) await reg.unregister();
  reg = await navigator.serviceWorker.register("${script}" + location.search, { scope });
  fetch_tests_from_worker(reg.installing);
})();`;
    const body = [...head, ...harness, '<div id=log></div>', `<script>${start}</script>`];
    return { body: body.join('\n') + '\n', type: 'text/html; charset=utf-8' };
  };
  if (path.endsWith('.any.html')) return make(path.replace(/\.any\.html$/, '.any.js'), 'window');
  if (path.endsWith('.any.worker.html')) return make(path.replace(/\.any\.worker\.html$/, '.any.js'), 'worker');
  if (path.endsWith('.any.sharedworker.html')) return make(path.replace(/\.any\.sharedworker\.html$/, '.any.js'), 'sharedworker');
  if (path.endsWith('.any.serviceworker.html')) return make(path.replace(/\.any\.serviceworker\.html$/, '.any.js'), 'serviceworker');
  if (path.endsWith('.any.worker.js')) return make(path.replace(/\.any\.worker\.js$/, '.any.js'), 'worker-script');
  if (path.endsWith('.window.html')) return make(path.replace(/\.window\.html$/, '.window.js'), 'window');
  if (path.endsWith('.worker.html')) return make(path.replace(/\.worker\.html$/, '.worker.js'), 'worker-test');
  return Promise.resolve(null);
}

/** The `.headers` sidecar of a file: `Name: value` lines. */
async function sidecarHeaders(file: string): Promise<Array<[string, string]>> {
  try {
    const text = await readFile(`${file}.headers`, 'utf8');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]);
  } catch {
    return [];
  }
}

/**
 * The suite's files as read from the mirror, with their `.headers` sidecars:
 * read once per run (every engine loads the same few helpers hundreds of
 * times) and kept, since the mirror does not change while tests run.
 */
class SuiteFiles {
  readonly #read = new Map<string, Promise<{ bytes: Buffer; sidecar: Array<[string, string]> } | null>>();

  read(file: string): Promise<{ bytes: Buffer; sidecar: Array<[string, string]> } | null> {
    let entry = this.#read.get(file);
    if (entry === undefined) {
      entry = readFile(file).then(
        async (bytes) => ({ bytes, sidecar: await sidecarHeaders(file) }),
        () => null,
      );
      this.#read.set(file, entry);
    }
    return entry;
  }
}

/** wptserve's stash (stash-put.py / stash-take.py): one value per key and directory, taken once. */
const stash = new Map<string, string>();

/** The wptserve Python endpoints the suite uses, in TypeScript. */
function python(path: string, url: URL, req: IncomingMessage, res: ServerResponse): boolean {
  switch (path) {
    case '/websockets/security/check.py':
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(req.headers['sec-websocket-key'] === undefined ? 'PASS' : 'FAIL');
      return true;
    case '/websockets/cookies/support/set-cookie.py':
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': decodeURIComponent(url.search.slice(1)) }).end();
      return true;
    case '/websockets/opening-handshake/resources/redirect_response.py':
      res.writeHead(301, 'moved', { Location: '/echo' }).end();
      return true;
    case '/fetch/api/resources/stash-put.py': {
      const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*' };
      if (req.method === 'OPTIONS') {
        res.writeHead(200, { ...headers, 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' }).end('done');
        return true;
      }
      stash.set(`/fetch/api/resources/|${url.searchParams.get('key')}`, url.searchParams.get('value') ?? '');
      res.writeHead(200, headers).end('done');
      return true;
    }
    case '/fetch/api/resources/stash-take.py': {
      const key = `/fetch/api/resources/|${url.searchParams.get('key')}`;
      const value = stash.get(key) ?? null;
      stash.delete(key);
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' }).end(JSON.stringify(value));
      return true;
    }
    default:
      return false;
  }
}

/** Serves one plain HTTP request. */
export interface WptServerOptions {
  /** wptrunner's --timeout-multiplier: testharness.js timeouts are multiplied by it (a loaded machine). Default 1. */
  timeoutMultiplier?: number;
}

async function serve(root: string, files: SuiteFiles, ports: SubstitutionContext['ports'], options: WptServerOptions, req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> {
  const url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${req.headers.host ?? MAIN_HOST}`);
  let path = decodeURIComponent(url.pathname);
  if (python(path, url, req, res)) return;
  if (path === '/resources/WebIDLParser.js') path = '/resources/webidl2/lib/webidl2.js';

  // wptserve's pipe=trickle(dN): wait N seconds before the response.
  const trickle = /trickle\(d(\d+(?:\.\d+)?)\)/.exec(url.searchParams.get('pipe') ?? '');
  if (trickle) await new Promise((resolve) => setTimeout(resolve, Number(trickle[1]) * 1000));

  const generated = await wrapper(root, files, path.slice(1));
  if (generated !== null) {
    res.writeHead(200, { 'Content-Type': generated.type, 'Cache-Control': 'no-store' }).end(generated.body);
    return;
  }

  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep) || file.endsWith('.headers')) {
    res.writeHead(404).end('Not Found');
    return;
  }
  const stored = await files.read(file);
  if (stored === null) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    return;
  }
  const bytes = stored.bytes;
  const headers: Record<string, string> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
  for (const [name, value] of stored.sidecar) headers[name] = value;
  // The harness and its helpers (/resources/) are the same for every test of
  // the run: a browser's test window keeps them cached across navigations,
  // as it would under wptserve, instead of fetching and compiling 200 KB of
  // testharness.js for every URL. Test pages and everything else are fetched anew.
  headers['Cache-Control'] = path.startsWith('/resources/') ? 'max-age=3600' : 'no-store';
  let body: Buffer | string = bytes;
  // .sub. files: substitutions; the files that carry them are ASCII/UTF-8 text.
  if (/\.sub\.[^/]*$/.test(file)) body = substitute(bytes.toString('utf8'), { host: MAIN_HOST, altHost: ALT_HOST, ports, url });
  if (path === '/resources/testharnessreport.js') body = bytes.toString('utf8') + reportHook(options.timeoutMultiplier ?? 1);
  res.writeHead(200, headers).end(body);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, MAIN_HOST, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Starts the http and https servers on loopback ports. */
export async function startWptServer(root: string, credentials: Credentials, options: WptServerOptions = {}): Promise<WptServer> {
  const endpoints = new WptWebSocketEndpoints();
  const files = new SuiteFiles();
  const ports = { http: 0, https: 0, ws: 0, wss: 0, h2: 0 };
  const sockets = new Set<Socket>();
  const handle = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    serve(root, files, ports, options, req, res, secure).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  };
  const http = createServer(handle(false));
  const https = createHttpsServer({ key: credentials.key, cert: credentials.cert }, handle(true));
  for (const server of [http, https] as Server[]) {
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => endpoints.handleUpgrade(req, socket, head));
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.on('secureConnection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  }
  ports.http = ports.ws = await listen(http);
  ports.https = ports.wss = ports.h2 = await listen(https as unknown as Server);
  return {
    httpPort: ports.http,
    httpsPort: ports.https,
    httpOrigin: `http://${MAIN_HOST}:${ports.http}`,
    httpsOrigin: `https://${MAIN_HOST}:${ports.https}`,
    ca: credentials.ca,
    async close() {
      const closed = Promise.all([http, https].map((server) => new Promise((resolve) => server.close(resolve))));
      for (const socket of sockets) socket.destroy();
      await Promise.race([endpoints.close(), new Promise((resolve) => setTimeout(resolve, 1000))]);
      await closed;
    },
  };
}
