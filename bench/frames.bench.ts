/**
 * Parse and serialize throughput for masked frames (what a server reads,
 * what a client writes) of 16 B, 1 KiB, 64 KiB and 1 MiB: wsspec's
 * Connection and encodeFrame against ws's Receiver and Sender.
 *
 * Both sides do the same work: parsing unmasks in place and emits one
 * binary message per frame; serializing draws a masking key from a random
 * pool and writes header and masked payload into one new buffer without
 * touching the source (ws's `readOnly: true`, as for a user's data).
 */
import * as wsModule from 'ws';
import { Connection, encodeFrame, Opcode } from '../src/protocol/index.ts';
import { compare, measureSync, printTable } from './harness.ts';
import type { Row } from './harness.ts';

interface WsReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer): boolean;
}
interface WsSender {
  frame(data: Buffer, options: { fin: boolean; mask: boolean; opcode: number; readOnly: boolean; rsv1: boolean }): Buffer[];
}
// ws exports its Receiver and Sender (wrapper.mjs); @types/ws does not declare them.
const { Receiver, Sender } = wsModule as unknown as { Receiver: new (options: object) => WsReceiver; Sender: WsSender };

const SIZES = [16, 1024, 64 * 1024, 1024 * 1024];
/** Each batch holds about this many payload bytes (at least one frame). */
const BATCH_BYTES = 256 * 1024;
const MS = Number(process.env['BENCH_MS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

function maskedFrames(size: number, count: number): Buffer {
  const payload = new Uint8Array(size).map((_, i) => (i * 7) & 0xff);
  const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
  const frame = encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.Binary, payload }, key);
  const out = Buffer.allocUnsafe(frame.length * count);
  for (let i = 0; i < count; i++) out.set(frame, i * frame.length);
  return out;
}

const parse: Row[] = [];
const serialize: Row[] = [];

for (const size of SIZES) {
  const count = Math.max(1, Math.floor(BATCH_BYTES / size));
  // Unmasking in place turns the payloads into masked data and back: the
  // headers never change, so both parsers can read the same buffer again.
  const input = maskedFrames(size, count);
  const view = new Uint8Array(input.buffer, input.byteOffset, input.length);

  let ourMessages = 0;
  const ours = new Connection('server', { maxMessageSize: 2 * 1024 * 1024 });
  let wsMessages = 0;
  const receiver = new Receiver({ isServer: true, maxPayload: 0 });
  receiver.on('message', () => wsMessages++);
  receiver.on('error', (error) => {
    throw error;
  });

  // Both parsers handle a batch completely and synchronously: one message per frame.
  ours.receiveData(view);
  ourMessages += ours.events().length;
  receiver.write(input);
  if (ourMessages !== count || wsMessages !== count) throw new Error(`expected ${count} messages, got ${ourMessages} and ${wsMessages}`);

  const parsed = await compare(ROUNDS, {
    ours: () =>
      measureSync(
        () => {
          ours.receiveData(view);
          ourMessages += ours.events().length;
        },
        count,
        size,
        MS,
      ),
    ws: () => measureSync(() => receiver.write(input), count, size, MS),
  });
  parse.push({ name: 'parse masked', size, ...parsed });

  const payload = Buffer.alloc(size, 0x61);
  const payloadView = new Uint8Array(payload.buffer, payload.byteOffset, payload.length);
  const client = new Connection('client');
  const serialized = await compare(ROUNDS, {
    ours: () =>
      measureSync(
        () => {
          for (let i = 0; i < count; i++) client.sendBinary(payloadView);
          client.dataToSend();
        },
        count,
        size,
        MS,
      ),
    ws: () =>
      measureSync(
        () => {
          const frames: Buffer[][] = [];
          for (let i = 0; i < count; i++) frames.push(Sender.frame(payload, { fin: true, mask: true, opcode: 2, readOnly: true, rsv1: false }));
        },
        count,
        size,
        MS,
      ),
  });
  serialize.push({ name: 'serialize masked', size, ...serialized });
}

console.log(`Frames: ${process.version}, ws ${(await import('ws/package.json', { with: { type: 'json' } })).default.version}, best of ${ROUNDS} × ${MS} ms`);
printTable('Parse (server reads client frames: header, unmask, message event)', parse);
printTable('Serialize (client writes frames: masking key, header, masked payload)', serialize);
