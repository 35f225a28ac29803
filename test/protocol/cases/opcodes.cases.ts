/** Frame opcodes (RFC 6455 §5.2, §11.8): the six defined, control versus data. */
import { isControlOpcode, isKnownOpcode, Opcode, OPCODE_NAMES } from '../../../src/protocol/index.ts';
import { deepEqual, equal } from '../../support/spec-assert.ts';
import type { SpecCase } from './spec-case.ts';

export const cases: readonly SpecCase[] = [
  {
    title: 'defines 0x0, 0x1, 0x2, 0x8, 0x9 and 0xA [rfc6455#section-5.2-3.3.1, rfc6455#section-5.2-3.3.2.1, rfc6455#section-5.2-3.3.2.7]',
    run() {
      deepEqual({ ...Opcode }, { Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10 });
      const known = Array.from({ length: 16 }, (_, op) => op).filter(isKnownOpcode);
      deepEqual(known, [0, 1, 2, 8, 9, 10]);
    },
  },
  {
    title: 'tells control frames by the most significant bit of the opcode [rfc6455#section-5.2-3.3.1, rfc6455#section-5.5-1, rfc6455#section-5.6-1]',
    run() {
      deepEqual([0, 1, 2, 7].map(isControlOpcode), [false, false, false, false]);
      deepEqual([8, 9, 10, 15].map(isControlOpcode), [true, true, true, true]);
    },
  },
  {
    title: 'names opcodes after the IANA registry [rfc6455#section-5.2-3.3.1, rfc6455#section-11.8-6]',
    run() {
      equal(OPCODE_NAMES[Opcode.Close], 'Connection Close Frame');
      equal(OPCODE_NAMES[Opcode.Continuation], 'Continuation Frame');
    },
  },
];
