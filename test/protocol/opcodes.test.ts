import { describe, expect, it } from 'vitest';
import { isControlOpcode, isKnownOpcode, Opcode, OPCODE_NAMES } from '../../src/protocol/index.ts';

describe('Opcodes [rfc6455#section-5.2-3.3.1]', () => {
  it('defines 0x0, 0x1, 0x2, 0x8, 0x9 and 0xA [rfc6455#section-5.2-3.3.2.1 rfc6455#section-5.2-3.3.2.7]', () => {
    expect(Opcode).toEqual({ Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10 });
    const known = Array.from({ length: 16 }, (_, op) => op).filter(isKnownOpcode);
    expect(known).toEqual([0, 1, 2, 8, 9, 10]);
  });

  it('tells control frames by the most significant bit of the opcode [rfc6455#section-5.5-1 rfc6455#section-5.6-1]', () => {
    expect([0, 1, 2, 7].map(isControlOpcode)).toEqual([false, false, false, false]);
    expect([8, 9, 10, 15].map(isControlOpcode)).toEqual([true, true, true, true]);
  });

  it('names opcodes after the IANA registry [rfc6455#section-11.8-6]', () => {
    expect(OPCODE_NAMES[Opcode.Close]).toBe('Connection Close Frame');
    expect(OPCODE_NAMES[Opcode.Continuation]).toBe('Continuation Frame');
  });
});
