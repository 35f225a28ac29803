import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bikeshedSlug } from '../../src/corpus/html/index.ts';
import { generatedDfnId, markdownToHtml, parseAnchorsBlock, parseWhatwgBikeshed, stripComments } from '../../src/corpus/whatwg/index.ts';
import { corpusProblems, keywordCountOfBikeshed, keywordCountOfCorpus } from './fixtures/api-helpers.ts';

describe('Bikeshed slug rule (headings and dfns without an id)', () => {
  it.each([
    ['The WebSocket interface', 'the-websocket-interface'],
    ['Feedback from the protocol', 'feedback-from-the-protocol'],
    ['Ping and Pong frames', 'ping-and-pong-frames'],
    ['WebSocket-close()', 'websocket-close'],
    ['WebSocket-ready state', 'websocket-ready-state'],
    ['BinaryType-"blob"', 'binarytype-blob'],
    ['WebSocket(url, protocols)', 'websocket-url-protocols'],
    ['  Trailing / slash, comma  ', 'trailing-slash-comma'],
    ['Ünïcode & symbols!', 'ncode--symbols'],
  ])('%s → %s', (text, slug) => {
    expect(bikeshedSlug(text)).toBe(slug);
  });
});

describe('Bikeshed dfn ids (mirroring https://websockets.spec.whatwg.org/)', () => {
  it.each([
    ['method', 'close(code, reason)', 'WebSocket', 'dom-websocket-close'],
    ['method', 'send(data)', 'WebSocket', 'dom-websocket-send'],
    ['constructor', 'WebSocket(url, protocols)', 'WebSocket', 'dom-websocket-websocket'],
    ['attribute', 'binaryType', 'WebSocket', 'dom-websocket-binarytype'],
    ['attribute', 'onopen', 'WebSocket', 'dom-websocket-onopen'],
    ['const', 'CONNECTING', 'WebSocket', 'dom-websocket-connecting'],
    ['event', 'open', 'WebSocket', 'eventdef-websocket-open'],
    ['enum-value', '"blob"', 'BinaryType', 'dom-binarytype-blob'],
    ['dict-member', 'wasClean', 'CloseEventInit', 'dom-closeeventinit-wasclean'],
    ['dfn', 'ready state', 'WebSocket', 'websocket-ready-state'],
    ['dfn', 'internal-url', 'WebSocket', 'websocket-internal-url'],
    ['dfn', 'flagged as full', null, 'flagged-as-full'],
    ['dfn', 'WebSocket task source', null, 'websocket-task-source'],
    ['interface', 'WebSocket', null, 'websocket'],
    ['enum', 'BinaryType', null, 'enumdef-binarytype'],
    ['dictionary', 'CloseEventInit', null, 'dictdef-closeeventinit'],
    ['http-header', 'Sec-WebSocket-Protocol', null, 'http-headerdef-sec-websocket-protocol'],
  ])('%s %s for %s → %s', (type, text, forValue, id) => {
    expect(generatedDfnId(type, text, forValue)).toBe(id);
  });
});

describe('Bikeshed block Markdown', () => {
  it('turns headings with {#id}, paragraphs after blank lines, and leaves text after an HTML line bare', () => {
    expect(markdownToHtml(['# Title # {#t}', '', 'Some text', 'continued.', '', '<div algorithm>', ' Bare text', '</div>'], 1)).toEqual([
      '<h2 id="t">Title</h2>',
      '',
      '<p>Some text',
      'continued.</p>',
      '',
      '<div algorithm>',
      ' Bare text',
      '</div>',
    ]);
  });

  it('nests numbered lists by indentation (one level = Indent spaces) and keeps indented HTML inside the item', () => {
    const html = markdownToHtml(['1. One', '1. Two:', ' 1. Two.one', '', '  <p class=note>Note', '1. Three'], 1).join('\n');
    expect(html).toBe(
      ['<ol>', '<li>', '<p>One</p>', '</li>', '<li>', '<p>Two:</p>', '<ol>', '<li>', '<p>Two.one</p>', '', '<p class=note>Note', '</li>', '</ol>', '</li>', '<li>', '<p>Three</p>', '</li>', '</ol>'].join('\n'),
    );
  });

  it('makes * lists and : / :: definition lists, and keeps <xmp> and fenced code opaque', () => {
    expect(markdownToHtml(['* a', '* b'], 1).join('')).toBe('<ul><li><p>a</p></li><li><p>b</p></li></ul>');
    expect(markdownToHtml([': term', ':: desc'], 1).join('')).toBe('<dl><dt><p>term</p></dt><dd><p>desc</p></dd></dl>');
    expect(markdownToHtml(['<xmp>', '1. not a list', '</xmp>'], 1)).toEqual(['<xmp>', '1. not a list', '</xmp>']);
    expect(markdownToHtml(['```js', '# not a heading', '```'], 1)).toEqual(['<xmp class="language-js">', '# not a heading', '</xmp>']);
  });

  it('marks "Note:" paragraphs and strips comments, dropping lines that were only comment', () => {
    expect(markdownToHtml(['', 'Note: careful.'], 4)).toEqual(['', '<p class="note"><span class="marker">Note:</span> careful.</p>']);
    expect(stripComments(['a <!-- x --> b', '<!-- whole', 'line -->', 'c'])).toEqual(['a  b', 'c']);
  });

  it('never loops or throws on odd input', () => {
    for (const lines of [[''], ['1.'], [':'], ['>'], ['<pre>'], ['```'], ['# '], ['* ', '  * ', '    * '], ['1. a', '\t1. b', '\t\t1. c']]) {
      expect(() => markdownToHtml(lines, 1)).not.toThrow();
    }
  });
});

describe('Bikeshed anchors block', () => {
  it('inherits spec, urlPrefix, type and for from less indented lines', () => {
    const entries = parseAnchorsBlock(
      ['spec:RFC6455; urlPrefix: https://example.org/rfc6455', ' type: dfn', '  text:fail the WebSocket connection; url:section-7.1.7', 'spec:html; type:dfn; urlPrefix: https://html.example/webappapis.html', ' for:event loop; text:step 1; url:step1'].join('\n'),
    );
    expect(entries).toEqual([
      { spec: 'rfc6455', type: 'dfn', text: 'fail the websocket connection', fors: [], url: 'https://example.org/rfc6455#section-7.1.7' },
      { spec: 'html', type: 'dfn', text: 'step 1', fors: ['event loop'], url: 'https://html.example/webappapis.html#step1' },
    ]);
  });
});

describe('Bikeshed inline shorthands', () => {
  const clause = (line: string) => parseWhatwgBikeshed(`Indent: 1\n\n${line}\n`).clauses.at(-1);

  it('resolves [=/url record=] (global "for"), [=for/term|shown=] and {{for/member()}} to their texts', () => {
    expect(clause('A [=/url record=] and [=url/scheme|its scheme=] and {{WebSocket/close()}}.')).toMatchObject({
      text: 'A url record and its scheme and close().',
      html: 'A <a href="https://url.spec.whatwg.org/#concept-url">url record</a> and <a href="https://url.spec.whatwg.org/#concept-url-scheme">its scheme</a> and <code>close()</code>.',
    });
  });

  it('reads \\` as a literal backtick, `code` as code, |var| as a variable and [[!RFC6455]] as a reference', () => {
    expect(clause('\\``Upgrade`\\` for |request| per [[!RFC6455]].')).toMatchObject({
      text: '`Upgrade` for request per [RFC6455].',
      html: '`<code>Upgrade</code>` for <var>request</var> per <a href="/rfc6455/">[RFC6455]</a>.',
    });
  });

  it('leaves unmatched shorthand characters alone', () => {
    expect(clause('a | b, [= c, {{ d, `e')?.text).toBe('a | b, [= c, {{ d, `e');
  });
});

describe('WHATWG parser on a small hand-written spec (fixtures/api-mini.bs)', () => {
  const text = readFileSync(new URL('./fixtures/api-mini.bs', import.meta.url), 'utf8');
  const mini = parseWhatwgBikeshed(text);
  const get = (anchor: string) => mini.clauses.find((c) => c.anchor === anchor);

  it('builds sections from # headings (slug id when no {#id}) and the Abstract from the metadata', () => {
    expect(mini.sections.map((s) => [s.anchor, s.number, s.title])).toEqual([
      ['abstract', null, 'Abstract'],
      ['basics', '1', 'Basics'],
      ['widget-widget-objects', '2', 'Widget Widget objects'],
      ['acks', null, 'Acknowledgments'],
    ]);
  });

  it('anchors paragraphs by dfn, steps by owner, examples by their id, and the rest by position', () => {
    expect(mini.clauses.map((c) => c.anchor)).toEqual([
      'abstract-1', 'basics-1', 'basics-2', 'widget-widget-objects-1', 'widget-spin-count', 'dom-widget-spin',
      'dom-widget-spin-step-1', 'dom-widget-spin-step-2', 'dom-widget-spin-step-2.1', 'dom-widget-spin-step-2.1-2',
      'dom-widget-spin-step-2.2', 'dom-widget-spin-step-3', 'widget-widget-objects-5', 'reset-a-widget-step-1',
      'widget-widget-objects-7', 'widget-widget-objects-8.1', 'widget-widget-objects-8.2', 'spin-example',
      'spin-example-2', 'dom-widget-spun', 'dom-widget-spun-2', 'acks-1',
    ]);
    expect(get('dom-widget-spin-step-2.2')?.citation).toBe('WebSockets Standard §2 spin() step 2.2');
    expect(get('reset-a-widget-step-1')?.citation).toBe('WebSockets Standard §2 “reset a widget” step 1');
  });

  it('resolves every shorthand to text and links', () => {
    expect(get('dom-widget-spin-step-2.1')).toMatchObject({
      text: "Increase this's spin count by turns.",
      html: 'Increase <a href="https://webidl.spec.whatwg.org/#this">this</a>\'s <a href="#widget-spin-count">spin count</a> by <var>turns</var>.',
    });
    expect(get('dom-widget-spin-step-2.2')).toMatchObject({
      text: 'If the count exceeds 65535, fail the WebSocket connection. [WSP]',
      refs: ['rfc6455#section-7.1.7'],
    });
    expect(get('acks-1')?.text).toBe('Thanks to `backtick` fans and to § 1 Basics.');
    expect(get('widget-widget-objects-1')?.html).toContain('<dfn id="dom-widget-widget">constructor</dfn>');
  });

  it('keeps comments out, scans lower-case keywords, and marks notes/examples informative but the warning normative', () => {
    expect(get('basics-2')).toMatchObject({ text: 'A Widget may be spun.', keywords: ['MAY'], informative: true });
    expect(get('widget-widget-objects-7')).toMatchObject({ kind: 'note', keywords: ['MUST NOT'] });
    expect(get('widget-widget-objects-7')?.informative).toBeUndefined();
    expect(get('spin-example-2')).toMatchObject({ kind: 'figure', keywords: [], informative: true });
    expect(keywordCountOfCorpus(mini)).toBe(keywordCountOfBikeshed(text));
    expect(corpusProblems(mini)).toEqual([]);
  });
});
