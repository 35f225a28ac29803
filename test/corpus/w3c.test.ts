import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadW3cCr, parseW3cHtml, w3cCitationName, w3cCrSourceInfo } from '../../src/corpus/w3c/index.ts';
import { RFC6455_TERM_SECTION_IDS, linkTargets } from '../../src/corpus/html/index.ts';
import { manifest, sourceByKey } from '../../src/corpus/sources/manifest.ts';
import { readSource } from '../../src/corpus/sources/paths.ts';
import {
  ancestorsOf,
  classesOfElement,
  clauseText,
  corpusProblems,
  htmlIds,
  idsInHtml,
  keywordCountOfCorpus,
  keywordCountOfHtml,
} from './fixtures/api-helpers.ts';

const corpus = loadW3cCr();
const source = readSource('w3c-tr-2012-09-20');
const byAnchor = new Map(corpus.clauses.map((c) => [c.anchor, c]));

describe('W3C WebSocket API CR 2012-09-20: structure', () => {
  it('has the CR’s sections 1–9 with their numbers and titles, between the front and back matter', () => {
    expect(corpus.sections.map((s) => [s.anchor, s.number, s.title])).toEqual([
      ['abstract', null, 'Abstract'],
      ['status-of-this-document', null, 'Status of This document'],
      ['crec', null, 'Candidate Recommendation Exit Criteria'],
      ['network-intro', '1', 'Introduction'],
      ['conformance-requirements', '2', 'Conformance requirements'],
      ['dependencies', '2.1', 'Dependencies'],
      ['terminology', '3', 'Terminology'],
      ['the-websocket-interface', '4', 'The WebSocket interface'],
      ['feedback-from-the-protocol', '5', 'Feedback from the protocol'],
      ['ping-and-pong-frames', '6', 'Ping and Pong frames'],
      ['parsing-websocket-urls', '7', 'Parsing WebSocket URLs'],
      ['event-definitions', '8', 'Event definitions'],
      ['garbage-collection', '9', 'Garbage collection'],
      ['references', null, 'References'],
      ['acknowledgements', null, 'Acknowledgements'],
    ]);
    expect(corpus.sections.find((s) => s.anchor === 'dependencies')).toMatchObject({ depth: 2, parent: 'conformance-requirements' });
    expect(corpus.sections.find((s) => s.anchor === 'crec')?.parent).toBe('status-of-this-document');
    expect(corpus.sections.find((s) => s.anchor === 'the-websocket-interface')?.citation).toBe('W3C WebSocket API (CR 2012) §4');
  });

  it('leaves out the page chrome: head, table of contents, feedback form', () => {
    const texts = corpus.clauses.map((c) => c.text).join('\n');
    expect(texts).not.toContain('Latest Editor');
    expect(texts).not.toContain('Please enter your feedback');
    expect(corpus.sections.map((s) => s.anchor)).not.toContain('contents');
  });

  it('describes its source: title, /TR URL, section URLs, W3C Document License and date', () => {
    expect(corpus.source).toEqual({
      id: 'w3c',
      title: 'The WebSocket API (W3C Candidate Recommendation, 20 September 2012)',
      shortName: 'W3C WebSocket API',
      url: 'https://www.w3.org/TR/2012/CR-websockets-20120920/',
      sectionUrl: 'https://www.w3.org/TR/2012/CR-websockets-20120920/#{anchor}',
      licence: manifest.licences['w3c-document'],
      date: '2012-09-20',
    });
    expect(w3cCrSourceInfo()).toEqual(corpus.source);
    expect(loadW3cCr()).toBe(corpus);
  });

  it('gives every section and clause a unique, well-formed id, lists each clause in its section, and keeps html to the allowed tags', () => {
    expect(corpusProblems(corpus)).toEqual([]);
  });
});

describe('W3C WebSocket API CR 2012-09-20: pinned anchors', () => {
  const PINNED: [string, string][] = [
    ['dom-websocket', 'The WebSocket(url, protocols) constructor takes one or two arguments.'],
    ['the-websocket-interface-3', 'When the WebSocket() constructor is invoked, the UA must run these steps:'],
    ['dom-websocket-step-1', "Parse a WebSocket URL's components from the url argument, to obtain host, port, resource name, and secure."],
    ['dom-websocket-step-2', 'If secure is false but the origin of the entry script has a scheme component that is itself a secure protocol'],
    ['dom-websocket-step-3-2', 'Access to ports 80 and 443 should not be blocked'],
    ['dom-websocket-step-7', 'Return a new WebSocket object, and continue these steps in the background (without blocking scripts).'],
    ['dom-websocket-step-8', 'Establish a WebSocket connection given the set (host, port, resource name, secure)'],
    [
      'dom-websocket-step-8-2',
      'When the user agent validates the server\'s response during the "establish a WebSocket connection" algorithm, if the status code received from the server is not 101 (e.g. it is a redirect), the user agent must fail the WebSocket connection.',
    ],
    ['dom-websocket-step-8-3', 'Following HTTP procedures here could introduce serious security problems in a Web browser context.'],
    ['dom-websocket-connecting', 'CONNECTING (numeric value 0)'],
    ['dom-websocket-close', 'The close() method must run the following steps:'],
    ['dom-websocket-close-step-1', "If the method's first argument is present but is not an integer equal to 1000 or in the range 3000 to 4999, throw an InvalidAccessError exception and abort these steps."],
    ['dom-websocket-close-step-2.4', 'If reason is longer than 123 bytes, then throw a SyntaxError exception and abort these steps.'],
    ['dom-websocket-close-step-3-2.2-2', "Fail the WebSocket connection and set the readyState attribute's value to CLOSING (2)."],
    ['dom-websocket-send', 'The send(data) method transmits data using the connection.'],
    ['closeWebSocket', 'When the WebSocket connection is closed, possibly cleanly, the user agent must queue a task to run the following substeps:'],
    ['closeWebSocket-step-2', 'If the user agent was required to fail the WebSocket connection or the WebSocket connection is closed with prejudice, fire a simple event named error'],
    ['feedback-from-the-protocol-12', 'User agents must not convey any failure information to scripts in a way that would allow a script to distinguish the following situations:'],
    ['feedback-from-the-protocol-13.1', 'A server whose host name could not be resolved.'],
    ['feedback-from-the-protocol-14', 'In all of these cases, the the WebSocket connection close code would be 1006, as required by the WebSocket Protocol specification.'],
    ['parse-a-websocket-url-s-components-step-4', 'If url has a <fragment> component, then fail this algorithm.'],
    ['ping-and-pong-frames-2', 'User agents may send ping and unsolicited pong frames as desired'],
    ['make-disappear', 'If a user agent is to make disappear a WebSocket object'],
    ['conformance-requirements-2', 'The key words "MUST", "MUST NOT", "REQUIRED", "SHOULD", "SHOULD NOT", "RECOMMENDED", "MAY", and "OPTIONAL"'],
    ['refsWSP', '[WSP]'],
  ];

  it.each(PINNED)('%s starts with its text', (anchor, prefix) => {
    expect(clauseText(corpus, anchor).startsWith(prefix)).toBe(true);
  });

  it('makes the constructor’s <ol> steps clauses dom-websocket-step-1 … -step-8, owned by the <dfn> of the paragraph before the introduction', () => {
    const steps = corpus.clauses.filter((c) => c.kind === 'step' && c.anchor.startsWith('dom-websocket-step-')).map((c) => c.anchor);
    expect(steps).toEqual(Array.from({ length: 8 }, (_, i) => `dom-websocket-step-${i + 1}`));
    expect(corpus.clauses.filter((c) => c.anchor.startsWith('dom-websocket-close-step-2.')).map((c) => c.anchor)).toEqual([
      'dom-websocket-close-step-2.1',
      'dom-websocket-close-step-2.2',
      'dom-websocket-close-step-2.3',
      'dom-websocket-close-step-2.4',
    ]);
  });

  it('cites clauses as "W3C WebSocket API (CR 2012) §n ¶k" or "… <owner> step n", unique within the document', () => {
    expect(byAnchor.get('dom-websocket-step-8-2')?.citation).toBe('W3C WebSocket API (CR 2012) §4 WebSocket() step 8 ¶2');
    expect(byAnchor.get('dom-websocket-close-step-3')?.citation).toBe('W3C WebSocket API (CR 2012) §4 close() step 3');
    expect(byAnchor.get('feedback-from-the-protocol-12')?.citation).toBe('W3C WebSocket API (CR 2012) §5 ¶12');
    expect(byAnchor.get('the-websocket-interface-3')?.citation).toBe('W3C WebSocket API (CR 2012) §4 ¶3');
    expect(byAnchor.get('closeWebSocket-step-1')?.citation).toBe('W3C WebSocket API (CR 2012) §5 ¶10 step 1');
    const citations = corpus.clauses.map((c) => c.citation);
    expect(new Set(citations).size).toBe(citations.length);
  });
});

describe('W3C WebSocket API CR 2012-09-20: anchors follow the document’s ids', () => {
  it('anchors every section by its heading id', () => {
    const inChrome = (el: Parameters<Parameters<typeof idsInHtml>[1]>[0]): boolean =>
      ancestorsOf(el).some((a) => a.tagName === 'div' && classesOfElement(a).includes('head'));
    const headingIds = idsInHtml(source, (el) => /^h[2-6]$/.test(el.tagName) && !inChrome(el)).filter((id) => id !== 'contents');
    expect(corpus.sections.map((s) => s.anchor)).toEqual(headingIds);
  });

  it('keeps every <dfn id> and every paragraph/term id as a clause anchor or a <dfn id> in clause html', () => {
    const dfnIds = idsInHtml(source, (el) => el.tagName === 'dfn' || el.tagName === 'p' || el.tagName === 'dt');
    expect(dfnIds.length).toBeGreaterThan(25);
    const known = new Set([...corpus.clauses.map((c) => c.anchor), ...htmlIds(corpus)]);
    expect(dfnIds.filter((id) => !known.has(id) && id !== 'feedbackBox')).toEqual([]);
  });
});

describe('W3C WebSocket API CR 2012-09-20: keywords, informative text, RFC refs, links', () => {
  it('puts every keyword occurrence of the visible text in exactly one clause (count equals an independent walk of the HTML)', () => {
    const independent = keywordCountOfHtml(source);
    expect(independent).toBeGreaterThan(60);
    expect(keywordCountOfCorpus(corpus)).toBe(independent);
  });

  it('marks notes, examples, the non-normative introduction and the front matter informative; the failure-information warning stays normative', () => {
    expect(byAnchor.get('network-intro-2')?.informative).toBe(true);
    expect(byAnchor.get('status-of-this-document-10')?.informative).toBe(true);
    expect(byAnchor.get('dom-websocket-step-8-4')).toMatchObject({ kind: 'note', informative: true });
    expect(byAnchor.get('feedback-from-the-protocol-12')).toMatchObject({ kind: 'note', keywords: ['MUST NOT'] });
    expect(byAnchor.get('feedback-from-the-protocol-12')?.informative).toBeUndefined();
    expect(byAnchor.get('dom-websocket-step-8-2')?.informative).toBeUndefined();
  });

  it('refs the RFC 6455 sections each clause invokes (italic terms, titles of inflected terms), only sections of the term table', () => {
    expect(byAnchor.get('dom-websocket-step-8-2')?.refs).toEqual(['rfc6455#section-4.1', 'rfc6455#section-7.1.7']);
    expect(byAnchor.get('dom-websocket-close-step-3-2.3')?.refs).toEqual(['rfc6455#section-7.1.3']);
    expect(byAnchor.get('feedback-from-the-protocol-14')?.refs).toEqual(['rfc6455#section-7.1.5']);
    expect(byAnchor.get('dom-websocket-step-5')?.refs).toEqual(['rfc6455#section-11.3.4']);
    const refs = corpus.clauses.flatMap((c) => c.refs ?? []);
    expect(refs.filter((r) => !RFC6455_TERM_SECTION_IDS.has(r))).toEqual([]);
  });

  it('links RFC 6455 terms to the RFC reader and keeps same-document links on the reader page', () => {
    expect(byAnchor.get('dom-websocket-step-8-2')?.html).toContain('<a href="/rfc6455/7/#section-7.1.7"><em>fail the WebSocket connection</em></a>');
    expect(byAnchor.get('dom-websocket-url')?.html).toContain('<dfn><code>url</code></dfn>');
    expect(byAnchor.get('the-websocket-interface-1')?.html).toContain('<dfn id="websocket">WebSocket</dfn>');
    // Every same-document link points at a section, a clause or a <dfn> of this corpus,
    // which linkTargets() maps to its holder (for the paged reader).
    const targets = linkTargets(corpus);
    const dangling = corpus.clauses.flatMap((c) => [...(c.html ?? '').matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).filter((a) => !targets.has(a ?? ''));
    expect(dangling).toEqual([]);
    expect(targets.get('dom-websocket-close')).toBe('dom-websocket-close');
  });
});

describe('W3C parser on a small hand-written document (fixtures/api-mini.html)', () => {
  const mini = parseW3cHtml(readFileSync(new URL('./fixtures/api-mini.html', import.meta.url), 'utf8'));
  const anchors = mini.clauses.map((c) => c.anchor);

  it('skips head, toc and form; numbers sections from <span class=secno>; nests h3 under h2', () => {
    expect(mini.sections.map((s) => [s.anchor, s.number, s.title, s.parent])).toEqual([
      ['abstract', null, 'Abstract', null],
      ['intro', '1', 'Introduction', null],
      ['the-widget-interface', '2', 'The Widget interface', null],
      ['more', '2.1', 'More', 'the-widget-interface'],
      ['references', null, 'References', null],
    ]);
    expect(mini.clauses.map((c) => c.text).join(' ')).not.toMatch(/Feedback must|Implementers must/);
  });

  it('anchors by dfn, own id, steps and position as documented', () => {
    expect(anchors).toEqual([
      'abstract-1', 'intro-1', 'intro-2', 'the-widget-interface-1', 'dom-widget-spin', 'the-widget-interface-3',
      'dom-widget-spin-step-1', 'dom-widget-spin-step-2', 'dom-widget-spin-step-2.1', 'dom-widget-spin-step-2.2',
      'dom-widget-spin-step-3', 'dom-widget-spin-step-3-2', 'stopWidget', 'stopWidget-step-1',
      'the-widget-interface-7', 'the-widget-interface-8.1', 'the-widget-interface-8.2', 'the-widget-interface-9',
      'the-widget-interface-10', 'dom-widget-spinning', 'dom-widget-spinning-2', 'the-widget-interface-12', 'more-1',
      'refsWSP', 'refsWSP-2',
    ]);
    expect(mini.clauses.find((c) => c.anchor === 'dom-widget-spin-step-3')?.refs).toEqual(['rfc6455#section-4.1', 'rfc6455#section-7.1.7']);
    expect(mini.clauses.find((c) => c.anchor === 'more-1')?.refs).toEqual(['rfc6455#section-5.5.1']);
    expect(mini.clauses.find((c) => c.anchor === 'the-widget-interface-12')).toMatchObject({ kind: 'table', text: 'Handler | Event\nonspin | spin' });
    expect(mini.clauses.find((c) => c.anchor === 'the-widget-interface-10')).toMatchObject({ kind: 'figure', informative: true, keywords: [] });
    expect(keywordCountOfCorpus(mini)).toBe(keywordCountOfHtml(readFileSync(new URL('./fixtures/api-mini.html', import.meta.url), 'utf8')));
  });
});

describe('W3C citation names of the other versions (for the History work)', () => {
  it('names editor’s drafts by revision and /TR documents by status and date', () => {
    expect(w3cCitationName(sourceByKey('w3c-ed-r1.210'))).toBe('W3C WebSocket API (ED r1.210)');
    expect(w3cCitationName(sourceByKey('w3c-tr-2012-09-20'))).toBe('W3C WebSocket API (CR 2012)');
    expect(w3cCitationName(sourceByKey('w3c-tr-2011-12-08'))).toBe('W3C WebSocket API (CR 2011)');
    expect(w3cCitationName(sourceByKey('w3c-tr-2011-04-19'))).toBe('W3C WebSocket API (WD 2011-04-19)');
    expect(w3cCitationName(sourceByKey('w3c-tr-2012-05-24'))).toBe('W3C WebSocket API (LCWD 2012-05-24)');
  });
});
