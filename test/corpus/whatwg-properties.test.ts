import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseWhatwgBikeshed } from '../../src/corpus/whatwg/index.ts';
import { corpusProblems } from './fixtures/api-helpers.ts';

// Small random Bikeshed-like sources: Markdown headings, lists at several
// indentations, definition lists, algorithm divs, notes, IDL, shorthands
// (well-formed and broken), comments and data blocks, in any order.
const word = fc.constantFrom('must', 'may', 'widget', 'WebSocket', 'the', 'close()', '<', '{', '[', '|', '`', '\\', '&', '#', '=]', '}}', 'x|y');
const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const name = fc.constantFrom('foo', 'bar', 'Foo/bar', 'fail the WebSocket connection', 'this', '/url', 'a b');

const line = fc.oneof(
  text,
  fc.constant(''),
  fc.constant(''),
  text.map((t) => `# ${t} #`),
  fc.tuple(text, fc.constantFrom('a', 'a-1', 'x', 'dom-foo-bar')).map(([t, i]) => `## ${t} ## {#${i}}`),
  fc.tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('1.', '2.', '*', '-', ':', '::', '>'), text).map(([indent, marker, t]) => `${indent}${marker} ${t}`),
  fc.constantFrom(
    '<div algorithm>', '<div algorithm="do a thing">', '</div>', '<div class=note>', '<div class="example" id="ex">',
    '<p class=note>', '<p id=p1>', '</p>', '<xmp class=idl>', '</xmp>', 'interface Foo { constructor(); attribute long bar; };',
    'dictionary FooInit { long baz = 0; };', '<dl class=switch>', '</dl>', '<ol>', '<li>', '</ol>', '<table><tr><td>must<td>x</table>',
    '<!--', '-->', '<pre class=metadata>', '</pre>', 'Indent: 1', 'Abstract: must', '<pre class=anchors>', 'spec:x; text:foo; url:bar',
    '<h2 id=x>X</h2>', '<h3 class=no-num>Y</h3>', '```', '<hr>', 'Note: must', '[[#a]]', '[[!WSP]]',
  ),
  fc.tuple(name, text).map(([n, t]) => `The <dfn>${t}</dfn> is [=${n}=] and {{${n}}} with |${t}| and \`${t}\`.`),
  fc.tuple(name, fc.constantFrom('', ' id=a-1', ' id=x', ' for=Foo', ' method for=Foo', ' attribute for=Foo', ' event for=Foo')).map(
    ([n, extra]) => `<dfn${extra}>${n}</dfn> <a for=Foo>${n}</a> <a lt="${n}">shown</a>`,
  ),
);

const source = fc.array(line, { minLength: 1, maxLength: 60, size: 'medium' }).map((lines) => lines.join('\n'));

describe('WHATWG parser on random Bikeshed-like sources (fast-check)', () => {
  it('never throws, and yields unique, well-formed ids, sections listing their clauses, and allowed html only', () => {
    fc.assert(
      fc.property(source, (bs) => {
        expect(corpusProblems(parseWhatwgBikeshed(bs))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (bs) => {
        expect(corpusProblems(parseWhatwgBikeshed(bs))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
