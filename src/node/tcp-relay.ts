/**
 * A TCP relay for browser pages: a page opens a WebSocket to the relay,
 * naming a target port on 127.0.0.1, and the relay pipes the bytes of that
 * WebSocket connection to a TCP (or TLS) connection and back. With it, OUR
 * WebSocket class runs in a page (`src/api/transports/relay.ts`, which
 * documents the tunnel's protocol) and speaks raw RFC 6455 to a server.
 *
 * A relay that opens connections for web pages is an open proxy unless it
 * is fenced in. The defaults:
 *
 *   - it listens on 127.0.0.1 only;
 *   - it connects to 127.0.0.1 only, to the ports it was given (no port is
 *     allowed by default), never resolving a name;
 *   - it accepts pages whose Origin is loopback (http(s)://127.0.0.1,
 *     localhost, [::1], any port) only;
 *   - at most 16 tunnels at a time, each failing after 5 s without a TCP
 *     connection.
 *
 * A target it will not serve is refused with 403, an exhausted relay with
 * 503 (the page sees neither status, of course: 1006).
 *
 *   node src/node/tcp-relay.ts --port 9404 --allow 9403
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { parseArgs } from 'node:util';
import type { HandshakeRequest } from '../protocol/index.ts';
import { listen } from './server.ts';
import type { RunningServer, ServerWebSocket } from './server.ts';

/** The relay protocol: see src/api/transports/relay.ts. */
const OPEN = 'open';
const END = 'end';
/** Close codes the relay sends when the target connection fails (private use, 4000–4999). */
export const RELAY_CONNECT_FAILED = 4502;
export const RELAY_CONNECTION_ERROR = 4500;

const TARGET_HOST = '127.0.0.1';

export interface TcpRelayOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Target ports on 127.0.0.1 the relay may connect to. Nothing is allowed by default. */
  allowPorts: readonly number[] | ((port: number) => boolean);
  /** Whether a page with this Origin may use the relay. Default: loopback origins only. */
  allowOrigin?: (origin: string | null) => boolean;
  /** Most tunnels open at a time. Default 16. */
  maxTunnels?: number;
  /** Milliseconds to wait for the TCP (and TLS) connection. Default 5 s. */
  connectTimeout?: number;
  /** Options for `tls.connect` when a page asks for TLS (`tls=1`), e.g. `ca`. */
  tls?: TlsOptions;
}

export interface TcpRelay {
  /** `ws://127.0.0.1:<port>/`, what a page passes to the relay transport. */
  url: string;
  port: number;
  /** Number of tunnels open now. */
  readonly tunnels: number;
  close(): Promise<void>;
}

/** http(s) origins on 127.0.0.1, localhost or [::1], any port. */
export function isLoopbackOrigin(origin: string | null): boolean {
  if (origin === null || origin === 'null') return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

interface Target {
  port: number;
  tls: boolean;
}

/** The target named by a tunnel's URL, or null if the relay must not serve it. */
function targetOf(handshake: HandshakeRequest, allowed: (port: number) => boolean): Target | null {
  const query = new URL(handshake.resourceName, 'http://relay').searchParams;
  const host = query.get('host');
  const portText = query.get('port') ?? '';
  if (host !== TARGET_HOST || !/^[0-9]{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535 || !allowed(port)) return null;
  return { port, tls: query.get('tls') === '1' };
}

export async function startTcpRelay(options: TcpRelayOptions): Promise<TcpRelay> {
  const allowPorts = options.allowPorts;
  const allowed = typeof allowPorts === 'function' ? allowPorts : (port: number) => allowPorts.includes(port);
  const maxTunnels = options.maxTunnels ?? 16;
  const connectTimeout = options.connectTimeout ?? 5000;
  const sockets = new Set<Socket>();
  let tunnels = 0;

  const server: RunningServer = await listen({
    host: '127.0.0.1',
    ...(options.port !== undefined && { port: options.port }),
    verifyOrigin: (origin) => (options.allowOrigin ?? isLoopbackOrigin)(origin),
    refuse: (handshake) => {
      if (targetOf(handshake, allowed) === null) return { status: 403, body: 'Target not allowed\n' };
      if (tunnels >= maxTunnels) return { status: 503, body: 'Too many tunnels\n' };
      return undefined;
    },
  });

  server.wss.on('connection', (ws: ServerWebSocket, handshake: HandshakeRequest) => {
    const target = targetOf(handshake, allowed)!;
    tunnels++;
    ws.on('error', () => {});
    let connected = false;
    const socket = target.tls
      ? tlsConnect({ host: TARGET_HOST, port: target.port, ...options.tls })
      : netConnect({ host: TARGET_HOST, port: target.port, allowHalfOpen: true });
    sockets.add(socket);
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(new Error('ETIMEDOUT')), connectTimeout);
    timer.unref();
    const closeTunnel = (code: number, reason: string): void => {
      ws.close(code, reason.slice(0, 120));
    };

    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      connected = true;
      ws.send(OPEN);
    });
    socket.on('data', (chunk: Buffer) => {
      ws.sendBinary(chunk);
    });
    socket.on('end', () => {
      ws.send(END);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      closeTunnel(connected ? RELAY_CONNECTION_ERROR : RELAY_CONNECT_FAILED, error.code ?? error.message);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      sockets.delete(socket);
      closeTunnel(1000, '');
    });

    ws.on('message', (data) => {
      if (typeof data === 'string') {
        if (data === END) socket.end();
        return;
      }
      if (!socket.destroyed) socket.write(data);
    });
    ws.on('close', () => {
      tunnels--;
      socket.destroy();
    });
  });

  return {
    url: server.url,
    port: server.port,
    get tunnels() {
      return tunnels;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await server.close();
    },
  };
}

// `node src/node/tcp-relay.ts --port 9404 --allow 9403[,9405…]`
if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '9404' }, allow: { type: 'string', default: '' } } });
  const ports = values.allow
    .split(',')
    .filter((port) => port !== '')
    .map(Number);
  const relay = await startTcpRelay({ port: Number(values.port), allowPorts: ports });
  console.log(`relay ${relay.url} → 127.0.0.1 ports ${ports.join(', ') || '(none)'}`);
  process.on('SIGINT', () => void relay.close().then(() => process.exit(0)));
}
