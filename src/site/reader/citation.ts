/**
 * The Markdown citation of a clause, as the "copy citation" control and the
 * `wsspec cite` command produce it:
 *
 *   [RFC 6455 §5.5.1 ¶2](https://…/rfc6455/5/#section-5.5.1-2)
 *
 *   > The Close frame MAY contain a body …
 *
 * Figures and code keep their lines inside a fenced block in the quote.
 * Runs in the browser too (no Node imports).
 */
export type QuotedKind = 'prose' | 'preformatted';

export function citationMarkdown(label: string, url: string, text: string, kind: QuotedKind): string {
  const lines = kind === 'preformatted' ? ['```', ...text.replace(/\n+$/, '').split('\n'), '```'] : [text.trim()];
  const quote = lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');
  return `[${label}](${url})\n\n${quote}\n`;
}
