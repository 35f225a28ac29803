#!/usr/bin/env node
// Some npm registry mirrors serve only the platform packages of the machine
// they serve (e.g. @astrojs/compiler-binding-linux-x64-gnu but not its
// darwin or win32 siblings). `npm install` then writes a package-lock.json
// without the other platforms' optional packages, and `npm ci` refuses it
// ("Missing: … from lock file"). This adds an entry for each missing
// optional package, with the os/cpu/libc its name states, so that `npm ci`
// accepts the lockfile and skips them on every other platform, as it would
// with a lockfile written against the full registry.
//
//   node .ci/complete-lockfile.mjs          (after npm install; idempotent)
//   node .ci/complete-lockfile.mjs --check  (exit 1 if an entry is missing)
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = [
  [/android/, { os: ['android'] }],
  [/darwin/, { os: ['darwin'] }],
  [/freebsd/, { os: ['freebsd'] }],
  [/win32|windows/, { os: ['win32'] }],
  [/linux/, { os: ['linux'] }],
  [/wasm32/, { cpu: ['wasm32'] }],
  [/arm64|aarch64/, { cpu: ['arm64'] }],
  [/x64|x86_64/, { cpu: ['x64'] }],
  [/ia32/, { cpu: ['ia32'] }],
  [/gnu/, { libc: ['glibc'] }],
  [/musl/, { libc: ['musl'] }],
];

function platformOf(name) {
  const fields = {};
  for (const [pattern, value] of PLATFORM) if (pattern.test(name.split('/').pop())) Object.assign(fields, value);
  return fields;
}

const check = process.argv.includes('--check');
const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const missing = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${location}/node_modules/${name}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform package: leave it to npm
    missing.push(name);
    if (!check) lock.packages[key] = { version, dev: entry.dev, optional: true, ...platform };
  }
}
if (check) {
  if (missing.length > 0) {
    console.error(`package-lock.json lacks ${missing.length} optional platform package(s): ${missing.join(', ')}\nRun: node .ci/complete-lockfile.mjs`);
    process.exit(1);
  }
  console.log('package-lock.json lists every optional platform package');
} else {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
  console.log(missing.length ? `added ${missing.length} entries: ${missing.join(', ')}` : 'nothing to add');
}
