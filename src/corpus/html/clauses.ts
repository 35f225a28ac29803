/**
 * HTML → sections and clauses, shared by the WHATWG and W3C parsers.
 *
 * Input: the `<body>` of a spec whose dialect-specific syntax has already
 * been resolved (headings carry `id` and optionally `data-secno` or a
 * `<span class=secno>`; `<dfn>`s carry ids; RFC 6455 concepts carry
 * `data-rfc="section-N"`). Output: the corpus model of model.ts.
 *
 * ## Sections
 * Every `<h1>`–`<h6>` starts a section, anchored by its `id` (or, without
 * one, by Bikeshed's slug of its text). Nesting follows heading levels.
 *
 * ## Blocks and clauses
 * A clause is one block: a `<p>`, a run of bare inline content (Bikeshed
 * leaves the text of `<div algorithm>` unwrapped), a `<pre>`/`<xmp>`
 * (figure), a `<table>`, a list item, a `<dt>` term, or an algorithm step.
 * `<div>`s without an id are transparent. `<hr>`, scripts, forms and whatever
 * the dialect skips produce nothing.
 *
 * ## Anchors (first rule that applies, never reusing an anchor)
 * 1. An algorithm step (`<ol>` item): `<owner>-step-<n>`; a step of an
 *    `<ol>` nested in a step: `<step>.<n>` (`dom-websocket-close-step-2.1`).
 *    The owner is, in order: the anchor of the paragraph that introduces the
 *    list (the block just before it) when that anchor is an id of the source
 *    (its own `id` or its `<dfn>`'s); the slug of the enclosing
 *    `<div algorithm="name">`; the `<dfn>` anchor of the paragraph just
 *    before the introduction (the W3C constructor: "The WebSocket(url,
 *    protocols) constructor takes…" / "When the WebSocket() constructor is
 *    invoked, the UA must run these steps:"); the introduction's own
 *    positional anchor; the list's positional anchor.
 * 2. The block's own `id` (`<p id=closeWebSocket>`, `<dt id=refsWSP>`).
 * 3. For a paragraph, note, list item or term: the id of the first `<dfn>`
 *    in it (`<p>The <dfn id=dom-websocket-url>url</dfn> attribute…` →
 *    `dom-websocket-url`).
 * 4. Positional: `<section>-<n>` for the n-th block of a section (lists,
 *    tables and figures count as one block each; an `<ol>` too);
 *    `<list>.<i>` for the i-th item of the `<ul>`/`<dl>` at `<list>`;
 *    `<item>-<k>` for the k-th block of an item, step or `<div id>`
 *    (the first block *is* the item: `dom-websocket-step-8` then
 *    `dom-websocket-step-8-2`); a `<div id=x>` (examples) lends `x` to its
 *    first block.
 * A `<dd>` continues the item of the `<dt>` before it (`dom-websocket-
 * connecting` is the term, `dom-websocket-connecting-2` its description).
 * Positional anchors never take an id that occurs in the source; a clash
 * left over (only in malformed documents) gets `--2`, `--3`….
 *
 * ## Citations
 * `<Name> §<number>` (unnumbered: `<Name>, <title>`), then `¶<n>` for the
 * n-th block of the section, `¶<n>.<i>` for an item of the list at block n,
 * `¶<n>.<i>.<k>` for the k-th block of that item; a step is
 * `<owner> step <n>` (`close() step 2`, `new WebSocket() step 4`,
 * `“handle a WebSocket message” step 1`, `¶14 step 2` when the owner is a
 * paragraph) and its further blocks `… step 8 ¶2`. Example:
 * `W3C WebSocket API (CR 2012) §4 WebSocket() step 8 ¶2`.
 *
 * ## Informative text
 * A clause is informative inside an element classed `note`, `example`,
 * `non-normative`, `informative`, `domintro`, `big-issue`, `XXX` or `issue`
 * (Bikeshed's own list plus the W3C's non-normative boxes), in a section
 * that starts with "This section is non-normative.", or in a section the
 * dialect lists (abstract, status, acknowledgements). `warning` boxes are
 * *normative* (Bikeshed agrees): "User agents must not convey any failure
 * information to scripts…" is a requirement. Notes, examples and warnings
 * have kind `note`.
 *
 * ## Keywords
 * `keywordsOf(text, {caseInsensitive: true})` on every clause except figures
 * (IDL's `optional` and code are not RFC 2119 keywords).
 */
import type { Clause, ClauseKind, Corpus, Section, SourceInfo } from '../model.ts';
import { keywordsOf } from '../keywords.ts';
import {
  appendChild,
  attr,
  BLOCK_ELEMENTS,
  createElement,
  childrenOf,
  classList,
  closest,
  elementChildren,
  findElement,
  findElements,
  hasClass,
  headingLevel,
  INVISIBLE_ELEMENTS,
  isElement,
  isHeading,
  isText,
  textContent,
  type ChildNode,
  type Element,
} from './dom.ts';
import { renderInline, escapeText } from './inline.ts';
import { bikeshedSlug, collapseWhitespace } from './slug.ts';

export interface WalkOptions {
  source: SourceInfo;
  /** Name used at the start of every citation, e.g. `WebSockets Standard`. */
  citationName: string;
  /** Base URL for relative links (the document's canonical URL). */
  baseUrl?: string;
  /** Elements to leave out entirely (with everything inside). */
  skip?: (el: Element) => boolean;
  /** Section anchors whose clauses (and subsections') are informative. */
  informativeSections?: ReadonlySet<string>;
}

const INFORMATIVE_CLASSES = ['note', 'example', 'non-normative', 'informative', 'domintro', 'big-issue', 'XXX', 'issue'];
const BOX_CLASSES = ['note', 'example', 'warning', 'big-issue', 'XXX', 'issue'];
const FIGURE_TAGS = new Set(['pre', 'xmp', 'listing', 'plaintext']);
const LIST_TAGS = new Set(['ul', 'menu', 'dir']);
const NON_NORMATIVE_MARKER = /^this section is non-normative\.?$/i;

interface SectionState {
  section: Section;
  informative: boolean;
  level: number;
  ctx: Ctx;
}

/** Where blocks are being numbered: a section, an item/step, or a `<div id>`. */
interface Ctx {
  /** Anchor base: the section anchor, or the item/step/container anchor. */
  base: string;
  /** True when block 1 is the item itself (items, steps, containers). */
  firstIsSelf: boolean;
  /** True for list items and terms (block 1 has kind `list-item`). */
  isItem: boolean;
  /** True while `base` is positional (an item may still take an id of the source). */
  basePositional: boolean;
  /** Position path of block 1 for citations ('' at a citation root). */
  pos: string;
  /** Citation up to this context (`WebSockets Standard §3.1 close() step 3`). */
  cite: string;
  /** Set for a step context. */
  step: { anchor: string; label: string; number: string } | null;
  n: number;
  /** The last and the previous block emitted here (for list owners). */
  last: BlockRecord | null;
  prev: BlockRecord | null;
}

interface BlockRecord {
  kind: ClauseKind | 'list';
  anchor: string;
  /** True when the anchor is an id of the source (own id or dfn id). */
  sourceAnchor: boolean;
  /** The anchor, when it is the id of the block's `<dfn>`. */
  dfnAnchor: string | null;
  dfnLabel: string | null;
  pos: string;
}

type Shape = 'prose' | 'figure' | 'table';

interface Rendered {
  text: string;
  html: string;
  refs: string[];
  dfnIds: string[];
  firstDfnText: string | null;
}

export function buildCorpus(root: Element, options: WalkOptions): Corpus {
  const sourceIds = new Set(findElements(root, (el) => attr(el, 'id') !== null).map((el) => attr(el, 'id') ?? ''));
  const used = new Set<string>();
  const owners = new Set<string>();
  const sections: Section[] = [];
  const clauses: Clause[] = [];
  const sectionStack: SectionState[] = [];
  const state: { current: SectionState | null } = { current: null };

  const claim = (anchor: string): string => {
    let candidate = anchor;
    for (let i = 2; used.has(candidate); i++) candidate = `${anchor}--${i}`;
    used.add(candidate);
    return candidate;
  };
  /** A positional anchor: also avoids every id of the source. */
  const claimPositional = (anchor: string): string => {
    let candidate = anchor;
    for (let i = 2; used.has(candidate) || sourceIds.has(candidate); i++) candidate = `${anchor}--${i}`;
    used.add(candidate);
    return candidate;
  };
  const tryClaimSourceId = (id: string | null): string | null => {
    if (id === null || id === '' || used.has(id)) return null;
    used.add(id);
    return id;
  };

  const newCtx = (base: string, firstIsSelf: boolean, pos: string, cite: string): Ctx => ({
    base,
    firstIsSelf,
    isItem: false,
    basePositional: firstIsSelf,
    pos,
    cite,
    step: null,
    n: 0,
    last: null,
    prev: null,
  });

  const startSection = (heading: Element | null, level: number, title: string, number: string | null): SectionState => {
    const anchor = heading
      ? (tryClaimSourceId(attr(heading, 'id')) ?? claimPositional(bikeshedSlug(title) || 'section'))
      : claimPositional('front-matter');
    while (sectionStack.length && (sectionStack.at(-1)?.level ?? 0) >= level) sectionStack.pop();
    const parent = sectionStack.at(-1) ?? null;
    const name = options.citationName;
    const citation = number ? `${name} §${number}` : title ? `${name}, ${title}` : name;
    const section: Section = {
      id: `${options.source.id}#${anchor}`,
      source: options.source.id,
      anchor,
      number,
      title,
      depth: parent ? parent.section.depth + 1 : 1,
      parent: parent ? parent.section.anchor : null,
      citation,
      clauses: [],
    };
    sections.push(section);
    const next: SectionState = {
      section,
      informative: (parent?.informative ?? false) || (options.informativeSections?.has(anchor) ?? false),
      level,
      ctx: newCtx(anchor, false, '', citation),
    };
    sectionStack.push(next);
    state.current = next;
    return next;
  };

  const currentSection = (): SectionState => state.current ?? startSection(null, 1, 'Front matter', null);
  // Content before the first heading goes to a "Front matter" section, created on demand.
  const rootCtx = newCtx('front-matter', false, '', options.citationName);
  const live = (ctx: Ctx): Ctx => (ctx === rootCtx ? currentSection().ctx : ctx);

  const isSkipped = (el: Element): boolean =>
    INVISIBLE_ELEMENTS.has(el.tagName) || el.tagName === 'form' || (options.skip?.(el) ?? false);

  const blockAnchor = (ctx: Ctx, j: number): string =>
    ctx.firstIsSelf && j === 1 ? ctx.base : `${ctx.base}-${j}`;
  const blockPos = (ctx: Ctx, j: number): string => {
    if (ctx.firstIsSelf && j === 1) return ctx.pos;
    return ctx.pos === '' ? String(j) : `${ctx.pos}.${j}`;
  };
  const citeOf = (ctx: Ctx, pos: string): string => (pos === '' ? ctx.cite : `${ctx.cite} ¶${pos}`);

  const hasClassUpTo = (el: Element, names: readonly string[]): boolean => {
    let node: Element | null = el;
    while (node && node !== root) {
      const classes = classList(node);
      if (names.some((c) => classes.includes(c))) return true;
      node = isElement(node.parentNode) ? node.parentNode : null;
    }
    return false;
  };
  const renderOptions = (extra: { preserveWhitespace?: boolean; omitDfnId?: string } = {}) =>
    options.baseUrl === undefined ? extra : { ...extra, baseUrl: options.baseUrl };

  /** Emits one block of `ctx` as a clause; returns false for an empty block. */
  const emit = (anyCtx: Ctx, el: Element | null, context: Element, nodes: readonly ChildNode[], shape: Shape): boolean => {
    let rendered: Rendered =
      shape === 'table' && el
        ? renderTable(el, options.baseUrl)
        : renderInline(nodes, renderOptions({ preserveWhitespace: shape === 'figure' }));
    if (rendered.text.trim() === '' && rendered.dfnIds.length === 0) return false;
    const ctx = live(anyCtx);
    const section = currentSection();

    const j = ++ctx.n;
    const pos = blockPos(ctx, j);
    const self = ctx.firstIsSelf && j === 1;
    const isStep = ctx.step !== null && self;
    let anchor: string | null = null;
    let dfnAnchor: string | null = null;
    if (isStep) {
      anchor = claimPositional(ctx.base);
    } else {
      anchor = tryClaimSourceId(el ? attr(el, 'id') : null);
      if (anchor === null && shape === 'prose' && (!self || ctx.basePositional)) {
        dfnAnchor = tryClaimSourceId(rendered.dfnIds[0] ?? null);
        anchor = dfnAnchor;
      }
    }
    const sourceAnchor = anchor !== null && !isStep;
    if (anchor === null) {
      anchor = self && !ctx.basePositional ? claim(ctx.base) : claimPositional(blockAnchor(ctx, j));
    }
    if (self && !isStep && ctx.basePositional && sourceAnchor) {
      // An item anchored by its own id or dfn: its further blocks follow it.
      ctx.base = anchor;
      ctx.basePositional = false;
    }
    if (dfnAnchor !== null) rendered = renderInline(nodes, renderOptions({ omitDfnId: dfnAnchor }));

    let kind: ClauseKind;
    if (isStep) kind = 'step';
    else if (shape === 'figure') kind = 'figure';
    else if (shape === 'table') kind = 'table';
    else if (self && ctx.isItem) kind = 'list-item';
    else if (hasClassUpTo(el ?? context, BOX_CLASSES)) kind = 'note';
    else kind = 'paragraph';

    const clause: Clause = {
      id: `${options.source.id}#${anchor}`,
      source: options.source.id,
      anchor,
      section: section.section.anchor,
      citation: citeOf(ctx, pos),
      kind,
      text: rendered.text,
      keywords: shape === 'figure' ? [] : keywordsOf(rendered.text, { caseInsensitive: true }),
      html: rendered.html,
    };
    if (rendered.refs.length) clause.refs = rendered.refs.map((r) => `rfc6455#${r}`);
    if (section.section.clauses.length === 0 && NON_NORMATIVE_MARKER.test(rendered.text)) section.informative = true;
    if (section.informative || hasClassUpTo(el ?? context, INFORMATIVE_CLASSES)) clause.informative = true;
    clauses.push(clause);
    section.section.clauses.push(anchor);

    ctx.prev = ctx.last;
    ctx.last = {
      kind,
      anchor,
      sourceAnchor,
      dfnAnchor,
      dfnLabel: rendered.firstDfnText,
      pos,
    };
    return true;
  };

  /** Walks the children of a flow container, numbering blocks in `ctx`. */
  const walk = (container: Element, startCtx: Ctx): void => {
    let ctx = startCtx;
    let run: ChildNode[] = [];
    const flush = (): void => {
      if (run.length) emit(ctx, null, container, run, 'prose');
      run = [];
    };
    for (const child of childrenOf(container)) {
      if (isText(child)) {
        run.push(child);
        continue;
      }
      if (!isElement(child)) continue;
      if (isSkipped(child)) {
        if (BLOCK_ELEMENTS.has(child.tagName)) flush();
        continue;
      }
      if (isHeading(child)) {
        flush();
        const secno = attr(child, 'data-secno') ?? secnoOf(child);
        ctx = startSection(child, headingLevel(child), headingTitle(child), secno).ctx;
        continue;
      }
      if (!BLOCK_ELEMENTS.has(child.tagName) && !containsBlock(child)) {
        run.push(child);
        continue;
      }
      flush();
      const before = state.current;
      block(child, ctx);
      // A heading nested in that block opened a new section: continue there.
      if (state.current !== before && state.current) ctx = state.current.ctx;
    }
    flush();
  };

  const block = (el: Element, ctx: Ctx): void => {
    const tag = el.tagName;
    if (tag === 'p') {
      emit(ctx, el, el, childrenOf(el), 'prose');
    } else if (FIGURE_TAGS.has(tag)) {
      emit(ctx, el, el, childrenOf(el), 'figure');
    } else if (tag === 'table') {
      emit(ctx, el, el, [], 'table');
    } else if (tag === 'hr') {
      ctx.last = null;
      ctx.prev = null;
    } else if (tag === 'ol') {
      steps(el, ctx);
    } else if (LIST_TAGS.has(tag)) {
      list(ctx, listItemsOf(el).map((item) => ({ tag: 'li', el: item })), false);
    } else if (tag === 'dl') {
      list(ctx, dlEntriesOf(el), true);
    } else {
      const id = attr(el, 'id');
      if (id && !used.has(id) && hasContent(el)) {
        // A container with an id (an example) lends it to its first block.
        ctx = live(ctx);
        const j = ctx.n + 1;
        const inner = newCtx(id, true, blockPos(ctx, j), ctx.cite);
        inner.basePositional = false;
        ctx.n = j;
        const before = state.current;
        walk(el, inner);
        if (state.current === before) {
          if (inner.n === 0) ctx.n = j - 1;
          ctx.prev = ctx.last;
          ctx.last = inner.last;
        }
      } else {
        walk(el, ctx);
      }
    }
  };

  const listRecord = (anchor: string, pos: string): BlockRecord => ({
    kind: 'list',
    anchor,
    sourceAnchor: false,
    dfnAnchor: null,
    dfnLabel: null,
    pos,
  });

  const steps = (ol: Element, anyCtx: Ctx): void => {
    const ctx = live(anyCtx);
    const section = currentSection();
    const j = ctx.n + 1;
    const listAnchor = blockAnchor(ctx, j);
    const listPos = blockPos(ctx, j);
    const nested = ctx.step !== null && ctx.firstIsSelf;
    const owner = nested && ctx.step ? ctx.step : { ...findOwner(ol, ctx, listAnchor, listPos), number: '' };
    ctx.n = j;
    const start = Number.parseInt(attr(ol, 'start') ?? '1', 10);
    const first = Number.isSafeInteger(start) ? start : 1;
    listItemsOf(ol).forEach((li, index) => {
      const n = String(first + index);
      const number = nested ? `${owner.number}.${n}` : n;
      const anchor = nested ? `${owner.anchor}.${n}` : `${owner.anchor}-step-${n}`;
      const stepCtx = newCtx(anchor, true, '', `${section.section.citation} ${owner.label} step ${number}`);
      stepCtx.basePositional = false;
      stepCtx.step = { anchor, label: owner.label, number };
      walk(li, stepCtx);
    });
    ctx.prev = ctx.last;
    ctx.last = listRecord(listAnchor, listPos);
  };

  /** The owner of a top-level `<ol>`: see "Anchors" above. */
  const findOwner = (ol: Element, ctx: Ctx, listAnchor: string, listPos: string): { anchor: string; label: string } => {
    const last = ctx.last;
    const intro = last && (last.kind === 'paragraph' || last.kind === 'list-item' || last.kind === 'step') ? last : null;
    const candidates: { anchor: string; label: string }[] = [];
    if (intro?.sourceAnchor) {
      candidates.push({ anchor: intro.anchor, label: intro.dfnAnchor && intro.dfnLabel ? dfnLabel(intro.dfnLabel) : `¶${intro.pos}` });
    }
    const algorithm = closest(ol, (el) => (attr(el, 'algorithm') ?? '').trim() !== '');
    const name = algorithm ? collapseWhitespace(attr(algorithm, 'algorithm') ?? '') : '';
    if (bikeshedSlug(name)) candidates.push({ anchor: bikeshedSlug(name), label: `“${name}”` });
    const before = intro ? ctx.prev : null;
    if (before?.kind === 'paragraph' && before.dfnAnchor && before.dfnLabel) {
      candidates.push({ anchor: before.dfnAnchor, label: dfnLabel(before.dfnLabel) });
    }
    if (intro) candidates.push({ anchor: intro.anchor, label: `¶${intro.pos || '1'}` });
    candidates.push({ anchor: listAnchor, label: `¶${listPos || '1'}` });
    for (const candidate of candidates) {
      if (!owners.has(candidate.anchor)) {
        owners.add(candidate.anchor);
        return candidate;
      }
    }
    return { anchor: listAnchor, label: `¶${listPos || '1'}` };
  };

  const list = (anyCtx: Ctx, entries: ListEntry[], isDl: boolean): void => {
    const ctx = live(anyCtx);
    const j = ctx.n + 1;
    const listAnchor = blockAnchor(ctx, j);
    const listPos = blockPos(ctx, j);
    ctx.n = j;
    let i = 0;
    let item: Ctx | null = null;
    for (const entry of entries) {
      if (!isDl || entry.tag !== 'dd' || item === null) {
        i++;
        const ownId = entry.tag === 'dd' ? null : attr(entry.el, 'id');
        const base = ownId && !used.has(ownId) ? ownId : `${listAnchor}.${i}`;
        item = newCtx(base, true, listPos === '' ? String(i) : `${listPos}.${i}`, ctx.cite);
        item.isItem = true;
        item.basePositional = base !== ownId;
      }
      walk(entry.el, item);
    }
    ctx.prev = ctx.last;
    ctx.last = listRecord(listAnchor, listPos);
  };

  walk(root, rootCtx);
  return { source: options.source, sections, clauses };
}

interface ListEntry {
  tag: string;
  el: Element;
}

/**
 * Items of a list: its `<li>` children, and (malformed HTML) any other child
 * element or run of bare text and inline elements, wrapped as an implicit
 * item so that no text is lost.
 */
function listItemsOf(list: Element, wrapper = 'li'): Element[] {
  wrapLooseChildren(list, wrapper);
  return elementChildren(list).filter((child) => !INVISIBLE_ELEMENTS.has(child.tagName) && (child.tagName === 'li' || hasContent(child)));
}

function wrapLooseChildren(list: Element, wrapper: string): void {
  const children = childrenOf(list);
  const out: ChildNode[] = [];
  let run: ChildNode[] = [];
  const flush = (): void => {
    if (run.some((n) => (isText(n) ? n.value.trim() !== '' : true))) {
      const item = createElement(wrapper);
      for (const node of run) appendChild(item, node);
      item.parentNode = list;
      out.push(item);
    } else {
      out.push(...run);
    }
    run = [];
  };
  for (const child of children) {
    if (isText(child) || (isElement(child) && !BLOCK_ELEMENTS.has(child.tagName) && !INVISIBLE_ELEMENTS.has(child.tagName))) {
      run.push(child);
    } else {
      flush();
      out.push(child);
    }
  }
  flush();
  children.splice(0, children.length, ...out);
}

/** `<dt>`/`<dd>` children of a `<dl>`, looking through `<div>` wrappers and Bikeshed's nested Markdown `<dl>`. */
function dlEntriesOf(dl: Element): ListEntry[] {
  wrapLooseChildren(dl, 'dd');
  const entries: ListEntry[] = [];
  for (const child of elementChildren(dl)) {
    if (child.tagName === 'dt' || child.tagName === 'dd') entries.push({ tag: child.tagName, el: child });
    else if (child.tagName === 'div' || child.tagName === 'dl') entries.push(...dlEntriesOf(child));
    else if (!INVISIBLE_ELEMENTS.has(child.tagName) && hasContent(child)) entries.push({ tag: 'dd', el: child });
  }
  return entries;
}

function hasContent(el: Element): boolean {
  return textContent(el).trim() !== '' || findElement(el, (e) => e.tagName === 'dfn') !== null;
}

function containsBlock(el: Element): boolean {
  return findElement(el, (e) => BLOCK_ELEMENTS.has(e.tagName) && !INVISIBLE_ELEMENTS.has(e.tagName)) !== null;
}

function secnoOf(heading: Element): string | null {
  const span = findElement(heading, (el) => hasClass(el, 'secno'));
  if (!span) return null;
  const number = collapseWhitespace(textContent(span)).replace(/\.$/, '');
  return number === '' ? null : number;
}

function headingTitle(heading: Element): string {
  const parts: string[] = [];
  const visit = (node: ChildNode): void => {
    if (isText(node)) parts.push(node.value);
    else if (isElement(node) && !hasClass(node, 'secno') && !hasClass(node, 'self-link') && !INVISIBLE_ELEMENTS.has(node.tagName)) {
      childrenOf(node).forEach(visit);
    }
  };
  childrenOf(heading).forEach(visit);
  return collapseWhitespace(parts.join(''));
}

/** `close(code, reason)` → `close()`, `new WebSocket(url, protocols)` → `new WebSocket()`, else “text”. */
function dfnLabel(text: string): string {
  const match = /^([\w .$-]*?[\w$])\s*\(.*\)$/s.exec(text);
  if (match?.[1]) return `${match[1]}()`;
  return `“${text}”`;
}

function renderTable(table: Element, baseUrl: string | undefined): { text: string; html: string; refs: string[]; dfnIds: string[]; firstDfnText: string | null } {
  // Rows of this table only: a nested table is part of its cell's text.
  const rows = findElements(table, (el) => el.tagName === 'tr' && closest(el, (e) => e.tagName === 'table') === table);
  const texts: string[] = [];
  const htmls: string[] = [];
  const refs: string[] = [];
  const dfnIds: string[] = [];
  let firstDfnText: string | null = null;
  for (const row of rows) {
    const cells = elementChildren(row).filter((c) => c.tagName === 'td' || c.tagName === 'th');
    const rendered = cells.map((cell) => renderInline(childrenOf(cell), baseUrl === undefined ? {} : { baseUrl }));
    for (const r of rendered) {
      for (const ref of r.refs) if (!refs.includes(ref)) refs.push(ref);
      dfnIds.push(...r.dfnIds);
      firstDfnText ??= r.firstDfnText;
    }
    texts.push(rendered.map((r) => r.text).join(' | '));
    htmls.push(rendered.map((r) => r.html).join(' | '));
  }
  const caption = findElement(table, (el) => el.tagName === 'caption');
  const captionText = caption ? collapseWhitespace(textContent(caption)) : '';
  if (captionText) {
    texts.unshift(captionText);
    htmls.unshift(escapeText(captionText));
  }
  return { text: texts.join('\n'), html: htmls.join('\n'), refs, dfnIds, firstDfnText };
}
