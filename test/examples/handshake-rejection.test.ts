/**
 * examples/handshake-rejection: the seed's question in one table. For each
 * refusal, the protocol client and ws read the status; our WebSocket API,
 * undici and the browsers give the script error + close 1006, and Chromium's
 * console alone names the status; Bun and Deno put it in the error event's
 * message, and Deno closes with 0. (An engine that is not installed shows
 * why in its column; in CI every engine is installed.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { engineMissing } from '../../src/engines/index.ts';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;
let rows: Map<string, Record<string, string>>;

beforeAll(async () => {
  run = await runExample('handshake-rejection', [], { timeoutMs: 100_000 });
  await recordExampleRun(run);
  rows = byFirst(parseTable(run.stdout, 'path'), 'path');
}, 110_000);

const installed = (engine: 'firefox' | 'webkit' | 'bun' | 'deno'): boolean => engineMissing(engine) === null;

const REFUSALS: Array<[path: string, status: number]> = [
  ['/chat', 400],
  ['/admin', 401],
  ['/partner-feed', 403],
  ['/nowhere', 404],
  ['/v8/chat', 426],
  ['/old-chat', 302],
];

describe('examples/handshake-rejection [rfc6455#section-4.1-8.1, whatwg#feedback-from-the-protocol-11, whatwg#feedback-from-the-protocol-12.5]', () => {
  it('runs to the end by itself and prints the table', () => {
    expect(run.code, run.stderr).toBe(0);
    expect([...rows.keys()]).toEqual(['/chat?room=lobby', ...REFUSALS.map(([path]) => path), '/drop']);
  });

  it('opens the control path with every client', () => {
    const control = rows.get('/chat?room=lobby')!;
    for (const column of ['protocol client (src/node)', 'WebSocket API (ours)', 'ws', 'undici WebSocket', 'Chromium']) expect(control[column], column).toBe('open, close 1000');
  });

  it.each(REFUSALS)('%s: the protocol client and ws read %i, every WebSocket API script sees error and close 1006', (path, status) => {
    const row = rows.get(path)!;
    expect(row['protocol client (src/node)']).toMatch(new RegExp(`^${status} `));
    expect(row['ws']).toBe(`unexpected-response ${status}`);
    expect(row['WebSocket API (ours)']).toBe('error, close 1006');
    expect(row['undici WebSocket']).toBe('error, close 1006');
    expect(row['Chromium']).toBe('error, close 1006');
  });

  it('Firefox and WebKit hide every status as Chromium does; WebKit follows the 302 [whatwg#concept-websocket-establish-step-2]', () => {
    for (const [engine, column] of [['firefox', 'Firefox'], ['webkit', 'WebKit']] as const) {
      if (!installed(engine)) continue;
      expect(rows.get('/chat?room=lobby')![column], column).toBe('open, close 1000');
      for (const [path] of REFUSALS.filter(([, status]) => status !== 302)) expect(rows.get(path)![column], `${column} ${path}`).toBe('error, close 1006');
    }
    if (installed('webkit')) expect(rows.get('/old-chat')!['WebKit']).toBe('open, close 1000');
    if (installed('firefox')) expect(rows.get('/old-chat')!['Firefox']).toBe('error, close 1006');
  });

  it('Bun and Deno tell the script the status in the error message; Deno closes with 0 [whatwg#feedback-from-the-protocol-11, whatwg#feedback-from-the-protocol-13]', () => {
    if (installed('bun')) {
      expect(rows.get('/partner-feed')!['Bun']).toBe('error, close 1006');
      expect(run.stdout).toMatch(/Bun +\/partner-feed +".*403/);
    }
    if (installed('deno')) {
      expect(rows.get('/partner-feed')!['Deno']).toBe('error, close 0');
      expect(run.stdout).toMatch(/Deno +\/partner-feed +".*403/);
      expect(run.stdout).toContain('closed with code 0');
    }
    if (installed('bun') || installed('deno')) expect(run.stdout).toContain('put the refused status in the error event\'s message');
  });

  it('records its output as structure too: the table with every column', () => {
    const first = run.blocks.find((block) => block.kind === 'table');
    expect(first?.kind === 'table' ? first.headers.slice(0, 3) : []).toEqual(['path', "server's reason", 'protocol client (src/node)']);
    expect(first?.kind === 'table' ? first.rows.length : 0).toBe(8);
    expect(run.blocks.some((block) => block.kind === 'heading' && block.text === 'In short')).toBe(true);
  });

  it('shows the header fields that matter: WWW-Authenticate with 401, Location with 302', () => {
    expect(rows.get('/admin')!['protocol client (src/node)']).toContain('WWW-Authenticate: Basic realm="admin"');
    expect(rows.get('/old-chat')!['protocol client (src/node)']).toMatch(/Location:\s+ws:\/\/127\.0\.0\.1:\d+\/chat\?room=lobby/);
    expect(run.stdout).toContain('body: "Name a room: /chat?room=<name>\\n"');
  });

  it('a TCP close without a response: no status for anyone, 1006 for every script', () => {
    const row = rows.get('/drop')!;
    expect(row['protocol client (src/node)']).toBe('WS_ERR_MALFORMED_HTTP');
    expect(row['ws']).toContain('close 1006');
    for (const column of ['WebSocket API (ours)', 'undici WebSocket', 'Chromium']) expect(row[column], column).toBe('error, close 1006');
  });

  it("Chromium's console names the status the script never sees", () => {
    expect(run.stdout).toMatch(/\/partner-feed +WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/partner-feed' failed: Error during WebSocket handshake: Unexpected response code: 403/);
    expect(run.stdout).toContain('Unexpected response code: 404');
    expect(run.stdout).toContain('HTTP Authentication failed; no valid credentials available');
    expect(run.stdout).toContain('Connection closed before receiving a handshake response');
    // Our API reports the same to its embedder only.
    expect(run.stdout).toMatch(/\/partner-feed +Error during WebSocket handshake: Unexpected response code: 403 \(Forbidden\)/);
    expect(run.stdout).toContain('the same two events every time: error, then close 1006');
  });
});
