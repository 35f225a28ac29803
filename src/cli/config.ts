/**
 * Project settings for `wsspec check`, from `wsspec.config.json` or the
 * `wsspec` key of `package.json` in the working directory (the first found),
 * and the baseline file of accepted findings.
 *
 *   {
 *     "include": ["src/", "docs/"],          globs of files to check
 *     "exclude": ["vendor/", "*.min.js"],    globs of files to leave out
 *     "warningsAsErrors": true,              exit 1 on warnings too
 *     "baseline": "wsspec.baseline.json",    findings accepted for now
 *     "maxBytes": 1048576,                   largest file read
 *     "minified": false                      read minified files too
 *   }
 *
 * The baseline lets a project adopt the check without fixing its history:
 * `wsspec check --write-baseline wsspec.baseline.json` records today's
 * problems; later runs report them as accepted (not counted, exit code
 * unaffected) and fail only on new ones. A finding is keyed by file, kind,
 * the reference as written and the message, not by line, so that edits
 * above it do not revive it; each entry may carry a `reason`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckReport } from './check.ts';
import { UsageError } from './corpus.ts';

export interface CheckConfig {
  include?: string[];
  exclude?: string[];
  warningsAsErrors?: boolean;
  baseline?: string;
  maxBytes?: number;
  minified?: boolean;
  /** Where it was read from. */
  origin?: string;
}

const KEYS = new Set(['include', 'exclude', 'warningsAsErrors', 'baseline', 'maxBytes', 'minified']);

function validate(data: unknown, origin: string): CheckConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${origin}: the settings must be an object`);
  const config: CheckConfig = { origin };
  for (const [key, value] of Object.entries(data)) {
    if (!KEYS.has(key)) throw new UsageError(`${origin}: unknown setting "${key}" (known: ${[...KEYS].join(', ')})`);
    if (key === 'include' || key === 'exclude') {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new UsageError(`${origin}: "${key}" must be a list of globs`);
      config[key] = value;
    } else if (key === 'warningsAsErrors' || key === 'minified') {
      if (typeof value !== 'boolean') throw new UsageError(`${origin}: "${key}" must be true or false`);
      config[key] = value;
    } else if (key === 'baseline') {
      if (typeof value !== 'string') throw new UsageError(`${origin}: "baseline" must be a file name`);
      config.baseline = value;
    } else if (key === 'maxBytes') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new UsageError(`${origin}: "maxBytes" must be a positive integer`);
      config.maxBytes = value;
    }
  }
  return config;
}

/** The settings of the project at `cwd` (or of the file `explicit`), or an empty set. */
export function loadConfig(cwd: string, explicit?: string): CheckConfig {
  const read = (path: string): unknown => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`${path}: ${(error as Error).message}`);
    }
  };
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new UsageError(`no config file at ${explicit}`);
    return validate(read(path), explicit);
  }
  const own = join(cwd, 'wsspec.config.json');
  if (existsSync(own)) return validate(read(own), 'wsspec.config.json');
  const pkg = join(cwd, 'package.json');
  if (existsSync(pkg)) {
    const data = read(pkg) as { wsspec?: unknown } | null;
    if (data && typeof data === 'object' && 'wsspec' in data) return validate(data.wsspec, 'package.json#wsspec');
  }
  return {};
}

export const BASELINE_FORMAT = 'wsspec-baseline/1';

export interface BaselineEntry {
  file: string;
  /** `reference` or `quote`. */
  kind: 'reference' | 'quote';
  /** The reference as written. */
  reference: string;
  /** For a quote: its text. */
  quote?: string;
  message: string;
  /** Why it is accepted (for the reader of the baseline; optional). */
  reason?: string;
}

function key(entry: Omit<BaselineEntry, 'reason'>): string {
  return JSON.stringify([entry.file, entry.kind, entry.reference, entry.quote ?? '', entry.message]);
}

/** The problems of a report as baseline entries. */
export function baselineOf(report: CheckReport): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  for (const reference of report.references) {
    if (reference.severity !== 'info') entries.push({ file: reference.file, kind: 'reference', reference: reference.text, message: reference.message });
    for (const quote of reference.quotes) {
      if (quote.severity !== 'info') entries.push({ file: reference.file, kind: 'quote', reference: reference.text, quote: quote.text, message: quote.message });
    }
  }
  return entries;
}

export function writeBaseline(path: string, report: CheckReport): number {
  const findings = baselineOf(report);
  writeFileSync(path, `${JSON.stringify({ format: BASELINE_FORMAT, findings }, null, 2)}\n`);
  return findings.length;
}

export function readBaseline(path: string): BaselineEntry[] {
  let data: { format?: unknown; findings?: unknown };
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as typeof data;
  } catch (error) {
    throw new UsageError(`baseline ${path}: ${(error as Error).message}`);
  }
  if (data.format !== BASELINE_FORMAT || !Array.isArray(data.findings)) throw new UsageError(`baseline ${path}: not a ${BASELINE_FORMAT} file`);
  return data.findings as BaselineEntry[];
}

/** Marks the report's problems that the baseline accepts: severity info, `baselined`. Returns how many. */
export function applyBaseline(report: CheckReport, entries: readonly BaselineEntry[]): number {
  const accepted = new Set(entries.map(key));
  let count = 0;
  for (const reference of report.references) {
    if (reference.severity !== 'info' && accepted.has(key({ file: reference.file, kind: 'reference', reference: reference.text, message: reference.message }))) {
      reference.severity = 'info';
      reference.baselined = true;
      count++;
    }
    for (const quote of reference.quotes) {
      if (quote.severity === 'info') continue;
      if (accepted.has(key({ file: reference.file, kind: 'quote', reference: reference.text, quote: quote.text, message: quote.message }))) {
        quote.severity = 'info';
        quote.baselined = true;
        count++;
      }
    }
  }
  return count;
}
