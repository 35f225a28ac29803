import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRfc6455 } from '../../src/corpus/rfc6455/index.ts';
import { citationMarkdown } from '../../src/site/reader/citation.ts';
import type { CiteResult } from '../../src/cli/cite.ts';
import { corpusFile, removeCorpusFile, wsspec } from './run.ts';

const SITE = 'https://wsspec.example';

afterAll(removeCorpusFile);
const rfc = loadRfc6455();
const clause = (anchor: string) => rfc.clauses.find((candidate) => candidate.anchor === anchor)!;

describe('wsspec cite: a clause', () => {
  it.each(['5.5.1-2', 'section-5.5.1-2', 'rfc6455#section-5.5.1-2', 'RFC 6455 §5.5.1 ¶2', 'https://datatracker.ietf.org/doc/html/rfc6455#section-5.5.1-2'])(
    '%s prints exactly that clause, with the Markdown citation the site makes',
    async (query) => {
      const run = await wsspec(['cite', query, '--site', SITE, '--json']);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as CiteResult;
      expect(result).toMatchObject({
        kind: 'clause',
        id: 'rfc6455#section-5.5.1-2',
        citation: 'RFC 6455 §5.5.1 ¶2',
        upstreamUrl: 'https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1',
        permalink: `${SITE}/rfc6455/5/#section-5.5.1-2`,
      });
      expect(result.clauses).toHaveLength(1);
      const text = clause('section-5.5.1-2').text;
      expect(result.clauses[0]!.text).toBe(text);
      expect(result.markdown).toBe(citationMarkdown('RFC 6455 §5.5.1 ¶2', `${SITE}/rfc6455/5/#section-5.5.1-2`, text, 'prose'));
    },
  );

  it('--markdown prints only the citation; without a site origin it links the upstream URL', async () => {
    const run = await wsspec(['cite', '5.5.1-2', '--markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      citationMarkdown('RFC 6455 §5.5.1 ¶2', 'https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1', clause('section-5.5.1-2').text, 'prose'),
    );
  });

  it('the human output has the citation, both links, the quoted text and the licence notice', async () => {
    const run = await wsspec(['cite', '5.5.1-4']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('RFC 6455 §5.5.1 ¶4  (rfc6455#section-5.5.1-4)');
    expect(run.stdout).toContain('https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1');
    expect(run.stdout).toContain('wsspec: /rfc6455/5/#section-5.5.1-4  (site-relative; set --site or WSSPEC_SITE_URL for a full URL)');
    expect(run.stdout).toContain('> The application MUST NOT send any more data frames after sending a Close frame.');
    expect(run.stdout).toContain('IETF Trust');
  });

  it('takes the permalink origin from WSSPEC_SITE_URL when --site is not given', async () => {
    const run = await wsspec(['cite', '5.5.1-4', '--json'], { env: { WSSPEC_SITE_URL: 'https://env.example/' } });
    expect((JSON.parse(run.stdout) as CiteResult).permalink).toBe('https://env.example/rfc6455/5/#section-5.5.1-4');
  });

  it('quotes a figure in a fenced block', async () => {
    const run = await wsspec(['cite', '1.3-3', '--markdown']);
    const figure = clause('section-1.3-3');
    expect(figure.kind).toBe('figure');
    expect(run.stdout).toBe(citationMarkdown(figure.citation, 'https://www.rfc-editor.org/rfc/rfc6455.html#section-1.3', figure.text, 'preformatted'));
    expect(run.stdout).toContain('> ```\n> GET /chat HTTP/1.1');
  });
});

describe('wsspec cite: a section', () => {
  it('5.5.1 prints the title, its links and every clause with its citation', async () => {
    const run = await wsspec(['cite', '5.5.1', '--site', SITE, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CiteResult;
    const section = rfc.sections.find((candidate) => candidate.anchor === 'section-5.5.1')!;
    expect(result).toMatchObject({
      kind: 'section',
      id: 'rfc6455#section-5.5.1',
      citation: 'RFC 6455 §5.5.1',
      title: 'Close',
      upstreamUrl: 'https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1',
      permalink: `${SITE}/rfc6455/5/#section-5.5.1`,
    });
    expect(result.clauses.map((c) => c.id)).toEqual(section.clauses.map((anchor) => `rfc6455#${anchor}`));
    expect(result.clauses.map((c) => c.citation)).toEqual(section.clauses.map((anchor) => clause(anchor).citation));
  });

  it('a section includes its subsections, and the human form lists each clause', async () => {
    const run = await wsspec(['cite', '§5.5']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('RFC 6455 §5.5 Control Frames  (rfc6455#section-5.5)');
    for (const citation of ['RFC 6455 §5.5 ¶3', 'RFC 6455 §5.5.1 ¶2', 'RFC 6455 §5.5.3 ¶5']) expect(run.stdout).toContain(citation);
  });

  it("resolves rfc-editor's #name- anchors by section title", async () => {
    const run = await wsspec(['cite', 'https://www.rfc-editor.org/rfc/rfc6455.html#name-close', '--json']);
    expect((JSON.parse(run.stdout) as CiteResult).id).toBe('rfc6455#section-5.5.1');
  });
});

describe('wsspec cite: the WebSocket API', () => {
  it('a bare API anchor is looked up in the WHATWG standard first, with the W3C one noted', async () => {
    const run = await wsspec(['cite', 'dom-websocket-close', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CiteResult;
    expect(result).toMatchObject({
      kind: 'clause',
      id: 'whatwg#dom-websocket-close',
      upstreamUrl: 'https://websockets.spec.whatwg.org/#dom-websocket-close',
      alsoIn: ['w3c#dom-websocket-close'],
    });
    // The algorithm's steps follow the clause that introduces them.
    expect(result.clauses[0]!.text).toBe('The close(code, reason) method steps are:');
    expect(result.clauses.map((c) => c.id)).toContain('whatwg#dom-websocket-close-step-2.2');
    expect(result.licence).toContain('Creative Commons Attribution 4.0');
  });

  it('cites a W3C clause by ID and a WHATWG one by its old HTML Standard URL', async () => {
    const w3c = JSON.parse((await wsspec(['cite', 'w3c#dom-websocket-bufferedamount', '--json'])).stdout) as CiteResult;
    expect(w3c).toMatchObject({ id: 'w3c#dom-websocket-bufferedamount', upstreamUrl: 'https://www.w3.org/TR/2012/CR-websockets-20120920/#dom-websocket-bufferedamount' });
    const old = JSON.parse((await wsspec(['cite', 'https://html.spec.whatwg.org/multipage/web-sockets.html#dom-websocket-send', '--json'])).stdout) as CiteResult;
    expect(old.id).toBe('whatwg#dom-websocket-send');
  });

  it('keeps a <dfn> anchor in the upstream URL of the clause that holds it', async () => {
    const result = JSON.parse((await wsspec(['cite', 'whatwg#dom-websocket-onopen', '--json'])).stdout) as CiteResult;
    expect(result.upstreamUrl).toBe('https://websockets.spec.whatwg.org/#dom-websocket-onopen');
    expect(result.clauses[0]!.kind).toBe('table');
  });
});

describe('wsspec cite: errors', () => {
  it('an unknown section exits 1 and names the nearest sections', async () => {
    const run = await wsspec(['cite', '5.5.9']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'wsspec: RFC 6455 has no §5.5.9 (#section-5.5.9). Nearest: RFC 6455 §5.5.3 Pong (rfc6455#section-5.5.3); ' +
        'RFC 6455 §5.5.2 Ping (rfc6455#section-5.5.2); RFC 6455 §5.5.1 Close (rfc6455#section-5.5.1).\n',
    );
  });

  it('a paragraph number that is really a subsection (section-7-4) points at §7.4', async () => {
    const run = await wsspec(['cite', 'https://datatracker.ietf.org/doc/html/rfc6455#section-7-4']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('RFC 6455 has no §7 ¶4 (#section-7-4). Nearest: RFC 6455 §7.4 Status Codes (rfc6455#section-7.4)');
  });

  it('an unknown API anchor exits 1 with the nearest anchors', async () => {
    const run = await wsspec(['cite', 'dom-websocket-clos']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no source has an anchor #dom-websocket-clos. Nearest: WebSockets Standard §3.1 ¶14 (whatwg#dom-websocket-close)');
  });

  it('text that is no reference exits 1; usage errors exit 2', async () => {
    expect((await wsspec(['cite', 'hello world'])).code).toBe(1);
    expect((await wsspec(['cite'])).code).toBe(2);
    expect((await wsspec(['frobnicate'])).code).toBe(2);
    expect((await wsspec([])).code).toBe(2);
    expect((await wsspec(['cite', '5.5', '--json', '--markdown'])).code).toBe(2);
    expect((await wsspec(['cite', '5.5', '--bogus'])).code).toBe(2);
    const help = await wsspec(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
  });
});

describe('wsspec cite: where the corpus comes from', () => {
  it('reads a corpus bundle JSON with --corpus, and prefers the origin the bundle was built for', async () => {
    const { path, bundle } = await corpusFile();
    const plain = await wsspec(['cite', '5.5.1-2', '--corpus', path, '--markdown']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe((await wsspec(['cite', '5.5.1-2', '--markdown'])).stdout);
    const { writeCorpusBundle } = await import('../../src/trace/corpus-bundle.ts');
    const sited = `${path}.sited.json`;
    await writeCorpusBundle(sited, { ...bundle, site: 'https://bundle.example' });
    const run = await wsspec(['cite', '5.5.1-2', '--corpus', sited, '--json']);
    expect((JSON.parse(run.stdout) as CiteResult).permalink).toBe('https://bundle.example/rfc6455/5/#section-5.5.1-2');
  });

  it('says so when a --corpus file is missing', async () => {
    const run = await wsspec(['cite', '5.5.1', '--corpus', '/nonexistent/corpus.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('wsspec: no corpus bundle at /nonexistent/corpus.json.\n');
  });

  it('says precisely what to do when the spec sources are not synced (exit 2)', () => {
    const run = spawnSync(process.execPath, ['src/cli/wsspec.ts', 'cite', '5.5.1'], {
      encoding: 'utf8',
      env: { ...process.env, WSSPEC_CACHE_DIR: '/nonexistent/specs' },
    });
    expect(run.status).toBe(2);
    // The loader's own message names the missing file, the cache and `npm run sync`.
    expect(run.stderr).toMatch(/^wsspec: cannot load the corpus from the spec sources: .*rfc6455\.txt.*\/nonexistent\/specs.*`npm run sync`/);
    expect(run.stderr).toMatch(/\nOr pass --corpus <file> with a bundle written by `npm run cli:build`\.\n$/);
  });
});
