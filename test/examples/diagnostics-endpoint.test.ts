/**
 * examples/diagnostics-endpoint: the handshake is refused with a status
 * the page cannot read; the page reads it from the diagnostics endpoint,
 * which only the application's origin may read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;
let rows: Array<Record<string, string>>;

beforeAll(async () => {
  run = await runExample('diagnostics-endpoint');
  await recordExampleRun(run);
  rows = parseTable(run.stdout, 'query');
}, 60_000);

const row = (query: string, client: string) => rows.find((candidate) => candidate['query'] === query && candidate['client'] === client);
const CLIENTS = ['Chromium (page)', 'undici WebSocket + fetch', 'WebSocket API (ours) + fetch'];

describe('examples/diagnostics-endpoint [whatwg#feedback-from-the-protocol-11, rfc6455#section-4.2.2-2.2]', () => {
  it('runs to the end by itself: four attempts by three clients', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(rows).toHaveLength(12);
  });

  it.each([
    ['(no token)', '401 sign in first'],
    ['token=expired', '401 session expired'],
    ['token=good&room=ops', '403 not a member of ops'],
  ])('%s: the WebSocket sees error and 1006; the endpoint says %s', (query, said) => {
    for (const client of CLIENTS) {
      expect(row(query, client)?.['the WebSocket saw'], client).toBe('error, close 1006');
      expect(row(query, client)?.['GET /ws-diagnostics said'], client).toBe(said);
    }
  });

  it('an accepted connection needs no diagnostics', () => {
    for (const client of CLIENTS) expect(row('token=good', client)?.['the WebSocket saw'], client).toBe('open, message "ready", close 1000');
  });

  it("a page of another site cannot read the endpoint: CORS keeps the answer from it, the console says why", () => {
    expect(run.stdout).toContain('fetch failed: TypeError: Failed to fetch');
    expect(run.stdout).toMatch(/has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header/);
    expect(run.stdout).toMatch(/\[browser\] diagnostics for .* asked by http:\/\/localhost:\d+: CORS: not allowed/);
    expect(run.stdout).toMatch(/\[browser\] diagnostics for .* asked by http:\/\/127\.0\.0\.1:\d+: CORS: allowed/);
  });
});
