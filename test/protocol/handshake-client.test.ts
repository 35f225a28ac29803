import { describe, expect, it } from 'vitest';
import {
  ClientConnection,
  createClientHandshake,
  getHeader,
  HandshakeError,
  InvalidStatusError,
  parseResponseHead,
  parseWebSocketUri,
  serializeRequest,
  State,
  UsageError,
  validateResponse,
} from '../../src/protocol/index.ts';
import type { ClientHandshake, ConnectionEvent } from '../../src/protocol/index.ts';
import { concatBytes, hex, text } from './helpers.ts';

/** Random bytes that make the key of RFC 6455 §1.3, "dGhlIHNhbXBsZSBub25jZQ==" ("the sample nonce"). */
const sampleNonce = (bytes: Uint8Array) => bytes.set(text('the sample nonce').subarray(0, bytes.length));
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

const handshake = (url = 'ws://server.example.com/chat', options = {}) =>
  createClientHandshake(url, { random: sampleNonce, origin: 'http://example.com', protocols: ['chat', 'superchat'], ...options });

const RFC_RESPONSE = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='];
const response = (lines: string[]) => parseResponseHead(lines.join('\r\n'));
function withField(name: string, value: string | null, lines = RFC_RESPONSE): string[] {
  const rest = lines.filter((line) => !line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return value === null ? rest : [...rest, `${name}: ${value}`];
}
function failure(h: ClientHandshake, lines: string[]): string {
  try {
    validateResponse(h, response(lines));
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    expect(error.closeCode).toBe(1006);
    return error.code;
  }
  throw new Error('response was valid');
}

describe('WebSocket URIs [rfc6455#section-3]', () => {
  it('splits ws: and wss: URIs into host, port, resource name and secure flag [rfc6455#section-3-3, rfc6455#section-3-4, rfc6455#section-3-5]', () => {
    expect(parseWebSocketUri('ws://example.com/chat?x=1')).toEqual({ host: 'example.com', port: 80, resourceName: '/chat?x=1', secure: false });
    expect(parseWebSocketUri('WSS://example.com')).toEqual({ host: 'example.com', port: 443, resourceName: '/', secure: true });
    expect(parseWebSocketUri('ws://[::1]:9001')).toEqual({ host: '[::1]', port: 9001, resourceName: '/', secure: false });
  });

  it('refuses a fragment, another scheme, and user information [rfc6455#section-3-7, rfc6455#section-4.1-4.1]', () => {
    for (const url of ['ws://example.com/#frag', 'ws://example.com/#', 'http://example.com/', 'ws://user:pw@example.com/', 'not a url']) {
      expect(() => parseWebSocketUri(url), url).toThrow(HandshakeError);
    }
  });
});

describe("The client's opening handshake [rfc6455#section-4.1]", () => {
  it('sends the request of §1.3 [rfc6455#section-1.3-3, rfc6455#section-4.1-6.1, rfc6455#section-4.1-6.2.1, rfc6455#section-4.1-6.3, rfc6455#section-4.1-6.5, rfc6455#section-4.1-6.6, rfc6455#section-4.1-6.8.1, rfc6455#section-4.1-6.9.1]', async () => {
    const h = await handshake();
    expect(latin1(serializeRequest(h.request))).toBe(
      [
        'GET /chat HTTP/1.1',
        'Host: server.example.com',
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        'Origin: http://example.com',
        'Sec-WebSocket-Protocol: chat, superchat',
        '',
        '',
      ].join('\r\n'),
    );
    expect(h.expectedAccept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('puts the port in Host only when it is not the default [rfc6455#section-4.1-6.4]', async () => {
    expect(getHeader((await handshake('ws://a.example:8080/')).request.headers, 'host')).toBe('a.example:8080');
    expect(getHeader((await handshake('wss://a.example:443/')).request.headers, 'host')).toBe('a.example');
  });

  it('uses a fresh random 16-byte key for each connection [rfc6455#section-4.1-6.7.1]', async () => {
    const a = await createClientHandshake('ws://a.example/');
    const b = await createClientHandshake('ws://a.example/');
    expect(a.key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.key).not.toBe(b.key);
  });

  it('offers extensions and other header fields [rfc6455#section-4.1-6.11, rfc6455#section-4.1-6.12]', async () => {
    const h = await handshake(undefined, { extensions: ['permessage-deflate; client_max_window_bits'], headers: [['Authorization', 'Basic eDp5']] });
    expect(getHeader(h.request.headers, 'sec-websocket-extensions')).toBe('permessage-deflate; client_max_window_bits');
    expect(getHeader(h.request.headers, 'authorization')).toBe('Basic eDp5');
  });

  it('refuses subprotocols that are not unique tokens, and overriding its own fields [rfc6455#section-4.1-6.10, rfc6455#section-11.3.1-4]', async () => {
    await expect(handshake(undefined, { protocols: ['a', 'a'] })).rejects.toThrow(UsageError);
    await expect(handshake(undefined, { protocols: ['a b'] })).rejects.toThrow(UsageError);
    await expect(handshake(undefined, { headers: [['Sec-WebSocket-Key', 'x']] })).rejects.toThrow(UsageError);
  });
});

describe("Validating the server's response [rfc6455#section-4.1-7]", () => {
  it('accepts the response of §1.3 [rfc6455#section-1.3-19, rfc6455#section-4.1-11]', async () => {
    expect(validateResponse(await handshake(), response(RFC_RESPONSE))).toMatchObject({ protocol: null, extensions: null });
  });

  it('reports the subprotocol the server chose among those offered [rfc6455#section-4.1-8.6]', async () => {
    expect(validateResponse(await handshake(), response(withField('Sec-WebSocket-Protocol', 'superchat'))).protocol).toBe('superchat');
  });

  it('accepts a value of Sec-WebSocket-Accept with surrounding whitespace and a case-insensitive Upgrade [rfc6455#section-4.1-8.4, rfc6455#section-4.1-8.2]', async () => {
    const lines = withField('Upgrade', 'WebSocket', withField('Sec-WebSocket-Accept', ' s3pPLMBiTxaQ9kYGzzhZRbK+xOo= '));
    expect(() => validateResponse(h0, response(lines))).not.toThrow();
  });

  it('reports any status but 101 with the whole response [rfc6455#section-4.1-8.1]', async () => {
    const h = await handshake();
    const res = response(['HTTP/1.1 403 Forbidden', 'Content-Length: 0']);
    expect(() => validateResponse(h, res)).toThrow(InvalidStatusError);
    try {
      validateResponse(h, res);
    } catch (error) {
      expect((error as InvalidStatusError).response).toBe(res);
    }
  });

  const cases: Array<[string, string[], string]> = [
    ['no Upgrade', withField('Upgrade', null), 'WS_ERR_INVALID_UPGRADE'],
    ['Upgrade: h2c', withField('Upgrade', 'h2c'), 'WS_ERR_INVALID_UPGRADE'],
    ['no Connection', withField('Connection', null), 'WS_ERR_INVALID_CONNECTION'],
    ['Connection: close', withField('Connection', 'close'), 'WS_ERR_INVALID_CONNECTION'],
    ['no Sec-WebSocket-Accept', withField('Sec-WebSocket-Accept', null), 'WS_ERR_INVALID_ACCEPT'],
    ['a wrong Sec-WebSocket-Accept', withField('Sec-WebSocket-Accept', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='), 'WS_ERR_INVALID_ACCEPT'],
    ['an extension not offered', withField('Sec-WebSocket-Extensions', 'permessage-deflate'), 'WS_ERR_UNEXPECTED_EXTENSION'],
    ['malformed Sec-WebSocket-Extensions', withField('Sec-WebSocket-Extensions', ';;'), 'WS_ERR_INVALID_EXTENSIONS'],
    ['a subprotocol not offered', withField('Sec-WebSocket-Protocol', 'mqtt'), 'WS_ERR_UNEXPECTED_SUBPROTOCOL'],
    ['two subprotocols', withField('Sec-WebSocket-Protocol', 'chat, superchat'), 'WS_ERR_UNEXPECTED_SUBPROTOCOL'],
  ];
  const steps: Record<string, string> = {
    WS_ERR_INVALID_UPGRADE: 'rfc6455#section-4.1-8.2',
    WS_ERR_INVALID_CONNECTION: 'rfc6455#section-4.1-8.3',
    WS_ERR_INVALID_ACCEPT: 'rfc6455#section-4.1-8.4',
    WS_ERR_UNEXPECTED_EXTENSION: 'rfc6455#section-4.1-8.5',
    WS_ERR_INVALID_EXTENSIONS: 'rfc6455#section-9.1-1',
    WS_ERR_UNEXPECTED_SUBPROTOCOL: 'rfc6455#section-4.1-8.6',
  };
  for (const [what, lines, code] of cases) {
    it(`fails the connection on a 101 with ${what} [${steps[code]}]`, async () => {
      expect(failure(await handshake(), lines)).toBe(code);
    });
  }
});

// One handshake for the synchronous tests above.
const h0 = await handshake();

/** The InvalidStatusError of an `error` event. */
function statusError(event: ConnectionEvent | undefined): InvalidStatusError {
  if (event?.type !== 'error' || !(event.error instanceof InvalidStatusError)) throw new Error(`not a refusal: ${JSON.stringify(event)}`);
  return event.error;
}

function run(c: ClientConnection, ...chunks: Uint8Array[]): ConnectionEvent[] {
  for (const chunk of chunks) c.receiveData(chunk);
  return c.events();
}

describe('ClientConnection: the handshake, sans I/O [rfc6455#section-4.1]', () => {
  it('sends the request first, opens on a valid 101, and reads frames that came with it [rfc6455#section-4.1-11]', async () => {
    const c = new ClientConnection(await handshake());
    expect(latin1(c.dataToSend()[0]!).startsWith('GET /chat HTTP/1.1\r\n')).toBe(true);
    const events = run(c, concatBytes(text(`${RFC_RESPONSE.join('\r\n')}\r\n\r\n`), hex('81 05 48 65 6c 6c 6f')));
    expect(events.map((e) => e.type)).toEqual(['open', 'text']);
    expect(c.state).toBe(State.OPEN);
  });

  it('reports a refusal with its status, headers and Content-Length body [rfc6455#section-4.1-8.1]', async () => {
    const c = new ClientConnection(await handshake());
    const head = 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="x"\r\nContent-Length: 5\r\n\r\n';
    expect(run(c, text(head), text('no'))).toEqual([]);
    const [event] = run(c, text('pe!'));
    expect(event?.type).toBe('error');
    const error = statusError(event);
    expect(error).toBeInstanceOf(InvalidStatusError);
    expect(error.response.status).toBe(401);
    expect(getHeader(error.response.headers, 'www-authenticate')).toBe('Basic realm="x"');
    expect(latin1(error.response.body)).toBe('nope!');
    expect(c.shouldCloseTransport()).toBe(true);
    c.receiveEof();
    expect(c.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });

  it('reads a chunked refusal body', async () => {
    const c = new ClientConnection(await handshake());
    const events = run(c, text('HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n'));
    expect(latin1(statusError(events[0]).response.body)).toBe('abcde');
  });

  it('reads a refusal body until the connection closes when it has no length', async () => {
    const c = new ClientConnection(await handshake());
    expect(run(c, text('HTTP/1.0 404 Not Found\r\n\r\nnot here'))).toEqual([]);
    c.receiveEof();
    const [error, closed] = c.events();
    expect(latin1(statusError(error).response.body)).toBe('not here');
    expect(closed).toEqual({ type: 'closed', code: 1006, reason: '', wasClean: false });
  });

  it('keeps at most maxBodySize bytes of a refusal body and says so', async () => {
    const c = new ClientConnection(await handshake(), { maxBodySize: 4 });
    const [event] = run(c, text('HTTP/1.1 403 Forbidden\r\nContent-Length: 10\r\n\r\n0123456789'));
    const error = statusError(event);
    expect(latin1(error.response.body)).toBe('0123');
    expect(error.bodyTruncated).toBe(true);
  });

  it('fails on a malformed response, an oversized head, or a connection closed before the head', async () => {
    const malformed = new ClientConnection(await handshake());
    expect(run(malformed, text('HTTP/1.1 abc\r\n\r\n'))[0]).toMatchObject({ type: 'error', error: { code: 'WS_ERR_MALFORMED_HTTP' } });
    const large = new ClientConnection(await handshake(), { maxHeadSize: 64 });
    expect(run(large, text(`HTTP/1.1 101 ${'x'.repeat(100)}`))[0]).toMatchObject({ type: 'error', error: { code: 'WS_ERR_HEAD_TOO_LARGE' } });
    const early = new ClientConnection(await handshake());
    early.receiveEof();
    expect(early.events().map((e) => e.type)).toEqual(['error', 'closed']);
  });

  it('refuses to close while CONNECTING, and sends nothing but the request', async () => {
    const c = new ClientConnection(await handshake());
    c.dataToSend();
    expect(() => c.close(1000)).toThrow(UsageError);
    expect(() => c.sendText('x')).toThrow(UsageError);
  });
});
