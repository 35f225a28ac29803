/**
 * The WPT test server (src/wpt/): the manifest rules, wptserve's
 * substitutions, the wrappers, and the pywebsocket handlers as a client
 * sees them — those on our server and those that break the protocol on
 * purpose.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { engineMissing, runtimeCommand } from '../../src/engines/index.ts';
import { makeCertificate } from '../../src/wpt/certificate.ts';
import { startWptServer } from '../../src/wpt/server.ts';
import type { WptServer } from '../../src/wpt/server.ts';
import { runOrder } from '../../src/wpt/run.ts';
import { substitute } from '../../src/wpt/substitute.ts';
import { listTests, parseHtmlMeta, parseScriptMeta, wptDir } from '../../src/wpt/suite.ts';
import { WebSocket } from '../../src/api/index.ts';

const root = wptDir();

describe('META lines and wrappers (wptserve manifest rules)', () => {
  it('reads title, timeout, scripts, globals and variants, stopping at the first code line', () => {
    const meta = parseScriptMeta(
      ['// META: title=T', '// META: timeout=long', '// META: script=a.js', '// META: global=window,worker', '// META: variant=?wss', '', 'test(() => {});', '// META: script=late.js'].join('\n'),
    );
    expect(meta).toEqual({ title: 'T', long: true, scripts: ['a.js'], globals: ['window', 'dedicatedworker', 'sharedworker', 'serviceworker'], variants: ['?wss'] });
  });

  it('defaults an .any.js file to window and dedicated worker', () => {
    expect(parseScriptMeta('test(() => {});').globals).toEqual(['window', 'dedicatedworker']);
  });

  it('keeps every script and variant line, in order, whatever else the file says', () => {
    const line = fc.stringMatching(/^[a-z0-9/._?=&-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('script', 'variant'), line), { maxLength: 8 }), fc.string(), (entries, body) => {
        const source = entries.map(([key, value]) => `// META: ${key}=${value}`).join('\n') + '\n\nx();\n' + body;
        const meta = parseScriptMeta(source);
        expect(meta.scripts).toEqual(entries.filter(([key]) => key === 'script').map(([, value]) => value));
        expect(meta.variants).toEqual(entries.filter(([key]) => key === 'variant').map(([, value]) => value));
      }),
    );
  });

  it('reads an .html test\'s title, variants and long timeout', () => {
    const meta = parseHtmlMeta('<title>WebSockets: x</title><meta name="variant" content="?default"><meta name=variant content="?wss"><meta name=timeout content=long>');
    expect(meta).toMatchObject({ title: 'WebSockets: x', variants: ['?default', '?wss'], long: true });
  });

  it.skipIf(root === null)('turns the suite into test URLs with one URL per variant and scope', () => {
    const tests = listTests(root!);
    const urls = tests.map((test) => test.url);
    expect(urls).toContain('/websockets/Close-1000.any.html?wss');
    expect(urls).toContain('/websockets/Close-1000.any.worker.html?default');
    expect(urls).toContain('/websockets/basic-auth.any.serviceworker.html?wss');
    expect(urls).toContain('/websockets/Send-data.worker.html?default');
    expect(urls).toContain('/websockets/interfaces/WebSocket/events/001.html?wpt_flags=h2');
    // Helper pages (no testharness.js) are not tests.
    expect(urls.some((url) => url.includes('/support/') || url.includes('001-1.html'))).toBe(false);
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe('the order a slot runs test URLs in', () => {
  it.skipIf(root === null)('puts the files the suite marks timeout=long first, then http before https, and keeps every URL', () => {
    const tests = listTests(root!);
    const ordered = runOrder(tests);
    expect(new Set(ordered.map((t) => t.url))).toEqual(new Set(tests.map((t) => t.url)));
    const firstShort = ordered.findIndex((t) => !t.meta.long);
    expect(firstShort).toBeGreaterThan(0);
    expect(ordered.slice(firstShort).every((t) => !t.meta.long)).toBe(true);
    const shortOnes = ordered.slice(firstShort);
    const firstHttps = shortOnes.findIndex((t) => t.https);
    expect(shortOnes.slice(firstHttps).every((t) => t.https)).toBe(true);
  });
});

describe('wptserve substitutions', () => {
  const context = { host: '127.0.0.1', altHost: 'localhost', ports: { http: 1, https: 2, ws: 3, wss: 4, h2: 5 }, url: new URL('http://127.0.0.1:1/a/b.sub.js?x=1') };

  it('substitutes hosts, ports, GET and location', () => {
    expect(substitute('{{host}}:{{ports[ws][0]}} {{hosts[alt][www]}}:{{ports[wss][0]}} {{GET[x]}} {{location[path]}}', context)).toBe(
      '127.0.0.1:3 localhost:4 1 /a/b.sub.js',
    );
  });

  it('refuses a token it does not know instead of leaving it in the file', () => {
    expect(() => substitute('{{nonsense}}', context)).toThrow(/unknown \{\{nonsense\}\}/);
  });

  it('leaves text without tokens unchanged', () => {
    fc.assert(fc.property(fc.string().filter((text) => !text.includes('{{')), (text) => {
      expect(substitute(text, context)).toBe(text);
    }));
  });
});

const credentials = makeCertificate();

describe.skipIf(root === null || credentials === null)('the test server and its handlers', () => {
  let server: WptServer;
  beforeAll(async () => {
    server = await startWptServer(root!, credentials!);
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> =>
    new Promise((resolve, reject) => {
      request(`${server.httpOrigin}${path}`, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
        .on('error', reject)
        .end();
    });

  /** Opens our WebSocket on a handler and collects what the script sees. */
  const session = (path: string, protocols: string[] = [], send: string[] = []): Promise<string[]> =>
    new Promise((resolve) => {
      const seen: string[] = [];
      const ws = new WebSocket(`ws://127.0.0.1:${server.httpPort}${path}`, protocols);
      ws.onopen = () => {
        seen.push(`open ${ws.protocol}`);
        for (const message of send) ws.send(message);
      };
      ws.onmessage = (event) => seen.push(`message ${String((event as MessageEvent).data)}`);
      ws.onerror = () => seen.push('error');
      ws.onclose = (event) => {
        seen.push(`close ${(event as CloseEvent).code}`);
        resolve(seen);
      };
    });

  it('serves .sub. files substituted and the .any.js wrappers', async () => {
    const constants = await get('/websockets/constants.sub.js');
    expect(constants.body).toContain(`__PORT = "${server.httpPort}"`);
    expect(constants.body).not.toContain('{{');
    const wrapper = await get('/websockets/Close-1000.any.html');
    expect(wrapper.body).toContain('<script src="constants.sub.js"></script>');
    expect(wrapper.body).toContain('<script src="Close-1000.any.js"></script>');
    const worker = await get('/websockets/basic-auth.any.worker.js');
    expect(worker.body).toContain('importScripts("basic-auth.any.js");');
  });

  it('registers each serviceworker variant at a scope of its own, under its script (test windows sharing a profile never unregister each other)', async () => {
    const body = (await get('/websockets/constructor/third-param-ignored.any.serviceworker.html?wss')).body;
    expect(body).toContain('const scope = "does/not/exist/third-param-ignored.any.js/" + encodeURIComponent(location.search);');
    expect(body).toContain('navigator.serviceWorker.register("third-param-ignored.any.worker.js" + location.search, { scope })');
  });

  it('serves testharnessreport.js with the hook the runner reads, and the .headers sidecars', async () => {
    const report = await get('/resources/testharnessreport.js');
    expect(report.body).toContain('self.__wsspecWpt');
    expect(report.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/resources/WebIDLParser.js')).status).toBe(200);
  });

  it('lets a browser cache the harness (/resources/) across test URLs, and never a test page or a .sub. file', async () => {
    expect((await get('/resources/testharness.js')).headers['cache-control']).toBe('max-age=3600');
    expect((await get('/resources/testharnessreport.js')).headers['cache-control']).toBe('max-age=3600');
    expect((await get('/websockets/constants.sub.js')).headers['cache-control']).toBe('no-store');
    expect((await get('/websockets/Close-1000.any.html')).headers['cache-control']).toBe('no-store');
    expect((await get('/websockets/constructor/014.html')).headers['cache-control']).toBe('no-store');
    expect((await get('/resources/no-such-file.js')).status).toBe(404);
  });

  it('serves wss with a certificate an authority signed (CA:FALSE, for 127.0.0.1), which a client trusting only the authority accepts', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: server.httpsPort, ca: server.ca });
    await once(socket, 'secureConnect');
    try {
      expect(socket.authorized, String(socket.authorizationError)).toBe(true);
      const leaf = socket.getPeerX509Certificate()!;
      expect(leaf.ca).toBe(false);
      expect(leaf.checkIssued(new X509Certificate(server.ca))).toBe(true);
      expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    } finally {
      socket.destroy();
    }
  });

  // Deno's rustls refuses a CA certificate presented as the server's own: with a
  // self-signed server certificate every wss test of Deno failed to connect.
  it.skipIf(engineMissing('deno') !== null)('lets Deno open a wss connection when told to trust the authority (--cert)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsspec-wpt-deno-'));
    try {
      await writeFile(join(dir, 'ca.pem'), server.ca);
      await writeFile(
        join(dir, 'open.js'),
        `const ws = new WebSocket('wss://127.0.0.1:${server.httpsPort}/echo');\nws.onopen = () => { console.log('open'); ws.close(1000); };\nws.onerror = (e) => console.log('error ' + e.message);\n`,
      );
      const { command, args } = runtimeCommand('deno', join(dir, 'open.js'));
      const at = args.indexOf(join(dir, 'open.js'));
      args.splice(at, 0, `--cert=${join(dir, 'ca.pem')}`);
      const output = await new Promise<string>((resolve) => {
        execFile(command, args, { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, timeout: 30_000 }, (_error, stdout) => resolve(stdout));
      });
      expect(output.trim().split('\n')[0]).toBe('open');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('emulates the Python endpoints the suite loads', async () => {
    expect((await get('/websockets/security/check.py')).body).toBe('PASS');
    const redirect = await get('/websockets/opening-handshake/resources/redirect_response.py');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/echo');
  });

  it('echo: selects "echo", echoes, and closes after Goodbye', async () => {
    expect(await session('/echo', ['echo', 'chat'], ['hi', 'Goodbye'])).toEqual(['open echo', 'message hi', 'message Goodbye', 'close 1000']);
  });

  it('protocol_array and echo-query answer with what the handshake carried', async () => {
    expect(await session('/protocol_array', ['foobar', 'foobar2'])).toEqual(['open foobar', 'message foobar', 'close 1000']);
    expect(await session('/echo-query?a=b&c')).toEqual(['open ', 'message a=b&c', 'close 1000']);
  });

  it('remote-close closes with the code and reason of the query', async () => {
    expect(await session('/remote-close?code=3456&reason=x')).toEqual(['open ', 'close 3456']);
  });

  it('handlers that break the protocol make the client fail: invalid response, wrong accept key, unoffered protocol', async () => {
    expect(await session('/invalid')).toEqual(['error', 'close 1006']);
    expect(await session('/wrong_accept_key')).toEqual(['error', 'close 1006']);
    expect(await session('/handshake_protocol')).toEqual(['error', 'close 1006']);
  });

  it('basic_auth refuses without credentials (401)', async () => {
    const status = await new Promise<string>((resolve) => {
      const socket = connect(server.httpPort, '127.0.0.1', () => {
        socket.write('GET /basic_auth HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      });
      socket.once('data', (chunk: Buffer) => {
        resolve(chunk.toString().split('\r\n')[0]!);
        socket.destroy();
      });
    });
    expect(status).toBe('HTTP/1.1 401 Unauthorized');
  });
});
