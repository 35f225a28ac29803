/**
 * Echo round trips over loopback, binary messages of 16 B, 1 KiB, 64 KiB
 * and 1 MiB, 16 in flight:
 *   - servers: wsspec's against ws's, the same ws client driving both;
 *   - clients: wsspec's against ws's, against the same ws server.
 * Each server runs in a child process of its own, so that the client and
 * the server do not share an event loop.
 *
 * `node bench/echo.bench.ts --serve wsspec|ws` runs one of the servers.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket, { WebSocketServer } from 'ws';
import { listen, open } from '../src/node/index.ts';
import { compare, printTable } from './harness.ts';
import type { Measured, Row } from './harness.ts';

const SIZES = [16, 1024, 64 * 1024, 1024 * 1024];
const IN_FLIGHT = 16;
const MS = Number(process.env['BENCH_MS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

const { values } = parseArgs({ options: { serve: { type: 'string' } } });

if (values.serve !== undefined) {
  await serve(values.serve);
} else {
  await main();
}

async function serve(which: string): Promise<void> {
  if (which === 'wsspec') {
    const server = await listen({ port: 0, host: '127.0.0.1' });
    server.wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
    console.log(server.url);
  } else {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
    console.log(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
  }
}

function startServer(which: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', which], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, url: chunk.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
  });
}

/** Keeps IN_FLIGHT messages going for MS ms; counts the echoes. */
function pump(send: (payload: Uint8Array) => void, onEcho: (listener: () => void) => () => void, size: number): Promise<Measured> {
  const payload = new Uint8Array(size).fill(0x61);
  return new Promise((resolve) => {
    let inFlight = 0;
    let echoes = 0;
    let start = 0;
    let warm = true;
    const warmUntil = performance.now() + MS / 4;
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
      if (!warm && now - start >= MS) {
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
    for (let i = 0; i < IN_FLIGHT; i++) {
      send(payload);
      inFlight++;
    }
  });
}

async function withWsClient(url: string, size: number): Promise<Measured> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const result = await pump(
    (payload) => ws.send(payload),
    (listener) => {
      ws.on('message', listener);
      return () => ws.off('message', listener);
    },
    size,
  );
  ws.close();
  await new Promise((resolve) => ws.once('close', resolve));
  return result;
}

async function withOurClient(url: string, size: number): Promise<Measured> {
  const ws = await open(url);
  const result = await pump(
    (payload) => ws.send(payload),
    (listener) => {
      ws.on('message', listener);
      return () => ws.off('message', listener);
    },
    size,
  );
  ws.close();
  await new Promise((resolve) => ws.once('close', resolve));
  return result;
}

async function main(): Promise<void> {
  const ours = await startServer('wsspec');
  const theirs = await startServer('ws');
  try {
    const servers: Row[] = [];
    const clients: Row[] = [];
    for (const size of SIZES) {
      const byServer = await compare(ROUNDS, {
        ours: () => withWsClient(ours.url, size),
        ws: () => withWsClient(theirs.url, size),
      });
      servers.push({ name: 'echo server', size, ...byServer });
      const byClient = await compare(ROUNDS, {
        ours: () => withOurClient(theirs.url, size),
        ws: () => withWsClient(theirs.url, size),
      });
      clients.push({ name: 'echo client', size, ...byClient });
    }
    console.log(`Echo over loopback: ${process.version}, ${IN_FLIGHT} messages in flight, best of ${ROUNDS} × ${MS} ms`);
    printTable('Servers (the same ws client against each; MiB/s of echoed payload)', servers);
    printTable('Clients (each against the same ws server)', clients);
  } finally {
    ours.child.kill();
    theirs.child.kill();
  }
}
