/** examples/echo: every message comes back intact to every client; the §5.7 examples encode byte for byte. */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('echo');
  await recordExampleRun(run);
}, 60_000);

describe('examples/echo [rfc6455#section-5.2-3.5, rfc6455#section-5.6-3.1, rfc6455#section-5.6-3.2]', () => {
  it('runs to the end by itself; every client gets every message back', () => {
    expect(run.code, run.stderr).toBe(0);
    const rows = parseTable(run.stdout, 'message');
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      for (const client of ['protocol client', 'WebSocket API (ours)', 'ws', 'undici WebSocket']) expect(row[client], `${row['message']} ${client}`).toBe('echoed');
    }
    expect(run.stdout).toContain('24 of 24 messages echoed intact.');
  });

  it('uses each form of the payload length', () => {
    const rows = byFirst(parseTable(run.stdout, 'message'), 'message');
    expect(rows.get('text "hello"')!["server's frame header"]).toBe('81 05');
    expect(rows.get('binary, 126 bytes')!["server's frame header"]).toBe('82 7e 00 7e');
    expect(rows.get('text, 65536 bytes')!["server's frame header"]).toBe('81 7f 00 00 00 00 00 01 00 00');
  });

  it('encodes the examples of RFC 6455 §5.7 byte for byte [rfc6455#section-5.7-1.1.2.1, rfc6455#section-5.7-1.2.2.1, rfc6455#section-5.7-1.3.2.1]', () => {
    const rows = byFirst(parseTable(run.stdout, 'RFC 6455 §5.7 example'), 'RFC 6455 §5.7 example');
    expect(rows.get('a single-frame unmasked text message')!['bytes']).toBe('81 05 48 65 6c 6c 6f');
    expect(rows.get('a single-frame masked text message')!['bytes']).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(rows.get('a fragmented unmasked text message')!['bytes']).toBe('01 03 48 65 6c | 80 02 6c 6f');
    expect(rows.get('256 bytes binary message, unmasked')!['bytes']).toBe('82 7e 01 00 [256 bytes]');
    expect(rows.get('64KiB binary message, unmasked')!['bytes']).toBe('82 7f 00 00 00 00 00 01 00 00 [65536 bytes]');
  });
});
