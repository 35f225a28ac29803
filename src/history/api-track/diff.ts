/**
 * Word-level diffs of clause texts, from the `diff` package, in a compact,
 * JSON-friendly form: `added`/`removed` appear only when true.
 *
 * `diffWords` gives the most readable result (words and punctuation are
 * tokens; whitespace rides along with them) but treats any two runs of
 * whitespace as equal, so its parts do not always rebuild the texts (a figure
 * whose indentation changed, a leading space). When they do not,
 * `diffWordsWithSpace` (whitespace runs are tokens of their own) is used.
 *
 * Invariant (tested on every change of the corpus and on random strings):
 * the parts that are not `added` concatenate to the old text, the parts that
 * are not `removed` to the new text.
 */
import { diffWords, diffWordsWithSpace, type ChangeObject } from 'diff';

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

function compact(changes: ReadonlyArray<ChangeObject<string>>): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of changes) {
    if (change.value === '') continue;
    const last = parts.at(-1);
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const lastKind = last === undefined ? null : last.added ? 'added' : last.removed ? 'removed' : 'same';
    if (last !== undefined && lastKind === kind) last.value += change.value;
    else if (kind === 'added') parts.push({ value: change.value, added: true });
    else if (kind === 'removed') parts.push({ value: change.value, removed: true });
    else parts.push({ value: change.value });
  }
  return parts;
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const words = compact(diffWords(before, after));
  if (diffBefore(words) === before && diffAfter(words) === after) return words;
  return compact(diffWordsWithSpace(before, after));
}

/** The old text a diff was made from. */
export function diffBefore(parts: readonly DiffPart[]): string {
  return parts.filter((p) => p.added !== true).map((p) => p.value).join('');
}

/** The new text a diff was made to. */
export function diffAfter(parts: readonly DiffPart[]): string {
  return parts.filter((p) => p.removed !== true).map((p) => p.value).join('');
}
