/**
 * Test helpers: run the `wsspec` command line in-process with captured
 * output, and a corpus bundle file built once per test file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/wsspec.ts';
import { buildCorpusBundle, loadCorpora, writeCorpusBundle, type CorpusBundle } from '../../src/trace/corpus-bundle.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function wsspec(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

let bundled: Promise<{ path: string; bundle: CorpusBundle }> | null = null;

/**
 * A corpus bundle JSON written to a temporary directory (as `npm run
 * cli:build` writes cli/corpus.json); `removeCorpusFile` cleans up.
 */
export function corpusFile(): Promise<{ path: string; bundle: CorpusBundle }> {
  bundled ??= (async () => {
    const bundle = await buildCorpusBundle(await loadCorpora());
    const path = join(await mkdtemp(join(tmpdir(), 'wsspec-corpus-')), 'corpus.json');
    await writeCorpusBundle(path, bundle);
    return { path, bundle };
  })();
  return bundled;
}

export async function removeCorpusFile(): Promise<void> {
  if (!bundled) return;
  const { path } = await bundled;
  await rm(dirname(path), { recursive: true, force: true });
  bundled = null;
}
