/**
 * The echo server that conformance tools start: `node src/node/echo-server.ts --port <p>`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { within } from './support.ts';

const script = fileURLToPath(new URL('../../src/node/echo-server.ts', import.meta.url));
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [script, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await within<string>(10_000, 'the URL line', (resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(ws:\/\/127\.0\.0\.1:\d+\/)\n/m.exec(out);
      if (line) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm run echo-server [rfc6455#section-6.1]', () => {
  it('prints ws://127.0.0.1:<port>/ once ready, echoes text and binary as they came, and answers the close', async () => {
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const ws = new WebSocket(url);
    const received: Array<[string, boolean]> = [];
    const done = within<{ code: number; reason: string }>(5000, 'close', (resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('open', () => {
      ws.send('héllo');
      ws.send(Buffer.from([0, 1, 2]));
      ws.send('frag', { fin: false });
      ws.send('ment', { fin: true });
    });
    ws.on('message', (data, isBinary) => {
      received.push([isBinary ? Buffer.from(data as Buffer).toString('hex') : data.toString(), isBinary]);
      if (received.length === 3) ws.close(1000, 'thanks');
    });
    expect(await done).toEqual({ code: 1000, reason: 'thanks' });
    expect(received).toEqual([
      ['héllo', false],
      ['000102', true],
      ['fragment', false],
    ]);
  });
});
