/**
 * Edge cases of the RFC parser on small hand-written RFC-like documents
 * (test/corpus/fixtures/rfc-*.txt): page breaks inside paragraphs, list
 * items and figures, and nested lists and definition lists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/model.ts';
import { parseRfc6455 } from '../../src/corpus/rfc6455/index.ts';

function fixture(name: string): Corpus {
  return parseRfc6455(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

/** [anchor, kind, text] of every clause. */
function outline(corpus: Corpus): [string, string, string][] {
  return corpus.clauses.map((clause) => [clause.anchor, clause.kind, clause.text]);
}

describe('a page break inside and between paragraphs', () => {
  const corpus = fixture('rfc-page-break-paragraph.txt');

  it('joins a paragraph or list item split by a page break, and keeps paragraphs split at a page break apart', () => {
    expect(outline(corpus)).toEqual([
      [
        'section-1-1',
        'paragraph',
        'A paragraph that the page break splits in the middle of a sentence must come out as one clause, with the words on both sides of the break joined by a single space and no trace of the footer or the header of the next page.',
      ],
      ['section-1-2', 'paragraph', 'This paragraph ends at the foot of a page. Its last line is short.'],
      [
        'section-1-3',
        'paragraph',
        'The next paragraph starts at the top of the next page, so the break falls between two paragraphs and they stay two clauses.',
      ],
      ['section-1-4.1', 'list-item', 'A short first item.'],
      [
        'section-1-4.2',
        'list-item',
        'A list item whose text runs over the page break is joined again, exactly like a paragraph, and stays a single item of the list.',
      ],
      ['section-1-4.3', 'list-item', 'A last item.'],
      [
        'section-1.1-1',
        'paragraph',
        'The formatter broke this identifier after a hyphen: "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", and it is joined again without a space.',
      ],
    ]);
  });

  it('takes sections from the headings only', () => {
    expect(corpus.sections.map((section) => [section.anchor, section.title, section.parent])).toEqual([
      ['section-1', 'Paragraphs', null],
      ['section-1.1', 'Hyphens', 'section-1'],
    ]);
  });
});

describe('a page break inside a figure', () => {
  const corpus = fixture('rfc-page-break-figure.txt');

  it('rejoins the figure without the furniture, restores a dropped blank line between rules, and keeps the next paragraph out', () => {
    expect(outline(corpus)).toEqual([
      [
        'section-1-1',
        'paragraph',
        'The following rules, one blank line apart, are cut by a page break where the blank line between two of them fell:',
      ],
      [
        'section-1-2',
        'figure',
        [
          'rule-one        = %x01',
          '                ; first rule',
          '',
          'rule-two        = %x02 / %x03',
          '                ; second rule',
          '',
          'rule-three      = %x04',
          '                ; third rule, MUST be last',
        ].join('\n'),
      ],
      ['section-1-3', 'paragraph', 'An example message is cut by a page break between two of its lines:'],
      [
        'section-1-4',
        'figure',
        'GET /chat HTTP/1.1\nHost: server.example.com\nUpgrade: websocket\nConnection: Upgrade',
      ],
      ['section-1-5', 'paragraph', 'This paragraph follows the figure at the top of a new page and is not part of it.'],
      [
        'section-1-6',
        'table',
        '+-------+--------+\n| Code  | Name   |\n+-------+--------+\n| 1000  | Normal |\n+-------+--------+',
      ],
    ]);
    expect(corpus.clauses[1]?.keywords).toEqual(['MUST']);
    expect(corpus.clauses[1]?.html).toBeUndefined();
  });
});

describe('nested lists and definition lists', () => {
  const corpus = fixture('rfc-list-nesting.txt');

  it('numbers list items, the blocks of multi-block items, and nested lists by the XMLv3 rules', () => {
    expect(outline(corpus).filter(([anchor]) => anchor.startsWith('section-1-'))).toEqual([
      ['section-1-1', 'paragraph', 'The steps:'],
      ['section-1-2.1', 'list-item', 'The first step has a single paragraph.'],
      ['section-1-2.2.1', 'list-item', 'The second step has a paragraph, a note and a nested list.'],
      ['section-1-2.2.2', 'paragraph', 'NOTE: A note inside the second step belongs to the step.'],
      ['section-1-2.2.3.1', 'list-item', 'first nested item'],
      ['section-1-2.2.3.2', 'list-item', 'second nested item'],
      ['section-1-2.3.1', 'list-item', 'The third step shows a message:'],
      ['section-1-2.3.2', 'figure', 'HTTP/1.1 101 Switching Protocols'],
      ['section-1-2.4.1', 'list-item', 'The fields of the response:'],
      ['section-1-2.4.2.1', 'list-item', 'A status line.'],
      ['section-1-2.4.2.2.1', 'list-item', 'An upgrade field.'],
      [
        'section-1-2.4.2.2.2',
        'paragraph',
        'NOTE: This note sits at the indentation of the section, but the list of fields resumes after it, so it belongs to the second field.',
      ],
      ['section-1-2.4.2.3', 'list-item', 'A connection field.'],
      ['section-1-3', 'paragraph', 'After the list.'],
    ]);
    expect(corpus.clauses.find((clause) => clause.anchor === 'section-1-2.2.2')?.informative).toBe(true);
    expect(corpus.clauses.find((clause) => clause.anchor === 'section-1-2.4.2.2.1')?.citation).toBe(
      'RFC 6455 §1 ¶2.4.2.2.1',
    );
  });

  it('reads a label and its indented description as one definition entry, in either layout', () => {
    expect(outline(corpus).filter(([anchor]) => anchor.startsWith('section-1.1-'))).toEqual([
      ['section-1.1-1.1', 'list-item', 'FIN: 1 bit Indicates that this is the final fragment in a message.'],
      ['section-1.1-1.2.1', 'list-item', 'Opcode: 4 bits Defines the interpretation of the payload data.'],
      ['section-1.1-1.2.2.1', 'list-item', '%x0 denotes a continuation frame'],
      ['section-1.1-1.2.2.2', 'list-item', '%x1 denotes a text frame'],
      ['section-1.1-1.3', 'list-item', 'URI scheme name ws'],
      ['section-1.1-1.4', 'list-item', 'Status Permanent'],
    ]);
    expect(corpus.clauses.find((clause) => clause.anchor === 'section-1.1-1.1')?.html).toBe(
      '<strong>FIN: 1 bit</strong> Indicates that this is the final fragment in a message.',
    );
  });

  it('reads references as definition entries and links citations to them', () => {
    expect(outline(corpus).filter(([anchor]) => anchor.startsWith('section-14-'))).toEqual([
      [
        'section-14-1.1',
        'list-item',
        '[RFC2119] Bradner, S., "Key words for use in RFCs to Indicate Requirement Levels", BCP 14, RFC 2119, March 1997.',
      ],
      ['section-14-1.2.1', 'list-item', '[WSAPI] Hickson, I., "The WebSocket API", September 2011.'],
      ['section-14-1.2.2', 'paragraph', 'Latest version available at <http://www.w3.org/TR/websockets/>.'],
      ['section-14-2', 'paragraph', 'See Section 1.1 and [RFC2119], and Section 4 of [RFC2119].'],
    ]);
    // Another document's "Section 4" stays unlinked; its citation links to the reference entry.
    const citation = '<a href="/rfc6455/14/#section-14-1.1">[RFC2119]</a>';
    expect(corpus.clauses.at(-1)?.html).toBe(
      `See <a href="/rfc6455/1/#section-1.1">Section 1.1</a> and ${citation}, and Section 4 of ${citation}.`,
    );
  });
});
