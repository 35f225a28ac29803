/**
 * Plain-text output shared by the examples: aligned tables and headings,
 * so that every example prints something a terminal, a test and the site
 * all read the same way.
 */

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
  return lines.join('\n');
}

/** A heading line followed by a rule of its width. */
export function heading(text: string): string {
  return `${text}\n${'='.repeat(width(text))}`;
}

/** Prints blocks separated by one empty line. */
export function print(...blocks: string[]): void {
  console.log(blocks.join('\n\n'));
  console.log();
}

/** A string as a JSON-quoted one-liner, cut at `max` characters. */
export function quote(text: string, max = 60): string {
  const quoted = JSON.stringify(text);
  return quoted.length <= max ? quoted : `${quoted.slice(0, max - 2)}…"`;
}
