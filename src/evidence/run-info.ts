/**
 * Facts about the test run whose results the site embeds: when it ran, on
 * which commit (and whether the tree had uncommitted changes), on which Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../corpus/sources/paths.ts';

export const EVIDENCE_DIR = join(REPO_ROOT, '.cache', 'evidence');
export const RUN_INFO_FILE = join(EVIDENCE_DIR, 'run.json');
export const VITEST_RESULTS_FILE = join(EVIDENCE_DIR, 'vitest-results.json');

export interface RunInfo {
  /** ISO timestamp of the start of the run. */
  startedAt: string;
  /** Commit the run tested, or null outside a git checkout. */
  commit: string | null;
  /** True when the working tree differed from that commit. */
  dirty: boolean;
  node: string;
  platform: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function currentRunInfo(): RunInfo {
  const commit = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    startedAt: new Date().toISOString(),
    commit,
    dirty: commit !== null && status !== null && status !== '',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export async function writeRunInfo(info: RunInfo = currentRunInfo()): Promise<void> {
  await mkdir(dirname(RUN_INFO_FILE), { recursive: true });
  await writeFile(RUN_INFO_FILE, JSON.stringify(info, null, 2) + '\n');
}

export async function readRunInfo(): Promise<RunInfo | null> {
  try {
    return JSON.parse(await readFile(RUN_INFO_FILE, 'utf8')) as RunInfo;
  } catch {
    return null;
  }
}
