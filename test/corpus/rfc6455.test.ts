/**
 * The RFC 6455 corpus parsed from the real text (the synced copy, read with
 * readSource): sections, clauses, their anchors and texts. The pinned
 * clauses at the end are the stability contract of clause IDs: code and
 * tests cite them, so a change here is a breaking change.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKeywords } from '../../src/corpus/keywords.ts';
import type { Clause } from '../../src/corpus/model.ts';
import { loadRfc6455, parseRfc6455, rfc6455PageOf } from '../../src/corpus/rfc6455/index.ts';
import { listClauses } from '../../src/corpus/rfc6455/list.ts';
import { manifest } from '../../src/corpus/sources/manifest.ts';
import { normalizeSource } from '../../src/corpus/sources/normalize.ts';
import { readerPages } from '../../src/site/reader/pages.ts';
import { readSource, REPO_ROOT } from '../../src/corpus/sources/paths.ts';

const raw = readSource('rfc6455');
const corpus = loadRfc6455();
const clause = (anchor: string): Clause => {
  const found = corpus.clauses.find((candidate) => candidate.anchor === anchor);
  if (!found) throw new Error(`no clause ${anchor}`);
  return found;
};

/** The Table of Contents entries of the raw text: [number, title]. */
function tocEntries(): [string, string][] {
  const lines = raw.split('\n');
  const start = lines.indexOf('Table of Contents');
  const end = lines.indexOf('1.  Introduction');
  const entries: [string, string][] = [];
  for (const line of lines.slice(start + 1, end)) {
    const entry = /^ +(\d+(?:\.\d+)*)\. +(.*?) *(?:\. )*\.? +\d+$/.exec(line);
    if (entry?.[1] && entry[2]) entries.push([entry[1], entry[2]]);
  }
  return entries;
}

describe('RFC 6455 sections', () => {
  it('has the 14 top-level sections with their exact titles', () => {
    const top = corpus.sections.filter((section) => section.number !== null && section.depth === 1);
    expect(top.map((section) => `${section.number} ${section.title}`)).toEqual([
      '1 Introduction',
      '2 Conformance Requirements',
      '3 WebSocket URIs',
      '4 Opening Handshake',
      '5 Data Framing',
      '6 Sending and Receiving Data',
      '7 Closing the Connection',
      '8 Error Handling',
      '9 Extensions',
      '10 Security Considerations',
      '11 IANA Considerations',
      '12 Using the WebSocket Protocol from Other Specifications',
      '13 Acknowledgements',
      '14 References',
    ]);
  });

  it('finds every numbered section of the Table of Contents exactly once, in order, with its title', () => {
    const toc = tocEntries();
    expect(toc.length).toBe(88); // 14 top-level sections and 74 subsections
    const numbered = corpus.sections.filter((section) => section.number !== null);
    expect(numbered.map((section) => [section.number, section.title])).toEqual(toc);
    expect(new Set(numbered.map((section) => section.number)).size).toBe(numbered.length);
  });

  it('takes no section and no clause from the Table of Contents or the title page', () => {
    expect(corpus.sections.some((section) => /contents/i.test(section.title))).toBe(false);
    for (const { text } of corpus.clauses) {
      expect(text).not.toMatch(/ \. \. /); // TOC dot leaders
      expect(text).not.toMatch(
        /Internet Engineering Task Force \(IETF\) +I\. Fette|Request for Comments: 6455|ISSN: 2070-1721/,
      );
    }
    // Headings are not clause text: §1 has no text of its own, §1.1 starts with its first paragraph.
    expect(corpus.sections.find((section) => section.anchor === 'section-1')?.clauses).toEqual([]);
    expect(clause('section-1.1-1').text).toBe('_This section is non-normative._');
    expect(corpus.clauses.some(({ text }) => /^\d+(?:\.\d+)*\.\s+[A-Z]/.test(text) && text.length < 80)).toBe(false);
  });

  it("has the front matter and the Authors' Addresses as unnumbered sections", () => {
    const unnumbered = corpus.sections.filter((section) => section.number === null);
    expect(unnumbered.map((section) => [section.anchor, section.title, section.citation])).toEqual([
      ['section-abstract', 'Abstract', 'RFC 6455 Abstract'],
      ['section-boilerplate.1', 'Status of This Memo', 'RFC 6455 Status of This Memo'],
      ['section-boilerplate.2', 'Copyright Notice', 'RFC 6455 Copyright Notice'],
      ['section-authors-addresses', "Authors' Addresses", "RFC 6455 Authors' Addresses"],
    ]);
    expect(corpus.sections[0]?.anchor).toBe('section-abstract');
    expect(corpus.sections.at(-1)?.anchor).toBe('section-authors-addresses');
    // The IETF licence notice is reproduced as clauses of the Copyright Notice.
    expect(clause('section-boilerplate.2-1').text).toMatch(/^Copyright \(c\) 2011 IETF Trust/);
    expect(clause('section-boilerplate.2-2').text).toMatch(
      /provided without warranty as described in the Simplified BSD License\.$/,
    );
  });

  it('gives each numbered section its depth, parent, anchor and citation', () => {
    const byAnchor = new Map(corpus.sections.map((section, index) => [section.anchor, { section, index }]));
    for (const [index, section] of corpus.sections.entries()) {
      expect(section.id).toBe(`rfc6455#${section.anchor}`);
      if (section.number === null) continue;
      expect(section.anchor).toBe(`section-${section.number}`);
      expect(section.citation).toBe(`RFC 6455 §${section.number}`);
      expect(section.depth).toBe(section.number.split('.').length);
      if (section.depth === 1) {
        expect(section.parent).toBeNull();
      } else {
        const parent = byAnchor.get(section.parent ?? '');
        expect(parent, `parent of ${section.anchor}`).toBeDefined();
        expect(parent?.index).toBeLessThan(index);
      }
    }
    expect(byAnchor.get('section-5.5.1')?.section).toMatchObject({ title: 'Close', depth: 3, parent: 'section-5.5' });
  });
});

describe('RFC 6455 clause integrity', () => {
  it('gives every clause a unique ID built from its anchor, and a citation from its section', () => {
    const ids = corpus.clauses.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sections = new Map(corpus.sections.map((section) => [section.anchor, section]));
    for (const c of corpus.clauses) {
      expect(c.id).toBe(`rfc6455#${c.anchor}`);
      expect(c.source).toBe('rfc6455');
      const section = sections.get(c.section);
      expect(section, c.anchor).toBeDefined();
      expect(c.anchor.startsWith(`${c.section}-`)).toBe(true);
      const paragraph = c.anchor.slice(c.section.length + 1);
      expect(paragraph).toMatch(/^\d+(?:\.\d+)*$/);
      expect(c.citation).toBe(`${section?.citation} ¶${paragraph}`);
      expect(c.text.length).toBeGreaterThan(0);
    }
  });

  it('lists in each section exactly its clauses, in document order', () => {
    const listed = corpus.sections.flatMap((section) => section.clauses);
    expect(listed).toEqual(corpus.clauses.map((c) => c.anchor));
    for (const section of corpus.sections) {
      for (const anchor of section.clauses) expect(clause(anchor).section).toBe(section.anchor);
    }
  });

  it('numbers the blocks of a section 1..n and the items of a list 1..n without gaps', () => {
    for (const section of corpus.sections) {
      const paths = section.clauses.map((anchor) =>
        anchor
          .slice(section.anchor.length + 1)
          .split('.')
          .map(Number),
      );
      // Each path follows the previous one: same prefix, next number at some depth.
      let previous: number[] = [];
      for (const path of paths) {
        const depth = path.findIndex((part, i) => part !== previous[i]);
        expect(depth, `${section.anchor} ${path.join('.')}`).toBeGreaterThanOrEqual(0);
        const changed = path[depth] ?? 0;
        expect(changed).toBe(depth < previous.length ? (previous[depth] ?? 0) + 1 : 1);
        expect(path.slice(depth + 1).every((part) => part === 1)).toBe(true);
        previous = path;
      }
    }
  });

  it('leaves no page furniture in any clause', () => {
    for (const c of corpus.clauses) {
      expect(c.text).not.toMatch(/Fette & Melnikov|Standards Track +\[Page|\[Page \d+\]|\f/);
      expect(c.text).not.toMatch(/RFC 6455 +The WebSocket Protocol +December 2011/);
    }
  });

  it('puts every upper-case RFC 2119 keyword of the text in exactly one clause', () => {
    const count = (keywords: string[]): Record<string, number> =>
      keywords.reduce<Record<string, number>>(
        (counts, keyword) => ({ ...counts, [keyword]: (counts[keyword] ?? 0) + 1 }),
        {},
      );
    const inSource = count(findKeywords(normalizeSource(raw, 'rfc-text')).map((match) => match.keyword));
    const inClauses = count(corpus.clauses.flatMap((c) => c.keywords));
    expect(inClauses).toEqual(inSource);
    expect(inSource['MUST']).toBe(114);
  });

  it('is a pure function of the text: parsing twice gives the same corpus', () => {
    expect(parseRfc6455(raw)).toEqual(corpus);
  });
});

describe('RFC 6455 figures', () => {
  it('keeps the §5.2 frame diagram character for character [rfc6455#section-5.2-2]', () => {
    const lines = raw.split('\n');
    const first = lines.findIndex((line) =>
      line.startsWith('      0                   1                   2                   3'),
    );
    const last = lines.findIndex(
      (line, index) =>
        index > first && line === '     +---------------------------------------------------------------+',
    );
    expect(first).toBeGreaterThan(0);
    expect(last - first).toBe(17);
    const expected = lines
      .slice(first, last + 1)
      .map((line) => line.slice(5))
      .join('\n');
    const figure = clause('section-5.2-2');
    expect(figure.kind).toBe('figure');
    expect(figure.text).toBe(expected);
    const text = figure.text.split('\n');
    expect(text[0]).toBe(' 0                   1                   2                   3');
    expect(text[1]).toBe(' 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1');
    expect(text[3]).toBe('|F|R|R|R| opcode|M| Payload len |    Extended payload length    |');
    expect(text[10]).toBe('|                               |Masking-key, if MASK set to 1  |');
    expect(text[14]).toBe(':                     Payload Data continued ...                :');
  });

  it('rejoins the §5.2 ABNF split by a page break, restoring the blank line between two rules', () => {
    const abnf = clause('section-5.2-5');
    expect(abnf.kind).toBe('figure');
    expect(abnf.text.startsWith('ws-frame                = frame-fin           ; 1 bit in length\n')).toBe(true);
    expect(abnf.text).toContain(
      '                                ; 4 bits in length\n\nframe-masked            = %x0\n',
    );
    expect(
      abnf.text.endsWith(
        'frame-unmasked-application-data = *( %x00-FF )\n                        ; n*8 bits in length, where n >= 0',
      ),
    ).toBe(true);
    expect(abnf.keywords).toEqual(['MUST', 'MUST', 'MUST']);
  });

  it('rejoins the §4.3 ABNF split by a page break, without adding a blank line', () => {
    const abnf = clause('section-4.3-4');
    expect(abnf.text).toContain('registered-token = token\nextension-param = token [ "=" (token | quoted-string) ]\n');
    expect(abnf.text.split('\n')[0]).toBe('Sec-WebSocket-Key = base64-value-non-empty');
  });

  it('keeps the IANA tables as tables', () => {
    expect(clause('section-11.6-8').kind).toBe('table');
    expect(clause('section-11.7-6').text.split('\n')[2]).toBe(
      ' | 1000       | Normal Closure  | hybi@ietf.org | RFC 6455  |',
    );
    expect(clause('section-11.8-6').kind).toBe('table');
  });
});

describe('RFC 6455 pinned clauses (the stability contract of clause IDs)', () => {
  const pins: [anchor: string, kind: Clause['kind'], start: string][] = [
    ['section-abstract-1', 'paragraph', 'The WebSocket Protocol enables two-way communication between a client'],
    ['section-boilerplate.1-3', 'paragraph', 'Information about the current status of this document, any errata,'],
    ['section-1.1-4.2', 'list-item', 'The wire protocol has a high overhead, with each client-to-server'],
    ['section-1.3-3', 'figure', 'GET /chat HTTP/1.1\nHost: server.example.com\nUpgrade: websocket\n'],
    ['section-1.3-13', 'paragraph', 'For this header field, the server has to take the value'],
    [
      'section-1.3-14',
      'paragraph',
      'Concretely, if as in the example above, the |Sec-WebSocket-Key| header field had the value "dGhlIHNhbXBsZSBub25jZQ==", the server would concatenate the string "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" to form the string "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11".',
    ],
    ['section-2-2', 'paragraph', 'The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT",'],
    [
      'section-3-7',
      'paragraph',
      'Fragment identifiers are meaningless in the context of WebSocket URIs and MUST NOT be used',
    ],
    ['section-4.1-4.1', 'list-item', 'The components of the WebSocket URI passed into this algorithm'],
    ['section-4.1-4.2.1', 'list-item', 'If the client already has a WebSocket connection to the remote host'],
    ['section-4.1-4.2.3', 'paragraph', 'NOTE: This makes it harder for a script to perform a denial-of-service attack'],
    ['section-4.1-4.3.1', 'list-item', '_Proxy Usage_: If the client is configured to use a proxy'],
    [
      'section-4.1-6.7.1',
      'list-item',
      'The request MUST include a header field with the name |Sec-WebSocket-Key|. The value',
    ],
    [
      'section-4.1-8.4',
      'list-item',
      'If the response lacks a |Sec-WebSocket-Accept| header field or the |Sec-WebSocket-Accept| contains a value other than the base64-encoded SHA-1 of the concatenation of the |Sec-WebSocket-Key|',
    ],
    [
      'section-4.2.1-3.5',
      'list-item',
      'A |Sec-WebSocket-Key| header field with a base64-encoded (see Section 4 of [RFC4648]) value',
    ],
    [
      'section-4.2.1-3.7',
      'list-item',
      'Optionally, an |Origin| header field. This header field is sent by all browser clients.',
    ],
    ['section-4.2.2-2.4.2.1', 'list-item', "/origin/ The |Origin| header field in the client's handshake indicates"],
    ['section-4.2.2-2.4.2.6', 'list-item', '/extensions/ A (possibly empty) list representing'],
    [
      'section-4.2.2-2.5.2.4.1',
      'list-item',
      'A |Sec-WebSocket-Accept| header field. The value of this header field is constructed by concatenating /key/',
    ],
    [
      'section-4.2.2-2.5.2.4.4',
      'paragraph',
      'NOTE: As an example, if the value of the |Sec-WebSocket-Key| header field',
    ],
    [
      'section-4.2.2-2.5.2.5',
      'list-item',
      'Optionally, a |Sec-WebSocket-Protocol| header field, with a value /subprotocol/',
    ],
    ['section-5.1-1', 'paragraph', 'In the WebSocket Protocol, data is transmitted using a sequence of frames.'],
    ['section-5.2-2', 'figure', ' 0                   1                   2                   3\n'],
    ['section-5.2-3.1', 'list-item', 'FIN: 1 bit Indicates that this is the final fragment in a message.'],
    ['section-5.2-3.3.1', 'list-item', 'Opcode: 4 bits Defines the interpretation of the "Payload data".'],
    ['section-5.2-3.3.2.2', 'list-item', '%x1 denotes a text frame'],
    [
      'section-5.2-3.5',
      'list-item',
      'Payload length: 7 bits, 7+16 bits, or 7+64 bits The length of the "Payload data", in bytes',
    ],
    [
      'section-5.4-5.3',
      'list-item',
      'Control frames (see Section 5.5) MAY be injected in the middle of a fragmented message.',
    ],
    [
      'section-5.5-3',
      'paragraph',
      'All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented.',
    ],
    [
      'section-5.5.1-2',
      'paragraph',
      'The Close frame MAY contain a body (the "Application data" portion of the frame)',
    ],
    [
      'section-5.5.1-5',
      'paragraph',
      'If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response.',
    ],
    ['section-5.5.1-6', 'paragraph', 'After both sending and receiving a Close message, an endpoint considers'],
    ['section-5.5.2-3', 'paragraph', 'Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response'],
    [
      'section-6.1-2.5',
      'list-item',
      'If the data is being sent by the client, the frame(s) MUST be masked as defined in Section 5.3.',
    ],
    [
      'section-7.1.7-1',
      'paragraph',
      'Certain algorithms and specifications require an endpoint to _Fail the WebSocket Connection_.',
    ],
    [
      'section-7.4.1-2.3',
      'list-item',
      '1002 1002 indicates that an endpoint is terminating the connection due to a protocol error.',
    ],
    ['section-7.4.1-2.7', 'list-item', '1006 1006 is a reserved value and MUST NOT be set as a status code'],
    ['section-8.1-1', 'paragraph', 'When an endpoint is to interpret a byte stream as UTF-8 but finds'],
    ['section-10.2-1', 'paragraph', 'Servers that are not intended to process input from any web page'],
    ['section-10.3-4', 'paragraph', 'Clients MUST choose a new masking key for each frame'],
    ['section-10.7-1', 'paragraph', 'Incoming data MUST always be validated by both clients and servers.'],
    ['section-11.1.1-4.2.2', 'paragraph', 'Characters in other components that are excluded by the syntax'],
    [
      'section-11.3.1-4',
      'paragraph',
      'The |Sec-WebSocket-Key| header field MUST NOT appear more than once in an HTTP request.',
    ],
    ['section-11.7-6', 'table', ' |Status Code | Meaning         | Contact       | Reference |\n'],
    [
      'section-14.1-1.5',
      'list-item',
      '[RFC2616] Fielding, R., Gettys, J., Mogul, J., Frystyk, H., Masinter, L., Leach, P., and T. Berners-Lee, "Hypertext Transfer Protocol -- HTTP/1.1", RFC 2616, June 1999.',
    ],
    ['section-authors-addresses-1', 'figure', 'Ian Fette\nGoogle, Inc.\n\nEMail: ifette+ietf@google.com\n'],
  ];

  it.each(pins)('%s is a %s starting "%s"', (anchor, kind, start) => {
    const pinned = clause(anchor);
    expect(pinned.kind).toBe(kind);
    expect(pinned.text.startsWith(start), pinned.text).toBe(true);
  });

  it('cites clauses by section and paragraph path', () => {
    expect(clause('section-5.5.1-2').citation).toBe('RFC 6455 §5.5.1 ¶2');
    expect(clause('section-4.1-6.7.1').citation).toBe('RFC 6455 §4.1 ¶6.7.1');
    expect(clause('section-abstract-1').citation).toBe('RFC 6455 Abstract ¶1');
    expect(clause('section-5.5.1-2').keywords).toEqual(['MAY', 'MUST', 'MAY', 'MUST NOT']);
  });

  it('marks notes, examples and the non-normative sections informative, and nothing else', () => {
    expect(clause('section-1.3-14').informative).toBe(true); // §1.3 is marked non-normative
    expect(clause('section-4.1-4.2.3').informative).toBe(true); // NOTE:
    expect(clause('section-10.1-3').informative).toBe(true); // EXAMPLE:
    expect(clause('section-5.4-7').informative).toBe(true); // IMPLEMENTATION NOTE:
    expect(clause('section-5.5.1-2').informative).toBeUndefined();
    expect(clause('section-2-1').informative).toBeUndefined();
    expect(clause('section-5.2-2').informative).toBeUndefined(); // the figure is authoritative
  });
});

describe('RFC 6455 display HTML', () => {
  it("links the RFC's own section references to their reader page", () => {
    expect(clause('section-1.4-3').html).toContain(
      '(detailed in <a href="/rfc6455/5/#section-5.5.1">Section 5.5.1</a>)',
    );
    expect(clause('section-6.1-2.1').html).toContain(
      '<a href="/rfc6455/4/#section-4.1">Sections 4.1</a> and <a href="/rfc6455/4/#section-4.2.2">4.2.2</a>',
    );
  });

  it("leaves other documents' sections unlinked and links their citations to §14", () => {
    const html = clause('section-4.2.1-3.5').html ?? '';
    expect(html).toContain('(see Section 4 of <a href="/rfc6455/14/#section-14.1-1.13">[RFC4648]</a>)');
    expect(clause('section-9.1-1').html).toContain(
      '(see <a href="/rfc6455/14/#section-14.1-1.5">[RFC2616]</a>, Section 4.2)',
    );
    expect(clause('section-1.1-2').html).toContain('<a href="/rfc6455/14/#section-14.2-1.4">[RFC6202]</a>');
  });

  it('renders _terms_, |fields| and /values/ with their marks kept but dimmed, and sets definition labels off', () => {
    const d = (mark: string): string => `<span class="rfc-delim">${mark}</span>`;
    expect(clause('section-2.1-6').html).toContain(`<em>${d('_')}Fail the WebSocket Connection${d('_')}</em>`);
    expect(clause('section-4.1-6.4').html).toContain(
      `a <code>${d('|')}Host${d('|')}</code> header field whose value contains <var>${d('/')}host${d('/')}</var>`,
    );
    expect(clause('section-5.2-3.1').html).toMatch(/^<strong>FIN: 1 bit<\/strong> Indicates/);
  });

  it('has exactly the text of the clause once tags are removed, so what a reader copies is the quotable text', () => {
    const strip = (text: string): string => text;
    for (const c of corpus.clauses) {
      if (c.kind === 'figure' || c.kind === 'table') {
        expect(c.html).toBeUndefined();
        continue;
      }
      const plain = (c.html ?? '')
        .replace(/<[^>]+>/g, '')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&');
      expect(strip(plain), c.anchor).toBe(strip(c.text));
    }
  });
});

describe('RFC 6455 source and reader pages', () => {
  it('describes the source with the IETF Trust licence from the manifest', () => {
    expect(corpus.source).toEqual({
      id: 'rfc6455',
      title: 'RFC 6455: The WebSocket Protocol',
      shortName: 'RFC 6455',
      url: 'https://www.rfc-editor.org/rfc/rfc6455',
      sectionUrl: 'https://www.rfc-editor.org/rfc/rfc6455.html#{anchor}',
      licence: manifest.licences['ietf-trust'],
      date: '2011-12',
    });
  });

  it('puts each section on the reader page of its top-level section', () => {
    expect(rfc6455PageOf('section-5.5.1')).toBe('5');
    expect(rfc6455PageOf('section-10')).toBe('10');
    expect(rfc6455PageOf('section-14.1-1.5')).toBe('14');
    expect(rfc6455PageOf('section-abstract')).toBe('front');
    expect(rfc6455PageOf('section-boilerplate.2-1')).toBe('front');
    expect(rfc6455PageOf('section-authors-addresses')).toBe('authors-addresses');
  });

  it('agrees with the site on the page of every section', () => {
    for (const page of readerPages(corpus)) {
      for (const section of page.sections) expect(rfc6455PageOf(section.anchor), section.anchor).toBe(page.slug);
    }
  });
});

describe('RFC 6455 list command', () => {
  it('lists the clauses of a section and its subsections with ID, kind and keywords', () => {
    const { lines, ok } = listClauses(corpus, '5.5');
    expect(ok).toBe(true);
    const text = lines.join('\n');
    expect(text).toContain('RFC 6455 §5.5.1  Close  (rfc6455#section-5.5.1)');
    expect(text).toMatch(/rfc6455#section-5\.5\.1-2 +paragraph +MAY,MUST,MAY,MUST NOT/);
    expect(text).toContain('rfc6455#section-5.5.3-5');
    expect(text).not.toContain('section-5.6');
    expect(listClauses(corpus, '99').ok).toBe(false);
  });

  it('runs as a command', () => {
    const output = execFileSync(process.execPath, [join(REPO_ROOT, 'src/corpus/rfc6455/list.ts'), '7.4.1'], {
      encoding: 'utf8',
    });
    expect(output).toMatch(/rfc6455#section-7\.4\.1-2\.6 +list-item +MUST NOT\n +1005 1005 is a reserved value/);
  });
});
