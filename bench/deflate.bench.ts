/**
 * permessage-deflate (RFC 7692) echo round trips over loopback: wsspec's
 * server and client against ws's `perMessageDeflate`, both sides with
 * context takeover and their default threshold (1 KiB), 16 messages in
 * flight, messages of 1 KiB, 16 KiB, 64 KiB and 1 MiB of JSON-like text
 * (compressible, not trivially). ws runs with its native add-ons; zlib does
 * the compressing for both.
 *
 * The designs differ: ws inflates and deflates through zlib's asynchronous
 * streams (work on libuv's thread pool, one context per connection), ours
 * synchronously with a fresh zlib context per message and the LZ77 window
 * passed as a dictionary (src/node/deflate.ts explains why).
 *
 * `node bench/deflate.bench.ts --serve wsspec|ws` runs one of the servers.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket, { WebSocketServer } from 'ws';
import { clientDeflate, serverDeflate } from '../src/node/deflate.ts';
import { listen, open } from '../src/node/index.ts';
import { compare, printMultiTable, pumpClient, startServer } from './harness.ts';
import type { Measured, MultiRow } from './harness.ts';

const SIZES = [1024, 16 * 1024, 64 * 1024, 1024 * 1024];
const IN_FLIGHT = 16;
const MS = Number(process.env['BENCH_MS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SELF = fileURLToPath(import.meta.url);

const { values } = parseArgs({ options: { serve: { type: 'string' } } });
if (values.serve !== undefined) await serve(values.serve);
else await main();

/** JSON-like records with varying numbers: compresses about 5:1 with zlib's default level. */
function payloadOf(size: number): Uint8Array {
  let text = '';
  for (let i = 0; text.length < size; i++) text += `{"id":${i},"name":"item-${(i * 7919) % 1000}","price":${((i * 31) % 997) / 10},"tags":["a","b${i % 13}"]},`;
  return new TextEncoder().encode(text.slice(0, size));
}

async function serve(which: string): Promise<void> {
  if (which === 'wsspec') {
    const server = await listen({ port: 0, host: '127.0.0.1', ...serverDeflate() });
    server.wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
    console.log(server.url);
  } else {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
    console.log(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
  }
}

async function withWsClient(url: string, size: number): Promise<Measured> {
  const ws = new WebSocket(url, { perMessageDeflate: true });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (ws.extensions !== 'permessage-deflate') throw new Error(`${url} did not accept permessage-deflate`);
  return pumpClient(ws, payloadOf(size), { ms: MS, inFlight: IN_FLIGHT });
}

async function withOurClient(url: string, size: number): Promise<Measured> {
  const ws = await open(url, clientDeflate());
  if (ws.extensions === null || !ws.extensions.startsWith('permessage-deflate')) throw new Error(`${url} did not accept permessage-deflate`);
  return pumpClient(ws, payloadOf(size), { ms: MS, inFlight: IN_FLIGHT });
}

async function main(): Promise<void> {
  const ours = await startServer(SELF, 'wsspec');
  const theirs = await startServer(SELF, 'ws');
  try {
    const servers: MultiRow[] = [];
    const clients: MultiRow[] = [];
    for (const size of SIZES) {
      servers.push({
        name: 'deflate echo server',
        size,
        results: await compare(ROUNDS, { wsspec: () => withWsClient(ours.url, size), ws: () => withWsClient(theirs.url, size) }),
      });
      clients.push({
        name: 'deflate echo client',
        size,
        results: await compare(ROUNDS, { wsspec: () => withOurClient(theirs.url, size), ws: () => withWsClient(theirs.url, size) }),
      });
    }
    const ratio = payloadOf(64 * 1024).length / (await import('node:zlib')).deflateRawSync(payloadOf(64 * 1024)).length;
    console.log(`permessage-deflate echo over loopback: ${process.version}, ${IN_FLIGHT} in flight, best of ${ROUNDS} × ${MS} ms; payload compresses ${ratio.toFixed(1)}:1`);
    printMultiTable('Servers (the same ws client, perMessageDeflate on, against each; MiB/s of uncompressed payload)', 'wsspec', servers);
    printMultiTable('Clients (each against the same ws server, perMessageDeflate on)', 'wsspec', clients);
  } finally {
    ours.child.kill();
    theirs.child.kill();
  }
}
