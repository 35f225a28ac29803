/**
 * Plain-text output shared by the examples: aligned tables and headings,
 * so that every example prints something a terminal, a test and the site
 * all read the same way.
 *
 * Beside the text, an example can emit its output as structure: when
 * WSSPEC_EXAMPLE_STRUCTURED names a file, each `print` appends one JSON line
 * there, `{"blocks":[{"kind":"heading"|"table"|"text",…}]}`, so that the site
 * shows tables as tables (test/examples/support.ts records it).
 */
import { appendFileSync } from 'node:fs';

export type OutputBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][] }
  | { kind: 'text'; text: string };

/** The structure behind the strings `table` and `heading` returned, for `print`. */
const structures = new Map<string, OutputBlock>();

/** Display width of a string: East Asian wide characters count two columns. */
export function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff);
    columns += wide ? 2 : 1;
  }
  return columns;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

/**
 * A table with aligned columns: a header row, a rule, then the rows.
 * Cells may hold several lines (`\n`): the row grows, the columns stay aligned.
 */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const split = (row: readonly string[]) => headers.map((_, i) => (row[i] ?? '').split('\n'));
  const body = rows.map(split);
  const head = split(headers);
  const columns = headers.map((_, i) => Math.max(...[head, ...body].flatMap((row) => row[i]!.map(width))));
  const lines: string[] = [];
  const emit = (row: string[][]) => {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let line = 0; line < height; line++) {
      lines.push(row.map((cell, i) => pad(cell[line] ?? '', i === row.length - 1 ? 0 : columns[i]!)).join('  ').trimEnd());
    }
  };
  emit(head);
  lines.push(columns.map((columnWidth) => '-'.repeat(columnWidth)).join('  '));
  for (const row of body) emit(row);
  const text = lines.join('\n');
  structures.set(text, { kind: 'table', headers: [...headers], rows: rows.map((row) => headers.map((_, i) => row[i] ?? '')) });
  return text;
}

/** A heading line followed by a rule of its width. */
export function heading(text: string): string {
  const underlined = `${text}\n${'='.repeat(width(text))}`;
  structures.set(underlined, { kind: 'heading', text });
  return underlined;
}

/** Prints blocks separated by one empty line (and records their structure, see above). */
export function print(...blocks: string[]): void {
  console.log(blocks.join('\n\n'));
  console.log();
  const file = process.env['WSSPEC_EXAMPLE_STRUCTURED'];
  if (file) {
    const structured = blocks.map((block): OutputBlock => structures.get(block) ?? { kind: 'text', text: block });
    appendFileSync(file, JSON.stringify({ blocks: structured }) + '\n');
  }
}

/** A string as a JSON-quoted one-liner, cut at `max` characters. */
export function quote(text: string, max = 60): string {
  const quoted = JSON.stringify(text);
  return quoted.length <= max ? quoted : `${quoted.slice(0, max - 2)}…"`;
}
