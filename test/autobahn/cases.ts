/**
 * Cases in the manner of Autobahn|Testsuite (numbered after the sections of
 * its fuzzing suite they resemble), for the behaviours issue 11 names:
 * fragmentation, control frames between fragments, invalid UTF-8 (failing
 * fast), close codes, limits, compression. Each is role-free: the frames
 * the fuzzer sends (masked when it is the client), what the peer must echo,
 * and the close codes it may answer with.
 *
 * Outcomes, as Autobahn names them: OK (strict), NON-STRICT (right in the
 * end but not at the first moment it could have been: a failure detected
 * only after frames that followed the fault), FAILED.
 */
import { constants, deflateRawSync } from 'node:zlib';
import type { WireFrame } from './wire.ts';

export const Op = { Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10 } as const;

export interface Step {
  frame: WireFrame;
  /** Strict cases: wait (up to 1 s) for the peer to fail before sending this step; a close seen only later is NON-STRICT. */
  peerFailsBefore?: boolean;
}

export interface Case {
  id: string;
  group: 'framing' | 'control' | 'fragmentation' | 'utf8' | 'close' | 'limits' | 'compression';
  title: string;
  /**
   * permessage-deflate for this case: the fuzzer as client offers this;
   * as server, it answers the client's offer with this. Absent: none.
   */
  deflate?: string;
  steps: Step[];
  /** Send every step in one write (one TCP segment, as far as the fuzzer can make it). */
  oneWrite?: boolean;
  /** Messages the peer must echo, in order (text as strings). */
  echoes: Array<string | Uint8Array>;
  /** Pong payloads the peer must send, in order. */
  pongs?: string[];
  /** Close codes the peer may send (1006: it may also just drop the connection). */
  close: number[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const frame = (opcode: number, payload: Uint8Array | string, fin = true, rsv1 = false, rsv23 = 0): WireFrame => ({
  opcode,
  payload: typeof payload === 'string' ? utf8(payload) : payload,
  fin,
  rsv1,
  rsv23,
});
const step = (f: WireFrame, peerFailsBefore = false): Step => ({ frame: f, peerFailsBefore });
const closeBody = (code: number, reason: Uint8Array = new Uint8Array(0)) => {
  const body = new Uint8Array(2 + reason.length);
  body[0] = code >> 8;
  body[1] = code & 0xff;
  body.set(reason, 2);
  return body;
};
/** The fuzzer's own closing handshake at the end of an echo case. */
const normalClose = step(frame(Op.Close, closeBody(1000)));

/** Raw DEFLATE of `data`, sync-flushed, the 0x00 0x00 0xff 0xff tail removed (RFC 7692 §7.2.1), with no context taken over. */
export function deflated(data: Uint8Array): Uint8Array {
  const out = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  return out.subarray(0, out.length - 4);
}

const NO_TAKEOVER = 'permessage-deflate; server_no_context_takeover; client_no_context_takeover';
const TAKEOVER = 'permessage-deflate';

const bigText = 'Autobahn-style payload, fragmented. '.repeat(29_128).slice(0, 1024 * 1024);
const oneMiB = utf8(bigText);

/** `data` cut into frames of `size` bytes: the first with `opcode`, the rest continuations. */
function fragments(opcode: number, data: Uint8Array, size: number, rsv1 = false): Step[] {
  const steps: Step[] = [];
  for (let start = 0; start < data.length || start === 0; start += size) {
    const end = Math.min(start + size, data.length);
    steps.push(step(frame(start === 0 ? opcode : Op.Continuation, data.subarray(start, end), end === data.length, start === 0 && rsv1)));
    if (data.length === 0) break;
  }
  return steps;
}

export const CASES: Case[] = [
  // ─── Framing (Autobahn 1.x, 3.x, 4.x) ────────────────────────────────────
  { id: '1.1.1', group: 'framing', title: 'empty text message', steps: [step(frame(Op.Text, '')), normalClose], echoes: [''], close: [1000] },
  { id: '1.2.6', group: 'framing', title: 'binary message of 65,536 bytes (64-bit length)', steps: [step(frame(Op.Binary, new Uint8Array(65_536).fill(0xfe))), normalClose], echoes: [new Uint8Array(65_536).fill(0xfe)], close: [1000] },
  { id: '3.1', group: 'framing', title: 'RSV2 set on a text frame', steps: [step(frame(Op.Text, 'x', true, false, 0x20)), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },
  { id: '3.x', group: 'framing', title: 'RSV1 set without permessage-deflate', steps: [step(frame(Op.Text, 'x', true, true)), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },
  { id: '4.1.1', group: 'framing', title: 'reserved data opcode 3', steps: [step(frame(3, '')), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },
  { id: '4.2.1', group: 'framing', title: 'reserved control opcode 11', steps: [step(frame(11, '')), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },

  // ─── Control frames (Autobahn 2.x) ───────────────────────────────────────
  { id: '2.1', group: 'control', title: 'Ping without payload', steps: [step(frame(Op.Ping, '')), normalClose], echoes: [], pongs: [''], close: [1000] },
  { id: '2.4', group: 'control', title: 'Ping of 125 bytes', steps: [step(frame(Op.Ping, 'p'.repeat(125))), normalClose], echoes: [], pongs: ['p'.repeat(125)], close: [1000] },
  { id: '2.5', group: 'control', title: 'Ping of 126 bytes', steps: [step(frame(Op.Ping, 'p'.repeat(126))), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },
  { id: '2.x', group: 'control', title: 'fragmented Ping', steps: [step(frame(Op.Ping, 'p', false)), step(frame(Op.Continuation, 'q'), true)], echoes: [], close: [1002, 1006] },

  // ─── Fragmentation (Autobahn 5.x) ────────────────────────────────────────
  { id: '5.3', group: 'fragmentation', title: 'text in two fragments', steps: [step(frame(Op.Text, 'frag', false)), step(frame(Op.Continuation, 'ment')), normalClose], echoes: ['fragment'], close: [1000] },
  {
    id: '5.6',
    group: 'fragmentation',
    title: 'text in two fragments, a Ping between them',
    steps: [step(frame(Op.Text, 'frag', false)), step(frame(Op.Ping, 'between')), step(frame(Op.Continuation, 'ment')), normalClose],
    echoes: ['fragment'],
    pongs: ['between'],
    close: [1000],
  },
  {
    id: '5.19',
    group: 'fragmentation',
    title: 'binary in five fragments, Pings between',
    steps: [
      step(frame(Op.Binary, Uint8Array.of(1), false)),
      step(frame(Op.Ping, '1')),
      step(frame(Op.Continuation, Uint8Array.of(2), false)),
      step(frame(Op.Continuation, new Uint8Array(0), false)),
      step(frame(Op.Ping, '2')),
      step(frame(Op.Continuation, Uint8Array.of(3), false)),
      step(frame(Op.Continuation, Uint8Array.of(4))),
      normalClose,
    ],
    echoes: [Uint8Array.of(1, 2, 3, 4)],
    pongs: ['1', '2'],
    close: [1000],
  },
  { id: '5.9', group: 'fragmentation', title: 'continuation with nothing to continue', steps: [step(frame(Op.Continuation, 'x')), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1002, 1006] },
  { id: '5.15', group: 'fragmentation', title: 'new text message inside a fragmented one', steps: [step(frame(Op.Text, 'a', false)), step(frame(Op.Text, 'b')), step(frame(Op.Continuation, 'c'), true)], echoes: [], close: [1002, 1006] },

  // ─── UTF-8 (Autobahn 6.x): valid across fragments, invalid failing fast ──
  { id: '6.2.3', group: 'utf8', title: 'valid UTF-8 with a code point split across fragments', steps: [step(frame(Op.Text, Uint8Array.of(0xce, 0xba, 0xe1), false)), step(frame(Op.Continuation, Uint8Array.of(0xbd, 0xb9))), normalClose], echoes: ['\u03ba\u1f79'], close: [1000] },
  { id: '6.3.1', group: 'utf8', title: 'invalid UTF-8 in one frame', steps: [step(frame(Op.Text, Uint8Array.of(0xce, 0xba, 0xc0, 0xaf))), step(frame(Op.Text, 'after'), true)], echoes: [], close: [1007, 1006] },
  {
    id: '6.4.1',
    group: 'utf8',
    title: 'fail fast: the second of three fragments is invalid',
    steps: [step(frame(Op.Text, 'valid ', false)), step(frame(Op.Continuation, Uint8Array.of(0xf4, 0x90, 0x80, 0x80), false)), step(frame(Op.Continuation, 'end'), true)],
    echoes: [],
    close: [1007, 1006],
  },
  {
    id: '6.4.3',
    group: 'utf8',
    title: 'fail fast: an invalid sequence in the first of two fragments',
    steps: [step(frame(Op.Text, Uint8Array.of(0x61, 0xed, 0xa0, 0x80), false)), step(frame(Op.Continuation, 'end'), true)],
    echoes: [],
    close: [1007, 1006],
  },
  {
    id: '6.4.4',
    group: 'utf8',
    title: 'fail fast: a truncated sequence cannot be completed',
    steps: [step(frame(Op.Text, Uint8Array.of(0x61, 0xf0, 0x28), false)), step(frame(Op.Continuation, 'end'), true)],
    echoes: [],
    close: [1007, 1006],
  },

  // ─── Close (Autobahn 7.x) ────────────────────────────────────────────────
  { id: '7.1.1', group: 'close', title: 'a message, then a normal close', steps: [step(frame(Op.Text, 'Hello')), normalClose], echoes: ['Hello'], close: [1000] },
  { id: '7.1.6', group: 'close', title: 'a message in the same write as the Close after it is still echoed', oneWrite: true, steps: [step(frame(Op.Text, 'last words')), normalClose], echoes: ['last words'], close: [1000] },
  { id: '7.3.1', group: 'close', title: 'Close without a body', steps: [step(frame(Op.Close, ''))], echoes: [], close: [1005, 1000] },
  { id: '7.3.2', group: 'close', title: 'Close with a 1-byte body', steps: [step(frame(Op.Close, Uint8Array.of(0x03)))], echoes: [], close: [1002, 1006] },
  { id: '7.5.1', group: 'close', title: 'Close reason that is not UTF-8', steps: [step(frame(Op.Close, closeBody(1000, Uint8Array.of(0xce, 0xba, 0xc0, 0xaf))))], echoes: [], close: [1007, 1002, 1006] },
  ...[1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].map(
    (code): Case => ({ id: `7.7.${code}`, group: 'close', title: `Close with the valid code ${code}`, steps: [step(frame(Op.Close, closeBody(code)))], echoes: [], close: [code, 1000] }),
  ),
  ...[0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535].map(
    (code): Case => ({ id: `7.9.${code}`, group: 'close', title: `Close with the invalid code ${code}`, steps: [step(frame(Op.Close, closeBody(code)))], echoes: [], close: [1002, 1006] }),
  ),

  // ─── Limits (Autobahn 9.x, bounded; the peer's limit is 1 MiB) ─────────────
  { id: '9.2.x', group: 'limits', title: 'a 1 MiB text message in 64 KiB fragments', steps: [...fragments(Op.Text, oneMiB, 64 * 1024), normalClose], echoes: [bigText], close: [1000] },
  {
    id: '9.x.too-big',
    group: 'limits',
    title: 'a message of 1 MiB + 1 byte, over the limit',
    steps: [...fragments(Op.Binary, new Uint8Array(1024 * 1024 + 1), 256 * 1024), step(frame(Op.Text, 'after'), true)],
    echoes: [],
    close: [1009, 1006],
  },
  {
    id: '9.x.fragments',
    group: 'limits',
    title: 'a message in more empty fragments than allowed (16,384)',
    steps: [...Array.from({ length: 16_400 }, (_, i) => step(frame(i === 0 ? Op.Binary : Op.Continuation, new Uint8Array(0), false))), step(frame(Op.Continuation, Uint8Array.of(1)), true)],
    echoes: [],
    close: [1008, 1009, 1006],
  },

  // ─── Compression (Autobahn 12.x, 13.x) ───────────────────────────────────
  {
    id: '12.1.x',
    group: 'compression',
    title: 'compressed messages, no context takeover, echoed',
    deflate: NO_TAKEOVER,
    steps: [step(frame(Op.Text, deflated(utf8('Hello, deflate! '.repeat(100))), true, true)), step(frame(Op.Binary, deflated(new Uint8Array(70_000).fill(7)), true, true)), normalClose],
    echoes: ['Hello, deflate! '.repeat(100), new Uint8Array(70_000).fill(7)],
    close: [1000],
  },
  {
    id: '13.1.x',
    group: 'compression',
    title: 'compressed and uncompressed messages mixed, context takeover allowed',
    deflate: TAKEOVER,
    steps: [step(frame(Op.Text, deflated(utf8('same words, same words'.repeat(50))), true, true)), step(frame(Op.Text, 'plain')), step(frame(Op.Text, deflated(utf8('same words, same words'.repeat(50))), true, true)), normalClose],
    echoes: ['same words, same words'.repeat(50), 'plain', 'same words, same words'.repeat(50)],
    close: [1000],
  },
  {
    id: '12.x.fragmented',
    group: 'compression',
    title: 'a compressed message in fragments, a Ping between (RSV1 on the first only)',
    deflate: NO_TAKEOVER,
    steps: (() => {
      const body = deflated(utf8('fragmented and compressed '.repeat(40)));
      return [step(frame(Op.Text, body.subarray(0, 10), false, true)), step(frame(Op.Ping, 'mid')), step(frame(Op.Continuation, body.subarray(10))), normalClose];
    })(),
    echoes: ['fragmented and compressed '.repeat(40)],
    pongs: ['mid'],
    close: [1000],
  },
  {
    id: '12.x.rsv1-continuation',
    group: 'compression',
    title: 'RSV1 on a continuation frame',
    deflate: NO_TAKEOVER,
    steps: [step(frame(Op.Text, deflated(utf8('abc')).subarray(0, 2), false, true)), step(frame(Op.Continuation, deflated(utf8('abc')).subarray(2), true, true)), step(frame(Op.Text, 'after'), true)],
    echoes: [],
    close: [1002, 1006],
  },
  {
    id: '12.x.bomb',
    group: 'compression',
    title: 'a decompression bomb: 64 MiB of zeros in 64 KiB, over the 1 MiB limit',
    deflate: NO_TAKEOVER,
    steps: [step(frame(Op.Binary, deflated(new Uint8Array(64 * 1024 * 1024)), true, true)), step(frame(Op.Text, 'after'), true)],
    echoes: [],
    close: [1009, 1006],
  },
  {
    id: '12.x.invalid',
    group: 'compression',
    title: 'a compressed message that is not DEFLATE',
    deflate: NO_TAKEOVER,
    steps: [step(frame(Op.Binary, Uint8Array.of(0xff, 0xff, 0xff, 0xff), true, true)), step(frame(Op.Text, 'after'), true)],
    echoes: [],
    close: [1007, 1002, 1006],
  },
];
