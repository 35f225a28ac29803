/**
 * The Node transport: TCP by `node:net`, TLS by `node:tls`. The default
 * transport of the WebSocket class in Node (`src/api/index.ts`).
 */
import { isIP, connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { Transport, TransportFactory } from '../transport.ts';

export interface NodeTransportOptions {
  /** Options for `tls.connect` with `wss:` (ca, rejectUnauthorized…). */
  tls?: TlsOptions;
}

export function createNodeTransport(options: NodeTransportOptions = {}): TransportFactory {
  return (target, handlers): Transport => {
    const host = target.host.startsWith('[') ? target.host.slice(1, -1) : target.host;
    let socket: Socket;
    if (target.secure) {
      // @spec rfc6455#section-4.1-4.5.2 "Clients MUST use the Server Name Indication extension in the TLS handshake [RFC6066]."
      const servername = isIP(host) === 0 ? host : undefined;
      socket = tlsConnect({
        host,
        port: target.port,
        ...(servername !== undefined && { servername }),
        ALPNProtocols: ['http/1.1'],
        ...options.tls,
      });
    } else {
      socket = netConnect({ host, port: target.port });
    }
    socket.setNoDelay(true);
    // @spec rfc6455#section-4.1-4.5.1 "If /secure/ is true, the client MUST perform a TLS handshake over the connection after opening the connection and before sending the handshake data [RFC2818]."
    socket.once(target.secure ? 'secureConnect' : 'connect', () => handlers.onopen());
    socket.on('data', (chunk: Buffer) => handlers.ondata(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    socket.on('end', () => handlers.onend());
    socket.on('error', (error) => handlers.onerror(error));
    socket.on('close', () => handlers.onclose());
    return {
      write(bytes, written) {
        if (socket.destroyed || socket.writableEnded) {
          if (written !== undefined) queueMicrotask(written);
          return;
        }
        socket.write(bytes, written === undefined ? undefined : () => written());
      },
      end() {
        socket.end();
      },
      destroy() {
        socket.destroy();
      },
    };
  };
}

/** TCP/TLS with Node's defaults (certificates checked against the system's CAs). */
export const nodeTransport: TransportFactory = createNodeTransport();
