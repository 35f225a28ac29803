/**
 * Timing for the benchmarks: each case runs for a fixed time after a
 * warm-up, the implementations alternate, and the best of the rounds is
 * kept (the least disturbed by the rest of the machine).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface Measured {
  /** Operations per second. */
  opsPerSecond: number;
  /** Payload bytes per second. */
  bytesPerSecond: number;
}

/** Runs `batch` (which performs `opsPerBatch` operations of `bytesPerOp` bytes) for `ms` milliseconds. */
export function measureSync(batch: () => void, opsPerBatch: number, bytesPerOp: number, ms: number): Measured {
  const warmUntil = performance.now() + ms / 4;
  while (performance.now() < warmUntil) batch();
  let batches = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    batch();
    batches++;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  const ops = (batches * opsPerBatch) / seconds;
  return { opsPerSecond: ops, bytesPerSecond: ops * bytesPerOp };
}

/** Best of `rounds` alternating runs of each candidate. */
export async function compare<K extends string>(
  rounds: number,
  candidates: Record<K, () => Measured | Promise<Measured>>,
): Promise<Record<K, Measured>> {
  const best = {} as Record<K, Measured>;
  for (let round = 0; round < rounds; round++) {
    const order = Object.keys(candidates) as K[];
    if (round % 2 === 1) order.reverse();
    for (const name of order) {
      const result = await candidates[name]();
      if (best[name] === undefined || result.opsPerSecond > best[name].opsPerSecond) best[name] = result;
    }
  }
  return best;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

const rate = (bytesPerSecond: number) => `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MiB/s`;
const ops = (opsPerSecond: number) =>
  opsPerSecond >= 1e6 ? `${(opsPerSecond / 1e6).toFixed(2)} M/s` : opsPerSecond >= 1e3 ? `${(opsPerSecond / 1e3).toFixed(1)} k/s` : `${opsPerSecond.toFixed(0)} /s`;

export interface Row {
  name: string;
  size: number;
  ours: Measured;
  ws: Measured;
}

/** Prints a Markdown table: throughput of each and the ratio ours / ws. */
export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log('| case | size | wsspec | ws | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const ratio = row.ours.opsPerSecond / row.ws.opsPerSecond;
    console.log(
      `| ${row.name} | ${formatBytes(row.size)} | ${rate(row.ours.bytesPerSecond)} (${ops(row.ours.opsPerSecond)}) | ${rate(row.ws.bytesPerSecond)} (${ops(row.ws.opsPerSecond)}) | ${ratio.toFixed(2)} |`,
    );
  }
}

/** One case measured for several candidates (e.g. wsspec, ws without and with its native add-ons). */
export interface MultiRow {
  name: string;
  size: number;
  results: Record<string, Measured>;
}

/**
 * Prints a Markdown table: the throughput of each candidate and the ratio
 * of `subject` to each other candidate (above 1: the subject is faster).
 */
export function printMultiTable(title: string, subject: string, rows: MultiRow[]): void {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.results)))];
  const others = names.filter((name) => name !== subject);
  console.log(`\n${title}\n`);
  console.log(`| case | size | ${names.join(' | ')} | ${others.map((name) => `${subject} / ${name}`).join(' | ')} |`);
  console.log(`|---|---:|${names.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`);
  for (const row of rows) {
    const cells = names.map((name) => {
      const m = row.results[name];
      return m === undefined ? '–' : `${rate(m.bytesPerSecond)} (${ops(m.opsPerSecond)})`;
    });
    const ours = row.results[subject];
    const ratios = others.map((name) => {
      const m = row.results[name];
      return ours === undefined || m === undefined ? '–' : (ours.opsPerSecond / m.opsPerSecond).toFixed(2);
    });
    console.log(`| ${row.name} | ${formatBytes(row.size)} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
}

/**
 * ws loads `bufferutil` (masking) and `utf-8-validate` when they are
 * installed, unless WS_NO_BUFFER_UTIL / WS_NO_UTF_8_VALIDATE are set when
 * it is first imported: each variant needs a process of its own.
 */
export const WS_VARIANTS = {
  'ws (JS)': { WS_NO_BUFFER_UTIL: '1', WS_NO_UTF_8_VALIDATE: '1' },
  'ws (native)': {},
} as const;
export type WsVariant = keyof typeof WS_VARIANTS;

/** The environment of a child process that measures `variant`. */
export function variantEnv(variant: WsVariant): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_WS_VARIANT: variant };
  delete env['WS_NO_BUFFER_UTIL'];
  delete env['WS_NO_UTF_8_VALIDATE'];
  return { ...env, ...WS_VARIANTS[variant] };
}

/**
 * What ws, as imported in this process, validates UTF-8 and masks with. On
 * Node ≥ 18.14 it prefers node:buffer's native `isUtf8` to utf-8-validate,
 * so WS_NO_UTF_8_VALIDATE changes nothing there; only masking differs.
 */
export async function wsNativeParts(): Promise<string> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  // ws's package exports hide lib/: load the file by path (the same module instance ws uses).
  const { dirname, join } = await import('node:path');
  const bufferUtil = require(join(dirname(require.resolve('ws')), 'lib', 'buffer-util.js')) as { mask: { toString(): string } };
  const { isUtf8 } = require('node:buffer') as { isUtf8?: unknown };
  const masking = bufferUtil.mask.toString().includes('bufferUtil.mask') ? 'bufferutil (C, SIMD)' : 'JavaScript';
  const utf8 = typeof isUtf8 === 'function' ? "node:buffer's isUtf8 (C++, simdutf)" : 'JavaScript or utf-8-validate';
  return `masking: ${masking}; UTF-8: ${utf8}`;
}

/** The last line of a child's output that parses as JSON. */
export function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('{') || line.startsWith('[')) return JSON.parse(line) as T;
  }
  throw new Error(`no JSON in child output:\n${stdout}`);
}

/**
 * Keeps `inFlight` copies of `payload` going for `ms` milliseconds (after a
 * warm-up of a quarter of that) and counts the echoes.
 */
export function pumpEchoes(
  send: (payload: Uint8Array) => void,
  onEcho: (listener: () => void) => () => void,
  payload: Uint8Array,
  options: { ms: number; inFlight: number },
): Promise<Measured> {
  const size = payload.length;
  return new Promise((resolve) => {
    let inFlight = 0;
    let echoes = 0;
    let start = 0;
    let warm = true;
    const warmUntil = performance.now() + options.ms / 4;
    const stop = onEcho(() => {
      inFlight--;
      const now = performance.now();
      if (warm && now >= warmUntil) {
        warm = false;
        start = now;
        echoes = 0;
      } else if (!warm) {
        echoes++;
      }
      if (!warm && now - start >= options.ms) {
        if (inFlight === 0) {
          stop();
          const seconds = (now - start) / 1000;
          resolve({ opsPerSecond: echoes / seconds, bytesPerSecond: (echoes * size) / seconds });
        }
        return;
      }
      send(payload);
      inFlight++;
    });
    for (let i = 0; i < options.inFlight; i++) {
      send(payload);
      inFlight++;
    }
  });
}

/** A WebSocket client as the echo benchmarks drive it: ws's and ours are both EventEmitters with this surface. */
export interface EchoClient {
  send(payload: Uint8Array): void;
  on(event: 'message', listener: () => void): unknown;
  off(event: 'message', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  close(): void;
}

/** `pumpEchoes` through an open client, which is then closed (resolves once it has). */
export async function pumpClient(ws: EchoClient, payload: Uint8Array, options: { ms: number; inFlight: number }): Promise<Measured> {
  const result = await pumpEchoes(
    (bytes) => ws.send(bytes),
    (listener) => {
      ws.on('message', listener);
      return () => ws.off('message', listener);
    },
    payload,
    options,
  );
  ws.close();
  await new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return result;
}

/**
 * Runs `node <script> --serve <which>` (a benchmark's own server, in a
 * process of its own so that client and server do not share an event loop)
 * and resolves with the URL it prints first.
 */
export function startServer(script: string, which: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [script, '--serve', which], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, url: chunk.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
  });
}
