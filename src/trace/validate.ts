/**
 * The build-time check of every clause reference the project makes: each
 * `@spec` ID in code and each ID in a test title must name a clause or a
 * section, and each quotation in an annotation must be the cited clause's
 * words (the same rule `wsspec check` applies to other codebases). Problems
 * carry the file and line, so a wrong ID fails the build where it is written.
 */
import type { Corpus } from '../corpus/model.ts';
import type { CorpusLookup } from '../corpus/index.ts';
import type { CodeAnnotation } from './annotations.ts';
import type { TestIdReference } from './test-ids.ts';
import { matchQuote } from './quotes.ts';

export interface TraceProblem {
  file: string;
  line: number;
  message: string;
}

export function validateReferences(
  lookup: CorpusLookup,
  annotations: readonly CodeAnnotation[],
  testIds: readonly TestIdReference[],
): TraceProblem[] {
  const problems: TraceProblem[] = [];
  const corpora: readonly Corpus[] = lookup.corpora;
  for (const annotation of annotations) {
    if (!lookup.resolve(annotation.id)) {
      problems.push({ file: annotation.file, line: annotation.line, message: `@spec ${annotation.id} names no clause or section` });
      continue;
    }
    if (annotation.quote === null) continue;
    const match = matchQuote(annotation.quote, annotation.id, corpora);
    if (match.ok) continue;
    let message = `the quotation after @spec ${annotation.id} is not in that clause`;
    if (match.reason === 'not-in-clause') {
      message += `; the words are in ${match.foundIn.slice(0, 3).map((clause) => clause.id).join(', ')}`;
    } else if (match.reason === 'nowhere') {
      message += match.closest
        ? `, nor anywhere else (closest: ${match.closest.clause.id}, ${Math.round(match.closest.similarity * 100)}% similar)`
        : ', nor anywhere else in the specs';
    }
    problems.push({ file: annotation.file, line: annotation.line, message });
  }
  for (const reference of testIds) {
    if (!lookup.resolve(reference.id)) {
      problems.push({ file: reference.file, line: reference.line, message: `test title names ${reference.id}, which is no clause or section` });
    }
  }
  return problems;
}

export function formatProblems(problems: readonly TraceProblem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n');
}
