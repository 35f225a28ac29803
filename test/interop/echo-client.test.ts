/**
 * The Autobahn-convention echo client (src/node/echo-client.ts) against a
 * small fake fuzzing server (ws, permessage-deflate on): it reads the case
 * count, runs every case echoing each message with its type, and asks for
 * the reports, in that order; a case that sends invalid UTF-8 sees the
 * client fail the connection with 1007.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { parseCaseList, runEchoClient } from '../../src/node/echo-client.ts';
import { bytesOf, within } from './support.ts';

interface Fake {
  url: string;
  /** Resources requested, in order. */
  requests: string[];
  /** Case number → what went wrong, or 'ok'. */
  verdicts: Map<number, string>;
  offers: string[];
  close(): Promise<void>;
}

const next = (ws: WebSocket) =>
  within<{ data: RawData; isBinary: boolean }>(5000, 'an echo', (resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));

/** What each case sends, and the check of what comes back. */
const CASES: Record<number, (ws: WebSocket) => Promise<string>> = {
  1: async (ws) => {
    ws.send('Hello, echo client');
    const echo = await next(ws);
    return !echo.isBinary && echo.data.toString() === 'Hello, echo client' ? 'ok' : 'text not echoed as text';
  },
  2: async (ws) => {
    const bytes = bytesOf(70_000);
    ws.send(bytes);
    const echo = await next(ws);
    return echo.isBinary && Buffer.compare(echo.data as Buffer, Buffer.from(bytes)) === 0 ? 'ok' : 'binary not echoed as binary';
  },
  3: async (ws) => {
    const pong = within<string>(5000, 'a pong', (resolve) => ws.once('pong', (data) => resolve(data.toString())));
    ws.send('Hel', { fin: false });
    ws.ping('between');
    ws.send('lo', { fin: true });
    const echo = await next(ws);
    return echo.data.toString() === 'Hello' && (await pong) === 'between' ? 'ok' : 'fragmented message or pong wrong';
  },
  4: async (ws) => {
    // A text frame whose payload is not UTF-8, written raw (ws would not send it).
    const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
    const code = within<number>(5000, 'the close', (resolve) => ws.once('close', (c) => resolve(c)));
    socket.write(Buffer.from([0x81, 0x02, 0xc0, 0xaf]));
    return (await code) === 1007 ? 'ok' : `closed with ${await code}, not 1007`;
  },
};

async function fakeFuzzingServer(): Promise<Fake> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 0 } });
  const fake: Fake = { url: '', requests: [], verdicts: new Map(), offers: [], close: () => new Promise((resolve) => server.close(() => resolve())) };
  server.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    fake.requests.push(`${url.pathname}${url.search}`);
    fake.offers.push(String(request.headers['sec-websocket-extensions'] ?? ''));
    ws.on('error', () => {});
    if (url.pathname === '/getCaseCount') {
      ws.send(String(Object.keys(CASES).length));
      ws.close(1000);
    } else if (url.pathname === '/runCase') {
      const n = Number(url.searchParams.get('case'));
      const run = CASES[n];
      if (run === undefined) {
        ws.close(1000);
        return;
      }
      run(ws).then(
        (verdict) => {
          fake.verdicts.set(n, verdict);
          ws.close(1000);
        },
        (error: Error) => {
          fake.verdicts.set(n, error.message);
          ws.terminate();
        },
      );
    } else {
      ws.close(1000);
    }
  });
  await once(server, 'listening');
  fake.url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
  return fake;
}

let fake: Fake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('the Autobahn-convention echo client', () => {
  it('counts the cases, runs each echoing with the type, then updates the reports', async () => {
    fake = await fakeFuzzingServer();
    const lines: string[] = [];
    const result = await runEchoClient(fake.url, { agent: 'our agent', log: (line) => lines.push(line), caseTimeout: 10_000 });
    expect(result.caseCount).toBe(4);
    expect(fake.requests).toEqual([
      '/getCaseCount',
      '/runCase?case=1&agent=our%20agent',
      '/runCase?case=2&agent=our%20agent',
      '/runCase?case=3&agent=our%20agent',
      '/runCase?case=4&agent=our%20agent',
      '/updateReports?agent=our%20agent',
    ]);
    expect(Object.fromEntries(fake.verdicts)).toEqual({ 1: 'ok', 2: 'ok', 3: 'ok', 4: 'ok' });
    // Offered on every connection, and used: the fake compresses every message.
    expect(new Set(fake.offers)).toEqual(new Set(['permessage-deflate; client_max_window_bits']));
    expect(result.outcomes.map((o) => [o.case, o.echoed, o.code])).toEqual([
      [1, 1, 1000],
      [2, 1, 1000],
      [3, 1, 1000],
      // The client failed the connection (it sent 1007, as the server saw)
      // and read nothing after: locally, 1006.
      [4, 0, 1006],
    ]);
    expect(result.outcomes[3]!.error).toMatch(/UTF-8/);
    expect(lines.at(-1)).toBe('reports updated');
  });

  it('runs from the command line, as `npm run echo-client -- <url> --agent <name>` does', async () => {
    fake = await fakeFuzzingServer();
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['src/node/echo-client.ts', fake!.url, '--agent', 'cli', '--cases', '1-2', '--no-deflate'], { timeout: 20_000 }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
    });
    expect(stdout).toContain('case 1/4: 1 echoed, closed 1000');
    expect(stdout).toContain('case 2/4: 1 echoed, closed 1000');
    expect(stdout.trim().split('\n').at(-1)).toBe('2 of 4 cases run');
    expect(fake.requests.at(-1)).toBe('/updateReports?agent=cli');
    expect(fake.offers.every((offer) => offer === '')).toBe(true);
  });

  it('reads case lists', () => {
    expect(parseCaseList('1-3,7, 9 - 10')).toEqual([1, 2, 3, 7, 9, 10]);
    expect(() => parseCaseList('1-x')).toThrow();
  });
});
