/**
 * The base framing protocol (RFC 6455 §5.2, §5.5, §5.7): the RFC's own
 * examples in hex both ways, the three length forms, RSV and opcode
 * errors with the close codes they lead to, control frame limits, masking
 * direction, and the reader's byte-by-byte state machine.
 */
import { encodeFrame, Opcode, ProtocolError } from '../../../src/protocol/index.ts';
import { bytesHex, concatBytes, deepEqual, equal, hex, matchObject, text, throws, toHex } from '../../support/spec-assert.ts';
import { frame, reader, readError, readOne, RFC_MASK } from './fixtures.ts';
import type { SpecCase } from './spec-case.ts';

const examples: SpecCase[] = [
  {
    title: 'encodes and reads a single-frame unmasked text message "Hello" [rfc6455#section-5.7, rfc6455#section-5.7-1.1.2.1]',
    run() {
      const bytes = hex('81 05 48 65 6c 6c 6f');
      equal(toHex(encodeFrame(frame(Opcode.Text, text('Hello')))), toHex(bytes));
      deepEqual(readOne('server', bytes), frame(Opcode.Text, text('Hello')));
    },
  },
  {
    title: 'encodes and reads a single-frame masked text message "Hello" with mask 37 fa 21 3d [rfc6455#section-5.7, rfc6455#section-5.7-1.2.2.1]',
    run() {
      const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
      equal(toHex(encodeFrame(frame(Opcode.Text, text('Hello')), RFC_MASK)), toHex(bytes));
      deepEqual(readOne('client', bytes), frame(Opcode.Text, text('Hello')));
    },
  },
  {
    title: 'encodes and reads the fragmented unmasked text message "Hel" + "lo" [rfc6455#section-5.7, rfc6455#section-5.7-1.3.2.1, rfc6455#section-5.7-1.3.2.2]',
    run() {
      const first = hex('01 03 48 65 6c');
      const last = hex('80 02 6c 6f');
      equal(toHex(encodeFrame(frame(Opcode.Text, text('Hel'), false))), toHex(first));
      equal(toHex(encodeFrame(frame(Opcode.Continuation, text('lo')))), toHex(last));
      const r = reader('server');
      r.push(concatBytes(first, last));
      deepEqual(r.readFrame(), frame(Opcode.Text, text('Hel'), false));
      deepEqual(r.readFrame(), frame(Opcode.Continuation, text('lo')));
    },
  },
  {
    title: 'encodes and reads an unmasked Ping and the masked Pong that answers it [rfc6455#section-5.7, rfc6455#section-5.7-1.4.2.1, rfc6455#section-5.7-1.4.2.2]',
    run() {
      const ping = hex('89 05 48 65 6c 6c 6f');
      const pong = hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58');
      equal(toHex(encodeFrame(frame(Opcode.Ping, text('Hello')))), toHex(ping));
      equal(toHex(encodeFrame(frame(Opcode.Pong, text('Hello')), RFC_MASK)), toHex(pong));
      deepEqual(readOne('server', ping), frame(Opcode.Ping, text('Hello')));
      deepEqual(readOne('client', pong), frame(Opcode.Pong, text('Hello')));
    },
  },
  {
    title: 'encodes and reads a 256-byte binary message with a 16-bit length [rfc6455#section-5.7, rfc6455#section-5.7-1.5.2.1]',
    run() {
      const payload = new Uint8Array(256).map((_, i) => i);
      const bytes = encodeFrame(frame(Opcode.Binary, payload));
      bytesHex(bytes.subarray(0, 4), '82 7e 01 00');
      equal(bytes.length, 4 + 256);
      deepEqual(readOne('server', bytes), frame(Opcode.Binary, payload));
    },
  },
  {
    title: 'encodes and reads a 64 KiB binary message with a 64-bit length [rfc6455#section-5.7, rfc6455#section-5.7-1.6.2.1]',
    run() {
      const payload = new Uint8Array(65536).map((_, i) => i & 0xff);
      const bytes = encodeFrame(frame(Opcode.Binary, payload));
      bytesHex(bytes.subarray(0, 10), '82 7f 00 00 00 00 00 01 00 00');
      deepEqual(readOne('server', bytes), frame(Opcode.Binary, payload));
    },
  },
];

const LENGTH_FORMS: ReadonlyArray<readonly [number, string]> = [
  [0, '82 00'],
  [125, '82 7d'],
  [126, '82 7e 00 7e'],
  [65535, '82 7e ff ff'],
  [65536, '82 7f 00 00 00 00 00 01 00 00'],
];

const lengths: SpecCase[] = [
  ...LENGTH_FORMS.map(([length, header]) => ({
    title: `writes a ${length}-byte payload length as ${header} and reads it back [rfc6455#section-5.2-3.5]`,
    run() {
      const payload = new Uint8Array(length).fill(0x61);
      const bytes = encodeFrame(frame(Opcode.Binary, payload));
      equal(toHex(bytes.subarray(0, header.split(' ').length)), header);
      equal(readOne('server', bytes)?.payload.length, length);
    },
  })),
  {
    title: 'masks after the extended length: 82 fe 00 7e + key for 126 masked bytes [rfc6455#section-5.2-3.5, rfc6455#section-5.2-3.6]',
    run() {
      const bytes = encodeFrame(frame(Opcode.Binary, new Uint8Array(126)), RFC_MASK);
      bytesHex(bytes.subarray(0, 8), '82 fe 00 7e 37 fa 21 3d');
      bytesHex(bytes.subarray(8, 12), '37 fa 21 3d');
    },
  },
  {
    title: 'fails with 1002 on a length of 124 written in 16 bits [rfc6455#section-5.2-3.5]',
    run() {
      deepEqual(readError('server', hex('82 7e 00 7c')), ['WS_ERR_NON_MINIMAL_LENGTH', 1002]);
    },
  },
  {
    title: 'fails with 1002 on a length of 65535 written in 64 bits [rfc6455#section-5.2-3.5]',
    run() {
      deepEqual(readError('server', hex('82 7f 00 00 00 00 00 00 ff ff')), ['WS_ERR_NON_MINIMAL_LENGTH', 1002]);
    },
  },
  {
    title: 'fails with 1002 on a 64-bit length whose most significant bit is set [rfc6455#section-5.2-3.5]',
    run() {
      deepEqual(readError('server', hex('82 7f 80 00 00 00 00 00 00 00')), ['WS_ERR_INVALID_LENGTH', 1002]);
    },
  },
  {
    title: 'refuses with 1009 a length above 2^53 - 1, from the header alone [rfc6455#section-5.2-3.5]',
    run() {
      deepEqual(readError('server', hex('82 7f 00 20 00 00 00 00 00 00')), ['WS_ERR_UNSUPPORTED_DATA_LENGTH', 1009]);
    },
  },
  {
    title: 'accepts 2^53 - 1 as a length, then refuses it against the frame size limit (1009) [rfc6455#section-5.2-3.5, rfc6455#section-10.4-1]',
    run() {
      deepEqual(readError('server', hex('82 7f 00 1f ff ff ff ff ff ff')), ['WS_ERR_FRAME_TOO_BIG', 1009]);
    },
  },
];

const RESERVED_OPCODES = [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf];

const header: SpecCase[] = [
  {
    title: 'carries the FIN bit both ways [rfc6455#section-5.2-3.1]',
    run() {
      equal(toHex(encodeFrame(frame(Opcode.Binary, new Uint8Array(0), false))), '02 00');
      equal(readOne('server', hex('02 00'))?.fin, false);
      equal(readOne('server', hex('82 00'))?.fin, true);
    },
  },
  ...(
    [
      ['RSV1', 'c1'],
      ['RSV2', 'a1'],
      ['RSV3', '91'],
    ] as const
  ).map(([name, byte]) => ({
    title: `fails with 1002 on ${name} set without a negotiated extension [rfc6455#section-5.2-3.2]`,
    run() {
      deepEqual(readError('server', hex(`${byte} 00`)), ['WS_ERR_UNEXPECTED_RSV', 1002]);
    },
  })),
  ...RESERVED_OPCODES.map((opcode) => ({
    title: `fails with 1002 on the reserved opcode 0x${opcode.toString(16)} [rfc6455#section-5.2-3.3.1, rfc6455#section-5.2-3.3.2.4, rfc6455#section-5.2-3.3.2.8]`,
    run() {
      deepEqual(readError('server', new Uint8Array([0x80 | opcode, 0x00])), ['WS_ERR_INVALID_OPCODE', 1002]);
    },
  })),
];

const maskingDirection: SpecCase[] = [
  {
    title: 'a server fails an unmasked client frame with 1002 [rfc6455#section-5.1-1]',
    run() {
      deepEqual(readError('client', hex('81 05 48 65 6c 6c 6f')), ['WS_ERR_EXPECTED_MASK', 1002]);
    },
  },
  {
    title: 'a client fails a masked server frame with 1002 [rfc6455#section-5.1-1]',
    run() {
      deepEqual(readError('server', hex('81 85 37 fa 21 3d 7f 9f 4d 51 58')), ['WS_ERR_UNEXPECTED_MASK', 1002]);
    },
  },
  {
    title: 'unmasks a client frame whatever the alignment of its payload [rfc6455#section-5.1-1, rfc6455#section-6.2-3]',
    run() {
      for (let pad = 0; pad < 8; pad++) {
        const payload = new Uint8Array(100).map((_, i) => (i * 7) & 0xff);
        const bytes = concatBytes(new Uint8Array(pad), encodeFrame(frame(Opcode.Binary, payload), RFC_MASK));
        const r = reader('client');
        r.push(bytes.subarray(pad));
        deepEqual(r.readFrame()?.payload, payload, `padding ${pad}`);
      }
    },
  },
];

const control: SpecCase[] = [
  {
    title: 'fails with 1002 on a Ping of 126 bytes, from its header [rfc6455#section-5.5-3]',
    run() {
      deepEqual(readError('server', hex('89 7e 00 7e')), ['WS_ERR_CONTROL_FRAME_TOO_LONG', 1002]);
    },
  },
  {
    title: 'reads a Ping of exactly 125 bytes [rfc6455#section-5.5-3]',
    run() {
      const bytes = encodeFrame(frame(Opcode.Ping, new Uint8Array(125)));
      equal(readOne('server', bytes)?.payload.length, 125);
    },
  },
  ...[Opcode.Close, Opcode.Ping, Opcode.Pong].map((opcode) => ({
    title: `fails with 1002 on a fragmented control frame (opcode 0x${opcode.toString(16)}) [rfc6455#section-5.5-3]`,
    run() {
      deepEqual(readError('server', new Uint8Array([opcode, 0x00])), ['WS_ERR_FRAGMENTED_CONTROL_FRAME', 1002]);
    },
  })),
];

const stateMachine: SpecCase[] = [
  {
    title: 'reads a masked frame delivered one byte at a time [rfc6455#section-5.2]',
    run() {
      const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
      const r = reader('client');
      for (let i = 0; i < bytes.length - 1; i++) {
        r.push(bytes.slice(i, i + 1));
        equal(r.readFrame(), null, `after ${i + 1} bytes`);
      }
      r.push(bytes.slice(-1));
      deepEqual(r.readFrame(), frame(Opcode.Text, text('Hello')));
    },
  },
  {
    title: 'reads the next header and leaves its partial payload buffered [rfc6455#section-5.2]',
    run() {
      const r = reader('server');
      r.push(hex('81 05 48 65 6c 6c 6f 82 02 01'));
      deepEqual(r.readFrame()?.payload, text('Hello'));
      equal(r.readFrame(), null);
      // The header 82 02 was consumed; one of the two payload bytes waits.
      equal(r.bufferedAmount, 1);
      r.push(hex('02'));
      deepEqual(r.readPayload(), hex('01 02'));
    },
  },
  {
    title: 'refuses a frame over the size limit from its header, before buffering its payload [rfc6455#section-5.2, rfc6455#section-10.4-1]',
    run() {
      const r = reader('server', 1000);
      r.push(hex('82 7e 03 e9'));
      throws(() => r.readHeader(), ProtocolError);
      equal(r.bufferedAmount, 0);
    },
  },
  {
    title: 'returns the header before the payload has arrived [rfc6455#section-5.2]',
    run() {
      const r = reader('server');
      r.push(hex('82 7e 01 00 00'));
      matchObject(r.readHeader(), { opcode: Opcode.Binary, length: 256, fin: true, maskingKey: null });
      equal(r.readPayload(), null);
      r.push(new Uint8Array(255));
      equal(r.readPayload()?.length, 256);
    },
  },
];

export const cases: readonly SpecCase[] = [...examples, ...lengths, ...header, ...maskingDirection, ...control, ...stateMachine];
