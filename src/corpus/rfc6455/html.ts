/**
 * Step 6: display HTML for a prose clause: the text, escaped, with
 * - "Section 5.5.1" (and "Sections 4.1 and 4.2.2") linked to the reader page
 *   of that section, unless the section is another document's ("Section 4
 *   of [RFC4648]", "[RFC3986], Section 3.2.2", "Section 2 of RFC 5741");
 * - "[RFC2616]"-style citations linked to their entry in §14;
 * - URLs linked to themselves;
 * - the RFC's typographic conventions (RFC 6455 §2.1 ¶3–5) rendered:
 *   _term_ as <em>, |header| as <code>, /value/ as <var>. The delimiters stay,
 *   dimmed (`rfc-delim`), so the HTML's text content is exactly `text`: what a
 *   reader sees and copies is the quotable form.
 * The plain `text` stays canonical; this is for reading only.
 */
import { rfc6455Href as readerHref } from '../ids.ts';

export interface LinkTargets {
  /** Section anchors that exist (`section-5.5.1`). */
  sections: ReadonlySet<string>;
  /** Reference tag (`RFC2616`, without brackets) → clause anchor of its §14 entry. */
  references: ReadonlyMap<string, string>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

const NUMBER = String.raw`\d+(?:\.\d+)*`;
const TOKENS = new RegExp(
  [
    // 1: "Section(s) N[, N][ and N]"
    String.raw`(\bSections? ${NUMBER}(?:(?:,? and |, )${NUMBER})*)`,
    // 2: "[TAG]"
    String.raw`(\[[A-Za-z][^\]\s]*\])`,
    // 3: URL
    String.raw`(https?://[^\s<>"]*[^\s<>".,;:)\]])`,
    // 4: _emphasis_
    String.raw`((?<![\w])_(?=\S)[^_]+?(?<=\S)_(?![\w]))`,
    // 5: |code|
    String.raw`((?<![\w|])\|(?=[^\s|])[^|]+?(?<=\S)\|(?![\w|]))`,
    // 6: /variable/
    String.raw`((?<![\w/:<])/[a-z](?:[a-z ]*[a-z])?/(?![\w/]))`,
  ].join('|'),
  'g',
);

function linkSections(match: string, before: string, after: string, targets: LinkTargets): string {
  // Another document's section: "Section 4 of [RFC4648]", "[RFC3986], Section 3.2.2".
  if (/^ of (?:\[|RFC ?\d)/.test(after) || /\],? $/.test(before)) return escapeHtml(match);
  return match.replace(new RegExp(`(?:Sections? )?(${NUMBER})`, 'g'), (whole: string, number: string) => {
    const anchor = `section-${number}`;
    if (!targets.sections.has(anchor)) return escapeHtml(whole);
    return `<a href="${escapeHtml(readerHref(anchor))}">${escapeHtml(whole)}</a>`;
  });
}

/** `_term_` → `<em><span class="rfc-delim">_</span>term<span class="rfc-delim">_</span></em>`. */
function delimited(tag: 'em' | 'code' | 'var', marked: string): string {
  const delim = `<span class="rfc-delim">${escapeHtml(marked.charAt(0))}</span>`;
  return `<${tag}>${delim}${escapeHtml(marked.slice(1, -1))}${delim}</${tag}>`;
}

/** The display HTML of a prose text. */
export function proseHtml(text: string, targets: LinkTargets): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(TOKENS)) {
    const [whole, section, tag, url, em, code, variable] = match;
    const start = match.index;
    html += escapeHtml(text.slice(last, start));
    last = start + whole.length;
    if (section !== undefined) {
      html += linkSections(section, text.slice(Math.max(0, start - 3), start), text.slice(last, last + 8), targets);
    } else if (tag !== undefined) {
      const anchor = targets.references.get(tag.slice(1, -1));
      html += anchor ? `<a href="${escapeHtml(readerHref(anchor))}">${escapeHtml(tag)}</a>` : escapeHtml(tag);
    } else if (url !== undefined) {
      html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    } else if (em !== undefined) {
      html += delimited('em', em);
    } else if (code !== undefined) {
      html += delimited('code', code);
    } else if (variable !== undefined) {
      html += delimited('var', variable);
    }
  }
  return html + escapeHtml(text.slice(last));
}
