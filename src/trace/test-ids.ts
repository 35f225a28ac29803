/**
 * Clause IDs in test names: `[rfc6455#section-5.1-3]` in a `describe` or test
 * title (several brackets, or several IDs in one bracket separated by commas,
 * are allowed). A `describe`'s IDs apply to every test inside it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const BRACKET = /\[((?:rfc6455|whatwg|w3c)#[^\]\s,]+(?:\s*,\s*(?:rfc6455|whatwg|w3c)#[^\]\s,]+)*)\]/g;

/** The clause IDs named in one title. */
export function clauseIdsIn(title: string): string[] {
  const ids: string[] = [];
  for (const match of title.matchAll(BRACKET)) {
    for (const id of match[1]!.split(',')) ids.push(id.trim());
  }
  return ids;
}

export interface TestIdReference {
  id: string;
  /** Repository-relative test file. */
  file: string;
  line: number;
}

/**
 * Every clause ID written in the test sources, with its file and line, for
 * the build-time check that each names a clause (a static scan, so it also
 * covers tests that did not run).
 */
export async function scanTestIds(root: string, dirs: readonly string[] = ['test']): Promise<TestIdReference[]> {
  const references: TestIdReference[] = [];
  for (const dir of dirs) {
    const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true }).catch(() => []);
    const files = entries
      .filter((entry) => entry.isFile() && /\.(?:test|spec)\.ts$|\.cases\.ts$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const path of files) {
      const file = relative(root, path).split(sep).join('/');
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const id of clauseIdsIn(line)) references.push({ id, file, line: index + 1 });
      });
    }
  }
  return references;
}
