/**
 * UTF-8 in text messages (RFC 6455 §5.6, §8.1): valid and invalid byte
 * sequences, and incremental validation across fragment boundaries, both
 * of the decoder alone and of a connection, which fails with 1007 on the
 * fragment that breaks the sequence.
 */
import { Connection, decodeUtf8, encodeFrame, isValidUtf8, Opcode, parseCloseBody, Utf8StreamDecoder } from '../../../src/protocol/index.ts';
import type { ConnectionEvent } from '../../../src/protocol/index.ts';
import { concatBytes, deepEqual, equal, hex } from '../../support/spec-assert.ts';
import { frame, readOne, RFC_MASK } from './fixtures.ts';
import type { SpecCase } from './spec-case.ts';

const VALID: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['ASCII', '48 65 6c 6c 6f'],
  ['2-byte', 'c3 a9'],
  ['3-byte', 'e2 82 ac'],
  ['4-byte', 'f0 9f 98 80'],
  ['U+10FFFF', 'f4 8f bf bf'],
  ['U+FEFF kept', 'ef bb bf'],
  ['U+0000', '00'],
];

const INVALID: ReadonlyArray<readonly [string, string]> = [
  ['lone continuation byte', '80'],
  ['truncated 2-byte', 'c3'],
  ['overlong "/"', 'c0 af'],
  ['overlong 3-byte', 'e0 80 af'],
  ['surrogate U+D800', 'ed a0 80'],
  ['above U+10FFFF', 'f4 90 80 80'],
  ['0xF5', 'f5 80 80 80'],
  ['0xFF', 'ff'],
];

const validation: SpecCase[] = [
  ...VALID.map(([what, bytes]) => ({
    title: `accepts ${what} [rfc6455#section-8.1-1]`,
    run() {
      equal(isValidUtf8(hex(bytes)), true, bytes);
    },
  })),
  ...INVALID.map(([what, bytes]) => ({
    title: `rejects ${what} [rfc6455#section-8.1-1]`,
    run() {
      equal(decodeUtf8(hex(bytes)), null, bytes);
    },
  })),
];

const acrossFragments: SpecCase[] = [
  {
    title: 'decodes a sequence split at every point [rfc6455#section-5.6-3.1]',
    run() {
      const bytes = hex('41 f0 9f 98 80 e2 82 ac 42');
      for (let split = 0; split <= bytes.length; split++) {
        const decoder = new Utf8StreamDecoder();
        const head = decoder.push(bytes.subarray(0, split), false);
        const tail = decoder.push(bytes.subarray(split), true);
        equal(`${head}${tail}`, 'A😀€B', `split at ${split}`);
      }
    },
  },
  {
    title: 'fails on the first fragment that cannot start valid UTF-8 [rfc6455#section-5.6-3.1]',
    run() {
      const decoder = new Utf8StreamDecoder();
      equal(decoder.push(hex('41 ed'), false), 'A');
      equal(decoder.push(hex('a0'), false), null);
    },
  },
  {
    title: 'fails at the end on an incomplete sequence [rfc6455#section-5.6-3.1]',
    run() {
      const decoder = new Utf8StreamDecoder();
      equal(decoder.push(hex('e2 82'), false), '');
      equal(decoder.push(new Uint8Array(0), true), null);
    },
  },
  {
    title: 'can be used again after a failure [rfc6455#section-5.6-3.1]',
    run() {
      const decoder = new Utf8StreamDecoder();
      equal(decoder.push(hex('ff'), false), null);
      equal(decoder.push(hex('41'), true), 'A');
    },
  },
];

/** A server's connection, fed the client's masked fragments one at a time. */
function server(): { receive(opcode: number, payload: string, fin: boolean): ConnectionEvent[]; sent(): Uint8Array } {
  const connection = new Connection('server');
  return {
    receive(opcode, payload, fin) {
      connection.receiveData(encodeFrame(frame(opcode, hex(payload), fin), RFC_MASK));
      return connection.events();
    },
    sent: () => concatBytes(...connection.dataToSend()),
  };
}

const errorOf = (events: ConnectionEvent[]) =>
  events.flatMap((event) => (event.type === 'error' ? [[event.error.code, event.error.closeCode]] : []));

const connection: SpecCase[] = [
  {
    title: 'a server decodes a 4-byte sequence split over three masked fragments of one text message [rfc6455#section-5.6-3.1]',
    run() {
      const s = server();
      deepEqual(s.receive(Opcode.Text, '41 f0', false), []);
      deepEqual(s.receive(Opcode.Continuation, '9f 98', false), []);
      deepEqual(s.receive(Opcode.Continuation, '80 42', true), [{ type: 'text', data: 'A😀B' }]);
    },
  },
  {
    title: 'a server fails with 1007 on the continuation fragment that breaks a sequence begun in the previous one, and sends Close 1007 [rfc6455#section-8.1-1, rfc6455#section-5.6-3.1, rfc6455#section-7.4.1-2.8]',
    run() {
      const s = server();
      deepEqual(s.receive(Opcode.Text, '41 f0', false), []);
      // f0 must be followed by 90..bf: 28 ends the message's validity before its last fragment.
      deepEqual(errorOf(s.receive(Opcode.Continuation, '28', false)), [['WS_ERR_INVALID_UTF8', 1007]]);
      const close = readOne('server', s.sent());
      equal(close?.opcode, Opcode.Close);
      equal(close && parseCloseBody(close.payload).code, 1007);
    },
  },
  {
    title: 'a server fails with 1007 when the final fragment ends inside a sequence [rfc6455#section-8.1-1, rfc6455#section-5.6-3.1]',
    run() {
      const s = server();
      deepEqual(s.receive(Opcode.Text, 'e2 82', false), []);
      deepEqual(errorOf(s.receive(Opcode.Continuation, '', true)), [['WS_ERR_INVALID_UTF8', 1007]]);
    },
  },
];

export const cases: readonly SpecCase[] = [...validation, ...acrossFragments, ...connection];
