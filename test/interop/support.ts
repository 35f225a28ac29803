/**
 * Shared pieces of the interop tests: the scenario server (our server, with
 * one route per scenario), message sizes, and small promise helpers with
 * timeouts so that no test can hang.
 */
import { connect as netConnect } from 'node:net';
import { listen } from '../../src/node/index.ts';
import type { CloseInfo, RunningServer, ServerWebSocket } from '../../src/node/index.ts';

/** 0, 125, 126, 65535, 65536 bytes (each length form and its edges) and 4 MiB. */
export const SIZES = [0, 125, 126, 65535, 65536, 4 * 1024 * 1024];

/** `size` bytes of varied content. */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** `size` ASCII characters (so `size` bytes of UTF-8), with a multi-byte character when there is room. */
export function textOf(size: number): string {
  if (size < 4) return 'x'.repeat(size);
  return `é${'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size - 4)}€`.slice(0, size);
}

/** Resolves with the first value `register` reports, or rejects after `ms`. */
export function within<T>(ms: number, what: string, register: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    register(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Our server with a route per scenario:
 *   /echo            echoes every message as it came
 *   /fragments       on "go", sends "Hel" + Ping + "lo" as a fragmented text message, and a 3-fragment binary one
 *   /ping            pings with the payload "are you there?" and reports the Pong's payload as a text message
 *   /close           closes with the code and reason of the query (?code=4002&reason=bye)
 */
export async function startScenarioServer(): Promise<RunningServer & { nextConnection(): Promise<ServerWebSocket> }> {
  const server = await listen({
    protocols: ['chat', 'superchat'],
    routes: {
      '/echo': (ws) => ws.on('message', (data) => ws.send(data)),
      '/fragments': (ws) =>
        ws.on('message', () => {
          ws.sendText('Hel', false);
          ws.ping(new TextEncoder().encode('between'));
          ws.sendContinuation('lo', true);
          ws.sendBinary(new Uint8Array([1]), false);
          ws.sendContinuation(new Uint8Array([2, 3]), false);
          ws.sendContinuation(new Uint8Array([4]), true);
        }),
      '/ping': (ws) => {
        ws.on('pong', (data) => ws.send(`pong:${new TextDecoder().decode(data)}`));
        ws.ping(new TextEncoder().encode('are you there?'));
      },
      '/close': (ws, handshake) => {
        const query = new URL(handshake.resourceName, 'http://localhost').searchParams;
        ws.close(Number(query.get('code')), query.get('reason') ?? '');
      },
    },
  });
  return {
    ...server,
    nextConnection: () => within(5000, 'a connection', (resolve) => server.wss.once('connection', (ws) => resolve(ws))),
  };
}

/** The close event of a server-side connection. */
export function closeOf(ws: ServerWebSocket): Promise<CloseInfo> {
  return within(5000, 'the server-side close', (resolve) => ws.once('close', resolve));
}

/**
 * Sends `request` on a raw socket and returns what the server answered,
 * once it has closed the connection (or after `ms`).
 */
export function rawExchange(port: number, request: string | Uint8Array, ms = 3000): Promise<string> {
  return within(ms + 1000, 'the raw exchange', (resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(ms, () => socket.destroy());
    socket.write(request);
  });
}

/** The status line of a raw response. */
export const statusLine = (response: string) => response.split('\r\n')[0] ?? '';
