/**
 * The web-platform-tests `websockets/` suite as test URLs, the way
 * wptserve's manifest names them.
 *
 * The suite is never copied into the repository: it is read at test time
 * from `$WSSPEC_WPT_DIR`, or from `../shared/wpt` beside the repository
 * (the layout CI and the team use), like the spec mirror.
 *
 * wptserve's rules applied here (the suite's README, "What a runner must
 * provide"): `X.any.js` → `X.any.html` (window) and worker wrappers per its
 * `// META: global=`; `X.window.js` → `X.window.html`; `X.worker.js` →
 * `X.worker.html`; an `.html` file that loads testharness.js is a test;
 * every `variant` is a test URL of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WPT_DIR_ENV = 'WSSPEC_WPT_DIR';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the suite is: $WSSPEC_WPT_DIR, else ../shared/wpt beside the repository; null when neither holds it. */
export function wptDir(): string | null {
  const fromEnv = process.env[WPT_DIR_ENV];
  const dir = fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, '../shared/wpt');
  return existsSync(join(dir, 'resources', 'testharness.js')) && existsSync(join(dir, 'websockets')) ? dir : null;
}

/** The global a test runs in (wptserve's wrappers). */
export type Scope = 'window' | 'dedicatedworker' | 'sharedworker' | 'serviceworker';

export interface TestMeta {
  title: string | null;
  /** `timeout=long`: 60 s instead of 10 s. */
  long: boolean;
  /** `// META: script=` in order (as written, relative to the test). */
  scripts: string[];
  globals: Scope[];
  variants: string[];
}

/** One test URL. */
export interface WptTest {
  /** The test URL's path and query, as wpt.fyi names it: `/websockets/Close-1000.any.html?wss`. */
  url: string;
  /** The source file, relative to the suite root: `websockets/Close-1000.any.js`. */
  file: string;
  scope: Scope;
  /** `''`, `?default`, `?wss`, `?wpt_flags=h2`, `?wss&wpt_flags=https`. */
  variant: string;
  meta: TestMeta;
  /** Must be served over https (`.https.` in the name, a service worker, `wpt_flags=https`). */
  https: boolean;
}

const ANY_SCOPES: Record<string, Scope[]> = {
  window: ['window'],
  worker: ['dedicatedworker', 'sharedworker', 'serviceworker'],
  dedicatedworker: ['dedicatedworker'],
  sharedworker: ['sharedworker'],
  serviceworker: ['serviceworker'],
};

/** `// META: key=value` lines at the top of a `.js` test. */
export function parseScriptMeta(source: string): TestMeta {
  const meta: TestMeta = { title: null, long: false, scripts: [], globals: [], variants: [] };
  let globalsNamed = false;
  for (const line of source.split('\n')) {
    const match = /^\/\/\s*META:\s*(\w+)=(.*)$/.exec(line.trim());
    if (match === null) {
      if (line.trim() === '' || line.trim().startsWith('//')) continue;
      break;
    }
    const [, key, raw] = match;
    const value = raw!.trim();
    if (key === 'title') meta.title = value;
    else if (key === 'timeout') meta.long = value === 'long';
    else if (key === 'script') meta.scripts.push(value);
    else if (key === 'variant') meta.variants.push(value);
    else if (key === 'global') {
      globalsNamed = true;
      for (const name of value.split(',')) for (const scope of ANY_SCOPES[name.trim()] ?? []) if (!meta.globals.includes(scope)) meta.globals.push(scope);
    }
  }
  if (!globalsNamed) meta.globals = ['window', 'dedicatedworker'];
  return meta;
}

/** `<title>`, `<meta name=timeout>` and `<meta name=variant>` of an `.html` test. */
export function parseHtmlMeta(source: string): TestMeta {
  const title = /<title>([\s\S]*?)<\/title>/i.exec(source)?.[1]?.trim() ?? null;
  const variants = [...source.matchAll(/<meta\s+name=["']?variant["']?\s+content=["']?([^"'>\s]*)["']?\s*\/?>/gi)].map((m) => m[1]!);
  const long = /<meta\s+name=["']?timeout["']?\s+content=["']?long/i.test(source);
  return { title, long, scripts: [], globals: ['window'], variants };
}

const WRAPPER: Record<Scope, string> = {
  window: '.html',
  dedicatedworker: '.worker.html',
  sharedworker: '.sharedworker.html',
  serviceworker: '.serviceworker.html',
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** Every test URL of the suite's `websockets/` directory, sorted. */
export function listTests(root: string): WptTest[] {
  const tests: WptTest[] = [];
  const files = walk(join(root, 'websockets'))
    .map((path) => relative(root, path).split('\\').join('/'))
    .sort();
  for (const file of files) {
    if (file.includes('/handlers/') || file.includes('/resources/') || file.includes('/support/')) continue;
    const source = readFileSync(join(root, file), 'latin1');
    const add = (url: string, scope: Scope, meta: TestMeta): void => {
      for (const variant of meta.variants.length > 0 ? meta.variants : ['']) {
        const https = file.includes('.https.') || scope === 'serviceworker' || variant.includes('wpt_flags=https');
        tests.push({ url: `/${url}${variant}`, file, scope, variant, meta, https });
      }
    };
    if (file.endsWith('.any.js')) {
      const meta = parseScriptMeta(source);
      const base = file.slice(0, -'.js'.length);
      for (const scope of meta.globals) add(base + WRAPPER[scope], scope, meta);
    } else if (file.endsWith('.window.js')) {
      add(file.slice(0, -'.js'.length) + '.html', 'window', { ...parseScriptMeta(source), globals: ['window'] });
    } else if (file.endsWith('.worker.js')) {
      add(file.slice(0, -'.js'.length) + '.html', 'dedicatedworker', { ...parseScriptMeta(source), globals: ['dedicatedworker'] });
    } else if (file.endsWith('.html') && /\/resources\/testharness\.js/.test(source)) {
      add(file, 'window', parseHtmlMeta(source));
    }
  }
  return tests;
}
