/**
 * Frame opcodes (RFC 6455 §5.2), named after the IANA "WebSocket Opcode
 * Registry" (§11.8). No other module spells an opcode as a number.
 */

// @spec rfc6455#section-11.8
export const Opcode = {
  /** 0x0 "Continuation Frame" */
  Continuation: 0x0,
  /** 0x1 "Text Frame" */
  Text: 0x1,
  /** 0x2 "Binary Frame" */
  Binary: 0x2,
  /** 0x8 "Connection Close Frame" */
  Close: 0x8,
  /** 0x9 "Ping Frame" */
  Ping: 0x9,
  /** 0xA "Pong Frame" */
  Pong: 0xa,
} as const;

export type Opcode = (typeof Opcode)[keyof typeof Opcode];

/** The IANA registry's "Meaning" column, for messages and the site. */
// @spec rfc6455#section-11.8-6
export const OPCODE_NAMES: Readonly<Record<Opcode, string>> = {
  [Opcode.Continuation]: 'Continuation Frame',
  [Opcode.Text]: 'Text Frame',
  [Opcode.Binary]: 'Binary Frame',
  [Opcode.Close]: 'Connection Close Frame',
  [Opcode.Ping]: 'Ping Frame',
  [Opcode.Pong]: 'Pong Frame',
};

/** True for the opcodes this specification defines; 0x3-0x7 and 0xB-0xF are reserved. */
// @spec rfc6455#section-5.2-3.3.1 "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
export function isKnownOpcode(opcode: number): opcode is Opcode {
  return opcode <= Opcode.Binary || (opcode >= Opcode.Close && opcode <= Opcode.Pong);
}

/** Control frames have the most significant bit of the opcode set. */
// @spec rfc6455#section-5.5-1 "Control frames are identified by opcodes where the most significant bit of the opcode is 1."
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}
