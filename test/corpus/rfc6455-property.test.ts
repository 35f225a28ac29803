/**
 * Property tests of the RFC parser on generated RFC-like documents:
 * sections of paragraphs, bulleted and numbered lists, definition lists and
 * figures, filled to 72 columns the way the RFC formatter fills them.
 *
 * - The parser reads a generated document back as the clauses it was built
 *   from (anchors, kinds, texts).
 * - Page furniture inserted at arbitrary line positions, as the formatter
 *   does (dropping any blank line at the break), changes nothing.
 * - It never throws, whatever the text.
 *
 * The generated prose keeps to what a page break leaves decidable (see
 * src/corpus/rfc6455/chunks.ts): a paragraph is one sentence, so only its
 * last line ends with a full stop (or the colon before a figure). A page
 * break after a full line that ends a sentence, followed by a capitalised
 * line, could be either a paragraph break or not; RFC 6455 has no such
 * break, and the parser reads it as a paragraph break. Likewise a figure of
 * rules one blank line apart is recognised only while one of those blank
 * lines is not at a page break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClauseKind } from '../../src/corpus/model.ts';
import { parseRfc6455 } from '../../src/corpus/rfc6455/index.ts';

const WIDTH = 72;
const WORDS = [
  'the',
  'a',
  'of',
  'to',
  'and',
  'endpoint',
  'server',
  'client',
  'frame',
  'frames',
  'connection',
  'payload',
  'length',
  'message',
  'handshake',
  'opcode',
  'masking',
  'key',
  'value',
  'is',
  'with',
  'for',
  'that',
  'each',
  'byte',
  'control',
  'data',
  'MUST',
  'SHOULD',
  'MAY',
  'NOT',
  'intermediaries',
  'fragmentation',
  'extensibility',
  'client-to-server',
  'base64-encoded',
  '|Sec-WebSocket-Key|',
  '/resource',
  'name/',
  '_Fail',
  'Connection_',
  '"websocket"',
  'e.g.,',
  '(see',
  'below)',
  '1000',
  '0x8',
];
// Short tokens, never ending a line with a full stop or colon: figure lines stay short and unlike prose.
const FIGURE_TOKENS = [
  'GET',
  '/chat',
  'HTTP/1.1',
  'Host',
  'example',
  '%x0',
  '%x1',
  'frame-fin',
  '1#token',
  '/',
  '(',
  ')',
  'ws',
  'bits',
];
const RULE_NAMES = ['frame-fin', 'frame-rsv1', 'frame-opcode', 'ws-frame', 'extension-param', 'version'];

/** Greedy fill to 72 columns, as the RFC formatter does (it never breaks inside these words). */
function fill(words: readonly string[], indent: number, firstPrefix?: string): string[] {
  const lines: string[] = [];
  let line = firstPrefix ?? ' '.repeat(indent);
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A one-sentence paragraph's words: capitalised, ending with `.` (or `:`). */
const sentence = (min: number, max: number, end = '.'): fc.Arbitrary<string[]> =>
  fc
    .array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max })
    .map((words) => [capitalise('this'), ...words.slice(0, -1), `${words.at(-1) ?? 'data'}${end}`]);

interface Expected {
  path: string;
  kind: ClauseKind;
  text: string;
}

/** A rendered block: its lines and the clauses it should give (paths relative to its block number). */
interface Rendered {
  lines: string[];
  clauses: Expected[];
  /** Indices in `lines` of the blank lines between the rules of an ABNF figure. */
  ruleBlanks?: number[];
}

const paragraph = (end: string): fc.Arbitrary<Rendered> =>
  sentence(2, 45, end).map((words) => ({
    lines: fill(words, 3),
    clauses: [{ path: '', kind: 'paragraph', text: words.join(' ') }],
  }));

const list: fc.Arbitrary<Rendered> = fc
  .tuple(fc.constantFrom('bullet', 'number'), fc.array(sentence(1, 30), { minLength: 1, maxLength: 4 }))
  .map(([style, items]) => {
    const lines: string[] = [];
    items.forEach((words, index) => {
      if (index > 0) lines.push('');
      lines.push(...(style === 'bullet' ? fill(words, 6, '   o  ') : fill(words, 7, `   ${index + 1}.  `)));
    });
    return {
      lines,
      clauses: items.map((words, index) => ({ path: `.${index + 1}`, kind: 'list-item', text: words.join(' ') })),
    };
  });

const labelText = fc.oneof(
  fc
    .array(fc.constantFrom('Status', 'Code', 'Reference', 'Contact', 'Meaning', 'Name'), { minLength: 1, maxLength: 3 })
    .map((w) => w.join(' ')),
  fc
    .tuple(fc.constantFrom('FIN', 'Opcode', 'Mask', 'Payload length'), fc.integer({ min: 1, max: 64 }))
    .map(([name, bits]) => `${name}:  ${bits} bits`),
);

const definitions: fc.Arbitrary<Rendered> = fc
  .array(
    fc.tuple(
      labelText,
      fc.oneof(
        sentence(2, 30).map((words) => ({ words, direct: false })),
        fc.constantFrom('ws', 'http', 'standard').map((word) => ({ words: [word], direct: true })),
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((entries) => {
    const lines: string[] = [];
    entries.forEach(([label, { words, direct }], index) => {
      if (index > 0) lines.push('');
      lines.push(`   ${label}`);
      if (!direct) lines.push('');
      lines.push(...fill(words, 6));
    });
    return {
      lines,
      clauses: entries.map(([label, { words }], index) => ({
        path: `.${index + 1}`,
        kind: 'list-item',
        text: `${label.replace(/ {2,}/g, ' ')} ${words.join(' ')}`,
      })),
    };
  });

/** Preformatted lines: never prose-like (short, no final punctuation, never a list marker). */
const figureLine = fc
  .array(fc.constantFrom(...FIGURE_TOKENS), { minLength: 1, maxLength: 3 })
  .chain((tokens) =>
    fc
      .array(fc.constantFrom(' ', '  ', '   '), { minLength: tokens.length, maxLength: tokens.length })
      .map((gaps) => tokens.map((token, i) => (i === 0 ? token : `${gaps[i]}${token}`)).join('')),
  );

const figure: fc.Arbitrary<Rendered> = fc.oneof(
  // An example message: lines at one indentation, no blank lines.
  fc
    .tuple(fc.integer({ min: 5, max: 9 }), fc.array(figureLine, { minLength: 1, maxLength: 6 }))
    .map(([indent, lines]): Rendered => {
      const rendered = lines.map((line) => ' '.repeat(indent) + line);
      return { lines: rendered, clauses: [{ path: '', kind: 'figure', text: lines.join('\n') }] };
    }),
  // ABNF: rules one blank line apart, each a rule line and deeper comment lines.
  fc
    .array(fc.tuple(fc.constantFrom(...RULE_NAMES), figureLine, fc.array(figureLine, { maxLength: 2 })), {
      minLength: 1,
      maxLength: 4,
    })
    .map((rules): Rendered => {
      const text: string[] = [];
      rules.forEach(([name, value, comments], index) => {
        if (index > 0) text.push('');
        text.push(`${name.padEnd(16)}= ${value}`, ...comments.map((comment) => `${' '.repeat(18)}; ${comment}`));
      });
      return {
        lines: text.map((line) => (line === '' ? '' : `      ${line}`)),
        clauses: [{ path: '', kind: 'figure', text: text.join('\n') }],
        ruleBlanks: text.flatMap((line, index) => (line === '' ? [index] : [])),
      };
    }),
);

/** A unit of a section body: a paragraph, then maybe a figure, list or definition list. */
const unit: fc.Arbitrary<Rendered[]> = fc.oneof(
  paragraph('.').map((p) => [p]),
  fc.tuple(paragraph(':'), figure).map(([p, f]) => [p, f]),
  fc.tuple(paragraph('.'), list).map(([p, l]) => [p, l]),
  fc.tuple(paragraph('.'), definitions).map(([p, d]) => [p, d]),
);

interface Document {
  lines: string[];
  expected: { anchor: string; kind: ClauseKind; text: string }[];
  /** Per ABNF figure, the line numbers of the blank lines between its rules. */
  ruleBlanks: number[][];
}

const body = fc.array(unit, { minLength: 1, maxLength: 3 }).map((units) => units.flat());
const titleWords = fc.array(fc.constantFrom('Framing', 'Closing', 'Data', 'Handshake', 'Extensions', 'Overview'), {
  minLength: 1,
  maxLength: 3,
});

const documentArbitrary: fc.Arbitrary<Document> = fc
  .array(fc.tuple(titleWords, body, fc.array(fc.tuple(titleWords, body), { maxLength: 2 })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((sections) => {
    const lines: string[] = ['Abstract', '', ...fill(['This', 'document', 'is', 'generated.'], 3), ''];
    const expected: Document['expected'] = [
      { anchor: 'section-abstract-1', kind: 'paragraph', text: 'This document is generated.' },
    ];
    const ruleBlanks: number[][] = [];
    const emit = (number: string, title: string[], blocks: Rendered[]): void => {
      lines.push(`${number}.  ${title.join(' ')}`, '');
      blocks.forEach((block, index) => {
        if (block.ruleBlanks?.length) ruleBlanks.push(block.ruleBlanks.map((blank) => lines.length + blank));
        lines.push(...block.lines, '');
        for (const clause of block.clauses) {
          expected.push({
            anchor: `section-${number}-${index + 1}${clause.path}`,
            kind: clause.kind,
            text: clause.text,
          });
        }
      });
    };
    sections.forEach(([title, blocks, subsections], index) => {
      emit(String(index + 1), title, blocks);
      subsections.forEach(([subtitle, subblocks], subindex) =>
        emit(`${index + 1}.${subindex + 1}`, subtitle, subblocks),
      );
    });
    return { lines, expected, ruleBlanks };
  });

/** Page furniture as the formatter writes it, with its blank padding. */
function furniture(page: number): string[] {
  return [
    '',
    '',
    '',
    `Doe & Roe${' '.repeat(21)}Experimental${' '.repeat(22)}[Page ${page}]`,
    '\f',
    `RFC 9999${' '.repeat(20)}Fixture Protocol${' '.repeat(19)}June 2024`,
    '',
    '',
  ];
}

/**
 * The document paginated before the given line positions. Blank lines next
 * to a break are left in: the parser cannot tell them from the padding the
 * formatter puts there, which is what makes the break ambiguous.
 */
function paginate(lines: readonly string[], positions: readonly number[]): string {
  const breaks = new Set(positions);
  const out: string[] = [];
  let page = 1;
  lines.forEach((line, index) => {
    if (breaks.has(index)) out.push(...furniture(page++));
    out.push(line);
  });
  if (breaks.has(lines.length)) out.push(...furniture(page));
  return out.join('\n');
}

describe('the RFC parser on generated RFC-like documents', () => {
  it('reads a generated document back as the clauses it was made of', () => {
    fc.assert(
      fc.property(documentArbitrary, ({ lines, expected }) => {
        const corpus = parseRfc6455(lines.join('\n'));
        expect(corpus.clauses.map(({ anchor, kind, text }) => ({ anchor, kind, text }))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same sections and clauses with page furniture inserted at arbitrary line positions', () => {
    const withBreaks = documentArbitrary.chain((document) =>
      fc.tuple(
        fc.constant(document),
        fc.uniqueArray(fc.integer({ min: 0, max: document.lines.length }), { minLength: 1, maxLength: 6 }),
      ),
    );
    fc.assert(
      fc.property(withBreaks, ([{ lines, ruleBlanks }, positions]) => {
        // Decidable pages only: each ABNF figure keeps a blank line between two rules away
        // from the breaks (if breaks hide them all, rules with or without blank lines look alike).
        const hidden = (blank: number): boolean => positions.includes(blank) || positions.includes(blank + 1);
        fc.pre(ruleBlanks.every((blanks) => blanks.some((blank) => !hidden(blank))));
        const plain = parseRfc6455(lines.join('\n'));
        const paginated = parseRfc6455(paginate(lines, positions));
        expect(paginated.sections).toEqual(plain.sections);
        expect(paginated.clauses).toEqual(plain.clauses);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the text', () => {
    const rfcLike = fc.constantFrom(
      '',
      '1.  Introduction',
      '2.1.  Terms',
      'Abstract',
      'Table of Contents',
      "Authors' Addresses",
      '   o  An item',
      '   1.  A step',
      '      *  nested',
      '   [RFC2119]  Bradner, S.',
      '   [TALKING]',
      '   FIN:  1 bit',
      '      Indicates a thing.',
      '      x = y',
      '   +---+---+',
      '   | a | b |',
      'Fette & Melnikov             Standards Track                   [Page 3]',
      '\f',
      'RFC 6455                 The WebSocket Protocol            December 2011',
      '   Section 5.5.1 and [RFC2616] and _term_ and |Field| and /value/.',
      '       NOTE: a note',
      '   NOTE:',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(fc.oneof(rfcLike, fc.string({ maxLength: 80 })), { maxLength: 60 }).map((lines) => lines.join('\n')),
      fc.array(rfcLike, { maxLength: 80 }).map((lines) => lines.join('\r\n')),
    );
    fc.assert(
      fc.property(text, (raw) => {
        const corpus = parseRfc6455(raw);
        for (const clause of corpus.clauses) expect(clause.anchor.startsWith(`${clause.section}-`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
