/**
 * An echo server for the stress script, in its own process so that its
 * memory is measured alone: `node bench/stress-server.ts ours|ws`. It
 * sends `{ port }` once listening, and answers `rss` with its resident
 * set size in bytes (IPC messages). It echoes every message, the way
 * applications write it: `ws.on('message', (d) => ws.send(d))`.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer as WsServer } from 'ws';
import { listen } from '../src/node/index.ts';

const impl = process.argv[2] ?? 'ours';
const send = (message: unknown) => process.send?.(message);

process.on('uncaughtException', (error) => {
  send({ crashed: String(error) });
  process.exit(1);
});

let port: number;
if (impl === 'ws') {
  const wss = new WsServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  port = (wss.address() as AddressInfo).port;
} else {
  const server = await listen({ host: '127.0.0.1' });
  server.wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data) => ws.send(data));
  });
  port = server.port;
}

process.on('message', (message) => {
  if (message === 'rss') send({ rss: process.memoryUsage().rss });
  if (message === 'exit') process.exit(0);
});
send({ port });
