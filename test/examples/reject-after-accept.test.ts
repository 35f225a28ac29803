/**
 * examples/reject-after-accept: accept, then close with 4401/4403 and a
 * reason; every WebSocket API (Chromium's, ours, undici's) hands the code
 * and the reason to the script.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { byFirst, parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;
let rows: Map<string, Record<string, string>>;

beforeAll(async () => {
  run = await runExample('reject-after-accept');
  await recordExampleRun(run);
  rows = byFirst(parseTable(run.stdout, 'path'), 'path');
}, 60_000);

const CLIENTS = ['Chromium', 'WebSocket API (ours)', 'undici WebSocket'];

describe('examples/reject-after-accept [rfc6455#section-7.1.5-1, rfc6455#section-7.1.6-1, whatwg#closeWebSocket-step-3]', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(rows.size).toBe(6);
  });

  it.each([
    ['/feed', 'close 4401 "missing token" clean'],
    ['/feed?token=expired', 'close 4401 "token expired" clean'],
    ['/feed?token=expired&lang=ja', 'close 4401 "トークンの有効期限が切れました" clean'],
    ['/feed?token=good&room=ops', 'close 4403 "not a member of ops" clean'],
  ])('%s: every script sees open, then %s', (path, close) => {
    for (const client of CLIENTS) expect(rows.get(path)![client], client).toBe(`open\n${close}`);
  });

  it('the accepted connection gets "ready"; the HTTP refusal only error and 1006', () => {
    for (const client of CLIENTS) {
      expect(rows.get('/feed?token=good')![client], client).toBe('open\nmessage "ready"\nclose 1000 "done" clean');
      expect(rows.get('/feed-http?token=expired')![client], client).toBe('error\nclose 1006 ""');
    }
  });

  it('a reason over 123 bytes is refused by close() before anything is sent [rfc6455#section-5.5-3]', () => {
    expect(run.stdout).toMatch(/close\(4401, <a 125-byte reason>\) threw WS_ERR_CLOSE_REASON_TOO_LONG/);
    expect(run.stdout).toContain('is 15 characters and 45 bytes');
  });
});
