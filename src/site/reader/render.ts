/**
 * Clause text → HTML for the reader: escaped, with the normative keywords
 * marked so that a reader (and a screen reader) sees them. Pure functions.
 */
import { findKeywords } from '../../corpus/keywords.ts';
import type { Clause } from '../../corpus/model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function keywordClass(keyword: string): string {
  return `kw kw-${keyword.toLowerCase().replace(' ', '-')}`;
}

/** Escapes a plain text and wraps each normative keyword in `<strong class="kw">`. */
export function highlightText(text: string, caseInsensitive: boolean): string {
  let html = '';
  let last = 0;
  for (const match of findKeywords(text, { caseInsensitive })) {
    html += escapeHtml(text.slice(last, match.index));
    html += `<strong class="${keywordClass(match.keyword)}">${escapeHtml(match.match)}</strong>`;
    last = match.index + match.match.length;
  }
  return html + escapeHtml(text.slice(last));
}

/**
 * Marks keywords inside an already-safe inline HTML fragment produced by our
 * own parsers (only simple inline tags), touching text between tags only.
 */
export function highlightHtml(html: string, caseInsensitive: boolean): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) return part;
      // The fragment's text is already escaped: decode, mark, re-escape.
      const text = part
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      return highlightText(text, caseInsensitive);
    })
    .join('');
}

/** The HTML body of a clause (without its wrapper). */
export function clauseBodyHtml(clause: Clause): string {
  const caseInsensitive = clause.source !== 'rfc6455';
  if (clause.html !== undefined) return highlightHtml(clause.html, caseInsensitive);
  return highlightText(clause.text, caseInsensitive);
}

/**
 * The label shown as the clause's visible permalink: its citation without
 * the section's (`RFC 6455 §5.5.1 ¶2` → `¶2`, `… §3.1 close() step 2` →
 * `close() step 2`).
 */
export function clauseLabel(clause: Clause, sectionCitation: string): string {
  const rest = clause.citation.startsWith(sectionCitation) ? clause.citation.slice(sectionCitation.length) : clause.citation;
  return rest.replace(/^[\s,]+/, '') || '¶';
}

/** Nesting depth of a clause inside its section (list items and their children indent). */
export function clauseDepth(clause: Clause): number {
  const step = /-step-(\d+(?:\.\d+)*)/.exec(clause.anchor);
  const paragraph = /-(\d+(?:\.\d+)*)$/.exec(clause.anchor);
  const path = step?.[1] ?? paragraph?.[1] ?? '';
  return Math.min(4, Math.max(0, path.split('.').length - 1));
}
