/**
 * Close status codes (RFC 6455 §7.4, §11.7): which codes may be sent and
 * received, and what a Close frame carrying any other code leads to.
 */
import {
  CLOSE_CODE_NAMES,
  CloseCode,
  isValidCloseCodeReceived,
  isValidCloseCodeToSend,
  parseCloseBody,
  serializeCloseBody,
  UsageError,
} from '../../../src/protocol/index.ts';
import { deepEqual, equal, throws } from '../../support/spec-assert.ts';
import { protocolError } from './fixtures.ts';
import type { SpecCase } from './spec-case.ts';

const body = (code: number) => new Uint8Array([code >>> 8, code & 0xff]);

export const cases: readonly SpecCase[] = [
  {
    title: 'names every code after the IANA registry [rfc6455#section-7.4, rfc6455#section-11.7-6]',
    run() {
      equal(CLOSE_CODE_NAMES[CloseCode.NormalClosure], 'Normal Closure');
      equal(CLOSE_CODE_NAMES[CloseCode.ProtocolError], 'Protocol error');
      equal(CLOSE_CODE_NAMES[CloseCode.InvalidFramePayloadData], 'Invalid frame payload data');
      equal(Object.keys(CLOSE_CODE_NAMES).length, Object.keys(CloseCode).length);
    },
  },
  {
    title: 'allows the defined codes 1000-1003 and 1007-1011 on the wire [rfc6455#section-7.4, rfc6455#section-7.4.1-2.1, rfc6455#section-7.4.1-2.12]',
    run() {
      for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011]) {
        equal(isValidCloseCodeToSend(code), true, String(code));
        equal(isValidCloseCodeReceived(code), true, String(code));
      }
    },
  },
  {
    title: 'allows 1012-1014, registered by IANA after the RFC [rfc6455#section-7.4]',
    run() {
      for (const code of [1012, 1013, 1014]) equal(isValidCloseCodeReceived(code), true, String(code));
    },
  },
  {
    title: 'never puts 1005, 1006 or 1015 on the wire, nor the reserved 1004 [rfc6455#section-7.4, rfc6455#section-7.4.1-2.5, rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7, rfc6455#section-7.4.1-2.13]',
    run() {
      for (const code of [1004, 1005, 1006, 1015]) {
        equal(isValidCloseCodeToSend(code), false, String(code));
        equal(isValidCloseCodeReceived(code), false, String(code));
      }
    },
  },
  {
    title: 'refuses 0-999 and the unassigned rest of 1000-2999 [rfc6455#section-7.4, rfc6455#section-7.4.2-1.1, rfc6455#section-7.4.2-1.2]',
    run() {
      for (const code of [0, 1, 999, 1016, 1100, 2000, 2999]) equal(isValidCloseCodeReceived(code), false, String(code));
    },
  },
  {
    title: 'allows 3000-3999 and 4000-4999 to applications, nothing above [rfc6455#section-7.4, rfc6455#section-7.4.2-1.3, rfc6455#section-7.4.2-1.4]',
    run() {
      for (const code of [3000, 3999, 4000, 4999]) equal(isValidCloseCodeToSend(code), true, String(code));
      for (const code of [5000, 65535, 1000.5, Number.NaN]) equal(isValidCloseCodeToSend(code), false, String(code));
    },
  },
  {
    title: 'refuses to send a Close frame with 1004, 1005, 1006 or 1015, or 999, 2000 or 5000 [rfc6455#section-7.4.1-2.5, rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7, rfc6455#section-7.4.1-2.13, rfc6455#section-7.4.2-1.2]',
    run() {
      for (const code of [1004, 1005, 1006, 1015, 999, 2000, 5000]) {
        const error = throws(() => serializeCloseBody(code), UsageError, String(code));
        equal(error.code, 'WS_ERR_INVALID_CLOSE_CODE_TO_SEND', String(code));
      }
    },
  },
  {
    title: 'fails with 1002 on a received Close frame with 1004, 1005, 1006, 1015, 999 or 2000 [rfc6455#section-7.4.1-2.6, rfc6455#section-7.4.1-2.7, rfc6455#section-7.4.1-2.13, rfc6455#section-7.4.2-1.1, rfc6455#section-7.4.2-1.2]',
    run() {
      for (const code of [1004, 1005, 1006, 1015, 999, 2000]) {
        deepEqual(protocolError(() => parseCloseBody(body(code))), ['WS_ERR_INVALID_CLOSE_CODE', 1002], String(code));
      }
    },
  },
];
