import { describe, expect, it } from 'vitest';
import {
  ERRORS,
  HandshakeError,
  InvalidStatusError,
  ProtocolError,
  TransportError,
  UsageError,
  WebSocketError,
} from '../../src/protocol/index.ts';
import type { ErrorCode } from '../../src/protocol/index.ts';

describe('One error table: code → close code or HTTP status [rfc6455#section-7.4.1]', () => {
  it('gives every code a stable WS_ERR_ name and a message', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^WS_ERR_[A-Z0-9_]+$/);
      expect(spec.message.length).toBeGreaterThan(0);
      // The message is sent as a close reason: ASCII, well under 123 bytes.
      expect(spec.message).toMatch(/^[\x20-\x7e]{1,100}$/);
    }
  });

  it('maps framing errors to 1002, payload data to 1007, size limits to 1009 and count limits to 1008 [rfc6455#section-7.4.1-2.3, rfc6455#section-7.4.1-2.8, rfc6455#section-7.4.1-2.9, rfc6455#section-7.4.1-2.10]', () => {
    const byCloseCode = (closeCode: number) =>
      Object.entries(ERRORS)
        .filter(([, spec]) => spec.kind === 'protocol' && spec.closeCode === closeCode)
        .map(([code]) => code);
    expect(byCloseCode(1007)).toContain('WS_ERR_INVALID_UTF8');
    // Counts, not sizes: a policy (1008), since the message is not too big.
    expect(byCloseCode(1008)).toEqual(['WS_ERR_TOO_MANY_FRAGMENTS', 'WS_ERR_TOO_MANY_PENDING_PONGS']);
    expect(byCloseCode(1009)).toEqual(['WS_ERR_UNSUPPORTED_DATA_LENGTH', 'WS_ERR_FRAME_TOO_BIG', 'WS_ERR_MESSAGE_TOO_BIG']);
    expect(byCloseCode(1002)).toHaveLength(12);
  });

  it('maps handshake errors to 400, 426 for another version, 403 for an Origin, 404 for a resource [rfc6455#section-4.2.1-2, rfc6455#section-4.2.2-2.4.2.3, rfc6455#section-10.2-1, rfc6455#section-4.2.2-2.4.2.4]', () => {
    const status = (code: ErrorCode) => new HandshakeError(code as 'WS_ERR_INVALID_KEY').httpStatus;
    expect(status('WS_ERR_INVALID_KEY')).toBe(400);
    expect(status('WS_ERR_UNSUPPORTED_VERSION')).toBe(426);
    expect(status('WS_ERR_ORIGIN_REFUSED')).toBe(403);
    expect(status('WS_ERR_NOT_FOUND')).toBe(404);
    expect(status('WS_ERR_HEAD_TOO_LARGE')).toBe(431);
  });

  it('reports 1006 locally for handshake and transport failures, never on the wire [rfc6455#section-7.4.1-2.7]', () => {
    expect(new HandshakeError('WS_ERR_INVALID_ACCEPT').closeCode).toBe(1006);
    expect(new TransportError('WS_ERR_CLOSE_TIMEOUT').closeCode).toBe(1006);
  });

  it('builds one hierarchy', () => {
    const response = { version: 'HTTP/1.1', status: 403, reason: 'Forbidden', headers: [], body: new Uint8Array(0) };
    const errors = [
      new ProtocolError('WS_ERR_INVALID_OPCODE', '0x3'),
      new InvalidStatusError(response),
      new TransportError('WS_ERR_ABNORMAL_CLOSURE'),
      new UsageError('WS_ERR_INVALID_STATE'),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(WebSocketError);
    expect(errors[0]!.message).toBe('reserved opcode: 0x3');
    expect(errors[1]).toBeInstanceOf(HandshakeError);
    expect(errors[1]!.name).toBe('InvalidStatusError');
    expect(errors[3]!.closeCode).toBeNull();
  });
});
