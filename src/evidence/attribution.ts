/**
 * Charging a difference to the clauses it breaks, and only to those.
 *
 * The expected lines of a scenario are aligned with a run's lines (an edit
 * distance over lines: a line that matches costs nothing, a line of the
 * same kind with other details — "event error" for "event error" — is a
 * substitution, anything else a missing or an extra line). Then:
 *
 *   - a substituted line is charged to the clauses of the expected line
 *     that govern a part that differs (support.ts): undici's ErrorEvent in
 *     place of an Event differs in its class, so it is charged to the
 *     clause that says "fire an event named error", not to the masking rule
 *     that made the connection fail, nor to the rule that no failure
 *     information reaches scripts (its message is empty);
 *   - a missing line is charged to the clauses that require its presence;
 *   - an extra line that came instead of a missing or differing one adds
 *     nothing (those carry the charge); otherwise it is charged to the
 *     clauses that require lines of its kind, or left unplaced for the
 *     known difference's reasoned clauses.
 *
 * Pure: no Node import (the site uses it too).
 */
import type { ExpectedLine } from './scenarios.ts';
import type { Aspect } from './support.ts';
import { governs } from './support.ts';

export interface LineAttribution {
  /** The expected line (with its `?` when optional). */
  expected: string;
  status: 'match' | 'differs' | 'missing' | 'absent-optional';
  /** The run's line it was aligned with. */
  actual?: string;
  /** What differs, for `differs`. */
  aspects: Aspect[];
  /** The clauses this line charges. */
  charged: string[];
}

export interface Attribution {
  lines: LineAttribution[];
  /** Lines of the run no expected line accounts for, with the clauses they are charged to. */
  extra: Array<{ actual: string; charged: string[] }>;
  /**
   * Extra lines that nothing in the expected lines accounts for (an exception
   * no step should throw): the caller charges them to the clauses its known
   * difference names, the reasoned explanation of that run.
   */
  unplaced: string[];
  /** Every clause charged, sorted. */
  charged: string[];
}

interface Parsed {
  kind: string;
  fields: Map<string, string>;
}

const FIELD = /(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g;

/** A canonical line (observation.ts) as its kind and its comparable parts. */
export function parseLine(raw: string): Parsed {
  const line = raw.startsWith('?') ? raw.slice(1) : raw;
  const fields = new Map<string, string>();
  if (line.startsWith('event ')) {
    const [, name = '', eventClass = '', ...rest] = line.split(' ');
    fields.set('class', eventClass);
    for (const match of rest.join(' ').matchAll(FIELD)) fields.set(match[1]!, match[2]!);
    return { kind: `event ${name}`, fields };
  }
  if (line.startsWith('server: ')) {
    const text = line.slice('server: '.length);
    const space = text.indexOf(' ');
    const word = space < 0 ? text : text.slice(0, space);
    const rest = space < 0 ? '' : text.slice(space + 1);
    if (word === 'close' && rest !== '*') {
      const codeEnd = rest.indexOf(' ');
      fields.set('code', codeEnd < 0 ? rest : rest.slice(0, codeEnd));
      fields.set('body', codeEnd < 0 ? '' : rest.slice(codeEnd + 1));
    } else fields.set('body', rest);
    return { kind: `server ${word}`, fields };
  }
  const [type = '', subject = '', ...rest] = line.split(' ');
  if (type === 'value') fields.set('value', rest.join(' '));
  else if (type === 'exception') fields.set('name', rest.join(' '));
  return { kind: `${type} ${subject}`, fields };
}

function wildcard(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(text);
}

const EVENT_ASPECTS = new Set<string>(['class', 'readyState', 'code', 'reason', 'wasClean', 'data', 'origin', 'value', 'name', 'body']);

/** Whether a field value tells the script something: non-empty text (an error with an empty message tells nothing), a non-zero number. */
export function informative(value: string): boolean {
  const text = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  if (text === '' || text === '0' || text === 'null' || text === 'false') return false;
  return text.replace(/⟨\w+ name="\w+" message=""⟩/, '') !== '';
}

/** The aspects in which `actual` differs from the expected `pattern` (same kind). */
export function differingAspects(pattern: string, actual: string): Aspect[] {
  const expected = parseLine(pattern).fields;
  const observed = parseLine(actual).fields;
  const aspects = new Set<Aspect>();
  for (const [key, value] of expected) {
    const seen = observed.get(key);
    if (seen === undefined || !wildcard(value, seen)) aspects.add((EVENT_ASPECTS.has(key) ? key : 'class') as Aspect);
  }
  for (const [key, value] of observed) {
    if (expected.has(key)) continue;
    // A field the expected event does not have comes with another class; it may also carry information.
    aspects.add('class');
    if (informative(value)) aspects.add('information');
  }
  return [...aspects];
}

function chargedFor(clauses: readonly string[], aspects: readonly Aspect[]): string[] {
  return clauses.filter((clause) => {
    const governed = governs(clause);
    return governed === 'all' || governed.some((aspect) => aspects.includes(aspect));
  });
}

export function attributeDifferences(expected: readonly ExpectedLine[], actual: readonly string[]): Attribution {
  const n = expected.length;
  const m = actual.length;
  const patterns = expected.map((line) => ({ optional: line.line.startsWith('?'), text: line.line.replace(/^\?/, ''), kind: parseLine(line.line).kind }));
  const kinds = actual.map((line) => parseLine(line).kind);
  // cost[i][j]: aligning expected[i..] with actual[j..].
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let best = Infinity;
      if (i < n && j < m) {
        if (wildcard(patterns[i]!.text, actual[j]!)) best = Math.min(best, cost[i + 1]![j + 1]!);
        else if (patterns[i]!.kind === kinds[j]) best = Math.min(best, 1 + cost[i + 1]![j + 1]!);
      }
      if (i < n) best = Math.min(best, (patterns[i]!.optional ? 0 : 2) + cost[i + 1]![j]!);
      if (j < m) best = Math.min(best, 2 + cost[i]![j + 1]!);
      cost[i]![j] = best;
    }
  }
  const lines: LineAttribution[] = [];
  const extraAt: Array<{ actual: string; before: number }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const here = cost[i]![j]!;
    if (i < n && j < m && wildcard(patterns[i]!.text, actual[j]!) && here === cost[i + 1]![j + 1]!) {
      lines.push({ expected: expected[i]!.line, status: 'match', actual: actual[j]!, aspects: [], charged: [] });
      i++;
      j++;
    } else if (i < n && j < m && patterns[i]!.kind === kinds[j] && here === 1 + cost[i + 1]![j + 1]!) {
      const aspects = differingAspects(patterns[i]!.text, actual[j]!);
      lines.push({ expected: expected[i]!.line, status: 'differs', actual: actual[j]!, aspects, charged: chargedFor(expected[i]!.clauses, aspects) });
      i++;
      j++;
    } else if (i < n && here === (patterns[i]!.optional ? 0 : 2) + cost[i + 1]![j]!) {
      const optional = patterns[i]!.optional;
      lines.push({
        expected: expected[i]!.line,
        status: optional ? 'absent-optional' : 'missing',
        aspects: optional ? [] : ['presence'],
        charged: optional ? [] : chargedFor(expected[i]!.clauses, ['presence']),
      });
      i++;
    } else {
      extraAt.push({ actual: actual[j]!, before: i });
      j++;
    }
  }
  // Extra lines are what happened instead of the missing or differing ones, which carry the charge;
  // alone, they are charged to the clauses that require lines of their kind, else they stay unplaced.
  const blamed = lines.some((line) => line.status === 'missing' || line.status === 'differs');
  const extra = extraAt.map(({ actual: line }) => {
    if (blamed) return { actual: line, charged: [] };
    const kind = parseLine(line).kind;
    const sameKind = expected.filter((candidate) => parseLine(candidate.line).kind === kind).flatMap((candidate) => chargedFor(candidate.clauses, ['presence']));
    return { actual: line, charged: [...new Set(sameKind)] };
  });
  const unplaced = extra.filter((line) => line.charged.length === 0 && !blamed).map((line) => line.actual);
  const charged = [...new Set([...lines.flatMap((line) => line.charged), ...extra.flatMap((line) => line.charged)])].sort();
  return { lines, extra, unplaced, charged };
}
