/**
 * The checks of `wsspec check`, one found reference at a time: what it
 * names (src/trace/corpus-bundle.ts), whether its quotations are the words
 * of the cited clause (src/trace/quotes.ts), and whether spec text pasted
 * beside it without quotation marks belongs to it (src/trace/pasted.ts).
 * Severities are listed in ./check.ts.
 */
import type { BundleClause, BundleCorpus, BundleLookup, Target } from '../trace/corpus-bundle.ts';
import { driftDiff, PastedIndex, type PastedRun } from '../trace/pasted.ts';
import { matchQuote, matchQuoteInSource, type QuoteMatch } from '../trace/quotes.ts';
import type { FoundReference, ScannedBlock } from '../trace/references.ts';
import type { CheckedQuote, CheckedReference, ClauseSummary, Severity } from './check.ts';
import { describeRfcAnchor, resolveAnchor } from './cite.ts';

/** Similarity from which a quotation that is nowhere is shown as a word diff of its closest clause. */
const DIFF_SIMILARITY = 0.8;

const EXCERPT = 120;
const NON_NORMATIVE = /^_?this section is non-normative\._?$/i;

export function excerpt(text: string, length = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** A title as compared: case, notation and spacing aside. */
function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[_|*"“”'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class Checker {
  readonly lookup: BundleLookup;
  readonly site: string | null;
  #pasted: PastedIndex<BundleClause> | undefined;

  constructor(lookup: BundleLookup, site: string | null) {
    this.lookup = lookup;
    this.site = site;
  }

  /** The index of spec words, built on first use. */
  get pastedIndex(): PastedIndex<BundleClause> {
    this.#pasted ??= new PastedIndex(this.lookup.corpora);
    return this.#pasted;
  }

  #permalink(url: string): string {
    return this.site ? `${this.site}${url}` : url;
  }

  summarizeClause(clause: BundleClause): ClauseSummary {
    return {
      id: clause.id,
      citation: clause.citation,
      upstreamUrl: this.lookup.upstreamUrl(clause.source, clause.anchor),
      permalink: this.#permalink(clause.url),
    };
  }

  #summarizeTarget(target: Target): ClauseSummary & { kind: Target['kind']; excerpt: string } {
    const source = target.corpus.source.id;
    if (target.kind === 'clause') {
      const summary = this.summarizeClause(target.clause);
      // An alias (a `<dfn>` id) is an anchor upstream too: keep it.
      if (target.alias) summary.upstreamUrl = this.lookup.upstreamUrl(source, target.alias);
      return { ...summary, kind: 'clause', excerpt: excerpt(target.clause.text) };
    }
    if (target.kind === 'section') {
      // The first clause that says something (not "This section is non-normative.").
      const first = target.clauses.find((clause) => !NON_NORMATIVE.test(clause.text)) ?? target.clauses[0];
      return {
        id: target.section.id,
        citation: target.section.citation,
        title: target.section.title,
        upstreamUrl: this.lookup.upstreamUrl(source, target.section.anchor),
        permalink: this.#permalink(target.section.url),
        kind: 'section',
        excerpt: first ? excerpt(first.text) : '',
      };
    }
    const first = target.clauses[0]!;
    return {
      id: `${source}#${target.anchor}`,
      citation: first.citation.replace(/\.\d+$/, ''),
      upstreamUrl: this.lookup.upstreamUrl(source, target.anchor),
      permalink: this.#permalink(first.url.replace(/#.*$/, `#${target.anchor}`)),
      kind: 'group',
      excerpt: excerpt(first.text),
    };
  }

  #name(source: string): string {
    return this.lookup.corpus(source)?.source.shortName ?? source;
  }

  /** The section or titled list item of RFC 6455 a title names ("Proxy Usage" → §4.1's item). */
  #byTitle(source: string, title: string): Target | null {
    const corpus = this.lookup.corpus(source);
    if (!corpus) return null;
    const key = titleKey(title);
    const section = corpus.sections.find((candidate) => titleKey(candidate.title) === key);
    if (section) return this.lookup.resolve(source, section.anchor);
    const item = corpus.clauses.find((clause) => {
      const lead = /^\s*_?([^_:\n]{3,60})_?:/.exec(clause.text);
      return lead !== null && titleKey(lead[1]!) === key;
    });
    return item ? this.lookup.resolve(source, item.anchor) : null;
  }

  /**
   * Resolves one found reference and checks its quotations; null for a
   * heading that is no reference (its words are not the section's title).
   */
  checkReference(found: FoundReference, file: string): CheckedReference | null {
    const base = {
      file,
      line: found.line,
      column: found.column,
      text: found.text.replace(/\s+/g, ' '),
      form: found.form,
      source: found.source,
      id: found.id,
      ...(found.draft ? { draft: found.draft } : {}),
    };
    if (found.form === 'heading' && found.anchor !== null && found.title !== undefined) {
      const section = this.lookup.section(found.source, found.anchor);
      const written = titleKey(found.title);
      const own = section ? titleKey(section.title) : null;
      if (own === null || !(written === own || written.startsWith(`${own} `))) {
        // Another section's title under this number is a wrong number; anything else is not a heading of ours.
        const named = this.#byTitle(found.source, found.title);
        if (named?.kind !== 'section' || titleKey(named.section.title) !== written) return null;
        // A number far from the title's section ("8.3.1.1. Fail the WebSocket
        // connection" in another spec's steps) is another document's numbering.
        const top = (anchor: string): string => anchor.replace('section-', '').split('.')[0]!;
        if (top(named.section.anchor) !== top(found.anchor)) return null;
        const summary = this.#summarizeTarget(named);
        return {
          ...base,
          status: 'unknown',
          severity: 'error',
          message: `"${found.title}" is ${summary.citation}, not §${found.anchor.replace('section-', '')}`,
          suggestions: [summary],
          quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
        };
      }
    }
    if (found.form === 'title' && found.title !== undefined) {
      const target = this.#byTitle(found.source, found.title);
      if (!target) {
        return {
          ...base,
          status: 'unknown',
          severity: 'warning',
          message: `${this.#name(found.source)} has no section or item titled "${found.title}"`,
          quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
        };
      }
      return this.#resolved(base, found, target);
    }
    const corpus = this.lookup.corpus(found.source);
    if (found.anchor === null) {
      const quotes = found.quotes.map((quote) => this.#checkQuote(quote, found.source, null));
      const draft = found.draft ? `${found.draft}, read as ` : '';
      return {
        ...base,
        status: 'document',
        severity: 'info',
        message: `${draft}${this.#name(found.source)} (the whole document)`,
        ...(corpus
          ? {
              target: {
                id: found.source,
                citation: corpus.source.title,
                upstreamUrl: corpus.source.url,
                permalink: this.#permalink(`/${found.source}/`),
                kind: 'document' as const,
                excerpt: '',
              },
            }
          : {}),
        quotes,
      };
    }
    if (found.source === 'rfc6455' && /^page-\d+$/.test(found.anchor)) {
      return {
        ...base,
        status: 'page',
        severity: 'info',
        message: `a page of the RFC's text edition (${found.anchor.replace('-', ' ')}), not a section: cite a section so the reference survives reformatting`,
        quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, null)),
      };
    }
    const target = resolveAnchor(this.lookup, found.source, found.anchor);
    if (target) return this.#resolved(base, found, target);
    const suggestions = this.lookup.suggestions(found.source, found.anchor).map((item) => ({
      id: item.id,
      citation: item.citation,
      ...('title' in item ? { title: item.title } : {}),
      upstreamUrl: this.lookup.upstreamUrl(item.source, item.anchor),
      permalink: this.#permalink(item.url),
    }));
    const nearest =
      suggestions.length > 0
        ? `; nearest: ${suggestions.map((s) => `${s.citation}${s.title ? ` ${s.title}` : ` (${s.id})`}`).join(', ')}`
        : '';
    if (found.legacy) {
      return {
        ...base,
        status: 'old-document',
        severity: 'info',
        message: `anchor #${found.anchor} of the HTML Standard's old WebSocket section, not in the ${this.#name('whatwg')}${nearest}`,
        suggestions,
        quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
      };
    }
    const what = found.source === 'rfc6455' ? describeRfcAnchor(found.anchor) : `#${found.anchor}`;
    const cited = found.draft ? `${found.draft} (as RFC 6455)` : this.#name(found.source);
    return {
      ...base,
      status: 'unknown',
      severity: found.form === 'contextual' ? 'warning' : 'error',
      message: `${cited} has no ${what}${nearest}`,
      suggestions,
      quotes: found.quotes.map((quote) => this.#unchecked(quote, found.source)),
    };
  }

  #resolved(base: Omit<CheckedReference, 'status' | 'severity' | 'message' | 'quotes'>, found: FoundReference, target: Target): CheckedReference {
    const summary = this.#summarizeTarget(target);
    const label = `${summary.citation}${summary.title ? ` ${summary.title}` : ''}`;
    const scope = { id: summary.id, label };
    return {
      ...base,
      status: 'resolved',
      severity: 'info',
      message: found.draft ? `${found.draft} §${summary.citation.replace(/^.*§/, '')} = ${label} (the draft's numbers are the RFC's)` : label,
      target: summary,
      quotes: found.quotes.map((quote) => this.#checkQuote(quote, found.source, scope)),
    };
  }

  #foundIn(clauses: readonly BundleClause[]): ClauseSummary[] {
    return clauses.slice(0, 5).map((clause) => this.summarizeClause(clause));
  }

  #checkQuote(quote: FoundReference['quotes'][number], source: string, scope: { id: string; label: string } | null): CheckedQuote {
    const corpora: readonly BundleCorpus[] = this.lookup.corpora;
    const result: QuoteMatch<BundleClause> =
      scope === null ? matchQuoteInSource(quote.text, source, corpora) : matchQuote(quote.text, scope.id, corpora);
    const base = { text: quote.text.replace(/\s+/g, ' ').trim(), line: quote.line, column: quote.column };
    if (result.ok) return { ...base, status: 'ok', severity: 'info', message: 'quote matches' };
    if (result.reason === 'not-in-clause') {
      const foundIn = this.#foundIn(result.foundIn);
      const where = listCitations(foundIn.map((c) => c.citation), result.foundIn.length);
      const cited = scope?.label ?? this.#name(source);
      // An error where the comment itself ties the quote to the reference; a
      // warning where only the code around it does.
      const severity: Severity = quote.attribution === 'comment' ? 'error' : 'warning';
      return { ...base, status: 'elsewhere', severity, message: `quote is not in ${cited}; the words are in ${where}`, foundIn };
    }
    if (result.reason === 'nowhere') {
      const closest = result.closest
        ? { ...this.summarizeClause(result.closest.clause), similarity: result.closest.similarity }
        : undefined;
      // A paraphrase is an error where the comment plainly quotes the
      // reference; a short quotation (a literal value, a name) or one tied
      // to the reference only by the code it sits in is a warning.
      const words = base.text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
      const severity: Severity = quote.attribution === 'comment' && words >= 5 ? 'error' : 'warning';
      const hint = closest ? `; closest: ${closest.citation} (${Math.round(closest.similarity * 100)}% similar)` : '';
      // A close copy gets the word diff that says what changed.
      const diff = result.closest && result.closest.similarity >= DIFF_SIMILARITY ? driftDiff(result.closest.clause.text, quote.text) : '';
      return {
        ...base,
        status: 'nowhere',
        severity,
        message: `quote is nowhere in RFC 6455 or the WebSocket API (a paraphrase or a drifted quote)${hint}${diff ? `: ${diff}` : ''}`,
        ...(closest ? { closest } : {}),
        ...(diff ? { diff } : {}),
      };
    }
    return { ...base, status: 'unchecked', severity: 'info', message: 'nothing to compare' };
  }

  /** A quotation next to a reference that names nothing: say where its words are, if anywhere. */
  #unchecked(quote: FoundReference['quotes'][number], source: string): CheckedQuote {
    const base = { text: quote.text.replace(/\s+/g, ' ').trim(), line: quote.line, column: quote.column };
    const result = matchQuoteInSource(quote.text, source, this.lookup.corpora);
    const clauses = result.ok ? result.clauses : result.reason === 'not-in-clause' ? result.foundIn : [];
    if (clauses.length > 0) {
      const foundIn = this.#foundIn(clauses);
      return {
        ...base,
        status: 'unchecked',
        severity: 'info',
        message: `the quoted words are in ${listCitations(foundIn.map((c) => c.citation), clauses.length)}`,
        foundIn,
      };
    }
    return { ...base, status: 'unchecked', severity: 'info', message: 'not checked (the reference names nothing)' };
  }

  /** True when the clause is in what the reference names (a whole document: any clause of it). */
  #inScope(reference: CheckedReference, clause: BundleClause): boolean {
    if (reference.status === 'document') return reference.source === clause.source;
    if (reference.status !== 'resolved' || !reference.target) return false;
    const [source, anchor] = [reference.target.id.slice(0, reference.target.id.indexOf('#')), reference.target.id.slice(reference.target.id.indexOf('#') + 1)];
    if (source !== clause.source) return false;
    const target = this.lookup.resolve(source, anchor);
    return target !== null && target.clauses.some((candidate) => candidate.id === clause.id);
  }

  /**
   * Spec words pasted in a comment without quotation marks, checked against
   * the references of the same comment: each run is added to the nearest
   * reference before it (or the first after it) as a `pasted` quote. Words
   * after a citation of another document are that document's and not read.
   */
  checkPasted(block: ScannedBlock, checked: ReadonlyMap<FoundReference, CheckedReference>): void {
    const ours = block.citations.filter((citation) => !citation.foreign && citation.references.some((ref) => checked.has(ref)));
    if (ours.length === 0) return;
    for (const run of this.pastedIndex.runs(block.text, block.quoted)) {
      // Spec text that holds the citation itself (a WHATWG step that says
      // "section 4.1 of The WebSocket Protocol") cites for itself: its
      // reference is the pasted document's, not the comment's.
      if (block.citations.some((citation) => !citation.foreign && citation.start < run.end && run.start < citation.end)) continue;
      const before = block.citations.filter((citation) => citation.end <= run.start).at(-1);
      const owner = before ?? block.citations.find((citation) => citation.start >= run.end);
      if (!owner || owner.foreign) continue;
      const references = owner.references.map((ref) => checked.get(ref)).filter((ref): ref is CheckedReference => ref !== undefined);
      const first = references[0];
      if (!first || first.status === 'unknown' || first.status === 'page' || first.status === 'old-document') continue;
      const allInBlock = ours.flatMap((citation) => citation.references.map((ref) => checked.get(ref)!)).filter(Boolean);
      first.quotes.push(this.#pastedQuote(run, block, first, allInBlock));
    }
  }

  #pastedQuote(run: PastedRun<BundleClause>, block: ScannedBlock, owner: CheckedReference, all: readonly CheckedReference[]): CheckedQuote {
    const at = block.position(run.start);
    const base = { text: run.text.replace(/\s+/g, ' ').trim(), line: at.line, column: at.column, pasted: true };
    const homes = [run.clause, ...run.alsoIn];
    const inScope = homes.some((clause) => all.some((reference) => this.#inScope(reference, clause)));
    const right = this.#foundIn(homes);
    const cited = owner.target ? `${owner.target.citation}${owner.target.title ? ` ${owner.target.title}` : ''}` : owner.text;
    if (run.exact) {
      if (inScope) return { ...base, status: 'ok', severity: 'info', message: `pasted text of ${right[0]!.citation}` };
      return {
        ...base,
        status: 'elsewhere',
        severity: 'error',
        message: `wrong section: these words are ${listCitations(right.map((c) => c.citation), homes.length)}, not ${cited}`,
        foundIn: right,
      };
    }
    const diff = run.diff ?? '';
    if (inScope) {
      return { ...base, status: 'drift', severity: 'warning', message: `pasted text drifts from ${right[0]!.citation}: ${diff}`, diff, foundIn: right };
    }
    return {
      ...base,
      status: 'elsewhere',
      severity: 'error',
      message: `wrong section: these words (drifted) are ${right[0]!.citation}, not ${cited}: ${diff}`,
      diff,
      foundIn: right,
    };
  }
}

export function listCitations(citations: readonly string[], total: number): string {
  const more = total > citations.length ? ` and ${total - citations.length} more` : '';
  return `${citations.join(', ')}${more}`;
}

