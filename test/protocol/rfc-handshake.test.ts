/**
 * Opening-handshake clauses of RFC 6455 proved one by one, sans I/O: the
 * client's request and what it accepts in a response, the server's 101, the
 * header fields that may appear once only (§11.3), extensions (§5.8, §9),
 * and WebSocket URIs with non-ASCII characters (§11.1).
 */
import { describe, expect, it } from 'vitest';
import {
  ClientConnection,
  createAcceptResponse,
  createClientHandshake,
  FrameReader,
  getHeaderValues,
  HandshakeError,
  parseExtensions,
  parseRequestHead,
  parseResponseHead,
  parseWebSocketUri,
  serializeRequest,
  ServerConnection,
  State,
  UsageError,
  validateRequest,
  validateResponse,
} from '../../src/protocol/index.ts';
import type { ClientHandshake, HttpRequest } from '../../src/protocol/index.ts';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const ascii = (s: string) => new TextEncoder().encode(s);
/** Random bytes that make the key of RFC 6455 §1.3, "dGhlIHNhbXBsZSBub25jZQ==". */
const sampleNonce = (bytes: Uint8Array) => bytes.set(ascii('the sample nonce').subarray(0, bytes.length));

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
const RFC_RESPONSE = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='];
const request = (lines: string[]): HttpRequest => parseRequestHead(lines.join('\r\n'));
const response = (lines: string[]) => parseResponseHead(lines.join('\r\n'));
const handshake = (url = 'ws://server.example.com/chat', options = {}) =>
  createClientHandshake(url, { random: sampleNonce, protocols: ['chat', 'superchat'], ...options });

function refusalCode(lines: string[]): string {
  try {
    validateRequest(request(lines));
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    return error.code;
  }
  return 'accepted';
}
function failureCode(h: ClientHandshake, lines: string[]): string {
  try {
    validateResponse(h, response(lines));
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    return error.code;
  }
  return 'accepted';
}

describe("The client's request [rfc6455#section-4.1]", () => {
  it('is a valid HTTP/1.1 request head whose Request-URI is the resource name of the URI [rfc6455#section-4.1-6.1, rfc6455#section-4.1-6.3]', async () => {
    const h = await handshake('ws://server.example.com:8080/chat/room?id=7&x=%20');
    const bytes = serializeRequest(h.request);
    const head = latin1(bytes);
    // CRLF line ends and the empty line that ends a head; parsed back by a strict HTTP/1.1 reader.
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(head.split('\r\n')[0]).toBe('GET /chat/room?id=7&x=%20 HTTP/1.1');
    const parsed = parseRequestHead(head.slice(0, -4));
    expect(parsed.target).toBe(h.uri.resourceName);
    expect(parsed.headers).toEqual(h.request.headers);
  });

  it('carries Upgrade: websocket, Connection: Upgrade and Sec-WebSocket-Version: 13 [rfc6455#section-4.1-6.5, rfc6455#section-4.1-6.6, rfc6455#section-4.1-6.9.1]', async () => {
    const h = await handshake();
    expect(getHeaderValues(h.request.headers, 'upgrade')).toEqual(['websocket']);
    expect(getHeaderValues(h.request.headers, 'connection')).toEqual(['Upgrade']);
    expect(getHeaderValues(h.request.headers, 'sec-websocket-version')).toEqual(['13']);
  });

  it('sends Origin only when asked to: a non-browser client may omit it [rfc6455#section-4.1-6.8.1]', async () => {
    expect(getHeaderValues((await handshake()).request.headers, 'origin')).toEqual([]);
    expect(getHeaderValues((await handshake(undefined, { origin: 'http://example.com' })).request.headers, 'origin')).toEqual(['http://example.com']);
  });

  it('sends Sec-WebSocket-Key and Sec-WebSocket-Version exactly once, whatever other fields the application adds [rfc6455#section-11.3.1-4, rfc6455#section-11.3.5-5]', async () => {
    const h = await handshake(undefined, { headers: [['X-Trace', '1'], ['Cookie', 'a=b']] });
    expect(getHeaderValues(h.request.headers, 'sec-websocket-key')).toHaveLength(1);
    expect(getHeaderValues(h.request.headers, 'sec-websocket-version')).toHaveLength(1);
    for (const name of ['Sec-WebSocket-Key', 'sec-websocket-version']) {
      await expect(handshake(undefined, { headers: [[name, 'x']] }), name).rejects.toThrow(UsageError);
    }
  });

  it('is the first thing a client connection sends, before any frame, and nothing follows until the response [rfc6455#section-4.1-5, rfc6455#section-4.1-3]', async () => {
    const c = new ClientConnection(await handshake());
    const [first, ...rest] = c.dataToSend();
    expect(latin1(first!).startsWith('GET /chat HTTP/1.1\r\n')).toBe(true);
    expect(rest).toEqual([]);
    expect(c.state).toBe(State.CONNECTING);
    c.receiveData(ascii(`${RFC_RESPONSE.join('\r\n')}\r\n\r\n`));
    expect(c.events().map((e) => e.type)).toEqual(['open']);
    expect(c.state).toBe(State.OPEN);
  });
});

describe("The client's checks of the 101 [rfc6455#section-4.1-7]", () => {
  it('fails the connection on a 101 without the Upgrade token in Connection [rfc6455#section-4.1-8.3]', async () => {
    const h = await handshake();
    const without = RFC_RESPONSE.filter((line) => !line.startsWith('Connection'));
    expect(failureCode(h, without)).toBe('WS_ERR_INVALID_CONNECTION');
    expect(failureCode(h, [...without, 'Connection: keep-alive'])).toBe('WS_ERR_INVALID_CONNECTION');
    expect(failureCode(h, [...without, 'Connection: keep-alive, upgrade'])).toBe('accepted');
  });

  it('fails the connection on a 101 that names an extension not offered, and accepts one that was [rfc6455#section-4.1-8.5]', async () => {
    const h = await handshake(undefined, { extensions: ['x-offered'] });
    expect(failureCode(h, [...RFC_RESPONSE, 'Sec-WebSocket-Extensions: x-other'])).toBe('WS_ERR_UNEXPECTED_EXTENSION');
    expect(failureCode(h, [...RFC_RESPONSE, 'Sec-WebSocket-Extensions: x-offered'])).toBe('accepted');
  });
});

describe("The server's reading of the request and its 101 [rfc6455#section-4.2]", () => {
  it('accepts a request with or without Origin: non-browser clients may omit it [rfc6455#section-4.2.1-3.7]', () => {
    expect(validateRequest(request(RFC_REQUEST)).origin).toBe('http://example.com');
    expect(validateRequest(request(RFC_REQUEST.filter((line) => !line.startsWith('Origin')))).origin).toBeNull();
  });

  it('goes through the steps to accept: reads and validates the request, then queues a valid 101 HTTP response and opens [rfc6455#section-4.2.2-1, rfc6455#section-4.2.2-2.5.1]', async () => {
    const s = new ServerConnection();
    s.receiveData(ascii(`${RFC_REQUEST.join('\r\n')}\r\n\r\n`));
    expect(s.events().map((e) => e.type)).toEqual(['request']);
    await s.accept({ protocol: 'chat' });
    const head = latin1(s.dataToSend()[0]!);
    const parsed = parseResponseHead(head.slice(0, head.indexOf('\r\n\r\n')));
    expect(parsed.status).toBe(101);
    expect(parsed.version).toBe('HTTP/1.1');
    expect(getHeaderValues(parsed.headers, 'sec-websocket-accept')).toEqual(['s3pPLMBiTxaQ9kYGzzhZRbK+xOo=']);
    expect(s.state).toBe(State.OPEN);
  });
});

describe('Header fields that appear once (§11.3) [rfc6455#section-11.3]', () => {
  it('a server refuses a request with two Sec-WebSocket-Key fields, or two Sec-WebSocket-Version fields [rfc6455#section-11.3.1-4, rfc6455#section-11.3.5-5]', () => {
    expect(refusalCode([...RFC_REQUEST, 'Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=='])).toBe('WS_ERR_INVALID_KEY');
    expect(refusalCode([...RFC_REQUEST, 'Sec-WebSocket-Version: 13'])).toBe('WS_ERR_INVALID_VERSION');
  });

  it('a server reads Sec-WebSocket-Protocol and Sec-WebSocket-Extensions split over several fields as one list [rfc6455#section-11.3.4-4, rfc6455#section-11.3.2-4]', () => {
    const split = [...RFC_REQUEST.filter((line) => !line.startsWith('Sec-WebSocket-Protocol')), 'Sec-WebSocket-Protocol: chat', 'Sec-WebSocket-Protocol: superchat'];
    const offer = validateRequest(request([...split, 'Sec-WebSocket-Extensions: foo', 'Sec-WebSocket-Extensions: bar; baz=2']));
    expect(offer.protocols).toEqual(['chat', 'superchat']);
    expect(offer.extensions.map((e) => e.name)).toEqual(['foo', 'bar']);
  });

  it('the 101 carries one Sec-WebSocket-Accept, at most one Sec-WebSocket-Protocol and no Sec-WebSocket-Extensions [rfc6455#section-11.3.3-4, rfc6455#section-11.3.4-4, rfc6455#section-11.3.2-4]', async () => {
    const offer = validateRequest(request([...RFC_REQUEST, 'Sec-WebSocket-Extensions: permessage-deflate', 'Sec-WebSocket-Extensions: x-other']));
    const accepted = await createAcceptResponse(offer, { protocol: 'chat' });
    expect(getHeaderValues(accepted.headers, 'sec-websocket-accept')).toEqual(['s3pPLMBiTxaQ9kYGzzhZRbK+xOo=']);
    expect(getHeaderValues(accepted.headers, 'sec-websocket-protocol')).toEqual(['chat']);
    expect(getHeaderValues(accepted.headers, 'sec-websocket-extensions')).toEqual([]);
    expect(getHeaderValues((await createAcceptResponse(offer)).headers, 'sec-websocket-protocol')).toEqual([]);
  });

  it('a client fails a 101 with two Sec-WebSocket-Accept fields, or two Sec-WebSocket-Protocol fields [rfc6455#section-11.3.3-4, rfc6455#section-11.3.4-4]', async () => {
    const h = await handshake();
    expect(failureCode(h, [...RFC_RESPONSE, 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='])).toBe('WS_ERR_INVALID_ACCEPT');
    expect(failureCode(h, [...RFC_RESPONSE, 'Sec-WebSocket-Protocol: chat', 'Sec-WebSocket-Protocol: chat'])).toBe('WS_ERR_UNEXPECTED_SUBPROTOCOL');
    expect(failureCode(h, [...RFC_RESPONSE, 'Sec-WebSocket-Protocol: chat'])).toBe('accepted');
  });
});

describe('Version negotiation [rfc6455#section-4.4]', () => {
  it('a server refuses a version it does not speak with 426 and the Sec-WebSocket-Version it speaks [rfc6455#section-4.4-2, rfc6455#section-4.2.2-2.4.2.3]', () => {
    const s = new ServerConnection();
    s.receiveData(ascii(`${[...RFC_REQUEST.slice(0, -1), 'Sec-WebSocket-Version: 8'].join('\r\n')}\r\n\r\n`));
    const head = latin1(s.dataToSend()[0]!);
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 426 Upgrade Required');
    expect(head).toContain('\r\nSec-WebSocket-Version: 13\r\n');
  });

  it('reads the version by its grammar: 0 to 255 without leading zeros; any other is 400 [rfc6455#section-4.3-4]', () => {
    const version = (value: string) => refusalCode([...RFC_REQUEST.slice(0, -1), `Sec-WebSocket-Version: ${value}`]);
    for (const value of ['0', '8', '99', '255']) expect(version(value), value).toBe('WS_ERR_UNSUPPORTED_VERSION');
    for (const value of ['013', '256', '1000', '-1', '1.3', '']) expect(version(value), value).toBe('WS_ERR_INVALID_VERSION');
  });
});

describe('Extensions [rfc6455#section-9]', () => {
  it('a client may offer extensions; the server accepts none of them and its 101 lists none [rfc6455#section-9-1, rfc6455#section-4.2.2-2.4.2.6]', async () => {
    const h = await handshake(undefined, { extensions: ['permessage-deflate; client_max_window_bits', 'x-webkit-deflate-frame'] });
    expect(getHeaderValues(h.request.headers, 'sec-websocket-extensions')).toEqual(['permessage-deflate; client_max_window_bits, x-webkit-deflate-frame']);
    const offer = validateRequest(parseRequestHead(latin1(serializeRequest(h.request)).slice(0, -4)));
    expect(offer.extensions.map((e) => e.name)).toEqual(['permessage-deflate', 'x-webkit-deflate-frame']);
    const accepted = await createAcceptResponse(offer);
    expect(getHeaderValues(accepted.headers, 'sec-websocket-extensions')).toEqual([]);
    expect(validateResponse(h, accepted).extensions).toBeNull();
  });

  it('a client fails a 101 that names an extension it did not offer: extensions are only used once negotiated [rfc6455#section-9-1, rfc6455#section-5.8-1]', async () => {
    const offered = await handshake(undefined, { extensions: ['permessage-deflate'] });
    expect(failureCode(offered, [...RFC_RESPONSE, 'Sec-WebSocket-Extensions: x-other'])).toBe('WS_ERR_UNEXPECTED_EXTENSION');
    expect(failureCode(await handshake(), [...RFC_RESPONSE, 'Sec-WebSocket-Extensions: permessage-deflate'])).toBe('WS_ERR_UNEXPECTED_EXTENSION');
  });

  it('no endpoint sets an RSV bit, even after offering an extension, and a frame with one fails the connection: nothing was negotiated [rfc6455#section-5.8-1, rfc6455#section-9.1-7, rfc6455#section-5.2-5]', async () => {
    const c = new ClientConnection(await handshake(undefined, { extensions: ['permessage-deflate'] }));
    c.dataToSend();
    c.receiveData(ascii(`${RFC_RESPONSE.join('\r\n')}\r\n\r\n`));
    c.events();
    c.sendText('hello');
    c.sendBinary(new Uint8Array(300));
    c.sendPing();
    const reader = new FrameReader({ peer: 'client', maxFrameSize: 1 << 20 });
    for (const chunk of c.dataToSend()) reader.push(chunk);
    const frames = [];
    for (let frame = reader.readFrame(); frame !== null; frame = reader.readFrame()) frames.push(frame);
    expect(frames).toHaveLength(3);
    for (const frame of frames) expect([frame.rsv1, frame.rsv2, frame.rsv3]).toEqual([false, false, false]);
    // The server's compressed frame (RSV1) is refused: no extension is in use.
    c.receiveData(new Uint8Array([0xc1, 0x00]));
    expect(c.events()[0]).toMatchObject({ type: 'error', error: { code: 'WS_ERR_UNEXPECTED_RSV', closeCode: 1002 } });
  });

  it('unquotes a quoted parameter value, which must then be a token [rfc6455#section-4.3-4, rfc6455#section-9.1-2]', () => {
    expect(parseExtensions(['foo; bar="10"'])).toEqual([{ name: 'foo', params: [['bar', '10']] }]);
    expect(parseExtensions(['foo; bar="a b"'])).toBeNull();
    expect(parseExtensions(['foo; bar=""'])).toBeNull();
  });

  it('reads an extension list split over several fields, or combined in one, as the same list [rfc6455#section-9.1-3]', () => {
    const combined = parseExtensions(['foo, bar; baz=2']);
    expect(parseExtensions(['foo', 'bar; baz=2'])).toEqual(combined);
    expect(combined?.map((e) => e.name)).toEqual(['foo', 'bar']);
  });
});

describe('WebSocket URIs with characters outside ASCII [rfc6455#section-11.1]', () => {
  it('converts an internationalized host name to its ASCII (punycode) form [rfc6455#section-11.1.1-4.2.1, rfc6455#section-11.1.2-4.2.1]', () => {
    expect(parseWebSocketUri('ws://bücher.example/').host).toBe('xn--bcher-kva.example');
    expect(parseWebSocketUri('wss://ΠΑΡΆΔΕΙΓΜΑ.example:8443/').host).toBe('xn--hxajbheg2az3al.example');
  });

  it('percent-encodes the UTF-8 bytes of other non-ASCII characters in the resource name [rfc6455#section-11.1.1-4.2.2, rfc6455#section-11.1.2-4.2.2]', () => {
    expect(parseWebSocketUri('ws://example.com/ä/€?q=ü').resourceName).toBe('/%C3%A4/%E2%82%AC?q=%C3%BC');
    expect(parseWebSocketUri('wss://example.com/日本').resourceName).toBe('/%E6%97%A5%E6%9C%AC');
  });

  it('sends the converted host and resource name, all ASCII, in the request [rfc6455#section-11.1.1-4.2.1, rfc6455#section-11.1.1-4.2.2, rfc6455#section-4.1-6.3]', async () => {
    const h = await handshake('ws://bücher.example/ä?q=ü');
    const head = latin1(serializeRequest(h.request));
    expect(head.split('\r\n')[0]).toBe('GET /%C3%A4?q=%C3%BC HTTP/1.1');
    expect(getHeaderValues(h.request.headers, 'host')).toEqual(['xn--bcher-kva.example']);
    expect(/^[\x00-\x7f]*$/.test(head)).toBe(true);
  });
});
