import { describe, expect, it } from 'vitest';
import {
  describeGenericLinks,
  isGenericLinkText,
  linkDescription,
  linkDocumentName,
  READER_NAMES,
} from '../../src/site/reader/generic-links.ts';
import { loadCorpus } from '../../src/corpus/index.ts';
import { ReaderIndex } from '../../src/site/reader/pages.ts';
import { SOURCE_IDS } from '../../src/corpus/model.ts';

/** The visible words of an HTML fragment: the hidden descriptions and the tags removed. */
function visibleText(html: string): string {
  return html.replace(/<span class="sr-only" data-link-description[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]*>/g, '');
}

describe('generic link texts', () => {
  it('knows words that name no destination, whatever their case and spacing', () => {
    expect(isGenericLinkText('this')).toBe(true);
    expect(isGenericLinkText(' Click\n here ')).toBe(true);
    expect(isGenericLinkText('More')).toBe(true);
  });

  it('leaves words that name something alone, a generic word inside a longer text too', () => {
    expect(isGenericLinkText('close')).toBe(false);
    expect(isGenericLinkText('step 1')).toBe(false);
    expect(isGenericLinkText('this is the Web IDL')).toBe(false);
    expect(isGenericLinkText('')).toBe(false);
  });
});

describe('the document a link points into', () => {
  it('names a standard the corpora link to by its URL', () => {
    expect(linkDocumentName('https://webidl.spec.whatwg.org/#this', 'WebSockets Standard')).toBe('Web IDL');
    expect(linkDocumentName('https://html.spec.whatwg.org/multipage/webappapis.html#event-loop', 'x')).toBe('HTML Standard');
  });

  it('names an unknown document by its host', () => {
    expect(linkDocumentName('https://www.example.com/a#b', 'x')).toBe('example.com');
  });

  it('names a same-document link by the page’s own document and a site-relative link by its reader', () => {
    expect(linkDocumentName('#dom-websocket-close', 'WebSockets Standard')).toBe('WebSockets Standard');
    expect(linkDocumentName('/rfc6455/7/#section-7.1.7', 'WebSockets Standard')).toBe('RFC 6455');
    expect(linkDocumentName('/w3c/4/#x', 'RFC 6455')).toBe('W3C WebSocket API');
  });

  it('names each reader as its corpus cites it', () => {
    for (const source of SOURCE_IDS) expect(READER_NAMES[source]).toBe(loadCorpus(source).source.shortName);
  });
});

describe('the hidden description of a generic link', () => {
  it('names the target document, and its term only when the fragment says more than the words', () => {
    expect(linkDescription('this', 'https://webidl.spec.whatwg.org/#this', 'WebSockets Standard')).toBe(' (Web IDL)');
    expect(linkDescription('here', 'https://html.spec.whatwg.org/multipage/webappapis.html#event-loop', 'x')).toBe(
      ' (HTML Standard: event loop)',
    );
    expect(linkDescription('more', '#dom-websocket-close', 'WebSockets Standard')).toBe(' (WebSockets Standard: websocket close)');
  });

  it('is null for a link that names its destination', () => {
    expect(linkDescription('ready state', '#concept-websocket-ready-state', 'WebSockets Standard')).toBeNull();
  });

  it('is added inside the link after its words, hidden, outside search, and changes no visible word', () => {
    const html = 'set <a href="https://webidl.spec.whatwg.org/#this">this</a>&#39;s <a href="#x"><code>url</code></a>';
    const described = describeGenericLinks(html, 'WebSockets Standard');
    expect(described).toBe(
      'set <a href="https://webidl.spec.whatwg.org/#this">this<span class="sr-only" data-link-description data-pagefind-ignore> (Web IDL)</span></a>&#39;s <a href="#x"><code>url</code></a>',
    );
    expect(visibleText(described)).toBe(visibleText(html));
  });

  it('reads a link’s words through its inline tags and entities', () => {
    const described = describeGenericLinks('<a href="https://example.org/?a=1&amp;b=2#more-info"><em>Here</em></a>', 'x');
    expect(described).toContain('<em>Here</em><span class="sr-only" data-link-description data-pagefind-ignore> (example.org: more info)</span></a>');
  });
});

describe('the WHATWG reader page', () => {
  const index = new ReaderIndex(loadCorpus('whatwg'));
  const withThis = index.corpus.clauses.filter((clause) => clause.html?.includes('href="https://webidl.spec.whatwg.org/#this"'));

  it('describes every "this" link of the standard as Web IDL’s', () => {
    expect(withThis.length).toBeGreaterThan(0);
    for (const clause of withThis) {
      const html = index.clauseHtml(clause);
      expect(html).toMatch(/>this<span class="sr-only" data-link-description data-pagefind-ignore> \(Web IDL\)<\/span><\/a>/);
    }
  });

  it('shows exactly the standard’s words: the visible text of every clause is its corpus text', () => {
    const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const clause of index.corpus.clauses) {
      if (clause.kind === 'figure' || clause.kind === 'table') continue;
      expect(decode(visibleText(index.clauseHtml(clause)))).toBe(clause.text);
    }
  });
});
