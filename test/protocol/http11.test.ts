import { describe, expect, it } from 'vitest';
import {
  getHeader,
  getHeaderValues,
  HandshakeError,
  parseRequestHead,
  parseResponseHead,
  RequestReader,
  ResponseReader,
  serializeRequest,
} from '../../src/protocol/index.ts';
import { text } from './helpers.ts';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    if (error instanceof HandshakeError) return `${error.code} ${error.httpStatus}`;
    throw error;
  }
  return null;
}

describe('HTTP/1.1 heads [rfc6455#section-4.1-6.1]', () => {
  it('parses a request head, keeping fields in order and names as sent', () => {
    const request = parseRequestHead('GET /chat?a=1 HTTP/1.1\r\nHost: x\r\nX-Twice: 1\r\nx-twice:  2 \r\nEmpty:');
    expect(request).toEqual({
      method: 'GET',
      target: '/chat?a=1',
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'x'],
        ['X-Twice', '1'],
        ['x-twice', '2'],
        ['Empty', ''],
      ],
    });
    expect(getHeaderValues(request.headers, 'X-TWICE')).toEqual(['1', '2']);
    expect(getHeader(request.headers, 'x-twice')).toBe('1, 2');
    expect(getHeader(request.headers, 'absent')).toBeNull();
  });

  it('parses a status line with or without a reason phrase', () => {
    expect(parseResponseHead('HTTP/1.1 101 Switching Protocols')).toMatchObject({ status: 101, reason: 'Switching Protocols' });
    expect(parseResponseHead('HTTP/1.1 404')).toMatchObject({ status: 404, reason: '' });
  });

  it('refuses malformed heads with 400', () => {
    for (const head of ['GET /chat', 'GET  /chat HTTP/1.1', 'GET /chat HTTP/1', 'GET /chat HTTP/1.1\r\nNo colon', 'GET /chat HTTP/1.1\r\n folded: x', 'GET /chat HTTP/1.1\r\nBad\x01: x', 'GET /chat HTTP/1.1\r\nA: b\x00c']) {
      expect(codeOf(() => parseRequestHead(head)), JSON.stringify(head)).toBe('WS_ERR_MALFORMED_HTTP 400');
    }
  });

  it('serializes a request', () => {
    expect(latin1(serializeRequest({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [['Host', 'a']] }))).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(() => serializeRequest({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [['Bad', 'a\r\nInjected: 1']] })).toThrow(TypeError);
  });
});

describe('Bounded reading [rfc6455#section-10.4-1]', () => {
  it('finds the end of a head delivered one byte at a time, and returns what follows', () => {
    const reader = new RequestReader();
    const bytes = text('GET / HTTP/1.1\r\nHost: a\r\n\r\nrest');
    let result = null;
    for (let i = 0; i < bytes.length && result === null; i++) result = reader.push(bytes.subarray(i, i + 1));
    expect(result?.request.target).toBe('/');
    expect(latin1(result!.rest)).toBe('');
  });

  it('refuses a head larger than maxHeadSize with 431, at the first byte beyond it', () => {
    const reader = new RequestReader({ maxHeadSize: 32, maxHeaders: 10 });
    expect(reader.push(text('GET / HTTP/1.1\r\nHost: aaaaaaaaaa'))).toBeNull();
    expect(codeOf(() => reader.push(text('a')))).toBe('WS_ERR_HEAD_TOO_LARGE 431');
  });

  it('accepts a head of exactly maxHeadSize', () => {
    const head = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n';
    expect(new RequestReader({ maxHeadSize: head.length, maxHeaders: 10 }).push(text(head))).not.toBeNull();
    expect(codeOf(() => new RequestReader({ maxHeadSize: head.length - 1, maxHeaders: 10 }).push(text(head)))).toBe('WS_ERR_HEAD_TOO_LARGE 431');
  });

  it('refuses more than maxHeaders fields with 431', () => {
    expect(codeOf(() => parseRequestHead('GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3', { maxHeadSize: 1000, maxHeaders: 2 }))).toBe('WS_ERR_TOO_MANY_HEADERS 431');
  });

  it('reads a response body by Content-Length, keeping the bytes after it', () => {
    const reader = new ResponseReader();
    const response = reader.push(text('HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nabcdef'));
    expect(latin1(response!.body)).toBe('abc');
    expect(latin1(reader.rest)).toBe('def');
  });

  it('reads no body for 101, 204 and 304', () => {
    for (const status of [101, 204, 304]) {
      const reader = new ResponseReader();
      expect(reader.push(text(`HTTP/1.1 ${status} X\r\nContent-Length: 5\r\n\r\nframe`))?.body.length).toBe(0);
      expect(latin1(reader.rest)).toBe('frame');
    }
  });

  it('marks a body cut by the connection closing as truncated', () => {
    const reader = new ResponseReader();
    expect(reader.push(text('HTTP/1.1 400 Bad Request\r\nContent-Length: 10\r\n\r\nabc'))).toBeNull();
    expect(latin1(reader.eof()!.body)).toBe('abc');
    expect(reader.truncated).toBe(true);
  });

  it('refuses a malformed chunked body', () => {
    const reader = new ResponseReader();
    expect(codeOf(() => reader.push(text('HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')))).toBe('WS_ERR_MALFORMED_HTTP 400');
  });
});
