#!/usr/bin/env node
// The `wsspec` command (package.json "bin"). Plain JavaScript, so that any
// Node ≥ 20 can start it; it picks how to run the command line:
//
// 1. In a clone of wsspec (src/cli/wsspec.ts is here): the TypeScript
//    source, so the command always matches the code and reads the synced
//    spec sources. In this process when Node strips types (Node ≥ 22.18 /
//    23.6, e.g. the clone's Node 24), else with the clone's own Node 24
//    (node_modules/.bin/node).
// 2. Without the sources (or a Node that cannot run them, and no clone
//    Node): the bundle cli/wsspec.mjs with cli/corpus.json beside it,
//    written by `npm run cli:build`. The published package is cli/ itself
//    (its own package.json, bin wsspec.mjs, Node >= 20): `npm run cli:pack`.
//
// Anything else gets a message saying what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url);
const source = fileURLToPath(new URL('src/cli/wsspec.ts', root));
const bundled = fileURLToPath(new URL('cli/wsspec.mjs', root));
const args = process.argv.slice(2);

async function runModule(path) {
  const cli = await import(pathToFileURL(path).href);
  await cli.run(args);
}

if (existsSync(source)) {
  if (typeof process.features?.typescript === 'string') {
    await runModule(source);
  } else {
    const node24 = ['node_modules/.bin/node', 'node_modules/node/bin/node']
      .map((path) => fileURLToPath(new URL(path, root)))
      .find((path) => existsSync(path));
    if (node24) {
      const result = spawnSync(node24, [source, ...args], { stdio: 'inherit' });
      process.exitCode = result.status ?? 2;
    } else if (existsSync(bundled)) {
      await runModule(bundled);
    } else {
      process.stderr.write(
        `wsspec: this Node (${process.version}) cannot run TypeScript. Run \`npm ci\` in ${fileURLToPath(root)} ` +
          '(it installs Node 24), or `npm run cli:build` for a bundle any Node ≥ 20 runs.\n',
      );
      process.exitCode = 2;
    }
  }
} else if (existsSync(bundled)) {
  await runModule(bundled);
} else {
  process.stderr.write(`wsspec: ${bundled} is missing; this package was packed without \`npm run cli:build\`.\n`);
  process.exitCode = 2;
}
