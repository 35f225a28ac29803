import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commentBlocks,
  findReferences,
  parseCitationArgument,
  quotationsIn,
  referencesInText,
  syntaxOf,
  type Syntax,
} from '../../src/trace/references.ts';

const ids = (text: string): string[] => referencesInText(text).map((ref) => ref.id);

describe('reference forms in comment text', () => {
  it.each([
    ['RFC 6455 §5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC 6455 § 5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC6455 5.5.1', 'rfc6455#section-5.5.1'],
    ['rfc6455 5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC 6455 section 5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC 6455, Section 5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC-6455 Sec. 5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC 6455 (Section 5.5.1)', 'rfc6455#section-5.5.1'],
    ['[RFC6455] 5.5.1', 'rfc6455#section-5.5.1'],
    ['[RFC6455], Section 5.5.1', 'rfc6455#section-5.5.1'],
    ['[RFC6455 §5.5.1]', 'rfc6455#section-5.5.1'],
    ['RFC 6455 §5.5.1 ¶2', 'rfc6455#section-5.5.1-2'],
    ['RFC 6455 §7.4.1 ¶2.6', 'rfc6455#section-7.4.1-2.6'],
    ['RFC 6455 section 5.5.1, paragraph 2', 'rfc6455#section-5.5.1-2'],
    ['RFC 6455 §10', 'rfc6455#section-10'],
    ['Section 5.5.1 of RFC 6455', 'rfc6455#section-5.5.1'],
    ['section 5.5.1 of [RFC6455]', 'rfc6455#section-5.5.1'],
    ['Section 4.1 of [WSP]', 'rfc6455#section-4.1'],
    ['section 4.1 of The WebSocket\nProtocol', 'rfc6455#section-4.1'],
    ['rfc6455#section-5.5.1', 'rfc6455#section-5.5.1'],
    ['RFC6455#section-5.5.1-2', 'rfc6455#section-5.5.1-2'],
    ['@spec rfc6455#section-4.2.2-2.4.2.4 "quote"', 'rfc6455#section-4.2.2-2.4.2.4'],
    ['whatwg#dom-websocket-close', 'whatwg#dom-websocket-close'],
    ['w3c#dom-websocket-bufferedamount', 'w3c#dom-websocket-bufferedamount'],
    ['https://www.rfc-editor.org/rfc/rfc6455#section-5.5.1', 'rfc6455#section-5.5.1'],
    ['https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1-2', 'rfc6455#section-5.5.1-2'],
    ['https://www.rfc-editor.org/rfc/rfc6455.txt', 'rfc6455'],
    ['https://datatracker.ietf.org/doc/html/rfc6455#section-5.5.1', 'rfc6455#section-5.5.1'],
    ['https://datatracker.ietf.org/doc/rfc6455/', 'rfc6455'],
    ['https://tools.ietf.org/html/rfc6455#section-5.5.1', 'rfc6455#section-5.5.1'],
    ['http://tools.ietf.org/html/rfc6455#section-5.5.1.', 'rfc6455#section-5.5.1'],
    ['https://tools.ietf.org/html/rfc6455#page-42', 'rfc6455#page-42'],
    ['https://tools.ietf.org/html/rfc6455#rfc.section.5.5.1', 'rfc6455#section-5.5.1'],
    ['https://www.ietf.org/rfc/rfc6455.txt', 'rfc6455'],
    ['https://www.rfc-editor.org/rfc/rfc6455.html#name-close', 'rfc6455#name-close'],
    ['https://websockets.spec.whatwg.org/#dom-websocket-close', 'whatwg#dom-websocket-close'],
    ['https://websockets.spec.whatwg.org/', 'whatwg'],
    ['https://html.spec.whatwg.org/multipage/web-sockets.html#the-websocket-interface', 'whatwg#the-websocket-interface'],
    ['https://html.spec.whatwg.org/multipage/comms.html#the-websocket-interface', 'whatwg#the-websocket-interface'],
    ['https://www.w3.org/TR/websockets/#the-websocket-interface', 'w3c#the-websocket-interface'],
    ['https://www.w3.org/TR/2012/CR-websockets-20120920/#dom-websocket-send', 'w3c#dom-websocket-send'],
    ['http://dev.w3.org/html5/websockets/#dom-websocket-send', 'w3c#dom-websocket-send'],
    ['RFC 6455', 'rfc6455'],
  ])('%s → %s', (text, id) => {
    expect(ids(`see ${text}, then more`)).toEqual([id]);
  });

  it('reads lists of sections: "RFC 6455 sections 5.5.1 and 5.5.2"', () => {
    expect(ids('RFC 6455 sections 5.5.1 and 5.5.2, 7.4')).toEqual([
      'rfc6455#section-5.5.1',
      'rfc6455#section-5.5.2',
      'rfc6455#section-7.4',
    ]);
  });

  it('marks the old HTML Standard home of the API', () => {
    const [ref] = referencesInText('https://html.spec.whatwg.org/multipage/web-sockets.html#network');
    expect(ref).toMatchObject({ id: 'whatwg#network', legacy: 'https://html.spec.whatwg.org/multipage/web-sockets.html' });
  });

  it.each([
    ['other RFCs', 'RFC 7230 Section 3.2.6 and RFC 2616'],
    ['other RFC URLs', 'https://datatracker.ietf.org/doc/html/rfc7230#section-3.2.6'],
    ['an RFC number that only starts with 6455', 'RFC 64550 §5.5'],
    ['the HTML Standard outside WebSockets', 'https://html.spec.whatwg.org/multipage/webappapis.html#event-loop'],
    ['a URL template', 'https://www.rfc-editor.org/rfc/rfc6455.html#section-X and rfc6455#section-N.N'],
    ['a section of another document', 'Section 3.3 of [RFC5322]'],
    ['a path ending in rfc6455#…', 'file:///tmp/rfc6455#section-5'],
  ])('finds nothing in %s', (_, text) => {
    expect(ids(text)).toEqual([]);
  });

  it('reads "RFC 6455" followed by a number without a dot as the whole document', () => {
    expect(ids('RFC 6455 13 times')).toEqual(['rfc6455']);
  });

  it('takes a bare "Section N" only after an RFC 6455 citation in the same comment, and not inside code spans', () => {
    expect(ids('RFC 6455 §7.1.7 says to send a Close frame (Section 7.4) first')).toEqual([
      'rfc6455#section-7.1.7',
      'rfc6455#section-7.4',
    ]);
    expect(referencesInText('RFC 6455 §7.1.7 and Section 7.4')[1]).toMatchObject({ form: 'contextual' });
    expect(ids('Section 7.4 says so')).toEqual([]);
    expect(ids('RFC 6455 §7.1.7, but RFC 2616 Section 7.4 and Section 8.1')).toEqual(['rfc6455#section-7.1.7']);
    expect(ids('RFC 6455 §7.1.7 is like `Section 3.1`')).toEqual(['rfc6455#section-7.1.7']);
  });
});

describe('comments by language', () => {
  it.each<[string, Syntax | null]>([
    ['a.ts', 'js'],
    ['a.mjs', 'js'],
    ['a.cjs', 'js'],
    ['a.go', 'c'],
    ['a.rs', 'c'],
    ['a.java', 'c'],
    ['a.py', 'python'],
    ['a.sh', 'hash'],
    ['a.min.js', null],
    ['a.png', null],
    ['Makefile', null],
  ])('%s → %s', (file, syntax) => {
    expect(syntaxOf(file)).toBe(syntax);
  });

  it('reads only comments in JS: not strings, templates or regex literals', () => {
    const source = [
      `const a = 'RFC 6455 §1.1 // no'; // RFC 6455 §1.2`,
      'const b = `RFC 6455 §1.3 ${"}"} // no`; /* RFC 6455 §1.4 */',
      'const c = /RFC 6455 §1.5 \\/\\/ "no/g.test(x) / 2; // RFC 6455 §1.6',
      'const d = x / 2 / 3; // RFC 6455 §1.7',
    ].join('\n');
    const lines = source.split('\n');
    const at = (line: number, text: string): [string, number, number] => [
      `rfc6455#section-${text.slice('RFC 6455 §'.length)}`,
      line,
      lines[line - 1]!.lastIndexOf(text) + 1,
    ];
    expect(findReferences(source, 'a.js').map((ref) => [ref.id, ref.line, ref.column])).toEqual([
      at(1, 'RFC 6455 §1.2'),
      at(2, 'RFC 6455 §1.4'),
      at(3, 'RFC 6455 §1.6'),
      at(4, 'RFC 6455 §1.7'),
    ]);
  });

  it('reads # comments and docstrings in Python, not strings', () => {
    const source = ['x = "RFC 6455 §1.1"  # RFC 6455 §1.2', 'def f():', '    """RFC 6455 §1.3', '    more"""', "    y = '# RFC 6455 §1.4'"].join('\n');
    expect(findReferences(source, 'a.py').map((ref) => [ref.id, ref.line])).toEqual([
      ['rfc6455#section-1.2', 1],
      ['rfc6455#section-1.3', 3],
    ]);
  });

  it('reads C-family comments past character literals, Rust lifetimes and Go raw strings', () => {
    const source = [
      `char q = '"'; /* RFC 6455 §1.1 */`,
      `fn f<'a>(x: &'a str) {} // RFC 6455 §1.2`,
      'var s = `RFC 6455 §1.3 // no`',
      'var t = "RFC 6455 §1.4" // RFC 6455 §1.5',
    ].join('\n');
    expect(findReferences(source, 'a.rs').map((ref) => ref.id)).toEqual([
      'rfc6455#section-1.1',
      'rfc6455#section-1.2',
      'rfc6455#section-1.5',
    ]);
    expect(findReferences(source, 'a.go').map((ref) => ref.id)).toEqual([
      'rfc6455#section-1.1',
      'rfc6455#section-1.2',
      'rfc6455#section-1.5',
    ]);
  });

  it('groups consecutive line comments into one block and strips block-comment stars', () => {
    const blocks = commentBlocks('// a\n// b\nx(); // c\n/**\n * d\n */', 'js');
    expect(blocks.map((block) => block.lines.map((line) => line.text.trim()))).toEqual([['a', 'b'], ['c'], ['', 'd', '']]);
    expect(blocks.map((block) => [block.kind, block.standalone])).toEqual([
      ['line', true],
      ['line', false],
      ['block', true],
    ]);
  });
});

describe('quotations and what they belong to', () => {
  it('finds prose quotations of three words or more, straight or typographic, over lines', () => {
    expect(quotationsIn('the "websocket" value and “A Pong frame\nMAY be sent”').map((quote) => quote.text)).toEqual([
      'A Pong frame\nMAY be sent',
    ]);
    expect(quotationsIn("don't take 'the client's handshake' apart").map((quote) => quote.text)).toEqual([
      "the client's handshake",
    ]);
    expect(quotationsIn('"a => b; {x}" and "<i>fail the connection</i>"')).toEqual([]);
  });

  it('keeps the spec own quotation marks inside a quotation that follows a reference', () => {
    const text = '@spec rfc6455#section-7.4.1-2.2 "1001 indicates that an endpoint is "going away", such as a server going down"';
    expect(quotationsIn(text).map((quote) => quote.text)).toEqual([
      '1001 indicates that an endpoint is "going away", such as a server going down',
    ]);
  });

  it('ties a quotation to the reference on its line, before it, or just after it', () => {
    const source = [
      '// "A Pong frame MAY be sent unsolicited." (RFC 6455 §5.5.3)',
      '// RFC 6455 §5.5.2: "Upon receipt of a Ping frame"',
      '// RFC 6455 §5.5.1',
      '// says: "The Close frame contains an opcode"',
    ].join('\n');
    const found = findReferences(source, 'a.js');
    expect(found.map((ref) => [ref.id, ref.quotes.map((quote) => [quote.text, quote.line, quote.attribution])])).toEqual([
      ['rfc6455#section-5.5.3', [['A Pong frame MAY be sent unsolicited.', 1, 'comment']]],
      ['rfc6455#section-5.5.2', [['Upon receipt of a Ping frame', 2, 'comment']]],
      ['rfc6455#section-5.5.1', [['The Close frame contains an opcode', 4, 'comment']]],
    ]);
  });

  it('ties a quotation in a function to the reference in its JSDoc, but not past the function', () => {
    const source = [
      '/**',
      ' * @see https://datatracker.ietf.org/doc/html/rfc6455#section-7.4.1',
      ' */',
      'function isReserved(code) {',
      '  return code === 1005; // "MUST NOT be set as a status code"',
      '}',
      'const other = 1; // "MUST NOT be set as a status code"',
    ].join('\n');
    const [ref] = findReferences(source, 'a.js');
    expect(ref!.quotes.map((quote) => [quote.line, quote.attribution])).toEqual([[5, 'enclosing']]);
  });

  it('leaves quotations next to other documents alone', () => {
    const source = [
      '// RFC 6455 §4.1, and per RFC 7230 "a token is one or more characters"',
      '// RFC 6455 §4.1; the Fetch Standard: "the response header list has been received"',
      '/** RFC 6455 §4.1 */',
      'function f() {',
      '  // https://fetch.spec.whatwg.org/#concept-fetch: "fetch the request for me now"',
      '}',
    ].join('\n');
    expect(findReferences(source, 'a.js').flatMap((ref) => ref.quotes)).toEqual([]);
  });

  it('does not read citations inside a quotation as references', () => {
    const source = '// RFC 6455 §4.2.2: "The server MAY redirect the client using a 3xx status code [RFC2616] (Section 4.1)."';
    const found = findReferences(source, 'a.js');
    expect(found.map((ref) => ref.id)).toEqual(['rfc6455#section-4.2.2']);
    expect(found[0]!.quotes).toHaveLength(1);
  });
});

describe('cite arguments', () => {
  it.each([
    ['5.5.1', { source: 'rfc6455', anchor: 'section-5.5.1' }],
    ['§5.5.1', { source: 'rfc6455', anchor: 'section-5.5.1' }],
    ['5.5.1-2', { source: 'rfc6455', anchor: 'section-5.5.1-2' }],
    ['5.5.1 ¶2', { source: 'rfc6455', anchor: 'section-5.5.1-2' }],
    ['section-5.5.1-2', { source: 'rfc6455', anchor: 'section-5.5.1-2' }],
    ['rfc6455#section-5.5.1-2', { source: 'rfc6455', anchor: 'section-5.5.1-2' }],
    ['RFC 6455 §5.5.1', { source: 'rfc6455', anchor: 'section-5.5.1' }],
    ['https://datatracker.ietf.org/doc/html/rfc6455#section-7-4', { source: 'rfc6455', anchor: 'section-7-4' }],
    ['dom-websocket-close', { source: null, anchor: 'dom-websocket-close' }],
    ['#closeWebSocket', { source: null, anchor: 'closeWebSocket' }],
    ['whatwg#dom-websocket-close', { source: 'whatwg', anchor: 'dom-websocket-close' }],
  ])('%s', (argument, expected) => {
    expect(parseCitationArgument(argument)).toEqual(expected);
  });

  it('rejects text that is no reference', () => {
    expect(parseCitationArgument('hello world')).toBeNull();
    expect(parseCitationArgument('  ')).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Properties

/** Filler text that cannot itself form or extend a reference: no c/f/p (RFC, section, of, para), quotes, §, ¶, #, /, newlines. */
const FILLER = 'abdeghijklmnoqrstuvwxyzABDEGHIJKLMNOQRSTUVWXYZ0123456789 .,;:!?()[]-+=<>&%$@~^_';
const filler = fc.string({ unit: fc.constantFrom(...FILLER), maxLength: 40 });

const sectionNumber = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }))
  .map(([head, rest]) => [head, ...rest].join('.'));
const dottedNumber = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }))
  .map(([head, rest]) => [head, ...rest].join('.'));
const paragraph = fc.option(
  fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
  { nil: undefined },
);
const apiAnchor = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: 2, maxLength: 12 })
  .chain((head) => fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), { maxLength: 20 }).map((tail) => `${head.join('')}${tail.join('')}`.replace(/-+$/, '')));

/** [written form, expected ID] */
const referenceForm: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(sectionNumber, paragraph, fc.constantFrom('RFC 6455 §', 'RFC6455 §', 'RFC 6455 section ', 'RFC 6455, Section ', '[RFC6455], Section ', 'rfc 6455 sec. ')).map(
    ([number, para, prefix]): [string, string] => [
      `${prefix}${number}${para ? ` ¶${para}` : ''}`,
      `rfc6455#section-${number}${para ? `-${para}` : ''}`,
    ],
  ),
  fc.tuple(dottedNumber, fc.constantFrom('RFC6455 ', 'RFC 6455 ', '[RFC6455] ')).map(([number, prefix]): [string, string] => [
    `${prefix}${number}`,
    `rfc6455#section-${number}`,
  ]),
  fc.tuple(sectionNumber, fc.constantFrom('RFC 6455', '[RFC6455]', 'The WebSocket Protocol')).map(([number, doc]): [string, string] => [
    `Section ${number} of ${doc}`,
    `rfc6455#section-${number}`,
  ]),
  fc
    .tuple(
      sectionNumber,
      paragraph,
      fc.constantFrom(
        'https://www.rfc-editor.org/rfc/rfc6455#',
        'https://www.rfc-editor.org/rfc/rfc6455.html#',
        'https://datatracker.ietf.org/doc/html/rfc6455#',
        'https://tools.ietf.org/html/rfc6455#',
        'http://tools.ietf.org/html/rfc6455.html#',
        'rfc6455#',
      ),
    )
    .map(([number, para, prefix]): [string, string] => [
      `${prefix}section-${number}${para ? `-${para}` : ''}`,
      `rfc6455#section-${number}${para ? `-${para}` : ''}`,
    ]),
  fc
    .tuple(apiAnchor, fc.constantFrom(['https://websockets.spec.whatwg.org/#', 'whatwg'], ['whatwg#', 'whatwg'], ['https://www.w3.org/TR/websockets/#', 'w3c'], ['w3c#', 'w3c']))
    .map(([anchor, [prefix, source]]): [string, string] => [`${prefix}${anchor}`, `${source}#${anchor}`]),
);

const commentStyles: [Syntax, string, (body: string) => string][] = [
  ['js', 'a.ts', (body) => `// ${body}`],
  ['js', 'a.ts', (body) => `/* ${body} */`],
  ['js', 'a.ts', (body) => `/**\n * ${body}\n */`],
  ['js', 'a.ts', (body) => `const x = 1; // ${body}`],
  ['c', 'a.go', (body) => `// ${body}`],
  ['c', 'a.c', (body) => `x = 'a'; /* ${body} */`],
  ['python', 'a.py', (body) => `# ${body}`],
  ['python', 'a.py', (body) => `def f():\n    """${body}"""`],
];

describe('reference scanner properties', () => {
  it('never throws on arbitrary text in any syntax, and positions stay inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom<Syntax>('js', 'c', 'python', 'hash'), (text, syntax) => {
        const lines = text.split('\n');
        for (const ref of findReferences(text, 'x', syntax)) {
          expect(ref.line).toBeGreaterThanOrEqual(1);
          expect(ref.line).toBeLessThanOrEqual(lines.length);
          expect(ref.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text mixing comment, string and reference syntax', () => {
    const piece = fc.constantFrom('//', '/*', '*/', '#', '"', "'", '`', '${', '}', '/', '\n', ' ', 'RFC 6455 §5.5', '"quoted words here"', 'rfc6455#section-', 'https://tools.ietf.org/html/rfc6455#section-7-4', 'Section 7.4', '¶', '…', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom<Syntax>('js', 'c', 'python', 'hash'), (pieces, syntax) => {
        findReferences(pieces.join(''), 'x', syntax);
      }),
      { numRuns: 400 },
    );
  });

  it('finds any valid reference form embedded in arbitrary comment text, with the right ID, line and column', () => {
    fc.assert(
      fc.property(
        referenceForm,
        filler,
        filler,
        fc.constantFrom(...commentStyles),
        fc.array(filler.map((line) => `let v = 1 ${line.replace(/[[\]]/g, '')}`), { maxLength: 3 }),
        ([written, id], before, after, [syntax, file, wrap], code) => {
          const body = `${before} ${written} ${after}`;
          const comment = wrap(body);
          const source = [...code, comment].join('\n');
          const found = findReferences(source, file, syntax);
          const match = found.find((ref) => ref.text === written);
          expect(match, `${JSON.stringify(source)} → ${JSON.stringify(found.map((r) => r.text))}`).toBeDefined();
          expect(match!.id).toBe(id);
          // Line and column point at the reference in the source.
          const line = source.split('\n')[match!.line - 1]!;
          expect(line.slice(match!.column - 1, match!.column - 1 + written.length)).toBe(written);
        },
      ),
      { numRuns: 500 },
    );
  });
});
