/**
 * The attacks of issue 11 §2–§3 against our echo server and ws's, side by
 * side, each server in its own process (so its memory is its own), a
 * fresh one per attack: `node bench/stress.ts [--quick]`. Bounded counts
 * and time; it stops by itself (about 2 minutes, 20 s with --quick;
 * --clients runs only the clients' part).
 *
 * Prints per attack and server: RSS growth (peak during the attack minus
 * before), the Close code the attacker saw and how long after the attack
 * started (or the limit was crossed), and whether the server still
 * serves a fresh connection afterwards. Then our clients (Node adapter,
 * API class) and ws's against a server that answers a wrong
 * Sec-WebSocket-Accept and keeps TCP open: time to close, errors.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket as WsClient } from 'ws';
import { WebSocket as ApiWebSocket } from '../src/api/index.ts';
import { connect } from '../src/node/index.ts';
import { echoNoRead, emptyContinuations, hugeHead, pingFloodNoRead, slowFrame, slowHead, stillServes } from './stress-attacks.ts';

const quick = process.argv.includes('--quick');
const MB = 1024 * 1024;

interface Server {
  child: ChildProcess;
  port: number;
  rss(): Promise<number>;
  crashed: string | null;
}

async function startServer(impl: 'ours' | 'ws'): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./stress-server.ts', import.meta.url)), [impl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const server: Server = { child, port: 0, crashed: null, rss: () => Promise.resolve(0) };
  const waiting: Array<(rss: number) => void> = [];
  child.on('message', (message: { port?: number; rss?: number; crashed?: string }) => {
    if (message.rss !== undefined) waiting.shift()?.(message.rss);
    if (message.crashed !== undefined) server.crashed = message.crashed;
  });
  server.port = await new Promise<number>((resolve) => child.on('message', (m: { port?: number }) => m.port !== undefined && resolve(m.port)));
  server.rss = () =>
    new Promise<number>((resolve) => {
      if (!child.connected) return resolve(0);
      waiting.push(resolve);
      child.send('rss');
    });
  return server;
}

interface Row {
  attack: string;
  impl: string;
  rssGrowthMB: string;
  close: string;
  msToClose: string;
  serving: string;
  detail: string;
}

async function measure(impl: 'ours' | 'ws', attack: string, run: (port: number) => Promise<{ closeCode: number | null; msToClose: number | null; detail?: string }>): Promise<Row> {
  const server = await startServer(impl);
  const before = await server.rss();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await server.rss());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  let result: { closeCode: number | null; msToClose: number | null; detail?: string };
  try {
    result = await run(server.port);
  } catch (error) {
    result = { closeCode: null, msToClose: null, detail: `attack failed: ${String(error)}` };
  }
  sampling = false;
  await sampler;
  const serving = server.crashed === null && (await stillServes(server.port));
  server.child.kill();
  return {
    attack,
    impl,
    rssGrowthMB: ((peak - before) / MB).toFixed(1),
    close: result.closeCode === null ? '—' : String(result.closeCode),
    msToClose: result.msToClose === null ? '—' : String(result.msToClose),
    serving: server.crashed !== null ? `CRASHED (${server.crashed.slice(0, 60)})` : serving ? 'yes' : 'NO',
    detail: result.detail ?? '',
  };
}

const seconds = quick ? 2000 : 8000;
const attacks: Array<[string, (port: number) => Promise<{ closeCode: number | null; msToClose: number | null; detail?: string }>]> = [
  ['empty continuation frames', (port) => emptyContinuations(port, quick ? 100_000 : 20_000_000, seconds)],
  ['16 MiB frame, 1 byte per write, 4 conns', (port) => slowFrame(port, 16 * MB, 4, seconds)],
  ['pings, never reading the pongs', (port) => pingFloodNoRead(port, quick ? 100_000 : 1_000_000, seconds)],
  ['echo requests, never reading', (port) => echoNoRead(port, quick ? 64 * MB : 1024 * MB, seconds)],
  ['slowloris request head', async (port) => {
    const result = await slowHead(port, quick ? 3000 : 15_000);
    return { ...result, detail: `answer: ${result.status || '(none)'}` };
  }],
  ['1 MiB request head ×30', async (port) => {
    const result = await hugeHead(port, MB, 30);
    return { closeCode: null, msToClose: null, detail: `${result.answered}/${result.tries} answered (${result.status || 'no status'})` };
  }],
];

const rows: Row[] = [];
// --clients: only the clients' part below.
for (const [name, run] of process.argv.includes('--clients') ? [] : attacks) {
  for (const impl of ['ours', 'ws'] as const) {
    const row = await measure(impl, name, run);
    rows.push(row);
    console.log(`${row.attack.padEnd(40)} ${row.impl.padEnd(5)} RSS +${row.rssGrowthMB.padStart(7)} MB  close ${row.close.padEnd(5)} after ${row.msToClose.padStart(6)} ms  serving: ${row.serving}  ${row.detail}`);
  }
}

// ─── Clients against a server that answers a wrong Sec-WebSocket-Accept and never closes ───

// allowHalfOpen: our FIN does not make it close: it keeps TCP open until the client closes it.
const tcp = createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => {});
  socket.once('data', () =>
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n'),
  );
});
await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
const url = `ws://127.0.0.1:${(tcp.address() as AddressInfo).port}/`;
const limit = quick ? 12_000 : 45_000;

async function client(name: string, run: (done: () => void, error: () => void) => void): Promise<void> {
  const start = Date.now();
  let errors = 0;
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), limit);
    run(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => errors++,
    );
  });
  console.log(`wrong Sec-WebSocket-Accept, server keeps TCP open: ${name.padEnd(22)} ${closed ? `close after ${Date.now() - start} ms` : `no close within ${limit} ms`}, ${errors} error event(s)`);
}

await client('our Node client', (done, error) => {
  const ws = connect(url);
  ws.on('error', error);
  ws.on('close', done);
});
await client('our WebSocket (API)', (done, error) => {
  const ws = new ApiWebSocket(url);
  ws.onerror = error;
  ws.onclose = done;
});
await client('ws', (done, error) => {
  const ws = new WsClient(url);
  ws.on('error', error);
  ws.on('close', done);
});
tcp.close();
process.exit(0);
