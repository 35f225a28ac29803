/**
 * Echo round trips over loopback, binary messages of 16 B, 1 KiB, 64 KiB
 * and 1 MiB, 16 in flight:
 *   - servers: wsspec's against ws's, the same ws client driving both, and
 *     a raw `node:net` echo (the same bytes, no WebSocket at all: the
 *     ceiling for a Node server on this machine);
 *   - clients: wsspec's against ws's, against the same ws server.
 * ws is measured without its native add-ons and with them (bufferutil),
 * each variant in a child process of its own (the add-ons are chosen when
 * ws is first imported); every server runs in a process of its own too, so
 * that client and server do not share an event loop.
 *
 * `node bench/echo.bench.ts --serve wsspec|ws|net` runs one of the servers.
 */
import { spawnSync } from 'node:child_process';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listen, open } from '../src/node/index.ts';
import { compare, lastJson, printMultiTable, pumpClient, pumpEchoes, startServer, variantEnv, WS_VARIANTS, wsNativeParts } from './harness.ts';
import type { Measured, MultiRow, WsVariant } from './harness.ts';

const SIZES = [16, 1024, 64 * 1024, 1024 * 1024];
const IN_FLIGHT = 16;
const MS = Number(process.env['BENCH_MS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SELF = fileURLToPath(import.meta.url);

const { values } = parseArgs({ options: { serve: { type: 'string' } } });
const variant = process.env['BENCH_WS_VARIANT'] as WsVariant | undefined;

if (values.serve !== undefined) await serve(values.serve);
else if (variant !== undefined) console.log(JSON.stringify(await measure()));
else await main();

async function serve(which: string): Promise<void> {
  if (which === 'wsspec') {
    const server = await listen({ port: 0, host: '127.0.0.1' });
    server.wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
    console.log(server.url);
  } else if (which === 'net') {
    // Every byte back as it came: what a Node server costs before any framing.
    const server = createNetServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    console.log(`tcp://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } else {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
    console.log(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
  }
}

/** `size` bytes of "a": what every client sends. */
function payloadOf(size: number): Uint8Array {
  return new Uint8Array(size).fill(0x61);
}

/** Keeps IN_FLIGHT messages going for MS ms; counts the echoes. */
function pump(send: (payload: Uint8Array) => void, onEcho: (listener: () => void) => () => void, size: number): Promise<Measured> {
  return pumpEchoes(send, onEcho, payloadOf(size), { ms: MS, inFlight: IN_FLIGHT });
}

async function withWsClient(url: string, size: number): Promise<Measured> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return pumpClient(ws, payloadOf(size), { ms: MS, inFlight: IN_FLIGHT });
}

async function withOurClient(url: string, size: number): Promise<Measured> {
  const ws = await open(url);
  return pumpClient(ws, payloadOf(size), { ms: MS, inFlight: IN_FLIGHT });
}

/** The same traffic over a bare TCP connection: `size` bytes out, an echo once `size` bytes are back. */
async function withNetClient(url: string, size: number): Promise<Measured> {
  const { hostname, port } = new URL(url);
  const socket = netConnect(Number(port), hostname);
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let pending = 0;
  const result = await pump(
    (payload) => socket.write(payload),
    (listener) => {
      const onData = (chunk: Buffer) => {
        pending += chunk.length;
        while (pending >= size) {
          pending -= size;
          listener();
        }
      };
      socket.on('data', onData);
      return () => socket.off('data', onData);
    },
    size,
  );
  socket.destroy();
  return result;
}

interface Row {
  name: string;
  size: number;
  results: Record<string, Measured>;
}

/** One variant of ws (this process's): servers and clients. */
async function measure(): Promise<{ parts: string; servers: Row[]; clients: Row[] }> {
  const ours = await startServer(SELF, 'wsspec');
  const theirs = await startServer(SELF, 'ws');
  const net = await startServer(SELF, 'net');
  const name = variant!;
  try {
    const servers: Row[] = [];
    const clients: Row[] = [];
    for (const size of SIZES) {
      const byServer = await compare(ROUNDS, {
        wsspec: () => withWsClient(ours.url, size),
        [name]: () => withWsClient(theirs.url, size),
        'net (raw TCP)': () => withNetClient(net.url, size),
      });
      servers.push({ name: 'echo server', size, results: byServer });
      const byClient = await compare(ROUNDS, {
        wsspec: () => withOurClient(theirs.url, size),
        [name]: () => withWsClient(theirs.url, size),
      });
      clients.push({ name: 'echo client', size, results: byClient });
    }
    return { parts: await wsNativeParts(), servers, clients };
  } finally {
    ours.child.kill();
    theirs.child.kill();
    net.child.kill();
  }
}

/** ws of this variant in `row`; wsspec and the raw TCP echo kept at their best across variants. */
function merge(into: MultiRow[], rows: Row[]): void {
  for (const row of rows) {
    let target = into.find((r) => r.name === row.name && r.size === row.size);
    if (target === undefined) {
      target = { name: row.name, size: row.size, results: {} };
      into.push(target);
    }
    for (const [name, measured] of Object.entries(row.results)) {
      const best = target.results[name];
      if (best === undefined || measured.opsPerSecond > best.opsPerSecond) target.results[name] = measured;
    }
  }
}

async function main(): Promise<void> {
  const servers: MultiRow[] = [];
  const clients: MultiRow[] = [];
  const notes: string[] = [];
  for (const name of Object.keys(WS_VARIANTS) as WsVariant[]) {
    const child = spawnSync(process.execPath, [SELF], { env: variantEnv(name), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`the ${name} child exited with ${child.status ?? child.signal}`);
    const result = lastJson<{ parts: string; servers: Row[]; clients: Row[] }>(child.stdout);
    notes.push(`${name}: ${result.parts}`);
    merge(servers, result.servers);
    merge(clients, result.clients);
  }
  console.log(`Echo over loopback: ${process.version}, ${IN_FLIGHT} messages in flight, best of ${ROUNDS} × ${MS} ms`);
  for (const note of notes) console.log(`  ${note}`);
  printMultiTable('Servers (a ws client of the same variant against each; MiB/s of echoed payload)', 'wsspec', servers);
  printMultiTable('Clients (each against a ws server of the same variant)', 'wsspec', clients);
}
