/**
 * The constructor's steps: the URL (WHATWG steps 1–7, and the 2012 CR
 * behind `legacy2012`), the protocol list (steps 8–9), and what the request
 * then carries.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBaseUrl, parseWebSocketUrl, WebSocket } from '../../src/api/index.ts';
import type { TransportFactory } from '../../src/api/index.ts';
import { closed, serverWith } from './support.ts';

/** A transport that never connects: the constructor's steps run, nothing goes on the wire. */
const nowhere: TransportFactory = () => ({ write() {}, end() {}, destroy() {} });
const construct = (url: string, protocols?: unknown, options: Record<string, unknown> = {}) =>
  new WebSocket(url, protocols as string[] | undefined, { transport: nowhere, ...options });

function syntaxErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DOMException);
    return (error as DOMException).name;
  }
  return 'no exception';
}

describe('The URL steps of the constructor [whatwg#dom-websocket-websocket]', () => {
  it('applies the URL parser and keeps the result, serialized [whatwg#dom-websocket-websocket-step-2, whatwg#dom-websocket-websocket-step-10, whatwg#dom-websocket-url]', () => {
    expect(parseWebSocketUrl('WS://Example.COM:80/a/../b?x=1').href).toBe('ws://example.com/b?x=1');
    expect(parseWebSocketUrl('wss://example.com:443').href).toBe('wss://example.com/');
    expect(construct('ws://127.0.0.1:8080/chat?room=1').url).toBe('ws://127.0.0.1:8080/chat?room=1');
    expect(construct(new URL('ws://[::1]:9/') as unknown as string).url).toBe('ws://[::1]:9/');
  });

  it('throws a SyntaxError for what the URL parser rejects [whatwg#dom-websocket-websocket-step-3]', () => {
    for (const url of ['ws://[::1', 'ws://exa mple.org/', 'ws://', '//no-scheme', 'ws://host:99999/']) {
      expect(syntaxErrorOf(() => construct(url)), url).toBe('SyntaxError');
    }
  });

  it('maps http: to ws: [whatwg#dom-websocket-websocket-step-4]', () => {
    expect(construct('http://127.0.0.1:8080/chat').url).toBe('ws://127.0.0.1:8080/chat');
    expect(construct('http://example.com:80/').url).toBe('ws://example.com/');
  });

  it('maps https: to wss: [whatwg#dom-websocket-websocket-step-5]', () => {
    expect(construct('https://example.com/chat').url).toBe('wss://example.com/chat');
    expect(construct('HTTPS://example.com:443/').url).toBe('wss://example.com/');
  });

  it('throws a SyntaxError for any other scheme [whatwg#dom-websocket-websocket-step-6, whatwg#interface-definition-7.1-3]', () => {
    for (const url of ['ftp://example.com/', 'file:///tmp/socket', 'data:text/plain,hi', 'javascript:alert(1)', 'blob:http://example.com/x', 'wsx://example.com/']) {
      expect(syntaxErrorOf(() => construct(url)), url).toBe('SyntaxError');
    }
  });

  it('throws a SyntaxError for a fragment, even an empty one [whatwg#dom-websocket-websocket-step-7, rfc6455#section-3-7]', () => {
    expect(syntaxErrorOf(() => construct('ws://example.com/#frag'))).toBe('SyntaxError');
    expect(syntaxErrorOf(() => construct('ws://example.com/#'))).toBe('SyntaxError');
    expect(syntaxErrorOf(() => construct('http://example.com/path?q#'))).toBe('SyntaxError');
    // A percent-encoded # is data, not a fragment.
    expect(construct('ws://example.com/a%23b').url).toBe('ws://example.com/a%23b');
  });

  it('resolves a relative URL against the API base URL given as baseURL [whatwg#dom-websocket-websocket-step-1]', () => {
    expect(construct('/chat', [], { baseURL: 'http://127.0.0.1:8080/app/page' }).url).toBe('ws://127.0.0.1:8080/chat');
    expect(construct('sock?x=1', [], { baseURL: 'https://example.org/dir/page' }).url).toBe('wss://example.org/dir/sock?x=1');
    expect(construct('//other.example/', [], { baseURL: 'https://example.org/' }).url).toBe('wss://other.example/');
  });

  it('uses the page\'s base URL where there is a document or a location, none in Node [whatwg#dom-websocket-websocket-step-1]', () => {
    expect(apiBaseUrl()).toBeUndefined();
    expect(syntaxErrorOf(() => construct('/chat'))).toBe('SyntaxError');
    const scope = globalThis as { location?: unknown };
    scope.location = { href: 'https://example.org/dir/page', origin: 'https://example.org' };
    try {
      expect(apiBaseUrl()).toBe('https://example.org/dir/page');
      expect(construct('sock').url).toBe('wss://example.org/dir/sock');
    } finally {
      delete scope.location;
    }
  });

  it('converts url to a USVString: a lone surrogate becomes U+FFFD', () => {
    expect(construct('ws://example.com/\uD800').url).toBe('ws://example.com/%EF%BF%BD');
  });

  it('needs at least one argument, as the IDL says', () => {
    expect(() => new (WebSocket as unknown as new () => WebSocket)()).toThrow(TypeError);
  });
});

describe('The 2012 Candidate Recommendation, behind legacy2012 [w3c#dom-websocket-step-1]', () => {
  const legacy = (url: string) => parseWebSocketUrl(url, { legacy2012: true });

  it('accepts absolute ws: and wss: URLs', () => {
    expect(legacy('ws://example.com/chat').href).toBe('ws://example.com/chat');
    expect(legacy('wss://example.com').href).toBe('wss://example.com/');
  });

  it('throws a SyntaxError for http: and https:, which the standard has mapped since 2023 [w3c#parse-a-websocket-url-s-components-step-3]', () => {
    expect(syntaxErrorOf(() => legacy('http://example.com/'))).toBe('SyntaxError');
    expect(syntaxErrorOf(() => legacy('https://example.com/'))).toBe('SyntaxError');
    expect(syntaxErrorOf(() => construct('http://example.com/', [], { legacy2012: true }))).toBe('SyntaxError');
  });

  it('throws a SyntaxError for a relative URL, even with a base [w3c#parse-a-websocket-url-s-components-step-1]', () => {
    expect(syntaxErrorOf(() => parseWebSocketUrl('/chat', { legacy2012: true, baseURL: 'http://example.com/' }))).toBe('SyntaxError');
  });

  it('throws a SyntaxError for a fragment [w3c#parse-a-websocket-url-s-components-step-4]', () => {
    expect(syntaxErrorOf(() => legacy('ws://example.com/#x'))).toBe('SyntaxError');
  });
});

describe('The protocols argument [whatwg#dom-websocket-websocket-step-8, whatwg#dom-websocket-websocket-step-9]', () => {
  it('throws a SyntaxError for a name offered twice [whatwg#dom-websocket-websocket-step-9]', () => {
    expect(syntaxErrorOf(() => construct('ws://example.com/', ['chat', 'superchat', 'chat']))).toBe('SyntaxError');
  });

  it('takes names that differ only in case as two names [whatwg#dom-websocket-websocket-step-9]', () => {
    expect(() => construct('ws://example.com/', ['chat', 'Chat'])).not.toThrow();
  });

  it('throws a SyntaxError for any name that is not a token [whatwg#dom-websocket-websocket-step-9, rfc6455#section-4.1-6.10]', () => {
    const separators = '()<>@,;:\\"/[]?={} \t';
    const notToken = fc.oneof(
      fc.constant(''),
      fc.tuple(fc.string(), fc.constantFrom(...separators, '\u0000', '\u007f', 'é', '€'), fc.string()).map(([a, c, b]) => a + c + b),
    );
    fc.assert(
      fc.property(notToken, (name) => syntaxErrorOf(() => construct('ws://example.com/', [name])) === 'SyntaxError'),
      { numRuns: 200 },
    );
  });

  it('accepts any list of distinct tokens', () => {
    const tchar = fc.constantFrom(...'!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    const token = fc.string({ unit: tchar, minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.uniqueArray(token, { maxLength: 5 }), (names) => {
        construct('ws://example.com/', names);
      }),
      { numRuns: 200 },
    );
  });

  describe('on the wire', () => {
    let server: Awaited<ReturnType<typeof serverWith>>;
    beforeAll(async () => {
      server = await serverWith({ first: { kind: 'accept', protocol: { firstOffered: true } } });
    });
    afterAll(async () => {
      await server.close();
    });

    it('offers a string as a list of one [whatwg#dom-websocket-websocket-step-8, whatwg#concept-websocket-establish-step-8]', async () => {
      server.begin('string');
      const ws = new WebSocket(server.url('first'), 'chat');
      await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
      expect(ws.protocol).toBe('chat');
      ws.close();
      await closed(ws);
      expect(server.log('string')[0]).toBe('request /s/first protocols=chat');
    });

    it('offers a sequence (any iterable) in order, in one field [whatwg#concept-websocket-establish-step-8]', async () => {
      server.begin('iterable');
      const ws = new WebSocket(server.url('first'), new Set(['superchat', 'chat']));
      await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
      expect(ws.protocol).toBe('superchat');
      ws.close();
      await closed(ws);
      expect(server.log('iterable')[0]).toBe('request /s/first protocols=superchat, chat');
    });
  });
});
