import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { loadWhatwg, whatwgSourceInfo, WHATWG_URL } from '../../src/corpus/whatwg/index.ts';
import { RFC6455_TERM_SECTION_IDS, linkTargets } from '../../src/corpus/html/index.ts';
import { manifest } from '../../src/corpus/sources/manifest.ts';
import { readSource } from '../../src/corpus/sources/paths.ts';
import {
  clauseText,
  corpusProblems,
  htmlIds,
  idsInHtml,
  keywordCountOfBikeshed,
  keywordCountOfCorpus,
} from './fixtures/api-helpers.ts';

const corpus = loadWhatwg();
const source = readSource('whatwg');
const byAnchor = new Map(corpus.clauses.map((c) => [c.anchor, c]));

describe('WHATWG WebSockets Standard: structure', () => {
  it('has the standard’s sections in order, numbered as Bikeshed numbers them', () => {
    expect(corpus.sections.map((s) => [s.anchor, s.number, s.title, s.parent])).toEqual([
      ['abstract', null, 'Abstract', null],
      ['network-intro', '1', 'Introduction', null],
      ['websocket-protocol', '2', 'WebSocket protocol alterations', null],
      ['websocket-connections', '2.1', 'Connections', 'websocket-protocol'],
      ['websocket-opening-handshake', '2.2', 'Opening handshake', 'websocket-protocol'],
      ['the-websocket-interface', '3', 'The WebSocket interface', null],
      ['interface-definition', '3.1', 'Interface definition', 'the-websocket-interface'],
      ['feedback-from-the-protocol', '4', 'Feedback from the protocol', null],
      ['ping-and-pong-frames', '5', 'Ping and Pong frames', null],
      ['the-closeevent-interface', '6', 'The CloseEvent interface', null],
      ['garbage-collection', '7', 'Garbage collection', null],
      ['acks', null, 'Acknowledgments', null],
    ]);
    expect(corpus.sections.find((s) => s.anchor === 'websocket-connections')?.depth).toBe(2);
    expect(corpus.sections.find((s) => s.anchor === 'interface-definition')?.citation).toBe('WebSockets Standard §3.1');
    expect(corpus.sections.find((s) => s.anchor === 'acks')?.citation).toBe('WebSockets Standard, Acknowledgments');
  });

  it('describes its source: title, canonical URL, section URLs, CC BY 4.0 and the manifest date', () => {
    const entry = manifest.sources.find((e) => e.key === 'whatwg');
    expect(corpus.source).toEqual({
      id: 'whatwg',
      title: 'WebSockets Standard',
      shortName: 'WebSockets Standard',
      url: 'https://websockets.spec.whatwg.org/',
      sectionUrl: 'https://websockets.spec.whatwg.org/#{anchor}',
      licence: manifest.licences['cc-by-4.0'],
      date: entry?.date,
    });
    expect(whatwgSourceInfo()).toEqual(corpus.source);
    expect(WHATWG_URL).toBe(corpus.source.url);
  });

  it('is memoized (loadWhatwg returns the same corpus)', () => {
    expect(loadWhatwg()).toBe(corpus);
  });

  it('gives every section and clause a unique, well-formed id, lists each clause in its section, and keeps html to the allowed tags', () => {
    expect(corpusProblems(corpus)).toEqual([]);
  });
});

describe('WHATWG WebSockets Standard: pinned anchors', () => {
  // Anchor → the start of its text. Paragraphs take their <dfn>'s or own id;
  // algorithm steps are <owner>-step-N; other blocks are <section>-N.
  const PINNED: [string, string][] = [
    ['concept-websocket-connection-obtain', 'To obtain a WebSocket connection, given a url, run these steps:'],
    ['concept-websocket-connection-obtain-step-3', "Let resource name be U+002F (/), followed by the strings in url's path"],
    ['concept-websocket-establish', 'To establish a WebSocket connection, given a url, protocols, and client, run these steps:'],
    ['concept-websocket-establish-step-3', 'Append (`Upgrade`, `websocket`) to request\'s header list.'],
    ['concept-websocket-establish-step-11', 'Fetch request with useParallelQueue set to true, and processResponse given response being these steps:'],
    ['concept-websocket-establish-step-11.1', 'If response is a network error or its status is not 101, fail the WebSocket connection.'],
    ['websocket-opening-handshake-4', 'The reason redirects are not followed and this handshake is generally restricted'],
    ['websocket-ready-state', 'Each WebSocket object has an associated ready state, which is a number representing the state of the connection.'],
    ['dom-websocket-connecting', 'CONNECTING (numeric value 0)'],
    ['dom-websocket-connecting-2', 'The connection has not yet been established.'],
    ['dom-websocket-websocket', 'The new WebSocket(url, protocols) constructor steps are:'],
    ['dom-websocket-websocket-step-1', "Let baseURL be this's relevant settings object's API base URL."],
    ['dom-websocket-websocket-step-4', 'If urlRecord\'s scheme is "http", then set urlRecord\'s scheme to "ws".'],
    ['dom-websocket-websocket-step-7', 'If urlRecord\'s fragment is non-null, then throw a "SyntaxError" DOMException.'],
    ['dom-websocket-websocket-step-12.1', 'Establish a WebSocket connection given urlRecord, protocols, and client.'],
    ['dom-websocket-close', 'The close(code, reason) method steps are:'],
    ['dom-websocket-close-step-1', 'If code is present, but is neither an integer equal to 1000 nor an integer in the range 3000 to 4999, inclusive, throw an "InvalidAccessError" DOMException.'],
    ['dom-websocket-close-step-2', 'If reason is present, then run these substeps:'],
    ['dom-websocket-close-step-2.2', 'If reasonBytes is longer than 123 bytes, then throw a "SyntaxError" DOMException.'],
    ['dom-websocket-close-step-3', 'Run the first matching steps from the following list:'],
    ['dom-websocket-close-step-3-2.2-2', "Fail the WebSocket connection and set this's ready state to CLOSING (2)."],
    ['dom-websocket-send-step-1', 'If this\'s ready state is CONNECTING, then throw an "InvalidStateError" DOMException.'],
    ['handle-a-websocket-message-step-1', 'If ready state is not OPEN (1), then return.'],
    ['closeWebSocket', 'When the WebSocket connection is closed, possibly cleanly, the user agent must queue a task to run the following substeps:'],
    ['closeWebSocket-step-2', 'If the user agent was required to fail the WebSocket connection, or if the WebSocket connection was closed after being flagged as full, fire an event named error'],
    ['feedback-from-the-protocol-11', 'User agents must not convey any failure information to scripts in a way that would allow a script to distinguish the following situations:'],
    ['feedback-from-the-protocol-12.1', 'A server whose host name could not be resolved.'],
    ['feedback-from-the-protocol-13', 'In all of these cases, the WebSocket connection close code would be 1006, as required by WebSocket Protocol.'],
    ['ping-and-pong-frames-2', 'User agents may send ping and unsolicited pong frames as desired'],
    ['dom-closeevent-wasclean', 'The wasClean attribute must return the value it was initialized to.'],
    ['make-disappear', 'If a user agent is to make disappear a WebSocket object'],
    ['message-example', 'Here is an example of how to define a handler for the message event'],
  ];

  it.each(PINNED)('%s starts with its text', (anchor, prefix) => {
    expect(clauseText(corpus, anchor).startsWith(prefix)).toBe(true);
  });

  it('makes algorithm steps clauses of kind "step" with <owner>-step-N anchors, nested steps <step>.M', () => {
    const steps = corpus.clauses.filter((c) => c.kind === 'step').map((c) => c.anchor);
    expect(steps.filter((a) => a.startsWith('dom-websocket-websocket-step-'))).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `dom-websocket-websocket-step-${i + 1}`),
      'dom-websocket-websocket-step-12.1',
    ]);
    expect(steps.filter((a) => a.startsWith('dom-websocket-close-step-'))).toEqual([
      'dom-websocket-close-step-1',
      'dom-websocket-close-step-2',
      'dom-websocket-close-step-2.1',
      'dom-websocket-close-step-2.2',
      'dom-websocket-close-step-3',
    ]);
    // Algorithms without a <dfn> are owned by their introduction's id or their `algorithm` name.
    expect(steps).toContain('closeWebSocket-step-3');
    expect(steps).toContain('handle-connection-establishment-step-4');
    expect(steps.every((a) => /-step-\d+(\.\d+)*$/.test(a))).toBe(true);
  });

  it('cites each clause in a short human form, unique within the standard', () => {
    expect(byAnchor.get('dom-websocket-close-step-2')?.citation).toBe('WebSockets Standard §3.1 close() step 2');
    expect(byAnchor.get('dom-websocket-websocket-step-12.1')?.citation).toBe('WebSockets Standard §3.1 new WebSocket() step 12.1');
    expect(byAnchor.get('concept-websocket-establish-step-11.1')?.citation).toBe(
      'WebSockets Standard §2.2 “establish a WebSocket connection” step 11.1',
    );
    expect(byAnchor.get('feedback-from-the-protocol-11')?.citation).toBe('WebSockets Standard §4 ¶11');
    expect(byAnchor.get('feedback-from-the-protocol-12.1')?.citation).toBe('WebSockets Standard §4 ¶12.1');
    expect(byAnchor.get('dom-websocket-close-step-3-2.2-2')?.citation).toBe('WebSockets Standard §3.1 close() step 3 ¶2.2.2');
    const citations = corpus.clauses.map((c) => c.citation);
    expect(new Set(citations).size).toBe(citations.length);
  });
});

describe('WHATWG WebSockets Standard: Bikeshed syntax resolved', () => {
  it('leaves no [= =], {{ }}, [[ ]], |var|, <a or <dfn in any clause text or section title', () => {
    const leftovers = [...corpus.clauses.map((c) => [c.anchor, c.text] as const), ...corpus.sections.map((s) => [s.anchor, s.title] as const)]
      .filter(([, text]) => /\[=|=\]|\{\{|\}\}|\[\[|<a[\s>]|<dfn|\|\w[\w\s-]*\||\[\$|\$\]/.test(text));
    expect(leftovers).toEqual([]);
  });

  it('renders |var| as <var>, `code` as <code>, and resolves {{…}} to code links', () => {
    const close1 = byAnchor.get('dom-websocket-close-step-1')?.html ?? '';
    expect(close1).toContain('<var>code</var>');
    expect(close1).toContain('<code><a href="https://webidl.spec.whatwg.org/#invalidaccesserror">InvalidAccessError</a></code>');
    expect(byAnchor.get('concept-websocket-establish-step-3')?.html).toContain('(`<code>Upgrade</code>`, `<code>websocket</code>`)');
    expect(byAnchor.get('dom-websocket-websocket-step-4')?.text).toBe('If urlRecord\'s scheme is "http", then set urlRecord\'s scheme to "ws".');
  });

  it('links same-spec definitions to #anchors of the reader, RFC 6455 concepts to the RFC reader, other specs to their URLs', () => {
    const step = byAnchor.get('concept-websocket-establish-step-11.1')?.html ?? '';
    expect(step).toContain('<a href="/rfc6455/7/#section-7.1.7">fail the WebSocket connection</a>');
    expect(step).toContain('<a href="https://fetch.spec.whatwg.org/#concept-network-error">network error</a>');
    expect(byAnchor.get('dom-websocket-websocket-step-12.1')?.html).toContain('<a href="#concept-websocket-establish">Establish a WebSocket connection</a>');
    expect(byAnchor.get('concept-websocket-connection-obtain-step-6')?.html).toContain('<a href="/rfc6455/4/#section-4.1">section 4.1</a>');
    expect(byAnchor.get('handle-a-websocket-message-step-1')?.html).toContain('<a href="#websocket-ready-state">ready state</a>');
    expect(byAnchor.get('websocket-task-source')?.html).toContain('<dfn>WebSocket task source</dfn>');
    // Every same-document link points at a section, a clause or a <dfn> of this corpus,
    // which linkTargets() maps to its holder (for the paged reader).
    expect(linkTargets(corpus).get('eventdef-websocket-error')).toBe('closeWebSocket-step-2');
    const targets = linkTargets(corpus);
    const dangling = corpus.clauses.flatMap((c) => [...(c.html ?? '').matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).filter((a) => !targets.has(a ?? ''));
    expect(dangling).toEqual([]);
    expect(targets.get('dom-websocket-close')).toBe('dom-websocket-close');
  });

  it('turns the IDL block into a figure whose names are the live standard’s <dfn> ids', () => {
    const idl = byAnchor.get('interface-definition-2');
    expect(idl?.kind).toBe('figure');
    expect(idl?.text.startsWith('enum BinaryType { "blob", "arraybuffer" };\n\n[Exposed=(Window,Worker)]\ninterface WebSocket : EventTarget {')).toBe(true);
    expect(idl?.html).toContain('<dfn id="websocket">WebSocket</dfn>');
    expect(idl?.html).toContain('<dfn id="enumdef-binarytype">BinaryType</dfn>');
    expect(idl?.html).toContain('<a href="#dom-websocket-close">close</a>');
    expect(idl?.keywords).toEqual([]);
  });
});

describe('WHATWG WebSockets Standard: anchors follow the standard’s ids', () => {
  it('anchors every section by its heading id ({#id} or <h2 id>)', () => {
    const headingIds = [
      ...[...source.matchAll(/^#{1,6} .*\{#([^ }]+)\}\s*$/gm)].map((m) => m[1]),
      ...idsInHtml(source, (el) => /^h[1-6]$/.test(el.tagName)),
    ];
    expect(headingIds.length).toBeGreaterThan(8);
    const sectionAnchors = corpus.sections.map((s) => s.anchor);
    for (const id of headingIds) expect(sectionAnchors).toContain(id);
  });

  it('keeps every id written in the source (dfns, paragraphs, examples) as a clause anchor or a <dfn id> in clause html', () => {
    const written = idsInHtml(source, (el) => el.tagName !== 'h2' && el.tagName !== 'h3');
    expect(written).toEqual(expect.arrayContaining(['concept-websocket-connection-obtain', 'concept-websocket-establish', 'closeWebSocket']));
    const known = new Set([...corpus.clauses.map((c) => c.anchor), ...htmlIds(corpus)]);
    for (const id of written) expect(known.has(id), id).toBe(true);
  });

  it('generates the ids Bikeshed gives the live standard’s definitions', () => {
    const known = new Set([...corpus.clauses.map((c) => c.anchor), ...htmlIds(corpus)]);
    const GENERATED = [
      'dom-websocket-websocket', 'dom-websocket-close', 'dom-websocket-send', 'dom-websocket-url',
      'dom-websocket-readystate', 'dom-websocket-bufferedamount', 'dom-websocket-extensions', 'dom-websocket-protocol',
      'dom-websocket-binarytype', 'dom-websocket-connecting', 'dom-websocket-open', 'dom-websocket-closing',
      'dom-websocket-closed', 'dom-websocket-onopen', 'dom-websocket-onmessage', 'dom-websocket-onerror',
      'dom-websocket-onclose', 'eventdef-websocket-open', 'eventdef-websocket-message', 'eventdef-websocket-error',
      'eventdef-websocket-close', 'websocket-ready-state', 'websocket-binary-type', 'websocket-internal-url',
      'dom-binarytype-blob', 'dom-binarytype-arraybuffer', 'flagged-as-full', 'websocket-task-source', 'make-disappear',
      'websocket', 'enumdef-binarytype', 'closeevent', 'dom-closeevent-closeevent', 'dictdef-closeeventinit',
      'dom-closeeventinit-wasclean', 'dom-closeevent-wasclean', 'dom-closeevent-code', 'dom-closeevent-reason',
    ];
    expect(GENERATED.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('WHATWG WebSockets Standard: keywords, informative text and RFC refs', () => {
  it('puts every keyword occurrence of the visible text in exactly one clause (count equals an independent walk of index.bs)', () => {
    const independent = keywordCountOfBikeshed(source);
    expect(independent).toBeGreaterThan(30);
    expect(keywordCountOfCorpus(corpus)).toBe(independent);
  });

  it('reads lower-case "must"/"may" as keywords, in upper case', () => {
    expect(byAnchor.get('feedback-from-the-protocol-11')?.keywords).toEqual(['MUST NOT']);
    expect(byAnchor.get('ping-and-pong-frames-2')?.keywords).toEqual(['MAY', 'MUST NOT']);
  });

  it('marks notes, examples and the non-normative introduction informative, and keeps warnings normative', () => {
    expect(byAnchor.get('network-intro-2')?.informative).toBe(true);
    expect(byAnchor.get('dom-websocket-websocket-step-12.1-2')).toMatchObject({ kind: 'note', informative: true });
    expect(byAnchor.get('message-example')?.informative).toBe(true);
    expect(byAnchor.get('interface-definition-7.1')).toMatchObject({ kind: 'list-item', informative: true });
    const warning = byAnchor.get('feedback-from-the-protocol-11');
    expect(warning?.kind).toBe('note');
    expect(warning?.informative).toBeUndefined();
  });

  it('refs each clause to the RFC 6455 sections it invokes, only sections of the term table', () => {
    expect(byAnchor.get('concept-websocket-establish-step-11.1')?.refs).toEqual(['rfc6455#section-7.1.7']);
    expect(byAnchor.get('dom-websocket-websocket-step-12.1')?.refs).toEqual(['rfc6455#section-4.1']);
    expect(byAnchor.get('dom-websocket-close-step-3-2.3-2')?.refs).toEqual(['rfc6455#section-7.1.2']);
    expect(byAnchor.get('closeWebSocket-step-3')?.refs).toEqual(['rfc6455#section-7.1.4', 'rfc6455#section-7.1.5', 'rfc6455#section-7.1.6']);
    expect(byAnchor.get('handle-connection-establishment-step-2')?.refs).toEqual(['rfc6455#section-4.1']);
    const refs = corpus.clauses.flatMap((c) => c.refs ?? []);
    expect(refs.length).toBeGreaterThan(40);
    expect(refs.filter((r) => !RFC6455_TERM_SECTION_IDS.has(r))).toEqual([]);
  });

  it('never puts an empty refs list on a clause', () => {
    expect(corpus.clauses.filter((c) => c.refs !== undefined && c.refs.length === 0)).toEqual([]);
  });

  it('parses the metadata abstract into an informative Abstract section', () => {
    expect(parse(source)).toBeTruthy();
    expect(byAnchor.get('abstract-1')).toMatchObject({
      text: 'This specification provides APIs to enable web applications to maintain bidirectional communications with server-side processes.',
      informative: true,
    });
  });
});
