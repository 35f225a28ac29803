/**
 * An Autobahn-style run (test/autobahn/cases.ts, fuzzer.ts) of the cases
 * issue 11 names, against this project's three endpoints: the echo server
 * (`npm run echo-server -- --deflate`), the Node client through the
 * Autobahn-convention echo client (`npm run echo-client`), and the WHATWG
 * WebSocket class driven the same way. Each must pass every case strictly:
 * no FAILED and no NON-STRICT outcome. The report of each run is printed.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { WebSocket } from '../../src/api/index.ts';
import { runEchoClient } from '../../src/node/echo-client.ts';
import { CASES } from './cases.ts';
import { report, runAgainstServer, startFuzzingServer } from './fuzzer.ts';
import type { CaseResult, FuzzingServer } from './fuzzer.ts';

/** The limit the endpoints run with, so that the limit cases stay small. */
const MAX_MESSAGE_SIZE = 1024 * 1024;

const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

function notOk(results: readonly CaseResult[]): string[] {
  return results.filter((r) => r.outcome !== 'OK').map((r) => `${r.outcome} ${r.id} ${r.title}: ${r.detail}`);
}

/** Our echo server, as `npm run echo-server` starts it, on a free port. */
function startEchoServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['src/node/echo-server.ts', '--port', '0', '--deflate', '--max-message-size', String(MAX_MESSAGE_SIZE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(() => child.kill());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the echo server did not start within 20 s')), 20_000);
    child.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ child, url: chunk.toString().trim() });
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited with ${code}`)));
  });
}

/** The WHATWG class as an Autobahn echo client: each case's messages sent back with their type. */
async function apiEchoClient(base: string, agent: string): Promise<void> {
  const session = (url: string, onMessage: (ws: WebSocket, data: unknown) => void) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(url, [], { maxMessageSize: MAX_MESSAGE_SIZE });
      ws.binaryType = 'arraybuffer';
      const timer = setTimeout(() => {
        ws.close();
        resolve();
      }, 20_000);
      ws.onmessage = (event) => onMessage(ws, (event as MessageEvent).data);
      ws.onclose = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let count = 0;
  await session(`${base}/getCaseCount`, (_ws, data) => {
    count = Number(data);
  });
  for (let n = 1; n <= count; n++) {
    await session(`${base}/runCase?case=${n}&agent=${agent}`, (ws, data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data as string | ArrayBuffer);
    });
  }
  await session(`${base}/updateReports?agent=${agent}`, () => {});
}

let fuzzer: FuzzingServer | null = null;
async function fuzzingServer(): Promise<FuzzingServer> {
  if (fuzzer === null) {
    fuzzer = await startFuzzingServer(CASES);
    const server = fuzzer;
    cleanup.push(() => server.close());
  }
  return fuzzer;
}

describe('Autobahn-style cases: fragmentation, control frames, invalid UTF-8, close codes, limits, compression', () => {
  it(`our echo server passes all ${CASES.length} strictly`, async () => {
    const { url } = await startEchoServer();
    const results = await runAgainstServer(url, CASES);
    console.log(report('echo server (npm run echo-server -- --deflate)', results));
    expect(results).toHaveLength(CASES.length);
    expect(notOk(results)).toEqual([]);
  }, 180_000);

  it(`our Node client (npm run echo-client) passes all ${CASES.length} strictly`, async () => {
    const server = await fuzzingServer();
    await runEchoClient(server.url, { agent: 'node', maxMessageSize: MAX_MESSAGE_SIZE, caseTimeout: 20_000 });
    const results = server.results.get('node') ?? [];
    console.log(report('Node client (npm run echo-client)', results));
    expect(server.reported).toContain('node');
    expect(results.filter(Boolean)).toHaveLength(CASES.length);
    expect(notOk(results)).toEqual([]);
  }, 180_000);

  it(`our WHATWG WebSocket class passes all ${CASES.length} strictly`, async () => {
    const server = await fuzzingServer();
    await apiEchoClient(server.url, 'api');
    const results = server.results.get('api') ?? [];
    console.log(report('WHATWG WebSocket class', results));
    expect(server.reported).toContain('api');
    expect(results.filter(Boolean)).toHaveLength(CASES.length);
    expect(notOk(results)).toEqual([]);
  }, 180_000);
});

describe('the fuzzer itself', () => {
  it('finds the faults of a peer that has them: ws without UTF-8 validation nor permessage-deflate', async () => {
    const lax = new WebSocketServer({ host: '127.0.0.1', port: 0, skipUTF8Validation: true, perMessageDeflate: false });
    lax.on('connection', (ws) => {
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      ws.on('error', () => {});
    });
    await once(lax, 'listening');
    cleanup.push(() => new Promise((resolve) => lax.close(resolve)));
    const faulty = ['6.3.1', '6.4.1', '12.1.x', '13.1.x', '12.x.bomb'];
    const chosen = CASES.filter((c) => faulty.includes(c.id) || c.id === '7.1.1');
    const results = await runAgainstServer(`ws://127.0.0.1:${(lax.address() as { port: number }).port}/`, chosen);
    const failed = new Set(results.filter((r) => r.outcome === 'FAILED').map((r) => r.id));
    for (const id of faulty) expect(failed, id).toContain(id);
    expect(results.find((r) => r.id === '7.1.1')?.outcome).toBe('OK');
  }, 180_000);
});
