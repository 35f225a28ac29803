/**
 * Syntax highlighting of code excerpts and source pages at build time
 * (Shiki, the highlighter Astro and Starlight use), with an id on every line
 * (`L42`) so that `file:line` links land on the line. Light and dark themes
 * follow Starlight's theme switch (see styles/code.css).
 */
import { createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark'], langs: ['typescript', 'javascript', 'json', 'astro'] });
  return highlighter;
}

function langOf(file: string): string {
  if (/\.astro$/.test(file)) return 'astro';
  if (/\.(?:ts|mts)$/.test(file)) return 'typescript';
  if (/\.json$/.test(file)) return 'json';
  return 'javascript';
}

/** Adds `id="L<n>"` and `data-line` to each line, numbering from `firstLine`. */
function lineAnchors(firstLine: number, withIds: boolean): ShikiTransformer {
  return {
    name: 'wsspec:line-anchors',
    line(node, line) {
      const number = firstLine + line - 1;
      node.properties['data-line'] = String(number);
      if (withIds) node.properties['id'] = `L${number}`;
    },
  };
}

export interface HighlightOptions {
  /** Line number of the first line of `code`. */
  firstLine?: number;
  /** Give each line an `id` (source pages) or not (excerpts). */
  lineIds?: boolean;
  /** Lines to emphasize (absolute numbers). */
  emphasize?: { start: number; end: number };
}

export async function highlight(code: string, file: string, options: HighlightOptions = {}): Promise<string> {
  const firstLine = options.firstLine ?? 1;
  const emphasize = options.emphasize;
  const transformers: ShikiTransformer[] = [lineAnchors(firstLine, options.lineIds ?? false)];
  if (emphasize) {
    transformers.push({
      name: 'wsspec:emphasize',
      line(node, line) {
        const number = firstLine + line - 1;
        if (number >= emphasize.start && number <= emphasize.end) this.addClassToHast(node, 'line--emphasized');
      },
    });
  }
  return (await getHighlighter()).codeToHtml(code, {
    lang: langOf(file),
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: 'light',
    transformers,
  });
}
