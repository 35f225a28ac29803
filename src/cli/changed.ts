/**
 * `wsspec check --changed [<base>]`: only the files, and in them only the
 * lines, changed since a git base (default `HEAD`: the working tree's
 * uncommitted changes; in a pull request, the base branch, e.g.
 * `origin/main`). Read from `git diff --unified=0`, so renamed and new files
 * count, and deleted ones do not.
 */
import { execFileSync } from 'node:child_process';
import { SetupError } from './corpus.ts';

/** Changed lines per file (repository-relative to `cwd`'s view, `/`-separated); null for "every line". */
export type ChangedLines = Map<string, Set<number> | null>;

/** Reads `git diff --unified=0` output: the new-side line numbers of every hunk, per file. */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    const file = /^\+\+\+ (?:b\/)?(.+)$/.exec(line);
    if (file) {
      if (file[1] === '/dev/null') {
        current = null;
        continue;
      }
      current = new Set<number>();
      changed.set(file[1]!.replace(/\t.*$/, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return changed;
}

/** The lines changed since `base` in the repository at `cwd`, as paths relative to `cwd`. */
export function changedSince(base: string, cwd: string): ChangedLines {
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
      throw new SetupError(`wsspec: --changed ${base}: git failed: ${stderr.trim()}`);
    }
  };
  const diff = git(['diff', '--unified=0', '--no-color', '--no-ext-diff', '--relative', base, '--']);
  const changed = parseUnifiedDiff(diff);
  // Untracked files are changes too (new files not yet added).
  for (const file of git(['ls-files', '--others', '--exclude-standard']).split('\n')) {
    if (file) changed.set(file, null);
  }
  return changed;
}
