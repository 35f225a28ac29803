/**
 * The header comment of an example, as the runner (`npm run example`) and
 * the site (`src/site/examples-data.ts`) read it. Each `examples/<name>/index.ts`
 * starts with a JSDoc block:
 *
 *   /**
 *    * One sentence: what the example shows (the runner's list, the site's index).
 *    *
 *    * Paragraphs and `- ` lists: the prose of the example's page.
 *    *
 *    * Options:
 *    *   --flag <value>   what it does
 *    *
 *    * Clauses: rfc6455#section-4.2.2-2.4.2.4, whatwg#feedback-from-the-protocol-11,
 *    *   more IDs on indented lines
 *    *\/
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The examples folder, beside this module's (a caller that is bundled elsewhere, like the site, passes its own). */
export function examplesDir(): string {
  return join(import.meta.dirname, '..');
}

/** The order of the list: the seed's question first, then the basics. */
export const ORDER = [
  'handshake-rejection',
  'reject-after-accept',
  'diagnostics-endpoint',
  'origin-check',
  'echo',
  'broadcast',
  'close-codes',
  'fragmentation',
  'keepalive',
  'browser',
];

export interface ExampleOption {
  /** e.g. `--timeout <s>`. */
  flag: string;
  description: string;
}

export interface ExampleHeader {
  /** The folder name, e.g. `handshake-rejection`. */
  name: string;
  /** The first sentence of the header. */
  summary: string;
  /** The paragraphs after it (each a paragraph's text, or a list as lines starting with "- "). */
  paragraphs: string[];
  options: ExampleOption[];
  /** Clause IDs, as written. */
  clauses: string[];
}

/** The lines of the leading JSDoc block, without the ` * ` margins. */
function commentLines(source: string): string[] {
  const match = /^\/\*\*([\s\S]*?)\*\//.exec(source.trimStart());
  if (match === null) return [];
  return match[1]!
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
    .filter((line, i, all) => !(line === '' && (i === 0 || i === all.length - 1)));
}

export function parseHeader(name: string, source: string): ExampleHeader {
  const lines = commentLines(source);
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') blocks.push([]);
    else blocks.at(-1)!.push(line);
  }
  const nonEmpty = blocks.filter((block) => block.length > 0);
  const summary = (nonEmpty.shift() ?? []).join(' ');
  const paragraphs: string[] = [];
  const options: ExampleOption[] = [];
  const clauses: string[] = [];
  for (const block of nonEmpty) {
    const first = block[0]!;
    if (first === 'Options:') {
      for (const line of block.slice(1)) {
        const option = /^\s+(--\S+(?: <[^>]+>)?)\s+(.*)$/.exec(line);
        if (option !== null) options.push({ flag: option[1]!, description: option[2]! });
        else if (options.length > 0) options.at(-1)!.description += ` ${line.trim()}`;
      }
    } else if (first.startsWith('Clauses:')) {
      const text = [first.slice('Clauses:'.length), ...block.slice(1)].join(' ');
      clauses.push(...text.split(/[\s,]+/).filter((id) => id !== ''));
    } else if (first.startsWith('- ')) {
      // A list: items start with "- ", continuation lines are indented.
      const items: string[] = [];
      for (const line of block) {
        if (line.startsWith('- ')) items.push(line.slice(2));
        else items[items.length - 1] += ` ${line.trim()}`;
      }
      paragraphs.push(items.map((item) => `- ${item}`).join('\n'));
    } else {
      paragraphs.push(block.map((line) => line.trim()).join(' '));
    }
  }
  return { name, summary, paragraphs, options, clauses };
}

/** The example folders (a folder with an index.ts, not starting with `_`), in the list's order. */
export function exampleNames(dir: string = examplesDir()): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(dir, entry.name, 'index.ts')))
    .map((entry) => entry.name);
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function readHeader(name: string, dir: string = examplesDir()): ExampleHeader {
  return parseHeader(name, readFileSync(join(dir, name, 'index.ts'), 'utf8'));
}
