/**
 * The rule at the heart of the question that started this project: RFC
 * 6455 asks a server to explain a refusal with an HTTP status, and the API
 * forbids the browser to pass it on. Whatever the status (a redirect
 * included), and whatever else failed, the script sees an error event
 * (a plain Event) and a close event with 1006, "" and not clean; the status
 * reaches the embedder's diagnostics only.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closed, FAILED, open, serverWith } from './support.ts';
import type { Seen } from './support.ts';
import type { ServerBehaviour } from '../../src/evidence/scenarios.ts';

/** Every status a server might refuse with: the registered ones, and some never registered. */
const STATUSES = [
  100, 102, 103, 200, 201, 202, 204, 206, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411,
  412, 413, 414, 415, 416, 417, 418, 421, 422, 425, 426, 428, 429, 431, 451, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511, 599,
];

let server: Awaited<ReturnType<typeof serverWith>>;
beforeAll(async () => {
  const behaviours: Record<string, ServerBehaviour> = {};
  for (let status = 100; status <= 599; status++) {
    if (status === 101) continue;
    const reason = `Status ${status}`;
    const headers: Array<[string, string]> = status === 401 ? [['WWW-Authenticate', 'Basic realm="x"']] : status >= 300 && status < 400 ? [['Location', '/s/ok']] : [];
    behaviours[`status-${status}`] = { kind: 'refuse', status, reason, headers, body: `refused with ${status} for a reason the script must not learn\n` };
  }
  behaviours['ok'] = { kind: 'accept' };
  behaviours['not-websocket'] = { kind: 'raw', response: 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello' };
  behaviours['bad-subprotocol'] = { kind: 'accept', protocol: 'other' };
  behaviours['abrupt'] = { kind: 'accept', then: [{ do: 'reset' }] };
  server = await serverWith(behaviours);
});
afterAll(async () => {
  await server.close();
});

/** Everything a script read, as text: the status must appear nowhere in it. */
const readable = (seen: readonly Seen[]): string => JSON.stringify(seen);

async function refusedWith(status: number): Promise<{ seen: Seen[]; diagnostics: string[] }> {
  const { ws, seen, diagnostics } = open(server.url(`status-${status}`));
  await closed(ws);
  return { seen, diagnostics };
}

describe('Any status but 101 fails the connection, and the script learns nothing of it [whatwg#concept-websocket-establish-step-11.1, whatwg#feedback-from-the-protocol-11, w3c#dom-websocket-step-8-2, rfc6455#section-4.1-8.1]', () => {
  it.each(STATUSES)('%i: error, then close 1006, "" and not clean; the status only in the diagnostics', async (status) => {
    const { seen, diagnostics } = await refusedWith(status);
    expect(seen).toEqual(FAILED);
    expect(readable(seen)).not.toMatch(new RegExp(`\\b${status}\\b`));
    expect(diagnostics.join('\n')).toContain(`Unexpected response code: ${status}`);
  });

  it('for every status from 100 to 599, the script sees the same thing [whatwg#feedback-from-the-protocol-13]', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 599 }).filter((status) => status !== 101), async (status) => {
        const { seen } = await refusedWith(status);
        expect(seen).toEqual(FAILED);
      }),
      { numRuns: 40 },
    );
  });

  it('does not follow redirects: no request for the Location [whatwg#concept-websocket-establish-step-2, whatwg#websocket-opening-handshake-4, rfc6455#section-4.2.2-2.3]', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      server.begin(`redirect-${status}`);
      const { seen } = await refusedWith(status);
      expect(seen).toEqual(FAILED);
      expect(server.log(`redirect-${status}`)).toEqual([`request /s/status-${status}`]);
    }
  });
});

describe('The situations a script must not tell apart all look the same [whatwg#feedback-from-the-protocol-11, w3c#feedback-from-the-protocol-12]', () => {
  async function failure(url: string): Promise<Seen[]> {
    const { ws, seen } = open(url);
    await closed(ws);
    return seen;
  }

  it('a host name that does not resolve [whatwg#feedback-from-the-protocol-12.1]', async () => {
    expect(await failure('ws://wsspec-test.invalid/')).toEqual(FAILED);
  });

  it('a port that refuses the connection [whatwg#feedback-from-the-protocol-12.3]', async () => {
    expect(await failure(`ws://127.0.0.1:${server.closedPort}/`)).toEqual(FAILED);
  });

  it('a TLS handshake that fails [whatwg#feedback-from-the-protocol-12.4]', async () => {
    expect(await failure(`wss://127.0.0.1:${server.port}/s/ok`)).toEqual(FAILED);
  });

  it('a server that is not a WebSocket server [whatwg#feedback-from-the-protocol-12.5]', async () => {
    expect(await failure(server.url('not-websocket'))).toEqual(FAILED);
  });

  it('a handshake with options the client drops, such as a subprotocol it did not offer [whatwg#feedback-from-the-protocol-12.6]', async () => {
    expect(await failure(server.url('bad-subprotocol'))).toEqual(FAILED);
  });

  it('a server that abruptly closes after the handshake: close 1006 too [whatwg#feedback-from-the-protocol-12.7, whatwg#feedback-from-the-protocol-13]', async () => {
    const seen = await failure(server.url('abrupt'));
    expect(seen.at(-1)).toEqual(FAILED[1]);
  });
});
