/**
 * Every clause this part of the project names exists, and every quotation
 * is the clause's own text: the annotations of the API and the evidence
 * code, the IDs in the titles of their tests, and the clauses of the
 * scenario catalogue and of the known differences.
 *
 * A quotation must be a substring of its clause's text once whitespace is
 * collapsed and quotation marks are made alike (an annotation's quotation
 * ends at its first straight double quote, so inner quotes are written
 * ‘typographic’); "..." separates parts quoted in order.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/corpus/sources/paths.ts';
import type { Corpus } from '../../src/corpus/model.ts';
import { KNOWN_DIFFERENCES } from '../../src/evidence/expectations.ts';
import { SCENARIOS } from '../../src/evidence/scenarios.ts';
import { extractAnnotations, scanAnnotations } from '../../src/trace/annotations.ts';
import type { CodeAnnotation } from '../../src/trace/annotations.ts';
import { loadCorpora } from '../../src/trace/corpus-bundle.ts';
import { matchQuote } from '../../src/trace/quotes.ts';
import { scanTestIds } from '../../src/trace/test-ids.ts';

let corpora: Corpus[];
const ids = new Set<string>();
const texts = new Map<string, string>();
let annotations: CodeAnnotation[];

/** Whitespace collapsed, every quotation mark a straight double quote. */
const normalize = (text: string): string =>
  text
    .replace(/[\u2018\u2019\u201c\u201d`]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

beforeAll(async () => {
  corpora = await loadCorpora();
  for (const corpus of corpora) {
    for (const section of corpus.sections) ids.add(section.id);
    for (const clause of corpus.clauses) {
      ids.add(clause.id);
      texts.set(clause.id, clause.text);
    }
  }
  annotations = [
    ...(await scanAnnotations(REPO_ROOT, ['src/api', 'src/evidence'])),
    ...extractAnnotations(await readFile(join(REPO_ROOT, 'src/node/tcp-relay.ts'), 'utf8'), 'src/node/tcp-relay.ts'),
  ];
}, 60_000);

describe('Clause references of the WebSocket API and the evidence', () => {
  it('annotate the API class at every step', () => {
    // The class and the two modules split from it: establishing (connection.ts) and the event pump (pump.ts).
    const classFiles = ['src/api/websocket.ts', 'src/api/connection.ts', 'src/api/pump.ts'];
    const api = annotations.filter((annotation) => classFiles.includes(annotation.file)).map((annotation) => annotation.id);
    for (const id of [
      'whatwg#dom-websocket-websocket-step-8',
      'whatwg#dom-websocket-websocket-step-9',
      'whatwg#dom-websocket-send-step-1',
      'whatwg#dom-websocket-close-step-1',
      'whatwg#dom-websocket-close-step-2.2',
      'whatwg#dom-websocket-websocket-step-11',
      'whatwg#dom-websocket-websocket-step-12',
      'whatwg#concept-websocket-establish-step-1',
      'whatwg#concept-websocket-establish-step-2',
      'whatwg#concept-websocket-establish-step-5',
      'whatwg#concept-websocket-establish-step-11',
      'whatwg#concept-websocket-establish-step-11.2',
      'whatwg#concept-websocket-establish-step-11.3',
      'whatwg#garbage-collection-1',
      'whatwg#closeWebSocket-step-2',
      'whatwg#feedback-from-the-protocol-11',
    ]) {
      expect(api).toContain(id);
    }
    // Obtaining a connection: where the transport connects to (transport.ts).
    const obtain = annotations.filter((annotation) => annotation.file === 'src/api/transport.ts').map((annotation) => annotation.id);
    for (const step of [1, 2, 3, 4, 5]) expect(obtain).toContain(`whatwg#concept-websocket-connection-obtain-step-${step}`);
    expect(annotations.length).toBeGreaterThan(80);
  });

  it('name existing clauses, with quotations that are the clauses\' own words', () => {
    const problems: string[] = [];
    for (const annotation of annotations) {
      const where = `${annotation.file}:${annotation.line} ${annotation.id}`;
      if (!ids.has(annotation.id)) {
        problems.push(`${where}: no such clause`);
        continue;
      }
      if (annotation.quote === null) continue;
      const text = texts.get(annotation.id);
      if (text === undefined) {
        problems.push(`${where}: a section, quoted`);
        continue;
      }
      let from = 0;
      const clause = normalize(text);
      for (const part of annotation.quote.split(/\s*(?:\.\.\.|…)\s*/).map(normalize).filter((segment) => segment !== '')) {
        const at = clause.indexOf(part, from);
        if (at < 0) {
          problems.push(`${where}: "${part}" is not in the clause`);
          break;
        }
        from = at + part.length;
      }
      const match = matchQuote(annotation.quote, annotation.id, corpora);
      if (!match.ok) problems.push(`${where}: the project's quote matcher says ${match.reason}`);
    }
    expect(problems).toEqual([]);
  });

  it('name existing clauses in test titles', async () => {
    const references = await scanTestIds(REPO_ROOT, ['test/api', 'test/scenarios']);
    expect(references.length).toBeGreaterThan(50);
    const unknown = references.filter((reference) => !ids.has(reference.id)).map((reference) => `${reference.file}:${reference.line} ${reference.id}`);
    expect(unknown).toEqual([]);
  });

  it('name existing clauses in the scenario catalogue and the known differences', () => {
    const named = [
      ...SCENARIOS.flatMap((scenario) => [...scenario.clauses, ...scenario.expected.flatMap((expected) => expected.clauses)].map((id) => `${scenario.id}: ${id}`)),
      ...KNOWN_DIFFERENCES.flatMap((difference) => difference.clauses.map((id) => `${difference.implementation}/${difference.scenario}: ${id}`)),
    ];
    expect(named.filter((entry) => !ids.has(entry.split(': ')[1]!))).toEqual([]);
  });
});
