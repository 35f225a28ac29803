/** examples/close-codes: codes and reasons as each side reads them, and what close() refuses. */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('close-codes');
  await recordExampleRun(run);
}, 60_000);

const CLIENTS = ['WebSocket API (ours)', 'undici WebSocket', 'ws'];

describe('examples/close-codes [rfc6455#section-7.1.5-1, rfc6455#section-7.1.6-1]', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('the client reads the code and reason the server sent; 1005 for an empty Close frame, 1006 without one [rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7]', () => {
    const rows = byFirst(parseTable(run.stdout, 'server'), 'server');
    for (const client of CLIENTS) {
      expect(rows.get('1000 normal closure')![client], client).toBe('1000 "bye" clean');
      expect(rows.get('4000 private use, UTF-8')![client], client).toBe('4000 "また明日" clean');
      expect(rows.get('empty Close frame')![client], client).toBe('1005 "" clean');
      expect(rows.get('TCP dropped, no Close')![client], client).toMatch(/1006 "" not clean$/);
    }
  });

  it('the server reads what the client sent', () => {
    const rows = byFirst(parseTable(run.stdout, 'client calls'), 'client calls');
    for (const client of CLIENTS) {
      expect(rows.get('close()')![client], client).toContain('server read 1005 "" clean');
      expect(rows.get('close(4001, "さようなら")')![client], client).toContain('server read 4001 "さようなら" clean');
    }
  });

  it('close() refuses 1005, 1006 and codes outside 1000/3000-4999, and reasons over 123 bytes [whatwg#dom-websocket-close-step-1, whatwg#dom-websocket-close-step-2.2]', () => {
    const rows = byFirst(parseTable(run.stdout, 'call'), 'call');
    for (const call of ['close(1005)', 'close(1006)', 'close(1001)', 'close(2999)', 'close(5000)']) {
      expect(rows.get(call)!['WebSocket API (ours)'], call).toBe('InvalidAccessError');
      expect(rows.get(call)!['undici WebSocket'], call).toBe('InvalidAccessError');
    }
    expect(rows.get('close(4000, 124 bytes)')!['WebSocket API (ours)']).toBe('SyntaxError');
    expect(rows.get('close(1005)')!['ws']).toBe('TypeError');
    expect(rows.get('close(1001)')!['ws']).toBe('allowed: sent');
  });
});
