/**
 * The reference finder of `wsspec check`: every reference to RFC 6455 and
 * the WebSocket API in a file's comments (or a documentation file's prose),
 * with the quotations that belong to each. It reads the comments with the
 * lexer (./comments.ts) and each comment's text with the grammar
 * (./citations.ts), then ties quotations to references:
 *
 * A quotation ("…", “…”, '…', at least three words) belongs to the nearest
 * citation: on its own lines first, then before it in the block, then just
 * after it; a quotation in a comment with no citation belongs to the
 * reference of the comment just before the statement or declaration the
 * quotation sits in (a JSDoc `@see` and the trailing comments in the
 * function it documents). Where the nearest citation is of another document
 * (RFC 7230, another URL), the quotation is not RFC 6455's and is left alone.
 *
 * Context: a bare "Section 7.4" and a heading ("5.5.3 Pong") are read as
 * RFC 6455's in a file that names RFC 6455 (and, for "Section N", in a
 * comment of pasted RFC text, which the caller can recognize), unless the
 * comment cites another document before them.
 *
 * Pure: no file system access here (`check` walks the tree).
 */
import { blockText, commentBlocks, isDocSyntax, linkSpans, syntaxOf, type CommentBlock, type Syntax } from './comments.ts';
import { citationsIn, quotationsIn, type Citation, type FoundReference, type Quote } from './citations.ts';

export * from './comments.ts';
export * from './citations.ts';

/** One comment block as the finder read it: for checks that look at the whole comment (pasted RFC text). */
export interface ScannedBlock {
  text: string;
  position: (offset: number) => { line: number; column: number; index: number };
  /** Our references in it. */
  references: FoundReference[];
  /** The spans of its quotations and citations (ours and others'). */
  quoted: { start: number; end: number }[];
  /** Its citations in order, ours with the references they make (foreign ones with none). */
  citations: { start: number; end: number; foreign: boolean; references: FoundReference[] }[];
}

export interface FindOptions {
  /** The comment syntax (default: by the file's extension, else JS). */
  syntax?: Syntax;
  /** True for a comment text that is pasted RFC 6455 prose (a bare "Section N" in it is the RFC's). */
  pasted?: (text: string) => boolean;
}

interface Located {
  hit: Citation;
  block: number;
  line: number;
  end: number;
}

/** Lines a quotation may sit below the comment that documents its code. */
const REACH = 30;
/** Lines a quotation may sit below the reference in the same comment. */
const BLOCK_REACH = 5;

/**
 * Every reference in the comments of a source file, with the quotations that
 * belong to each. `syntax` defaults to the one of the file's extension (JS
 * for unknown ones).
 */
export function findReferences(source: string, file: string, syntax?: Syntax): FoundReference[] {
  return scanFile(source, file, syntax ? { syntax } : {}).references;
}

/** True when the file names RFC 6455 itself (a URL, an ID, "RFC 6455"…), not only by context. */
function namesRfc6455(texts: readonly string[]): boolean {
  return texts.some((text) => citationsIn(text).some((hit) => hit.refs.some((ref) => ref.source === 'rfc6455')));
}

/** `findReferences` with the comment blocks as read, for checks of whole comments. */
export function scanFile(source: string, file: string, options: FindOptions = {}): { references: FoundReference[]; blocks: ScannedBlock[] } {
  const syntax = options.syntax ?? syntaxOf(file) ?? 'js';
  const blocks: CommentBlock[] = commentBlocks(source, syntax);
  const sourceLines = source.replace(/^\uFEFF/, '').split('\n');
  const references: FoundReference[] = [];
  const citations: Located[][] = [];
  const refsOfHit = new Map<Citation, FoundReference[]>();
  const quotes: { quote: Quote; block: number; line: number; endLine: number; start: number; end: number }[] = [];
  const texts = blocks.map((block) => blockText(block));
  const aboutRfc = namesRfc6455(texts.map((entry) => entry.text));
  const scanned: ScannedBlock[] = [];

  blocks.forEach((_block, blockIndex) => {
    const { text, position } = texts[blockIndex]!;
    const located: Located[] = [];
    const quoted = quotationsIn(text);
    // Pasted RFC prose makes a bare "Section N" the RFC's; only worth asking where one is written.
    const context = aboutRfc || (/§|\bsect/i.test(text) && options.pasted?.(text) === true) ? 'rfc6455' : null;
    const hits = citationsIn(text, { quoted, context, headings: aboutRfc, links: linkSpans(text) });
    const blockRefs: FoundReference[] = [];
    const blockCitations: ScannedBlock['citations'] = [];
    scanned.push({ text, position, references: blockRefs, quoted: quoted.map(({ start, end }) => ({ start, end })), citations: blockCitations });
    for (const hit of hits) {
      const at = position(hit.start);
      located.push({ hit, block: blockIndex, line: at.line, end: position(Math.max(hit.start, hit.end - 1)).line });
      if (hit.foreign) {
        blockCitations.push({ start: hit.start, end: hit.end, foreign: true, references: [] });
        continue;
      }
      const found = hit.refs.map((ref) => ({ file, line: at.line, column: at.column, ...ref, quotes: [] as Quote[] }));
      refsOfHit.set(hit, found);
      references.push(...found);
      blockRefs.push(...found);
      blockCitations.push({ start: hit.start, end: hit.end, foreign: false, references: found });
    }
    citations.push(located);
    for (const quote of quoted) {
      const at = position(quote.start);
      quotes.push({
        quote: { text: quote.text, line: at.line, column: at.column, attribution: 'comment' as const },
        block: blockIndex,
        line: at.line,
        endLine: position(quote.end).line,
        start: quote.start,
        end: quote.end,
      });
    }
  });

  const indentOf = (lineNumber: number): number => /^\s*/.exec(sourceLines[lineNumber - 1] ?? '')![0].length;
  const isBlank = (lineNumber: number): boolean => (sourceLines[lineNumber - 1] ?? '').trim() === '';

  /** The citation a quotation belongs to, and how, or null. */
  const ownerOf = (quote: (typeof quotes)[number]): { hit: Citation; attribution: Quote['attribution'] } | null => {
    const own = citations[quote.block]!;
    const onLines = own.filter((c) => c.end >= quote.line && c.line <= quote.endLine);
    if (onLines.length > 0) {
      const distance = (c: Located): number =>
        c.hit.end <= quote.start ? quote.start - c.hit.end : c.hit.start >= quote.end ? c.hit.start - quote.end : 0;
      return { hit: [...onLines].sort((a, b) => distance(a) - distance(b))[0]!.hit, attribution: 'comment' };
    }
    const before = own.filter((c) => c.hit.end <= quote.start).at(-1);
    if (before) {
      // A bare mention of a document reaches the next line only; a section a few lines.
      const reach = before.hit.refs[0]?.anchor === null ? 1 : BLOCK_REACH;
      return quote.line - before.end <= reach ? { hit: before.hit, attribution: 'comment' } : null;
    }
    const after = own.find((c) => c.hit.start >= quote.end);
    if (after) return after.line - quote.endLine <= 1 ? { hit: after.hit, attribution: 'comment' } : null;
    // A doc comment of its own documents its own declaration.
    const home = blocks[quote.block]!;
    if (home.standalone && home.kind === 'block') return null;
    // The comment that documents the statement or declaration the quotation is in.
    for (let b = quote.block - 1; b >= 0; b--) {
      const block = blocks[b]!;
      const last = block.lines.at(-1)!.line;
      if (quote.line - last > REACH) return null;
      const cites = citations[b]!;
      if (cites.length === 0) continue;
      const owner = cites.at(-1)!;
      // Inside the code the comment documents: past its first code line,
      // every line is indented deeper than the comment (or blank).
      let firstCode = last + 1;
      while (firstCode < quote.line && (isBlank(firstCode) || isCommentLine(sourceLines[firstCode - 1]!))) firstCode++;
      if (firstCode >= quote.line && !(block.standalone && firstCode === quote.line)) return null;
      for (let line = firstCode + 1; line <= quote.line; line++) {
        if (!isBlank(line) && indentOf(line) <= block.indent) return null;
      }
      return { hit: owner.hit, attribution: 'enclosing' };
    }
    return null;
  };

  /**
   * In documentation, prose quotes many things (messages, names, other
   * texts): a quotation belongs to a citation only right beside it
   * (`RFC 6455 §5.5.1: "…"`, `"…" (RFC 6455 §5.5.1)`).
   */
  const besideOf = (quote: (typeof quotes)[number]): { hit: Citation; attribution: Quote['attribution'] } | null => {
    const text = texts[quote.block]!.text;
    for (const c of citations[quote.block]!) {
      const after = quote.start - 1 - c.hit.end;
      const before = c.hit.start - (quote.end + 1);
      if (after >= 0 && after <= 40 && /^[\s:,—–-]*(?:(?:says|reads|states|requires)[\s:,]*)?$/i.test(text.slice(c.hit.end, quote.start - 1))) {
        return { hit: c.hit, attribution: 'comment' };
      }
      if (before >= 0 && before <= 12 && /^[\s,.(\[—–-]*$/.test(text.slice(quote.end + 1, c.hit.start))) return { hit: c.hit, attribution: 'comment' };
    }
    return null;
  };

  for (const quote of quotes) {
    const owner = isDocSyntax(syntax) ? besideOf(quote) : ownerOf(quote);
    if (!owner || owner.hit.foreign) continue;
    const refs = refsOfHit.get(owner.hit) ?? [];
    // A quotation next to a list ("sections 5.5.1 and 5.5.2") belongs to the first.
    refs[0]?.quotes.push({ ...quote.quote, attribution: owner.attribution });
  }
  return { references, blocks: scanned };
}

function isCommentLine(line: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#)/.test(line);
}