import { describe, expect, it } from 'vitest';
import {
  createAcceptResponse,
  createErrorResponse,
  createRefusalResponse,
  getHeader,
  HandshakeError,
  parseRequestHead,
  selectSubprotocol,
  serializeResponse,
  ServerConnection,
  State,
  UsageError,
  validateRequest,
} from '../../src/protocol/index.ts';
import type { HttpRequest } from '../../src/protocol/index.ts';
import { hex, text, toHex } from './helpers.ts';

/** The client handshake of RFC 6455 §1.3. */
const RFC_REQUEST = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Origin: http://example.com',
  'Sec-WebSocket-Protocol: chat, superchat',
  'Sec-WebSocket-Version: 13',
];

const request = (lines: string[] = RFC_REQUEST): HttpRequest => parseRequestHead(lines.join('\r\n'));
/** The RFC request with one field replaced (or removed with value null) or added. */
function withField(name: string, value: string | null, lines = RFC_REQUEST): string[] {
  const rest = lines.filter((line) => !line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return value === null ? rest : [...rest, `${name}: ${value}`];
}
function refusal(lines: string[]): { code: string; status: number | null; headers: ReadonlyArray<readonly [string, string]> } {
  try {
    validateRequest(request(lines));
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    return { code: error.code, status: error.httpStatus, headers: error.headers };
  }
  throw new Error('request was valid');
}
const bytesOf = (lines: string[]) => text(`${lines.join('\r\n')}\r\n\r\n`);
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe("Reading the client's opening handshake [rfc6455#section-4.2.1]", () => {
  it('accepts the handshake of §1.3 and extracts its parts [rfc6455#section-1.3-3]', () => {
    expect(validateRequest(request())).toMatchObject({
      resourceName: '/chat',
      host: 'server.example.com',
      origin: 'http://example.com',
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
      protocols: ['chat', 'superchat'],
      extensions: [],
    });
  });

  it('reads header field names case-insensitively and in any order [rfc6455#section-4.1-10, rfc6455#section-1.3-4]', () => {
    const fields = RFC_REQUEST.slice(1)
      .reverse()
      .map((line) => line.replace(/^[^:]+/, (name) => name.toUpperCase()));
    expect(validateRequest(request([RFC_REQUEST[0]!, ...fields])).key).toBe('dGhlIHNhbXBsZSBub25jZQ==');
  });

  it('takes the resource name from an absolute http URI [rfc6455#section-4.2.1-3.1]', () => {
    const lines = ['GET http://server.example.com/chat?x=1 HTTP/1.1', ...RFC_REQUEST.slice(1)];
    expect(validateRequest(request(lines)).resourceName).toBe('/chat?x=1');
  });

  it('accepts "Upgrade: WebSocket" and "Connection: keep-alive, Upgrade" [rfc6455#section-4.2.1-3.3, rfc6455#section-4.2.1-3.4]', () => {
    const lines = withField('Connection', 'keep-alive, Upgrade', withField('Upgrade', 'WebSocket'));
    expect(() => validateRequest(request(lines))).not.toThrow();
  });

  it('lowercases the Origin [rfc6455#section-4.2.2-2.4.2.1]', () => {
    expect(validateRequest(request(withField('Origin', 'HTTP://Example.COM'))).origin).toBe('http://example.com');
    expect(validateRequest(request(withField('Origin', null))).origin).toBeNull();
  });

  it('parses offered extensions and ignores unknown header fields [rfc6455#section-4.2.1-3.9, rfc6455#section-4.2.1-3.10]', () => {
    const lines = [...withField('Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'), 'X-Custom: 1'];
    expect(validateRequest(request(lines)).extensions).toEqual([{ name: 'permessage-deflate', params: [['client_max_window_bits', null]] }]);
  });

  const cases: Array<[string, string[], string, number]> = [
    ['a POST request', ['POST /chat HTTP/1.1', ...RFC_REQUEST.slice(1)], 'WS_ERR_INVALID_METHOD', 400],
    ['an HTTP/1.0 request', ['GET /chat HTTP/1.0', ...RFC_REQUEST.slice(1)], 'WS_ERR_INVALID_HTTP_VERSION', 400],
    ['an asterisk request target', ['GET * HTTP/1.1', ...RFC_REQUEST.slice(1)], 'WS_ERR_INVALID_REQUEST_TARGET', 400],
    ['a ws: absolute request target', ['GET ws://server.example.com/chat HTTP/1.1', ...RFC_REQUEST.slice(1)], 'WS_ERR_INVALID_REQUEST_TARGET', 400],
    ['no Host', withField('Host', null), 'WS_ERR_MISSING_HOST', 400],
    ['two Host fields', [...RFC_REQUEST, 'Host: other.example.com'], 'WS_ERR_MISSING_HOST', 400],
    ['no Upgrade', withField('Upgrade', null), 'WS_ERR_INVALID_UPGRADE', 400],
    ['Upgrade: h2c', withField('Upgrade', 'h2c'), 'WS_ERR_INVALID_UPGRADE', 400],
    ['no Connection', withField('Connection', null), 'WS_ERR_INVALID_CONNECTION', 400],
    ['Connection: keep-alive', withField('Connection', 'keep-alive'), 'WS_ERR_INVALID_CONNECTION', 400],
    ['no Sec-WebSocket-Key', withField('Sec-WebSocket-Key', null), 'WS_ERR_INVALID_KEY', 400],
    ['a 15-byte key', withField('Sec-WebSocket-Key', 'AQIDBAUGBwgJCgsMDQ4P'), 'WS_ERR_INVALID_KEY', 400],
    ['two keys', [...RFC_REQUEST, 'Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=='], 'WS_ERR_INVALID_KEY', 400],
    ['no Sec-WebSocket-Version', withField('Sec-WebSocket-Version', null), 'WS_ERR_INVALID_VERSION', 400],
    ['Sec-WebSocket-Version: 013', withField('Sec-WebSocket-Version', '013'), 'WS_ERR_INVALID_VERSION', 400],
    ['Sec-WebSocket-Version: 8', withField('Sec-WebSocket-Version', '8'), 'WS_ERR_UNSUPPORTED_VERSION', 426],
    ['Sec-WebSocket-Version: 25', withField('Sec-WebSocket-Version', '25'), 'WS_ERR_UNSUPPORTED_VERSION', 426],
    ['a subprotocol that is not a token', withField('Sec-WebSocket-Protocol', 'chat, super chat'), 'WS_ERR_INVALID_SUBPROTOCOLS', 400],
    ['a repeated subprotocol', withField('Sec-WebSocket-Protocol', 'chat, chat'), 'WS_ERR_INVALID_SUBPROTOCOLS', 400],
    ['an empty Sec-WebSocket-Protocol', withField('Sec-WebSocket-Protocol', ''), 'WS_ERR_INVALID_SUBPROTOCOLS', 400],
    ['malformed Sec-WebSocket-Extensions', withField('Sec-WebSocket-Extensions', 'foo; =bar'), 'WS_ERR_INVALID_EXTENSIONS', 400],
  ];
  for (const [what, lines, code, status] of cases) {
    it(`refuses ${what} with ${status} [rfc6455#section-4.2.1-2]`, () => {
      expect(refusal(lines)).toMatchObject({ code, status });
    });
  }

  it('answers another version with 426 and Sec-WebSocket-Version: 13 [rfc6455#section-4.2.2-2.4.2.3, rfc6455#section-4.4-2]', () => {
    const { headers } = refusal(withField('Sec-WebSocket-Version', '8'));
    expect(headers).toContainEqual(['Sec-WebSocket-Version', '13']);
    expect(headers).toContainEqual(['Upgrade', 'websocket']);
  });
});

describe("Sending the server's opening handshake [rfc6455#section-4.2.2]", () => {
  it('builds the 101 response of §1.3 [rfc6455#section-1.3-19, rfc6455#section-4.2.2-2.5.1, rfc6455#section-4.2.2-2.5.2.1]', async () => {
    const response = await createAcceptResponse(validateRequest(request()));
    expect(latin1(serializeResponse(response))).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
    );
  });

  it('sends the chosen subprotocol [rfc6455#section-4.2.2-2.5.2.5]', async () => {
    const response = await createAcceptResponse(validateRequest(request()), { protocol: 'chat' });
    expect(getHeader(response.headers, 'sec-websocket-protocol')).toBe('chat');
  });

  it('chooses the subprotocol from the offer only, in the client\'s order, or none [rfc6455#section-4.2.2-2.4.2.5]', async () => {
    expect(selectSubprotocol(['chat', 'superchat'], ['superchat', 'chat'])).toBe('chat');
    expect(selectSubprotocol(['chat'], ['other'])).toBeNull();
    await expect(createAcceptResponse(validateRequest(request()), { protocol: 'other' })).rejects.toThrow(UsageError);
  });

  it('refuses with a complete response: status, fields, Content-Length and body [rfc6455#section-4.2.2-2.2]', () => {
    const response = createRefusalResponse(401, { headers: [['WWW-Authenticate', 'Basic realm="ws"']], body: 'who are you?' });
    expect(latin1(serializeResponse(response))).toBe(
      'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="ws"\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\nConnection: close\r\n\r\nwho are you?',
    );
  });

  it('redirects with a 3xx and a Location [rfc6455#section-4.2.2-2.3]', () => {
    const response = createRefusalResponse(307, { headers: [['Location', 'ws://elsewhere.example/']] });
    expect(latin1(serializeResponse(response))).toBe(
      'HTTP/1.1 307 Temporary Redirect\r\nLocation: ws://elsewhere.example/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
  });

  it('turns a HandshakeError into its refusal: 426 with the version [rfc6455#section-4.2.2-2.4.2.3]', () => {
    const error = new HandshakeError('WS_ERR_UNSUPPORTED_VERSION', '8', [['Sec-WebSocket-Version', '13']]);
    const head = latin1(serializeResponse(createErrorResponse(error)));
    expect(head.startsWith('HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n')).toBe(true);
  });

  it('answers a refused Origin with 403 and an unknown resource with 404 [rfc6455#section-10.2-1, rfc6455#section-4.2.2-2.4.2.4]', () => {
    expect(createErrorResponse(new HandshakeError('WS_ERR_ORIGIN_REFUSED')).status).toBe(403);
    expect(createErrorResponse(new HandshakeError('WS_ERR_NOT_FOUND')).status).toBe(404);
  });
});

describe('ServerConnection: the handshake, sans I/O [rfc6455#section-4.2]', () => {
  it('reads the request in pieces, announces it, and opens on accept [rfc6455#section-4.2.2-1, rfc6455#section-4.2.2-3]', async () => {
    const s = new ServerConnection();
    const bytes = bytesOf(RFC_REQUEST);
    s.receiveData(bytes.slice(0, 20));
    expect(s.events()).toEqual([]);
    // The first frame arrives with the end of the request: kept until the 101 is sent.
    s.receiveData(new Uint8Array([...bytes.slice(20), ...hex('81 85 37 fa 21 3d 7f 9f 4d 51 58')]));
    const [event] = s.events();
    expect(event?.type).toBe('request');
    expect(s.state).toBe(State.CONNECTING);
    await s.accept({ protocol: 'chat' });
    expect(s.state).toBe(State.OPEN);
    expect(latin1(s.dataToSend()[0]!)).toContain('HTTP/1.1 101 Switching Protocols\r\n');
    expect(s.events()).toEqual([{ type: 'text', data: 'Hello' }]);
  });

  it('refuses an invalid request with its status line and asks to close the transport [rfc6455#section-4.2.1-2, rfc6455#section-10.7-1]', () => {
    const s = new ServerConnection();
    s.receiveData(bytesOf(withField('Sec-WebSocket-Version', '7')));
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 426 Upgrade Required');
    expect(s.events().map((e) => e.type)).toEqual(['error']);
    expect(s.shouldCloseTransport()).toBe(true);
    s.receiveEof();
    expect(s.events()).toEqual([{ type: 'closed', code: 1006, reason: '', wasClean: false }]);
  });

  it('refuses a request head over maxHeadSize with 431, having buffered at most one byte more', () => {
    const s = new ServerConnection({ maxHeadSize: 100 });
    s.receiveData(text(`GET /${'a'.repeat(200)} HTTP/1.1\r\n`));
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('refuses more header fields than maxHeaders with 431', () => {
    const s = new ServerConnection({ maxHeaders: 5 });
    s.receiveData(bytesOf([...RFC_REQUEST, 'X-A: 1']));
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('refuses malformed HTTP with 400', () => {
    for (const head of ['GET /chat HTTP/1.1\nHost: a\n\n', 'GET /chat\r\n\r\n', 'GET /chat HTTP/1.1\r\n Host: a\r\n\r\n', 'GET /chat HTTP/1.1\r\nHo st: a\r\n\r\n']) {
      const s = new ServerConnection();
      s.receiveData(text(head));
      s.receiveData(text('\r\n\r\n'));
      expect(latin1(s.dataToSend()[0] ?? new Uint8Array()).split('\r\n')[0], JSON.stringify(head)).toBe('HTTP/1.1 400 Bad Request');
    }
  });

  it('lets the application refuse with any response', () => {
    const s = new ServerConnection();
    s.receiveData(bytesOf(RFC_REQUEST));
    s.events();
    s.reject(createRefusalResponse(503, { headers: [['Retry-After', '5']] }));
    expect(toHex(s.dataToSend()[0]!).startsWith(toHex(text('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n')))).toBe(true);
    expect(s.shouldCloseTransport()).toBe(true);
    expect(() => s.reject(createRefusalResponse(400))).toThrow(UsageError);
  });

  it('refuses a client that sends more than a head\'s worth of data before the answer [rfc6455#section-4.1-7]', () => {
    const s = new ServerConnection({ maxHeadSize: 1024 });
    s.receiveData(bytesOf(RFC_REQUEST));
    s.receiveData(new Uint8Array(2048));
    expect(latin1(s.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  });

  it('accepts a request parsed by an HTTP server (receiveRequest)', async () => {
    const s = new ServerConnection();
    s.receiveRequest(request());
    await s.accept();
    expect(s.state).toBe(State.OPEN);
  });
});

describe('ServerConnection: limits on a request parsed elsewhere', () => {
  it('applies maxHeaders and maxHeadSize to receiveRequest too (431)', () => {
    const many = new ServerConnection({ maxHeaders: 5 });
    many.receiveRequest(request([...RFC_REQUEST, 'X-A: 1']));
    expect(latin1(many.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const large = new ServerConnection({ maxHeadSize: 200 });
    large.receiveRequest(request([...RFC_REQUEST, `X-A: ${'a'.repeat(100)}`]));
    expect(latin1(large.dataToSend()[0]!).split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });
});
