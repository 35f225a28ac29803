/**
 * The examples' runner.
 *
 *   npm run example                       lists the examples, one line each
 *   npm run example <name>                runs one
 *   npm run example <name> -- <options>   runs one with options (e.g. --serve)
 *
 * Each example is `examples/<name>/index.ts`, run with this Node; its header
 * comment says what it shows, its options and the clauses it illustrates.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exampleNames, examplesDir, readHeader } from './_lib/header.ts';

function list(): string {
  const names = exampleNames();
  const width = Math.max(...names.map((name) => name.length));
  return [
    'Examples (npm run example <name>, options after --):',
    '',
    ...names.map((name) => `  ${name.padEnd(width)}  ${readHeader(name).summary}`),
  ].join('\n');
}

const [name, ...rest] = process.argv.slice(2);
const args = rest[0] === '--' ? rest.slice(1) : rest;

if (name === undefined || name === '--help' || name === '-h') {
  console.log(list());
  process.exit(0);
}
if (!exampleNames().includes(name)) {
  console.error(`No example named "${name}".\n`);
  console.error(list());
  process.exit(2);
}

const child = spawn(process.execPath, [join(examplesDir(), name, 'index.ts'), ...args], { stdio: 'inherit' });
// Ctrl-C reaches the child too (same process group); wait for it to finish.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + 1)));
