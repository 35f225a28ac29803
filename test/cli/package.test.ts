/**
 * The packed command line, installed as a user installs it, on the Node
 * versions its manifest promises: `npm run cli:build` writes cli/ (the
 * bundle, the corpus, and a package.json with `engines: node >= 20`),
 * `npm pack ./cli` packs it, and `npm install <tarball>` in another project
 * installs it, on Node 20 (the system's) and Node 24 (the repository's).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI_ENGINES } from '../../src/cli/build.ts';

const work = mkdtempSync(join(tmpdir(), 'wsspec-pack-'));
let tarball = '';

/** Node binaries to test on: the system's (20, when present) and this one (24). */
function nodeOf(major: number): string | null {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', process.execPath]) {
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (run.status === 0 && run.stdout.startsWith(`v${major}.`)) return candidate;
  }
  return null;
}

const NODES = [20, 24].map((major) => ({ major, node: nodeOf(major) }));

/** An environment whose `node` (and so npm and the bin's `#!/usr/bin/env node`) is `node`. */
function envFor(node: string): NodeJS.ProcessEnv {
  return { PATH: `${dirname(node)}:/usr/bin:/bin`, HOME: work, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
}

beforeAll(async () => {
  const { script } = await buildCli(join(work, 'cli'));
  expect(readFileSync(script, 'utf8')).not.toMatch(/parse5|loadRfc6455/);
  const name = execFileSync('npm', ['pack', join(work, 'cli'), '--pack-destination', work, '--silent'], {
    cwd: work,
    env: envFor(process.execPath),
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
  tarball = join(work, name);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed command line', () => {
  it('states the Node versions its bundle runs on', () => {
    const manifest = JSON.parse(readFileSync(join(work, 'cli/package.json'), 'utf8')) as { engines: unknown; bin: unknown; dependencies?: unknown };
    expect(manifest.engines).toEqual(CLI_ENGINES);
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.bin).toEqual({ wsspec: 'wsspec.mjs' });
    expect(manifest.dependencies).toBeUndefined();
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(listing).toEqual(['package/README.md', 'package/corpus.json', 'package/package.json', 'package/wsspec.mjs']);
  });

  for (const { major, node } of NODES) {
    it.skipIf(node === null)(`installs without an engine warning and runs on Node ${major}`, () => {
      const consumer = join(work, `consumer-${major}`);
      mkdirSync(consumer, { recursive: true });
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: `consumer-${major}`, private: true }));
      const install = spawnSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline'], { cwd: consumer, env: envFor(node!), encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      expect(install.stderr).not.toMatch(/EBADENGINE|Unsupported engine/);
      const bin = join(consumer, 'node_modules/.bin/wsspec');
      const cite = spawnSync(bin, ['cite', '5.5.1-2', '--markdown'], { cwd: consumer, env: envFor(node!), encoding: 'utf8' });
      expect(cite.status, cite.stderr).toBe(0);
      expect(cite.stdout).toMatch(/^\[RFC 6455 §5\.5\.1 ¶2\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc6455\.html#section-5\.5\.1\)\n\n> /);
      writeFileSync(join(consumer, 'frames.js'), '// RFC 6455 §5.9 is not a section\n// RFC6455#5.5.1 is\n');
      const check = spawnSync(bin, ['check', 'frames.js', '--format', 'github'], { cwd: consumer, env: envFor(node!), encoding: 'utf8' });
      expect(check.status).toBe(1);
      expect(check.stdout).toMatch(/^::error file=frames\.js,line=1,col=4,/);
      expect(check.stdout).toContain('1 resolved');
      const version = spawnSync(node!, ['-e', 'process.stdout.write(process.version)'], { encoding: 'utf8' });
      expect(version.stdout).toMatch(new RegExp(`^v${major}\\.`));
    }, 120_000);
  }
});

/**
 * The GitHub Action (action.yml) run step by step as the runner would: its
 * `${{ … }}` expressions filled in, a fake GITHUB_* environment, a workspace
 * that is a pull request (a branch ahead of origin/main), and the packed
 * command line given as the `package` input (the default packs it from the
 * action's source, which needs the network for `npm ci`).
 */
describe('the GitHub Action', () => {
  interface Step {
    id?: string;
    name: string;
    run: string;
    env?: Record<string, string>;
    'working-directory'?: string;
  }

  it('annotates the lines a pull request changes, writes the job summary and sets its output', async () => {
    const { parse } = await import('yaml');
    const repo = dirname(dirname(dirname(new URL(import.meta.url).pathname)));
    const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
      runs: { using: string; steps: Step[] };
    };
    expect(action.runs.using).toBe('composite');

    // A pull request: main has one file; the branch changes it and adds another.
    const origin = join(work, 'origin.git');
    const workspace = join(work, 'workspace');
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
    mkdirSync(workspace, { recursive: true });
    git(work, 'init', '-q', '--bare', origin);
    git(workspace, 'init', '-q');
    writeFileSync(join(workspace, 'close.c'), '// RFC 6455 §5.9 (an old mistake, not in this pull request)\nint a;\n');
    git(workspace, 'add', '.');
    git(workspace, 'commit', '-qm', 'main');
    git(workspace, 'remote', 'add', 'origin', origin);
    git(workspace, 'push', '-q', 'origin', 'HEAD:main');
    git(workspace, 'checkout', '-qb', 'feature');
    writeFileSync(join(workspace, 'close.c'), '// RFC 6455 §5.9 (an old mistake, not in this pull request)\nint a;\n// RFC 6455 §7.9, new and wrong\n');
    writeFileSync(join(workspace, 'ping.c'), '// RFC 6455 §5.5.2, new and right\n');
    git(workspace, 'add', '.');
    git(workspace, 'commit', '-qm', 'feature');

    const temp = join(work, 'runner-temp');
    mkdirSync(temp, { recursive: true });
    const output = join(temp, 'github-output');
    const summary = join(temp, 'step-summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const inputs: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(input.default)])), package: tarball };
    const outputs: Record<string, Record<string, string>> = {};
    const expression = (text: string): string =>
      text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
        if (path.startsWith('inputs.')) return inputs[path.slice('inputs.'.length)] ?? '';
        if (path === 'github.action_path') return repo;
        if (path === 'github.workspace') return workspace;
        if (path === 'runner.temp') return temp;
        const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(path);
        if (step) return outputs[step[1]!]?.[step[2]!] ?? '';
        throw new Error(`unknown expression ${path}`);
      });
    const node = NODES.find((candidate) => candidate.major === 20)?.node ?? process.execPath;
    const results: { code: number | null; stdout: string; stderr: string }[] = [];
    for (const step of action.runs.steps) {
      writeFileSync(output, '');
      const env = {
        ...envFor(node),
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_BASE_REF: 'main',
        GITHUB_HEAD_REF: 'feature',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: temp,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expression(String(value))])),
      };
      const cwd = step['working-directory'] ? expression(step['working-directory']) : workspace;
      // As the runner runs a composite step's `shell: bash`.
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env, encoding: 'utf8' });
      results.push({ code: run.status, stdout: run.stdout, stderr: run.stderr });
      if (step.id) {
        outputs[step.id] = Object.fromEntries(
          readFileSync(output, 'utf8')
            .split('\n')
            .filter((line) => line.includes('='))
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        );
      }
      if (run.status !== 0 && step.id !== 'check') throw new Error(`step "${step.name}" failed: ${run.stderr}`);
    }
    const check = results.at(-1)!;
    expect(check.code, check.stderr).toBe(1);
    const annotations = check.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=close\.c,line=3,col=4,title=wsspec%3A RFC 6455 §7\.9::RFC 6455 has no §7\.9/);
    expect(outputs['check']).toEqual({ 'exit-code': '1' });
    expect(readFileSync(summary, 'utf8')).toMatch(/^## ❌ wsspec check\n/);
  }, 120_000);
});
