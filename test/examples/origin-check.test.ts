/**
 * examples/origin-check: a page of another site reads the unchecked
 * endpoint and is refused with 403 by the checked one; a non-browser
 * client sends any Origin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTable, recordExampleRun, runExample } from './support.ts';
import type { ExampleRun } from './support.ts';

let run: ExampleRun;
let rows: Array<Record<string, string>>;

beforeAll(async () => {
  run = await runExample('origin-check');
  await recordExampleRun(run);
  rows = parseTable(run.stdout, 'client');
}, 60_000);

const find = (client: string, endpoint: string) => rows.find((row) => row['client'] === client && row['endpoint'] === endpoint)!;
const SECRET = 'message "account 4242: balance 1,337.00 EUR"';

describe('examples/origin-check [rfc6455#section-10.2-1]', () => {
  it('runs to the end by itself', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(rows).toHaveLength(6);
  });

  it("the application's own page reads the account from both endpoints", () => {
    for (const endpoint of ['/account', '/account-unchecked']) {
      const row = find('Chromium, page of the application', endpoint);
      expect(row['server answered']).toBe('101, account data sent');
      expect(row['the client read']).toContain(SECRET);
    }
  });

  it('a page of another site is refused with 403 by the Origin check, and learns only error and 1006', () => {
    const row = find('Chromium, page of another site', '/account');
    expect(row['Origin sent']).toMatch(/^http:\/\/localhost:\d+$/);
    expect(row['server answered']).toBe('403 Forbidden');
    expect(row['the client read']).toBe('error, close 1006');
  });

  it('without the check, the page of another site reads the account: the hijacking', () => {
    const row = find('Chromium, page of another site', '/account-unchecked');
    expect(row['server answered']).toBe('101, account data sent');
    expect(row['the client read']).toContain(SECRET);
  });

  it('a client that is not a browser forges the Origin, or sends none', () => {
    const [forged, none] = rows.filter((row) => row['client'] === 'ws (not a browser)');
    expect(forged!['Origin sent']).toMatch(/\(forged\)$/);
    expect(forged!['the client read']).toBe(SECRET);
    expect(none!['server answered']).toBe('403 Forbidden');
    expect(none!['the client read']).toBe('unexpected-response 403');
  });
});
