/**
 * Clause IDs in the test sources (the syntax is in ./clause-ids.ts). A
 * `describe`'s IDs apply to every test inside it.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { clauseIdsIn } from './clause-ids.ts';
import { walkFiles } from './walk.ts';

export { clauseIdsIn };

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
    for (const path of walkFiles(join(root, dir), { accept: (file) => /\.(?:test|spec)\.ts$|\.cases\.ts$/.test(file) })) {
      const file = relative(root, path).split(sep).join('/');
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const id of clauseIdsIn(line)) references.push({ id, file, line: index + 1 });
      });
    }
  }
  return references;
}
