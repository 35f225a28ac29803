/**
 * Where each browser-runnable case is written, for links from a test result
 * to its source. Vitest records the line of `it(c.title, c.run)` in the thin
 * test file for every case; the case itself is defined in
 * test/protocol/cases/<name>.cases.ts. This finds the `title:` line whose
 * string (or template, `${…}` matching anything) is that title.
 *
 * Build-time only (it reads files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../corpus/sources/paths.ts';

export const CASES_DIR = 'test/protocol/cases';

export interface CaseLocation {
  /** Repository-relative case module, e.g. `test/protocol/cases/frames.cases.ts`. */
  file: string;
  line: number;
}

interface TitlePattern extends CaseLocation {
  pattern: RegExp;
}

const TITLE = /\btitle:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/;

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The title patterns of the case modules under `root`. */
export function titlePatterns(root: string = REPO_ROOT): TitlePattern[] {
  const patterns: TitlePattern[] = [];
  const files = readdirSync(join(root, CASES_DIR))
    .filter((name) => name.endsWith('.cases.ts'))
    .sort();
  for (const name of files) {
    const file = `${CASES_DIR}/${name}`;
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const match = TITLE.exec(text);
        if (!match) return;
        const template = match[3];
        const source =
          template === undefined
            ? escapeRegExp(unescape(match[1] ?? match[2]!))
            : template
                .split(/\$\{[^}]*\}/)
                .map((part) => escapeRegExp(unescape(part)))
                .join('.*?');
        patterns.push({ file, line: index + 1, pattern: new RegExp(`^${source}$`, 's') });
      });
  }
  return patterns;
}

let cached: TitlePattern[] | undefined;

/** The file and line of the case titled `title`, or null when no single case title matches it. */
export function locateCase(title: string, patterns: TitlePattern[] = (cached ??= titlePatterns())): CaseLocation | null {
  const hits = patterns.filter((candidate) => candidate.pattern.test(title));
  return hits.length === 1 ? { file: hits[0]!.file, line: hits[0]!.line } : null;
}
