/**
 * The few pywebsocket3 handlers that break the protocol on purpose (a bogus
 * Sec-WebSocket-Accept, an unoffered subprotocol, a header injected through
 * CRLF, a Close answered late or never, raw bytes written onto the
 * connection) cannot be written on a server that keeps the rules. They run
 * here, on the raw socket: a 101 written by hand, frames read with the
 * protocol core's `FrameReader` and written with `encodeFrame`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { computeAccept, encodeFrame, FrameReader, Opcode, parseCloseBody, serializeCloseBody } from '../protocol/index.ts';
import type { Frame } from '../protocol/index.ts';
import { nodeSha1 } from '../node/sha1.ts';

export interface RawAcceptOptions {
  /** Extra header lines written as they are (a value may hold CRLF on purpose). */
  headers?: ReadonlyArray<readonly [string, string]>;
  /** Overrides the computed Sec-WebSocket-Accept. */
  accept?: string;
  /** Sec-WebSocket-Protocol to send, offered or not. */
  protocol?: string | null;
  /** The status line; default `HTTP/1.1 101 Switching Protocols`. */
  statusLine?: string;
}

/** A hand-accepted connection: frames in, frames out, nothing checked. */
export class RawPeer {
  readonly socket: Duplex;
  readonly #reader = new FrameReader({ peer: 'client', maxFrameSize: 64 * 1024 * 1024 });
  readonly #waiting: Array<(frame: Frame | null) => void> = [];
  readonly #frames: Frame[] = [];
  #ended = false;

  constructor(socket: Duplex, head: Buffer) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.#push(chunk));
    socket.on('close', () => {
      this.#ended = true;
      for (const resolve of this.#waiting.splice(0)) resolve(null);
    });
    if (head.length > 0) this.#push(head);
  }

  #push(chunk: Buffer): void {
    this.#reader.push(new Uint8Array(chunk));
    try {
      for (let frame = this.#reader.readFrame(); frame !== null; frame = this.#reader.readFrame()) {
        const resolve = this.#waiting.shift();
        if (resolve) resolve(frame);
        else this.#frames.push(frame);
      }
    } catch {
      this.socket.destroy();
    }
  }

  /** The next frame from the client, or null once the socket has closed. */
  nextFrame(): Promise<Frame | null> {
    const frame = this.#frames.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    if (this.#ended) return Promise.resolve(null);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The next data frame (pings answered, pongs skipped), or the Close frame, or null. */
  async nextMessage(): Promise<Frame | null> {
    for (;;) {
      const frame = await this.nextFrame();
      if (frame === null) return null;
      if (frame.opcode === Opcode.Ping) this.write(Opcode.Pong, frame.payload);
      else if (frame.opcode !== Opcode.Pong) return frame;
    }
  }

  write(opcode: number, payload: Uint8Array = new Uint8Array(0)): void {
    if (!this.socket.destroyed && !this.socket.writableEnded) {
      this.socket.write(encodeFrame({ fin: true, rsv1: false, rsv2: false, rsv3: false, opcode, payload }));
    }
  }

  sendText(text: string): void {
    this.write(Opcode.Text, new TextEncoder().encode(text));
  }

  /** Sends a Close frame (`code` undefined: no body) and ends the TCP connection after it. */
  closeWith(code?: number, reason = ''): void {
    this.write(Opcode.Close, serializeCloseBody(code, reason));
    this.socket.end();
  }

  /** Waits for the client's Close frame (data frames are dropped); null if the socket closed first. */
  async waitForClose(): Promise<{ code: number; reason: string } | null> {
    for (;;) {
      const frame = await this.nextMessage();
      if (frame === null) return null;
      if (frame.opcode === Opcode.Close) return parseCloseBody(frame.payload);
    }
  }

  /** pywebsocket's passive closing handshake: echo the client's code and reason (no body for 1005), then end. */
  async echoClose(delayMs = 0): Promise<void> {
    const received = await this.waitForClose();
    if (received === null) return;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.closeWith(received.code === 1005 ? undefined : received.code, received.reason);
  }
}

/** Writes a 101 response by hand (whatever `options` says) and returns the raw peer. */
export async function rawAccept(req: IncomingMessage, socket: Duplex, head: Buffer, options: RawAcceptOptions = {}): Promise<RawPeer> {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = options.accept ?? (await computeAccept(key, nodeSha1));
  const lines = [options.statusLine ?? 'HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`];
  if (options.protocol) lines.push(`Sec-WebSocket-Protocol: ${options.protocol}`);
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value}`);
  socket.write(lines.join('\r\n') + '\r\n\r\n');
  return new RawPeer(socket, head);
}
