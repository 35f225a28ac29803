/** examples/keepalive: live peers answer every Ping; a silent one is terminated, on both ends. */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('keepalive');
  await recordExampleRun(run);
}, 60_000);

describe('examples/keepalive [rfc6455#section-5.5.2-3]', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('every live client answers every Ping and stays connected', () => {
    const rows = byFirst(parseTable(run.stdout, 'client'), 'client');
    for (const client of ['WebSocket API (ours)', 'undici WebSocket', 'ws']) {
      const row = rows.get(client)!;
      expect(Number(row['Pings']), client).toBeGreaterThanOrEqual(5);
      // The last Ping may be in flight when the client closes.
      expect(Number(row['Pongs']), client).toBeGreaterThanOrEqual(Number(row['Pings']) - 1);
      expect(row['server'], client).toBe('alive');
      expect(row['the client saw'], client).toBe('close 1000 clean');
    }
  });

  it('the silent peer is terminated after the deadline and sees 1006', () => {
    const row = byFirst(parseTable(run.stdout, 'client'), 'client').get('ws, autoPong: false (silent)')!;
    expect(row['Pongs']).toBe('0');
    expect(row['server']).toMatch(/^dead: no Pong for 600 ms, terminated at \d+ ms$/);
    expect(row['the client saw']).toBe('close 1006 not clean');
  });

  it('the client side gives up on a server that goes silent', () => {
    const tables = run.stdout.split('The client side:')[1]!;
    const row = byFirst(parseTable(tables, 'client'), 'client').get('protocol client (src/node)')!;
    expect(row['Pongs']).toBe('0');
    expect(row['verdict']).toMatch(/^dead: no Pong for 600 ms/);
    expect(row['close']).toBe('close 1006 not clean');
  });
});
