import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, Opcode, ProtocolError } from '../../src/protocol/index.ts';
import type { Frame } from '../../src/protocol/index.ts';
import { concatBytes, hex, RFC_MASK, text, toHex } from './helpers.ts';

const frame = (opcode: number, payload: Uint8Array, fin = true): Frame => ({ fin, rsv1: false, rsv2: false, rsv3: false, opcode, payload });

/** A reader of a client's frames (what a server reads) or of a server's. */
const reader = (peer: 'client' | 'server', maxFrameSize = 1 << 30) => new FrameReader({ peer, maxFrameSize });

function readOne(peer: 'client' | 'server', bytes: Uint8Array, maxFrameSize?: number): Frame | null {
  const r = reader(peer, maxFrameSize);
  r.push(bytes.slice());
  return r.readFrame();
}

function readError(peer: 'client' | 'server', bytes: Uint8Array, maxFrameSize?: number): ProtocolError {
  try {
    readOne(peer, bytes, maxFrameSize);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('Examples [rfc6455#section-5.7]', () => {
  it('encodes and reads a single-frame unmasked text message "Hello" [rfc6455#section-5.7-1.1.2.1]', () => {
    const bytes = hex('81 05 48 65 6c 6c 6f');
    expect(toHex(encodeFrame(frame(Opcode.Text, text('Hello'))))).toBe(toHex(bytes));
    expect(readOne('server', bytes)).toEqual(frame(Opcode.Text, text('Hello')));
  });

  it('encodes and reads a single-frame masked text message "Hello" with mask 37 fa 21 3d [rfc6455#section-5.7-1.2.2.1]', () => {
    const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(toHex(encodeFrame(frame(Opcode.Text, text('Hello')), RFC_MASK))).toBe(toHex(bytes));
    expect(readOne('client', bytes)).toEqual(frame(Opcode.Text, text('Hello')));
  });

  it('encodes and reads the fragmented unmasked text message "Hel" + "lo" [rfc6455#section-5.7-1.3.2.1 rfc6455#section-5.7-1.3.2.2]', () => {
    const first = hex('01 03 48 65 6c');
    const last = hex('80 02 6c 6f');
    expect(toHex(encodeFrame(frame(Opcode.Text, text('Hel'), false)))).toBe(toHex(first));
    expect(toHex(encodeFrame(frame(Opcode.Continuation, text('lo'))))).toBe(toHex(last));
    const r = reader('server');
    r.push(concatBytes(first, last));
    expect(r.readFrame()).toEqual(frame(Opcode.Text, text('Hel'), false));
    expect(r.readFrame()).toEqual(frame(Opcode.Continuation, text('lo')));
  });

  it('encodes and reads an unmasked Ping and the masked Pong that answers it [rfc6455#section-5.7-1.4.2.1 rfc6455#section-5.7-1.4.2.2]', () => {
    const ping = hex('89 05 48 65 6c 6c 6f');
    const pong = hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(toHex(encodeFrame(frame(Opcode.Ping, text('Hello'))))).toBe(toHex(ping));
    expect(toHex(encodeFrame(frame(Opcode.Pong, text('Hello')), RFC_MASK))).toBe(toHex(pong));
    expect(readOne('server', ping)).toEqual(frame(Opcode.Ping, text('Hello')));
    expect(readOne('client', pong)).toEqual(frame(Opcode.Pong, text('Hello')));
  });

  it('encodes and reads a 256-byte binary message with a 16-bit length [rfc6455#section-5.7-1.5.2.1]', () => {
    const payload = new Uint8Array(256).map((_, i) => i);
    const bytes = encodeFrame(frame(Opcode.Binary, payload));
    expect(toHex(bytes.subarray(0, 4))).toBe('82 7e 01 00');
    expect(bytes.length).toBe(4 + 256);
    expect(readOne('server', bytes)).toEqual(frame(Opcode.Binary, payload));
  });

  it('encodes and reads a 64 KiB binary message with a 64-bit length [rfc6455#section-5.7-1.6.2.1]', () => {
    const payload = new Uint8Array(65536).map((_, i) => i & 0xff);
    const bytes = encodeFrame(frame(Opcode.Binary, payload));
    expect(toHex(bytes.subarray(0, 10))).toBe('82 7f 00 00 00 00 00 01 00 00');
    expect(readOne('server', bytes)).toEqual(frame(Opcode.Binary, payload));
  });
});

describe('Payload length: 7, 7+16 or 7+64 bits, minimal [rfc6455#section-5.2-3.5]', () => {
  const cases: Array<[number, string]> = [
    [0, '82 00'],
    [125, '82 7d'],
    [126, '82 7e 00 7e'],
    [65535, '82 7e ff ff'],
    [65536, '82 7f 00 00 00 00 00 01 00 00'],
  ];
  for (const [length, header] of cases) {
    it(`writes a ${length}-byte payload length as ${header} and reads it back`, () => {
      const payload = new Uint8Array(length).fill(0x61);
      const bytes = encodeFrame(frame(Opcode.Binary, payload));
      expect(toHex(bytes.subarray(0, header.split(' ').length))).toBe(header);
      expect(readOne('server', bytes)?.payload.length).toBe(length);
    });
  }

  it('masks after the extended length: 82 fe 00 7e + key for 126 masked bytes [rfc6455#section-5.2-3.6]', () => {
    const bytes = encodeFrame(frame(Opcode.Binary, new Uint8Array(126)), RFC_MASK);
    expect(toHex(bytes.subarray(0, 8))).toBe('82 fe 00 7e 37 fa 21 3d');
    expect(toHex(bytes.subarray(8, 12))).toBe('37 fa 21 3d');
  });

  it('fails with 1002 on a length of 124 written in 16 bits', () => {
    const error = readError('server', hex('82 7e 00 7c'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_NON_MINIMAL_LENGTH', 1002]);
  });

  it('fails with 1002 on a length of 65535 written in 64 bits', () => {
    const error = readError('server', hex('82 7f 00 00 00 00 00 00 ff ff'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_NON_MINIMAL_LENGTH', 1002]);
  });

  it('fails with 1002 on a 64-bit length whose most significant bit is set', () => {
    const error = readError('server', hex('82 7f 80 00 00 00 00 00 00 00'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_INVALID_LENGTH', 1002]);
  });

  it('refuses with 1009 a length above 2^53 - 1, from the header alone', () => {
    const error = readError('server', hex('82 7f 00 20 00 00 00 00 00 00'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_UNSUPPORTED_DATA_LENGTH', 1009]);
  });

  it('accepts 2^53 - 1 as a length, then refuses it against the frame size limit (1009) [rfc6455#section-10.4-1]', () => {
    const error = readError('server', hex('82 7f 00 1f ff ff ff ff ff ff'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_FRAME_TOO_BIG', 1009]);
  });
});

describe('FIN, RSV and opcode [rfc6455#section-5.2-3.1 rfc6455#section-5.2-3.2 rfc6455#section-5.2-3.3.1]', () => {
  it('carries the FIN bit both ways', () => {
    expect(toHex(encodeFrame(frame(Opcode.Binary, new Uint8Array(0), false)))).toBe('02 00');
    expect(readOne('server', hex('02 00'))?.fin).toBe(false);
    expect(readOne('server', hex('82 00'))?.fin).toBe(true);
  });

  for (const [name, byte] of [
    ['RSV1', 'c1'],
    ['RSV2', 'a1'],
    ['RSV3', '91'],
  ] as const) {
    it(`fails with 1002 on ${name} set without a negotiated extension [rfc6455#section-5.2-3.2]`, () => {
      const error = readError('server', hex(`${byte} 00`));
      expect([error.code, error.closeCode]).toEqual(['WS_ERR_UNEXPECTED_RSV', 1002]);
    });
  }

  for (const opcode of [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]) {
    it(`fails with 1002 on the reserved opcode 0x${opcode.toString(16)} [rfc6455#section-5.2-3.3.2.4 rfc6455#section-5.2-3.3.2.8]`, () => {
      const error = readError('server', new Uint8Array([0x80 | opcode, 0x00]));
      expect([error.code, error.closeCode]).toEqual(['WS_ERR_INVALID_OPCODE', 1002]);
    });
  }
});

describe('Masking direction [rfc6455#section-5.1-1]', () => {
  it('a server fails an unmasked client frame with 1002', () => {
    const error = readError('client', hex('81 05 48 65 6c 6c 6f'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_EXPECTED_MASK', 1002]);
  });

  it('a client fails a masked server frame with 1002', () => {
    const error = readError('server', hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_UNEXPECTED_MASK', 1002]);
  });

  it('unmasks a client frame whatever the alignment of its payload [rfc6455#section-6.2-3]', () => {
    for (let pad = 0; pad < 8; pad++) {
      const payload = new Uint8Array(100).map((_, i) => (i * 7) & 0xff);
      const bytes = concatBytes(new Uint8Array(pad), encodeFrame(frame(Opcode.Binary, payload), RFC_MASK));
      const r = reader('client');
      r.push(bytes.subarray(pad));
      expect(r.readFrame()?.payload).toEqual(payload);
    }
  });
});

describe('Control frames [rfc6455#section-5.5-3]', () => {
  it('fails with 1002 on a Ping of 126 bytes, from its header', () => {
    const error = readError('server', hex('89 7e 00 7e'));
    expect([error.code, error.closeCode]).toEqual(['WS_ERR_CONTROL_FRAME_TOO_LONG', 1002]);
  });

  it('reads a Ping of exactly 125 bytes', () => {
    const bytes = encodeFrame(frame(Opcode.Ping, new Uint8Array(125)));
    expect(readOne('server', bytes)?.payload.length).toBe(125);
  });

  for (const opcode of [Opcode.Close, Opcode.Ping, Opcode.Pong]) {
    it(`fails with 1002 on a fragmented control frame (opcode 0x${opcode.toString(16)})`, () => {
      const error = readError('server', new Uint8Array([opcode, 0x00]));
      expect([error.code, error.closeCode]).toEqual(['WS_ERR_FRAGMENTED_CONTROL_FRAME', 1002]);
    });
  }
});

describe('The reader pulls exactly the bytes it needs [rfc6455#section-5.2]', () => {
  it('reads a masked frame delivered one byte at a time', () => {
    const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    const r = reader('client');
    for (let i = 0; i < bytes.length - 1; i++) {
      r.push(bytes.slice(i, i + 1));
      expect(r.readFrame()).toBeNull();
    }
    r.push(bytes.slice(-1));
    expect(r.readFrame()).toEqual(frame(Opcode.Text, text('Hello')));
  });

  it('reads the next header and leaves its partial payload buffered', () => {
    const r = reader('server');
    r.push(hex('81 05 48 65 6c 6c 6f 82 02 01'));
    expect(r.readFrame()?.payload).toEqual(text('Hello'));
    expect(r.readFrame()).toBeNull();
    // The header 82 02 was consumed; one of the two payload bytes waits.
    expect(r.bufferedAmount).toBe(1);
    r.push(hex('02'));
    expect(r.readPayload()).toEqual(hex('01 02'));
  });

  it('refuses a frame over the size limit from its header, before buffering its payload [rfc6455#section-10.4-1]', () => {
    const r = reader('server', 1000);
    r.push(hex('82 7e 03 e9'));
    expect(() => r.readHeader()).toThrow(ProtocolError);
    expect(r.bufferedAmount).toBe(0);
  });

  it('returns the header before the payload has arrived', () => {
    const r = reader('server');
    r.push(hex('82 7e 01 00 00'));
    expect(r.readHeader()).toMatchObject({ opcode: Opcode.Binary, length: 256, fin: true, maskingKey: null });
    expect(r.readPayload()).toBeNull();
    r.push(new Uint8Array(255));
    expect(r.readPayload()?.length).toBe(256);
  });
});
