/**
 * The canonical text form of observations (see observation.ts): pure, no
 * Node import, so that the live comparison page renders runs the way the
 * scenario suite compares them.
 */
import type { ObservedEntry } from './driver.ts';

const LOOPBACK_PORT = /127\.0\.0\.1:\d+/g;

/** Every `127.0.0.1:<port>` → `127.0.0.1:PORT`. */
export function normalizePorts(text: string): string {
  return text.replace(LOOPBACK_PORT, '127.0.0.1:PORT');
}

function normalizeValue<T>(value: T): T {
  return (typeof value === 'string' ? normalizePorts(value) : value) as T;
}

/** The entry with every string's ports normalized. */
export function normalizeEntry(entry: ObservedEntry): ObservedEntry {
  switch (entry.type) {
    case 'event':
      return { ...entry, fields: Object.fromEntries(Object.entries(entry.fields).map(([key, value]) => [key, normalizeValue(value)])) };
    case 'value':
      return { ...entry, value: normalizeValue(entry.value) };
    case 'exception':
      return { ...entry, message: normalizePorts(entry.message) };
    case 'timeout':
      return entry;
  }
}

/**
 * Fields recorded but left out of the comparison, each an engine's own
 * addition carrying nothing about the connection:
 * - Chromium's MessageEvent has `userActivation` (null for WebSocket
 *   messages), an addition of its own for postMessage;
 * - Gecko's Event has `originalTarget` and `explicitOriginalTarget` on
 *   every event (the WebSocket here), extensions of Event itself.
 */
export const UNCOMPARED_FIELDS: ReadonlySet<string> = new Set(['userActivation', 'originalTarget', 'explicitOriginalTarget']);

/** The canonical line of one observation. */
export function describeEntry(entry: ObservedEntry): string {
  switch (entry.type) {
    case 'event': {
      const fields = Object.keys(entry.fields)
        .filter((key) => !UNCOMPARED_FIELDS.has(key))
        .sort()
        .map((key) => `${key}=${JSON.stringify(entry.fields[key])}`);
      return [`event ${entry.name} ${entry.eventClass} readyState=${entry.readyState}`, ...fields].join(' ');
    }
    case 'exception':
      return `exception ${entry.op} ${entry.name}`;
    case 'value':
      return `value ${entry.attr} ${JSON.stringify(entry.value)}`;
    case 'timeout':
      return `timeout ${entry.event} ${entry.count}`;
  }
}

export const SERVER_PREFIX = 'server: ';

/** The canonical lines of a run: the script's observations, then what the server received. */
export function canonicalLines(record: { observed: readonly ObservedEntry[]; server: readonly string[] }): string[] {
  return [...record.observed.map(describeEntry), ...record.server.map((line) => SERVER_PREFIX + line)];
}

// ─── Matching expected lines ──────────────────────────────────────────────

/**
 * Whether `actual` matches `expected`, line by line. An expected line may
 * hold `*` (any text) and may start with `?` (optional: present or not).
 */
export function linesMatch(expected: readonly string[], actual: readonly string[]): boolean {
  const patterns = expected.map((line) => {
    const optional = line.startsWith('?');
    const text = optional ? line.slice(1) : line;
    const regex = text.includes('*') ? new RegExp(`^${text.split('*').map(escapeRegExp).join('.*')}$`) : null;
    return { optional, test: (candidate: string) => (regex === null ? candidate === text : regex.test(candidate)) };
  });
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === patterns.length) result = j === actual.length;
    else {
      const pattern = patterns[i]!;
      result = (j < actual.length && pattern.test(actual[j]!) && match(i + 1, j + 1)) || (pattern.optional && match(i + 1, j));
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A readable diff of expected and actual lines, for failure messages. */
export function formatComparison(expected: readonly string[], actual: readonly string[]): string {
  return ['expected:', ...expected.map((line) => `  ${line}`), 'actual:', ...actual.map((line) => `  ${line}`)].join('\n');
}
