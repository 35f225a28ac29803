/**
 * The body of a Close frame (RFC 6455 §5.5.1): a 2-byte code in network
 * byte order and a UTF-8 reason, read and written.
 */
import { parseCloseBody, serializeCloseBody, UsageError } from '../../../src/protocol/index.ts';
import { deepEqual, equal, hex, throws, toHex } from '../../support/spec-assert.ts';
import { protocolError } from './fixtures.ts';
import type { SpecCase } from './spec-case.ts';

export const cases: readonly SpecCase[] = [
  {
    title: 'reads a 2-byte code in network byte order and a UTF-8 reason [rfc6455#section-5.5.1-2]',
    run() {
      deepEqual(parseCloseBody(hex('03 e8 62 79 65')), { code: 1000, reason: 'bye' });
      deepEqual(parseCloseBody(hex('0f a0')), { code: 4000, reason: '' });
    },
  },
  {
    title: 'reads an empty body as 1005 No Status Rcvd [rfc6455#section-5.5.1-2, rfc6455#section-7.1.5-1]',
    run() {
      deepEqual(parseCloseBody(new Uint8Array(0)), { code: 1005, reason: '' });
    },
  },
  {
    title: 'fails with 1002 on a 1-byte body [rfc6455#section-5.5.1-2]',
    run() {
      deepEqual(protocolError(() => parseCloseBody(hex('03'))), ['WS_ERR_INVALID_CLOSE_BODY', 1002]);
    },
  },
  {
    title: 'fails with 1007 on a reason that is not UTF-8 [rfc6455#section-5.5.1-2, rfc6455#section-8.1-1]',
    run() {
      deepEqual(protocolError(() => parseCloseBody(hex('03 e8 ff'))), ['WS_ERR_INVALID_UTF8', 1007]);
    },
  },
  {
    title: 'writes the code and the reason [rfc6455#section-5.5.1-2]',
    run() {
      equal(toHex(serializeCloseBody(1001, 'going')), '03 e9 67 6f 69 6e 67');
      equal(toHex(serializeCloseBody()), '');
    },
  },
  {
    title: 'refuses a reason without a code, or longer than 123 bytes [rfc6455#section-5.5.1-2, rfc6455#section-5.5-3]',
    run() {
      throws(() => serializeCloseBody(undefined, 'why'), UsageError);
      throws(() => serializeCloseBody(1000, 'é'.repeat(62)), UsageError);
      equal(serializeCloseBody(1000, 'é'.repeat(61)).length, 124);
    },
  },
  {
    title: 'writes then reads back every code allowed on the wire, with a UTF-8 reason [rfc6455#section-5.5.1-2]',
    run() {
      for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) {
        deepEqual(parseCloseBody(serializeCloseBody(code, 'fin ✓')), { code, reason: 'fin ✓' }, String(code));
      }
    },
  },
];
