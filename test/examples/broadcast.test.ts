/** examples/broadcast: a chat where three implementations receive the same transcript. */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;

beforeAll(async () => {
  run = await runExample('broadcast');
  await recordExampleRun(run);
}, 60_000);

describe('examples/broadcast', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('every member present receives every line, in the same order', () => {
    const rows = byFirst(parseTable(run.stdout, 'step'), 'step');
    const members = ['alice (protocol client)', 'bob (ws)', 'carol (our WebSocket API)'];
    for (const member of members) {
      expect(rows.get('carol joins')![member], member).toBe('* carol joined (3 here)');
      expect(rows.get('alice says hi')![member], member).toBe('alice: hi all');
      expect(rows.get('bob answers')![member], member).toBe('bob: hello alice');
      expect(rows.get('carol: UTF-8')![member], member).toBe('carol: こんにちは 👋');
    }
    expect(rows.get('carol leaves')!['alice (protocol client)']).toBe('* carol left');
    expect(rows.get('carol leaves')!['carol (our WebSocket API)']).toBe('·');
    expect(rows.get('alice leaves')!['bob (ws)']).toBe('* alice left');
  });

  it('refuses a taken name with 409 before the handshake completes, and everyone leaves with a Close frame', () => {
    expect(run.stdout).toContain('A second bob tried to join: ws reports "Unexpected server response: 409"; the server logged "refused: 409 Conflict".');
    expect(run.stdout).toContain('carol left with 1000, alice left with 1000, bob left with 1000');
  });
});
