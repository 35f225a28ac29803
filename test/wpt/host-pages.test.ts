/**
 * What a runtime host runs (src/wpt/host-pages.ts, src/wpt/host/): the page's
 * scripts as the HTML parser finds them, fetched once per run, and the
 * bundled host running them in Node, Bun and Deno.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing } from '../../src/engines/index.ts';
import { makeCertificate } from '../../src/wpt/certificate.ts';
import { HostPages, pageScripts } from '../../src/wpt/host-pages.ts';
import type { HostPage } from '../../src/wpt/host/page.ts';
import { runWpt } from '../../src/wpt/run.ts';
import { startWptServer } from '../../src/wpt/server.ts';
import type { WptServer } from '../../src/wpt/server.ts';
import { wptDir } from '../../src/wpt/suite.ts';

const root = wptDir();
const credentials = makeCertificate();
const base = new URL('http://127.0.0.1:8000/websockets/dir/page.html?wss');

describe('the scripts of a test page, as the HTML parser finds them', () => {
  it('reads the title (decoded) and every script in document order, src resolved against the page', () => {
    const html = [
      '<!doctype html><title>WebSockets: a &amp; b &lt;c&gt;</title>',
      '<script src=/resources/testharness.js></script>',
      '<script src="../constants.sub.js"></script>',
      '<div id=log></div>',
      "<script>test(() => assert_true('</p>' !== ''));</script>",
    ].join('\n');
    expect(pageScripts(html, base)).toEqual({
      title: 'WebSockets: a & b <c>',
      scripts: [
        { src: new URL('http://127.0.0.1:8000/resources/testharness.js') },
        { src: new URL('http://127.0.0.1:8000/websockets/constants.sub.js') },
        { inline: "test(() => assert_true('</p>' !== ''));" },
      ],
    });
  });

  it('skips what is not a script element: a script in a comment, the word in text', () => {
    const html = '<title>t</title><!-- <script src=old.js></script> --><p>&lt;script src=x.js&gt;</p><script src=new.js></script>';
    expect(pageScripts(html, base).scripts).toEqual([{ src: new URL('http://127.0.0.1:8000/websockets/dir/new.js') }]);
  });

  it('has no title when the page has none or an empty one', () => {
    expect(pageScripts('<script></script>', base).title).toBeNull();
    expect(pageScripts('<title>  </title>', base).title).toBeNull();
  });

  it('finds any sequence of external and inline scripts, in order, among other markup', () => {
    const path = fc.stringMatching(/^[a-z0-9_-]{1,8}(\/[a-z0-9_-]{1,8}){0,2}\.js$/);
    const code = fc.stringMatching(/^[a-z0-9 ();=.'+]{0,30}$/);
    const script = fc.oneof(path.map((src) => ({ src })), code.map((inline) => ({ inline })));
    const filler = fc.constantFrom('', '<div id=log></div>', '<p>text</p>', '<meta charset=utf-8>', '<!-- note -->');
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, script), { maxLength: 8 }), (entries) => {
        const html = '<!doctype html>' + entries.map(([before, s]) => before + ('src' in s ? `<script src="${s.src}"></script>` : `<script>${s.inline}</script>`)).join('\n');
        const expected = entries.map(([, s]) => ('src' in s ? { src: new URL(s.src, base) } : { inline: s.inline }));
        expect(pageScripts(html, base).scripts).toEqual(expected);
      }),
    );
  });
});

describe.skipIf(root === null || credentials === null)('pages prepared from the test server', () => {
  let server: WptServer;
  let dir: string;
  beforeAll(async () => {
    server = await startWptServer(root!, credentials!);
    dir = await mkdtemp(join(tmpdir(), 'wsspec-host-pages-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = async (file: string): Promise<HostPage> => JSON.parse(await readFile(file, 'utf8')) as HostPage;

  it('writes the page with its scripts as the server serves them (substituted), over http and https', async () => {
    const pages = new HostPages(dir, server.ca);
    for (const origin of [server.httpOrigin, server.httpsOrigin]) {
      const page = await read(await pages.page(`${origin}/websockets/Close-1000.any.html?default`));
      expect(page.url).toBe(`${origin}/websockets/Close-1000.any.html?default`);
      expect(page.scripts.map((script) => script.name)).toEqual([
        `${origin}/websockets/Close-1000.any.html?default#inline-0`,
        `${origin}/resources/testharness.js`,
        `${origin}/resources/testharnessreport.js`,
        `${origin}/websockets/constants.sub.js`,
        `${origin}/websockets/Close-1000.any.js`,
      ]);
      const constants = await readFile(page.scripts[3]!.file, 'utf8');
      expect(constants).toContain(`__PORT = "${server.httpPort}"`);
      expect(constants).not.toContain('{{');
      expect(await readFile(page.scripts[2]!.file, 'utf8')).toContain('self.__wsspecWpt');
    }
  });

  it('fetches and writes each script once, whichever pages share it', async () => {
    const pages = new HostPages(dir, server.ca);
    const [a, b] = await Promise.all([
      pages.page(`${server.httpOrigin}/websockets/Close-1000.any.html?default`),
      pages.page(`${server.httpOrigin}/websockets/Close-1000-reason.any.html?default`),
    ]);
    expect(await pages.page(`${server.httpOrigin}/websockets/Close-1000.any.html?default`)).toBe(a);
    const harness = (page: HostPage) => page.scripts.find((script) => script.name.endsWith('/resources/testharness.js'))!.file;
    expect(harness(await read(a))).toBe(harness(await read(b)));
  });

  it('refuses a page the server does not serve (the test URL then ERRORs with the status)', async () => {
    const pages = new HostPages(dir, server.ca);
    await expect(pages.page(`${server.httpOrigin}/websockets/no-such-test.html`)).rejects.toThrow(/404/);
  });
});

// The whole path a runtime's result takes: page prepared, host bundled, one process per URL, results read.
describe.skipIf(root === null || credentials === null)('the bundled host, in each runtime', () => {
  const runtimes = (['wsspec', 'undici', 'bun', 'deno'] as const).filter((id) => engineMissing(id) === null);
  it.each(runtimes)('runs a test file in %s and reads its results (Close-1000, over ws and wss)', async (implementation) => {
    const file = await runWpt({ implementations: [implementation], filter: '/websockets/Close-1000.any.html' });
    const ran = file.tests.filter((test) => test.harness[implementation]?.status !== 'N/A');
    expect(ran.map((test) => test.path)).toEqual(['/websockets/Close-1000.any.html?default', '/websockets/Close-1000.any.html?wss']);
    for (const test of ran) {
      expect(test.harness[implementation]).toEqual({ status: 'OK' });
      expect(test.subtests.length).toBeGreaterThan(0);
      for (const subtest of test.subtests) expect(subtest.results[implementation], subtest.name).toEqual({ status: 'PASS' });
    }
  }, 60_000);
});
