/**
 * `wsspec cite <ref>`: the text of a clause or section, its permalinks and a
 * Markdown citation.
 *
 * - A clause (`5.5.1-2`, `section-5.5.1-2`, `rfc6455#section-5.5.1-2`,
 *   `RFC 6455 §5.5.1 ¶2`, an rfc-editor URL, `dom-websocket-close`, a
 *   websockets.spec.whatwg.org URL): its citation, the upstream URL, the
 *   wsspec permalink, its text and the Markdown citation, exactly as the
 *   site's "copy citation" control makes it (`citationMarkdown`). A clause
 *   with nested clauses (algorithm steps, list items) lists them after it.
 * - A section (`5.5.1`, `§5.5.1`, `rfc6455#section-5.5.1`): its title and
 *   links, then each clause of it (and of its subsections) with its citation.
 *
 * A bare API anchor is looked up in the WHATWG standard first, then in the
 * W3C Candidate Recommendation.
 *
 * Anything else is a search (`search`): `cite 1006`, `cite "close code"`,
 * `cite Sec-WebSocket-Key` list the clauses that mention it, best first, a
 * page at a time; a long section (`cite 4.1`) is paged too.
 */
import { citationMarkdown } from '../site/reader/citation.ts';
import {
  BundleLookup,
  type BundleClause,
  type BundleCorpus,
  type BundleSection,
  type Target,
} from '../trace/corpus-bundle.ts';
import { parseCitationArgument, type ReferenceSource } from '../trace/references.ts';

export interface CitedClause {
  id: string;
  citation: string;
  kind: string;
  keywords: string[];
  informative: boolean;
  text: string;
  upstreamUrl: string;
  /** Absolute when a site origin is known, else site-relative. */
  permalink: string;
  markdown: string;
}

export interface CiteResult {
  query: string;
  kind: Target['kind'];
  id: string;
  citation: string;
  title: string | null;
  upstreamUrl: string;
  permalink: string;
  permalinkIsAbsolute: boolean;
  /** The clause itself (for a clause), then the clauses nested in it or in the section. */
  clauses: CitedClause[];
  /** Markdown for the whole answer (the clause's citation, or the section's clauses). */
  markdown: string;
  /** Same anchor in other sources (an API anchor in both WHATWG and W3C). */
  alsoIn: string[];
  licence: string;
}

export type CiteOutcome = { ok: true; result: CiteResult } | { ok: false; message: string; suggestions: string[] };

const API_ORDER: ReferenceSource[] = ['whatwg', 'w3c', 'rfc6455'];

/** Markdown kind of a clause's text: figures and tables keep their lines. */
function quotedKind(clause: BundleClause): 'prose' | 'preformatted' {
  return clause.kind === 'figure' || clause.kind === 'table' ? 'preformatted' : 'prose';
}

function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Resolves an anchor of a source, including rfc-editor's `name-<title slug>` anchors. */
export function resolveAnchor(lookup: BundleLookup, source: string, anchor: string): Target | null {
  const direct = lookup.resolve(source, anchor);
  if (direct) return direct;
  if (anchor.startsWith('name-')) {
    const slug = anchor.slice('name-'.length);
    const section = lookup.corpus(source)?.sections.find((candidate) => slugOf(candidate.title) === slug);
    if (section) return lookup.resolve(source, section.anchor);
  }
  return null;
}

/** `section-7-4` → `§7 ¶4 (#section-7-4)`; `section-5.5.9` → `§5.5.9 (#section-5.5.9)`. */
export function describeRfcAnchor(anchor: string): string {
  const match = /^section-(\d+(?:\.\d+)*)(?:-(\d+(?:\.\d+)*))?$/.exec(anchor);
  if (!match) return `anchor #${anchor}`;
  return match[2] ? `§${match[1]} ¶${match[2]} (#${anchor})` : `§${match[1]} (#${anchor})`;
}

export function describeSuggestion(item: BundleSection | BundleClause): string {
  return 'title' in item ? `${item.citation} ${item.title} (${item.id})` : `${item.citation} (${item.id})`;
}

export function cite(lookup: BundleLookup, query: string, site: string | null): CiteOutcome {
  const parsed = parseCitationArgument(query);
  if (!parsed) {
    return {
      ok: false,
      message: `wsspec: cannot read "${query}" as a reference. Try 5.5.1, 5.5.1-2, rfc6455#section-5.5.1-2, dom-websocket-close or a spec URL.`,
      suggestions: [],
    };
  }
  const sources = parsed.source ? [parsed.source] : API_ORDER;
  const found: Target[] = [];
  for (const source of sources) {
    const target = resolveAnchor(lookup, source, parsed.anchor);
    if (target) found.push(target);
  }
  const target = found[0];
  if (!target) {
    const source = parsed.source ?? 'whatwg';
    const suggestions = (parsed.source ? [parsed.source] : API_ORDER).flatMap((candidate) =>
      lookup.suggestions(candidate, parsed.anchor).map(describeSuggestion),
    );
    const name = lookup.corpus(source)?.source.shortName ?? source;
    const what = parsed.source === 'rfc6455' ? describeRfcAnchor(parsed.anchor) : `#${parsed.anchor}`;
    const where = parsed.source ? `${name} has no ${what}` : `no source has an anchor #${parsed.anchor}`;
    return {
      ok: false,
      message: `wsspec: ${where}.${suggestions.length > 0 ? ` Nearest: ${suggestions.slice(0, 3).join('; ')}.` : ''}`,
      suggestions,
    };
  }
  return { ok: true, result: describe(lookup, target, query, site, found.slice(1)) };
}

function absolute(site: string | null, url: string): string {
  return site ? `${site}${url}` : url;
}

function citedClause(lookup: BundleLookup, clause: BundleClause, site: string | null): CitedClause {
  const upstreamUrl = lookup.upstreamUrl(clause.source, clause.anchor);
  const permalink = absolute(site, clause.url);
  return {
    id: clause.id,
    citation: clause.citation,
    kind: clause.kind,
    keywords: clause.keywords,
    informative: clause.informative === true,
    text: clause.text,
    upstreamUrl,
    permalink,
    // The site's own citation format; the link is the wsspec permalink when
    // its origin is known, else the upstream URL (a relative link would not
    // work in a pull request).
    markdown: citationMarkdown(clause.citation, site ? permalink : upstreamUrl, clause.text, quotedKind(clause)),
  };
}

function describe(lookup: BundleLookup, target: Target, query: string, site: string | null, others: Target[]): CiteResult {
  const corpus: BundleCorpus = target.corpus;
  const sourceId = corpus.source.id;
  const clauses = target.clauses.map((clause) => citedClause(lookup, clause, site));
  const alsoIn = others.map((other) =>
    other.kind === 'section' ? other.section.id : other.kind === 'clause' ? other.clause.id : `${other.corpus.source.id}#${other.anchor}`,
  );
  const licence = corpus.source.licence.notice;
  if (target.kind === 'clause') {
    const main = clauses.find((clause) => clause.id === target.clause.id)!;
    if (target.alias) main.upstreamUrl = lookup.upstreamUrl(sourceId, target.alias);
    return {
      query,
      kind: 'clause',
      id: target.clause.id,
      citation: target.clause.citation,
      title: null,
      upstreamUrl: main.upstreamUrl,
      permalink: main.permalink,
      permalinkIsAbsolute: site !== null,
      clauses: [main, ...clauses.filter((clause) => clause !== main)],
      markdown: clauses.length === 1 ? main.markdown : clauses.map((clause) => clause.markdown).join('\n'),
      alsoIn,
      licence,
    };
  }
  const anchor = target.kind === 'section' ? target.section.anchor : target.anchor;
  const id = `${sourceId}#${anchor}`;
  const title = target.kind === 'section' ? target.section.title : null;
  const citation =
    target.kind === 'section' ? target.section.citation : `${target.clauses[0]?.citation.replace(/\.\d+$/, '') ?? id}`;
  const url = target.kind === 'section' ? target.section.url : (target.clauses[0]?.url ?? '');
  const upstreamUrl = lookup.upstreamUrl(sourceId, anchor);
  const permalink = absolute(site, url.replace(/#.*$/, `#${anchor}`));
  const heading = `[${citation}${title ? ` ${title}` : ''}](${site ? permalink : upstreamUrl})\n`;
  return {
    query,
    kind: target.kind,
    id,
    citation,
    title,
    upstreamUrl,
    permalink,
    permalinkIsAbsolute: site !== null,
    clauses,
    markdown: [heading, ...clauses.map((clause) => clause.markdown)].join('\n'),
    alsoIn,
    licence,
  };
}

/** Human-readable output of `cite`; for a long section, one page of it. */
export function formatCite(result: CiteResult, paging?: { page: number; pages: number; total: number }): string {
  const lines: string[] = [];
  const head = result.title ? `${result.citation} ${result.title}` : result.citation;
  lines.push(`${head}  (${result.id})`);
  lines.push(`  ${result.upstreamUrl}`);
  lines.push(
    result.permalinkIsAbsolute
      ? `  ${result.permalink}`
      : `  wsspec: ${result.permalink}  (site-relative; set --site or WSSPEC_SITE_URL for a full URL)`,
  );
  if (result.alsoIn.length > 0) lines.push(`  also: ${result.alsoIn.join(', ')}`);
  lines.push('');
  if (result.kind === 'clause') {
    const [main, ...nested] = result.clauses;
    lines.push(main!.markdown.trimEnd());
    if (nested.length > 0) {
      lines.push('', 'Nested clauses:', '');
      for (const clause of nested) lines.push(...clauseLines(clause));
    }
  } else {
    if (result.clauses.length === 0) lines.push('(no clauses of its own; see its subsections)');
    for (const clause of result.clauses) lines.push(...clauseLines(clause));
  }
  if (paging && paging.pages > 1) {
    lines.push(`Page ${paging.page} of ${paging.pages} (${paging.total} clauses)${paging.page < paging.pages ? `; more: add --page ${paging.page + 1}` : ''}.`);
  }
  lines.push('', result.licence);
  return `${lines.join('\n')}\n`;
}

function clauseLines(clause: CitedClause): string[] {
  const keywords = clause.keywords.length > 0 ? `  ${[...new Set(clause.keywords)].join(', ')}` : '';
  const flag = clause.informative ? '  (informative)' : '';
  const text = clause.kind === 'figure' || clause.kind === 'table' ? clause.text.replace(/\n+$/, '').split('\n') : wrap(clause.text, 76);
  return [`${clause.citation}  ${clause.id}${keywords}${flag}`, ...text.map((line) => `    ${line}`), ''];
}

/** Wraps prose at word boundaries. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out;
}

// ---------------------------------------------------------------------------
// Search: `cite 1006`, `cite "close code"`, `cite Sec-WebSocket-Key`

export interface SearchHit {
  id: string;
  citation: string;
  /** The title of the clause's section. */
  section: string;
  excerpt: string;
  score: number;
  upstreamUrl: string;
  permalink: string;
}

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pages: number;
  hits: SearchHit[];
}

/** Words the specs use for what people search by another name. */
const SYNONYMS: Record<string, string[]> = {
  'close code': ['status code'],
  'close codes': ['status codes'],
  'close reason': ['close reason', 'reason'],
  handshake: ['handshake', 'opening handshake'],
};

function searchTerms(query: string): string[][] {
  const phrase = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const alternatives = [phrase, ...(SYNONYMS[phrase] ?? [])];
  return alternatives.map((alternative) => alternative.split(' ').filter(Boolean));
}

/** The text around the first match, for the result list. */
function around(text: string, needle: string, width = 110): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.toLowerCase().indexOf(needle);
  if (at < 0) return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
  const start = Math.max(0, at - Math.floor((width - needle.length) / 2));
  const slice = flat.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${slice}${start + width < flat.length ? '…' : ''}`;
}

/**
 * The clauses that hold every word of the query (or of a synonym), best
 * first: the whole phrase in the clause scores most, then in its section's
 * title, then normative clauses (an RFC 2119 keyword) and RFC 6455 before
 * the API's older W3C text.
 */
export function search(lookup: BundleLookup, query: string, site: string | null, page = 1, perPage = 10): SearchResult {
  const alternatives = searchTerms(query);
  const hits: SearchHit[] = [];
  const sourceWeight: Record<string, number> = { rfc6455: 3, whatwg: 2, w3c: 0 };
  for (const corpus of lookup.corpora) {
    const titles = new Map(corpus.sections.map((section) => [section.anchor, section.title]));
    for (const clause of corpus.clauses) {
      const text = clause.text.toLowerCase().replace(/\s+/g, ' ');
      const title = (titles.get(clause.section) ?? '').toLowerCase();
      let best = 0;
      let needle = '';
      for (const words of alternatives) {
        const pattern = (word: string): RegExp => new RegExp(`(?<![\\w-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
        if (!words.every((word) => pattern(word).test(text) || pattern(word).test(title))) continue;
        const phrase = words.join(' ');
        const occurrences = (text.match(pattern(phrase)) ?? []).length;
        const score = 10 * Math.min(occurrences, 3) + (title.includes(phrase) ? 8 : 0) + words.length;
        if (score > best) {
          best = score;
          needle = occurrences > 0 ? phrase : words[0]!;
        }
      }
      if (best === 0) continue;
      const score = best + (clause.keywords.length > 0 ? 3 : 0) + (sourceWeight[corpus.source.id] ?? 0) - (clause.informative ? 2 : 0);
      hits.push({
        id: clause.id,
        citation: clause.citation,
        section: titles.get(clause.section) ?? '',
        excerpt: around(clause.text, needle),
        score,
        upstreamUrl: lookup.upstreamUrl(clause.source, clause.anchor),
        permalink: absolute(site, clause.url),
      });
    }
  }
  hits.sort((a, b) => b.score - a.score);
  const pages = Math.max(1, Math.ceil(hits.length / perPage));
  const current = Math.min(Math.max(1, page), pages);
  return { query, total: hits.length, page: current, pages, hits: hits.slice((current - 1) * perPage, current * perPage) };
}

export function formatSearch(result: SearchResult): string {
  const lines = [`${result.total} clause${result.total === 1 ? '' : 's'} mention "${result.query}"${result.pages > 1 ? ` (page ${result.page} of ${result.pages})` : ''}:`, ''];
  result.hits.forEach((hit, index) => {
    const rank = (result.page - 1) * 10 + index + 1;
    lines.push(`${rank}. ${hit.citation}  ${hit.id}  (${hit.section})`, `    ${hit.excerpt}`, `    ${hit.upstreamUrl}`, '');
  });
  if (result.page < result.pages) lines.push(`More: add --page ${result.page + 1}.`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** One page of a section's clauses in the human output (a section like §4.1 runs long). */
export function pageOfCite(result: CiteResult, page: number, perPage = 20): { result: CiteResult; page: number; pages: number } {
  if (result.kind === 'clause' || result.clauses.length <= perPage) return { result, page: 1, pages: 1 };
  const pages = Math.ceil(result.clauses.length / perPage);
  const current = Math.min(Math.max(1, page), pages);
  return { result: { ...result, clauses: result.clauses.slice((current - 1) * perPage, current * perPage) }, page: current, pages };
}
