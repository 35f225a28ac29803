/**
 * The reference forms people write after URLs, and the false alarms a
 * reviewer must not see, read by the finder (lexer + grammar). The excerpts
 * are written for these tests in the styles of several languages; none is
 * copied from another project.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationsIn, commentBlocks, findReferences, linkSpans, referencesInText, scanFile } from '../../src/trace/references.ts';

const ids = (source: string, file: string): string[] => findReferences(source, file).map((ref) => ref.id);
const forms = (source: string, file: string): string[] => findReferences(source, file).map((ref) => `${ref.form} ${ref.id}`);

describe('headings in a file that names RFC 6455', () => {
  it('reads "7.1.7. Fail the WebSocket Connection" with its quotation as §7.1.7', () => {
    const source = [
      '// Closing, after RFC 6455.',
      'function fail(conn) {',
      '  // 7.1.7. Fail the WebSocket Connection "Certain algorithms and specifications require an endpoint to _Fail the WebSocket Connection_."',
      '  conn.destroy();',
      '}',
    ].join('\n');
    const refs = findReferences(source, 'close.js');
    const heading = refs.find((ref) => ref.form === 'heading')!;
    expect(heading).toMatchObject({ id: 'rfc6455#section-7.1.7', title: 'Fail the WebSocket Connection', line: 3 });
    expect(heading.quotes.map((quote) => quote.text)).toEqual([
      'Certain algorithms and specifications require an endpoint to _Fail the WebSocket Connection_.',
    ]);
  });

  it('reads a Python docstring heading "5.5.3 Pong:" as §5.5.3', () => {
    const source = ['"""Control frames as RFC 6455 defines them.', '', '5.5.3 Pong: "The Pong frame contains an opcode of 0xA."', '"""', 'PONG = 0xA', ''].join('\n');
    expect(forms(source, 'frames.py')).toEqual(['text rfc6455', 'heading rfc6455#section-5.5.3']);
  });

  it('takes "See 7.2.3. Recovering from Abnormal Closure in RFC 6455" as §7.2.3, not the whole document', () => {
    const source = '# See 7.2.3. Recovering from Abnormal Closure in RFC 6455\nBACKOFF = 2\n';
    expect(forms(source, 'retry.rb')).toEqual(['heading rfc6455#section-7.2.3']);
  });

  it('reads every item of a list under "See RFC 6455:"', () => {
    const source = ['// See RFC 6455:', '//   5.5.1. Close', '//   5.5.2. Ping', '//   5.5.3. Pong', 'package frames'].join('\n');
    expect(ids(source, 'control.go')).toEqual(['rfc6455#section-5.5.1', 'rfc6455#section-5.5.2', 'rfc6455#section-5.5.3']);
  });

  it('leaves numbered text alone in a file that does not name RFC 6455', () => {
    expect(ids('// 5.5.1. Close the file handle\nint x;\n', 'io.c')).toEqual([]);
  });

  it('leaves a heading of another document alone ("5.2. Extensions in RFC 7692")', () => {
    expect(ids('// RFC 6455 is the base.\n// 5.2. Extensions in RFC 7692\nint x;\n', 'deflate.c')).toEqual(['rfc6455']);
  });
});

describe('sections without the RFC in the same comment', () => {
  it('reads "(Section 7.4)" in a file that names RFC 6455 elsewhere', () => {
    const source = [
      '// https://datatracker.ietf.org/doc/html/rfc6455#section-7.1.5',
      'function code() {}',
      '',
      '// The endpoint sends a Close frame with a status code (Section 7.4) first.',
      'function close() {}',
    ].join('\n');
    expect(forms(source, 'close.js')).toEqual(['url rfc6455#section-7.1.5', 'contextual rfc6455#section-7.4']);
  });

  it('reads "section 5.7 of the RFC" in such a file', () => {
    const source = '# RFC 6455 framing.\n\n# The examples are in section 5.7 of the RFC.\nX = 1\n';
    expect(forms(source, 'examples.py')).toEqual(['text rfc6455', 'contextual rfc6455#section-5.7']);
  });

  it('reads "Section 7.4" in a comment of pasted RFC text when the caller recognizes it', () => {
    const source = '// An endpoint SHOULD send a Close frame with an appropriate status code (Section 7.4).\nint x;\n';
    expect(ids(source, 'close.c')).toEqual([]);
    const pasted = scanFile(source, 'close.c', { pasted: (text) => text.includes('appropriate status code') });
    expect(pasted.references.map((ref) => ref.id)).toEqual(['rfc6455#section-7.4']);
  });

  it('does not read "Section 3" after a citation of another document', () => {
    const source = '// RFC 6455 is the protocol.\n// RFC 8441 Section 3 adds the :protocol pseudo-header; see Section 4 too.\nint x;\n';
    expect(ids(source, 'h2.c')).toEqual(['rfc6455']);
  });

  it('reads "as described in Section 5.3. (RFC 6455)" as §5.3', () => {
    expect(referencesInText('the key is random, as described in Section 5.3. (RFC 6455)').map((ref) => ref.id)).toEqual([
      'rfc6455#section-5.3',
    ]);
  });

  it('reads "the _Proxy Usage_ section of RFC 6455" as a section named by its title', () => {
    const [ref] = referencesInText('Connect through the proxy as in the _Proxy Usage_ section of RFC 6455.');
    expect(ref).toMatchObject({ form: 'title', source: 'rfc6455', title: 'Proxy Usage' });
  });
});

describe('other notations', () => {
  it.each([
    [':rfc:`6455`', ['rfc6455']],
    [':rfc:`6455#section-5.2`', ['rfc6455#section-5.2']],
    [':rfc:`the framing <6455#section-5.2>`', ['rfc6455#section-5.2']],
    ['RFC6455#5.5.1', ['rfc6455#section-5.5.1']],
    ['rfc6455#7.4.1', ['rfc6455#section-7.4.1']],
    ['RFC 6455 §§5.5.2–5.5.3', ['rfc6455#section-5.5.2', 'rfc6455#section-5.5.3']],
    ['RFC 6455 sections 5.5.1-5.5.3', ['rfc6455#section-5.5.1', 'rfc6455#section-5.5.2', 'rfc6455#section-5.5.3']],
    ['RFC 6455 5.5.1/5.5.2', ['rfc6455#section-5.5.1', 'rfc6455#section-5.5.2']],
    ['RFC 6455 sections 7.1.1 through 7.1.3', ['rfc6455#section-7.1.1', 'rfc6455#section-7.1.2', 'rfc6455#section-7.1.3']],
    // A list item anchor is not a range: 2.4 is no sibling of 4.2.2.
    ['RFC 6455 §4.2.2-2.4', ['rfc6455#section-4.2.2-2.4']],
  ])('%s', (text, expected) => {
    expect(referencesInText(text).map((ref) => ref.id)).toEqual(expected);
  });

  it('reads a range in a file about RFC 6455 without the RFC beside it', () => {
    const source = '// RFC 6455 control frames.\n// Ping and Pong: §§5.5.2–5.5.3.\nint x;\n';
    expect(ids(source, 'ping.c')).toEqual(['rfc6455', 'rfc6455#section-5.5.2', 'rfc6455#section-5.5.3']);
  });

  it('maps draft-ietf-hybi-thewebsocketprotocol-17 to RFC 6455, marked as the draft', () => {
    const refs = referencesInText(
      'draft-ietf-hybi-thewebsocketprotocol-17#section-5.2 and https://tools.ietf.org/html/draft-ietf-hybi-thewebsocketprotocol-17#section-7.4.1',
    );
    expect(refs.map((ref) => [ref.id, ref.draft, ref.form])).toEqual([
      ['rfc6455#section-5.2', 'draft-ietf-hybi-thewebsocketprotocol-17', 'text'],
      ['rfc6455#section-7.4.1', 'draft-ietf-hybi-thewebsocketprotocol-17', 'url'],
    ]);
  });

  it('leaves the other hybi drafts as other documents (their numbers differ)', () => {
    expect(referencesInText('draft-ietf-hybi-thewebsocketprotocol-10#section-5.2')).toEqual([]);
  });

  it('never takes the numbers of a range in reverse or beyond thirty sections', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (top, a, b) => {
        const found = referencesInText(`RFC 6455 §§${top}.${a}–${top}.${b}`).map((ref) => ref.id);
        expect(found[0]).toBe(`rfc6455#section-${top}.${a}`);
        expect(found.length).toBe(b > a && b - a <= 30 ? b - a + 1 : 2);
      }),
    );
  });
});

describe('documentation files', () => {
  it('reads Markdown, reStructuredText, AsciiDoc, HTML and plain text', () => {
    expect(ids('Frames follow RFC 6455 §5.2.\n', 'docs/frames.md')).toEqual(['rfc6455#section-5.2']);
    expect(ids('Closing\n=======\n\nSee :rfc:`6455#section-7`.\n', 'docs/close.rst')).toEqual(['rfc6455#section-7']);
    expect(ids('== Close\n\nAs RFC 6455 section 7.4 says.\n', 'docs/close.adoc')).toEqual(['rfc6455#section-7.4']);
    expect(ids('<p>See RFC 6455 §1.3.</p>\n', 'docs/index.html')).toEqual(['rfc6455#section-1.3']);
    expect(ids('Implements RFC 6455 section 4.1.\n', 'NOTES.txt')).toEqual(['rfc6455#section-4.1']);
  });

  it.each([
    ['md', '[RFC 6455 §5.5.1](https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1)'],
    ['md', '[https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1](https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1)'],
    ['md', '[RFC 6455 §5.5.1]: https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1'],
    ['md', '<https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1>'],
    ['rst', '`RFC 6455 section 5.5.1 <https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1>`_'],
    ['html', '<a href="https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1">RFC 6455 §5.5.1</a>'],
    ['adoc', 'https://www.rfc-editor.org/rfc/rfc6455.html#section-5.5.1[RFC 6455 §5.5.1]'],
  ])('counts a %s link once: %s', (extension, text) => {
    expect(ids(`${text}\n`, `doc.${extension}`)).toEqual(['rfc6455#section-5.5.1']);
  });

  it('ties a quotation to a citation only right beside it in prose', () => {
    const [beside] = findReferences('RFC 6455 §5.5.1 says: "The application MUST NOT send any more data frames after sending a Close frame."\n', 'doc.md');
    expect(beside!.quotes).toHaveLength(1);
    const [after] = findReferences('"MUST NOT send any more data frames" (RFC 6455 §5.5.1)\n', 'doc.md');
    expect(after!.quotes).toHaveLength(1);
    const [far] = findReferences('The console shows "Unexpected response code: 403" when it fails; see RFC 6455 §4.1 for the rule.\n', 'doc.md');
    expect(far!.quotes).toEqual([]);
  });

  it('keeps the label of a link to somewhere else', () => {
    expect(ids('[RFC 6455 §5.5.1](https://example.org/notes)\n', 'doc.md')).toEqual(['rfc6455#section-5.5.1']);
  });

  it('reads paragraphs as blocks with their own lines and columns', () => {
    const blocks = commentBlocks('# Title\n\nFirst line\n  second line\n', 'markdown');
    expect(blocks.map((block) => block.lines.map((line) => [line.line, line.column, line.text]))).toEqual([
      [[1, 1, '# Title']],
      [
        [3, 1, 'First line'],
        [4, 1, '  second line'],
      ],
    ]);
  });

  it('finds link spans with their targets', () => {
    const text = 'see [the RFC](https://www.rfc-editor.org/rfc/rfc6455) now';
    const [span] = linkSpans(text);
    expect(text.slice(span!.start, span!.end)).toBe('[the RFC](https://www.rfc-editor.org/rfc/rfc6455)');
    expect(text.slice(span!.hrefStart, span!.hrefEnd)).toBe('https://www.rfc-editor.org/rfc/rfc6455');
  });
});

describe('false alarms', () => {
  it('does not read a Go import comment as a quotation', () => {
    const source = '// Package websocket implements RFC 6455.\npackage websocket // import "golang.org/x/net/websocket"\n';
    const refs = findReferences(source, 'doc.go');
    expect(refs.map((ref) => ref.id)).toEqual(['rfc6455']);
    expect(refs[0]!.quotes).toEqual([]);
  });

  it('does not tie text said of a Fetch hook to the WebSocket reference', () => {
    const source = [
      '/**',
      ' * @see https://websockets.spec.whatwg.org/#feedback-from-the-protocol',
      ' */',
      'function onOpen(response) {',
      '  // processResponseEndOfBody runs once "the whole body has been read and handed to the caller".',
      '  start(response);',
      '}',
    ].join('\n');
    const [ref] = findReferences(source, 'open.js');
    expect(ref!.quotes).toEqual([]);
  });

  it('keeps citations inside a quotation as the quoted text’s own', () => {
    expect(citationsIn('RFC 6455 §5.5.1: "as defined in Section 7.4 of this document"', { quoted: [{ start: 17, end: 60 }] }).length).toBe(1);
  });

  it('counts a byte-order mark as no column', () => {
    const [ref] = findReferences('\uFEFF// RFC 6455 §5.5.1\nint x;\n', 'bom.c');
    expect([ref!.line, ref!.column]).toEqual([1, 4]);
    const [doc] = findReferences('\uFEFFRFC 6455 §5.5.1\n', 'bom.md');
    expect([doc!.line, doc!.column]).toEqual([1, 1]);
  });
});
