/** examples/fragmentation: the frames on the wire and the one message each client delivers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('fragmentation');
  await recordExampleRun(run);
}, 60_000);

describe('examples/fragmentation [rfc6455#section-5.4-5.3, rfc6455#section-5.4-5.6]', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('prints the frames: text with FIN clear, a Ping between, the continuations', () => {
    const frames = parseTable(run.stdout, '#').map((row) => `${row['FIN']} ${row['opcode']} ${row['payload']}`);
    expect(frames).toEqual([
      '0 1 Text Frame "Hel"',
      '1 9 Ping Frame "between"',
      '1 0 Continuation Frame "lo"',
      '0 2 Binary Frame 01',
      '0 0 Continuation Frame 02 03',
      '1 0 Continuation Frame 04',
    ]);
  });

  it('every client delivers one text and one binary message', () => {
    const rows = byFirst(parseTable(run.stdout, 'client'), 'client');
    for (const client of ['protocol client (src/node)', 'WebSocket API (ours)', 'undici WebSocket', 'ws']) {
      const messages = rows.get(client)!['events']!.split('\n').filter((line) => !line.startsWith('('));
      expect(messages, client).toEqual(['text "Hello"', 'binary 01 02 03 04']);
    }
  });

  it('the server reads the fragments clients send as one message each', () => {
    expect(run.stdout).toContain('protocol-client: text "Hello, server"');
    expect(run.stdout).toContain('ws: text "fragmented by ws"');
  });
});
