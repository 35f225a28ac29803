/**
 * The Node transport: TCP by `node:net`, TLS by `node:tls`. The default
 * transport of the WebSocket class in Node (`src/api/index.ts`).
 *
 * It resolves the host name itself, then waits for its turn among the
 * attempts to the same IP address and port (RFC 6455 §4.1 ¶4.2.1: one
 * opening handshake at a time), then opens a direct connection to the
 * addresses it resolved. The WebSocket says when its opening handshake is
 * over (`handshakeSettled`); the stream closing says so too.
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect } from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { Transport, TransportFactory } from '../transport.ts';
import { attemptKey, queueAttempt } from '../../protocol/connect-queue.ts';

export interface NodeTransportOptions {
  /** Options for `tls.connect` with `wss:` (ca, rejectUnauthorized…). */
  tls?: TlsOptions;
}

/** A `lookup` for net.connect that answers with addresses already resolved (so the host is resolved once). */
function resolvedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function createNodeTransport(options: NodeTransportOptions = {}): TransportFactory {
  return (target, handlers): Transport => {
    const host = target.host.startsWith('[') ? target.host.slice(1, -1) : target.host;
    let socket: Socket | null = null;
    /** Writes made before the socket exists, in order. */
    const early: Array<{ bytes: Uint8Array; written: (() => void) | undefined }> = [];
    let ending = false;
    /** onclose was called, or is queued (the stream ended before a socket existed). */
    let closed = false;
    let release: () => void = () => {};

    /** Ends the attempt before a socket exists: a failed name resolution, or destroy() while waiting. */
    const giveUp = (error: Error | null): void => {
      if (closed) return;
      closed = true;
      release();
      queueMicrotask(() => {
        for (const write of early.splice(0)) write.written?.();
        if (error !== null) handlers.onerror(error);
        handlers.onclose();
      });
    };

    const open = (addresses: readonly LookupAddress[]): void => {
      let opened: Socket;
      if (target.secure) {
        // @spec rfc6455#section-4.1-4.5.2 "Clients MUST use the Server Name Indication extension in the TLS handshake [RFC6066]."
        const servername = isIP(host) === 0 ? host : undefined;
        opened = tlsConnect({
          host,
          port: target.port,
          lookup: resolvedLookup(addresses),
          ...(servername !== undefined && { servername }),
          ALPNProtocols: ['http/1.1'],
          ...options.tls,
        });
      } else {
        opened = netConnect({ host, port: target.port, lookup: resolvedLookup(addresses) });
      }
      socket = opened;
      opened.setNoDelay(true);
      // @spec rfc6455#section-4.1-4.5.1 "If /secure/ is true, the client MUST perform a TLS handshake over the connection after opening the…"
      opened.once(target.secure ? 'secureConnect' : 'connect', () => handlers.onopen());
      // The socket's listeners hold the WebSocket (its handlers): while the
      // socket is open, Node keeps it, and so the WebSocket, reachable.
      opened.on('data', (chunk: Buffer) => handlers.ondata(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      opened.on('end', () => handlers.onend());
      opened.on('error', (error) => handlers.onerror(error));
      opened.on('close', () => {
        closed = true;
        release();
        handlers.onclose();
      });
      for (const write of early.splice(0)) transport.write(write.bytes, write.written);
      if (ending) opened.end();
    };

    const start = async (): Promise<void> => {
      // The remote host's IP address: a name that does not resolve fails the connection.
      let addresses: LookupAddress[];
      try {
        const family = isIP(host);
        addresses = family !== 0 ? [{ address: host, family }] : await lookup(host, { all: true });
      } catch (error) {
        giveUp(asError(error));
        return;
      }
      if (closed) return;
      const first = addresses[0];
      if (first === undefined) {
        giveUp(new Error(`no address for ${host}`));
        return;
      }
      // @spec rfc6455#section-4.1-4.2.1 "If the client already has a WebSocket connection to the remote host (IP address) identified by /host/ and port /port/…"
      // @spec rfc6455#section-4.1-4.2.1 "If multiple connections to the same IP address are attempted simultaneously, the client MUST serialize them so that…"
      const attempt = queueAttempt(attemptKey(first.address, first.family, target.port));
      release = attempt.release;
      handlers.onqueued?.();
      await attempt.turn;
      if (closed) {
        release();
        return;
      }
      handlers.onattempt?.();
      // @spec rfc6455#section-4.1-4.3.6 "If the client is not configured to use a proxy, then a direct TCP connection SHOULD be opened to…"
      open(addresses);
    };

    const transport: Transport = {
      write(bytes, written) {
        if (socket === null) {
          if (closed) {
            if (written !== undefined) queueMicrotask(written);
          } else {
            early.push({ bytes, written });
          }
          return;
        }
        if (socket.destroyed || socket.writableEnded) {
          if (written !== undefined) queueMicrotask(written);
          return;
        }
        socket.write(bytes, written === undefined ? undefined : () => written());
      },
      end() {
        if (socket === null) ending = true;
        else socket.end();
      },
      destroy() {
        if (socket === null) giveUp(null);
        else socket.destroy();
      },
      handshakeSettled() {
        release();
      },
    };
    void start();
    return transport;
  };
}

/** TCP/TLS with Node's defaults (certificates checked against the system's CAs). */
export const nodeTransport: TransportFactory = createNodeTransport();
