import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODE_NAMES,
  CloseCode,
  isValidCloseCodeReceived,
  isValidCloseCodeToSend,
  parseCloseBody,
  ProtocolError,
  serializeCloseBody,
  UsageError,
} from '../../src/protocol/index.ts';
import { hex, toHex } from './helpers.ts';

function parseError(body: Uint8Array): [string, number] {
  try {
    parseCloseBody(body);
  } catch (error) {
    if (error instanceof ProtocolError) return [error.code, error.closeCode];
    throw error;
  }
  throw new Error('no error');
}

describe('Close frame body [rfc6455#section-5.5.1-2]', () => {
  it('reads a 2-byte code in network byte order and a UTF-8 reason', () => {
    expect(parseCloseBody(hex('03 e8 62 79 65'))).toEqual({ code: 1000, reason: 'bye' });
    expect(parseCloseBody(hex('0f a0'))).toEqual({ code: 4000, reason: '' });
  });

  it('reads an empty body as 1005 No Status Rcvd [rfc6455#section-7.1.5-1]', () => {
    expect(parseCloseBody(new Uint8Array(0))).toEqual({ code: 1005, reason: '' });
  });

  it('fails with 1002 on a 1-byte body', () => {
    expect(parseError(hex('03'))).toEqual(['WS_ERR_INVALID_CLOSE_BODY', 1002]);
  });

  it('fails with 1007 on a reason that is not UTF-8 [rfc6455#section-8.1-1]', () => {
    expect(parseError(hex('03 e8 ff'))).toEqual(['WS_ERR_INVALID_UTF8', 1007]);
  });

  it('writes the code and the reason', () => {
    expect(toHex(serializeCloseBody(1001, 'going'))).toBe('03 e9 67 6f 69 6e 67');
    expect(toHex(serializeCloseBody())).toBe('');
  });

  it('refuses a reason without a code, or longer than 123 bytes [rfc6455#section-5.5-3]', () => {
    expect(() => serializeCloseBody(undefined, 'why')).toThrow(UsageError);
    expect(() => serializeCloseBody(1000, 'é'.repeat(62))).toThrow(UsageError);
    expect(serializeCloseBody(1000, 'é'.repeat(61)).length).toBe(124);
  });
});

describe('Status codes [rfc6455#section-7.4]', () => {
  it('names every code after the IANA registry [rfc6455#section-11.7-6]', () => {
    expect(CLOSE_CODE_NAMES[CloseCode.NormalClosure]).toBe('Normal Closure');
    expect(CLOSE_CODE_NAMES[CloseCode.ProtocolError]).toBe('Protocol error');
    expect(CLOSE_CODE_NAMES[CloseCode.InvalidFramePayloadData]).toBe('Invalid frame payload data');
    expect(Object.keys(CLOSE_CODE_NAMES)).toHaveLength(Object.keys(CloseCode).length);
  });

  it('allows the defined codes 1000-1003 and 1007-1011 on the wire [rfc6455#section-7.4.1-2.1 rfc6455#section-7.4.1-2.12]', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011]) {
      expect(isValidCloseCodeToSend(code), String(code)).toBe(true);
      expect(isValidCloseCodeReceived(code), String(code)).toBe(true);
    }
  });

  it('allows 1012-1014, registered by IANA after the RFC', () => {
    for (const code of [1012, 1013, 1014]) expect(isValidCloseCodeReceived(code)).toBe(true);
  });

  it('never puts 1005, 1006 or 1015 on the wire, nor the reserved 1004 [rfc6455#section-7.4.1-2.5 rfc6455#section-7.4.1-2.6 rfc6455#section-7.4.1-2.7 rfc6455#section-7.4.1-2.13]', () => {
    for (const code of [1004, 1005, 1006, 1015]) {
      expect(isValidCloseCodeToSend(code), String(code)).toBe(false);
      expect(isValidCloseCodeReceived(code), String(code)).toBe(false);
    }
  });

  it('refuses 0-999 and the unassigned rest of 1000-2999 [rfc6455#section-7.4.2-1.1 rfc6455#section-7.4.2-1.2]', () => {
    for (const code of [0, 1, 999, 1016, 1100, 2000, 2999]) expect(isValidCloseCodeReceived(code), String(code)).toBe(false);
  });

  it('allows 3000-3999 and 4000-4999 to applications, nothing above [rfc6455#section-7.4.2-1.3 rfc6455#section-7.4.2-1.4]', () => {
    for (const code of [3000, 3999, 4000, 4999]) expect(isValidCloseCodeToSend(code), String(code)).toBe(true);
    for (const code of [5000, 65535, 1000.5, Number.NaN]) expect(isValidCloseCodeToSend(code), String(code)).toBe(false);
  });
});
