/**
 * The relay transport: a byte stream tunnelled over a native WebSocket to a
 * local relay (`src/node/tcp-relay.ts`), which opens the TCP connection for
 * us. A page cannot open a TCP socket; through the relay, OUR WebSocket
 * class runs in the page and speaks raw RFC 6455 bytes to a real server,
 * so the page can set its own implementation beside the browser's.
 *
 * The tunnel's protocol (both directions on one WebSocket connection):
 *
 *   relay URL   ws://127.0.0.1:<relay>/?host=127.0.0.1&port=<p>[&tls=1]
 *   binary      bytes of the stream, in order
 *   text "open" (relay → page) the TCP (and TLS) connection is established
 *   text "end"  the sender finished sending (TCP half-close)
 *   close 1000  the stream closed; any other code: it failed (the reason
 *               names the error, e.g. "ECONNREFUSED")
 *
 * The relay refuses any target but the 127.0.0.1 ports it was told to
 * allow: it is a test fixture, never an open proxy.
 */
import type { Transport, TransportFactory } from '../transport.ts';

/** The relay protocol's control messages and close code. */
export const RELAY_OPEN = 'open';
export const RELAY_END = 'end';
export const RELAY_CLOSED_NORMALLY = 1000;

export interface RelayTransportOptions {
  /** The native WebSocket class to tunnel through. Default: `globalThis.WebSocket`. */
  WebSocket?: typeof globalThis.WebSocket;
  /** How often to look at the tunnel's bufferedAmount while writes are pending, in ms. Default 10. */
  drainPollMs?: number;
}

/** The relay URL for one target. */
export function relayTargetUrl(relayUrl: string | URL, host: string, port: number, secure: boolean): URL {
  const url = new URL(relayUrl);
  url.searchParams.set('host', host.startsWith('[') ? host.slice(1, -1) : host);
  url.searchParams.set('port', String(port));
  if (secure) url.searchParams.set('tls', '1');
  return url;
}

export function relayTransport(relayUrl: string | URL, options: RelayTransportOptions = {}): TransportFactory {
  const Native = options.WebSocket ?? globalThis.WebSocket;
  const pollMs = options.drainPollMs ?? 10;
  return (target, handlers): Transport => {
    const tunnel = new Native(relayTargetUrl(relayUrl, target.host, target.port, target.secure));
    tunnel.binaryType = 'arraybuffer';
    let closed = false;

    // `written` callbacks wait until the tunnel's bufferedAmount shows their bytes left.
    let sent = 0;
    const pending: Array<{ upTo: number; written: () => void }> = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const drain = (): void => {
      timer = null;
      const transmitted = closed ? Infinity : sent - tunnel.bufferedAmount;
      while (pending.length > 0 && pending[0]!.upTo <= transmitted) pending.shift()!.written();
      if (pending.length > 0) timer = setTimeout(drain, pollMs);
    };

    tunnel.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string') {
        if (event.data === RELAY_OPEN) handlers.onopen();
        else if (event.data === RELAY_END) handlers.onend();
        return;
      }
      handlers.ondata(new Uint8Array(event.data as ArrayBuffer));
    });
    tunnel.addEventListener('close', (event: CloseEvent) => {
      closed = true;
      if (event.code !== RELAY_CLOSED_NORMALLY) {
        handlers.onerror(new Error(`relay: the connection to ${target.host}:${target.port} failed (${event.code}${event.reason === '' ? '' : ` ${event.reason}`})`));
      }
      drain();
      handlers.onclose();
    });

    return {
      write(bytes, written) {
        if (closed || tunnel.readyState !== Native.OPEN) {
          if (written !== undefined) queueMicrotask(written);
          return;
        }
        tunnel.send(bytes as Uint8Array<ArrayBuffer>);
        sent += bytes.length;
        if (written !== undefined) {
          pending.push({ upTo: sent, written });
          timer ??= setTimeout(drain, 0);
        }
      },
      end() {
        if (!closed && tunnel.readyState === Native.OPEN) tunnel.send(RELAY_END);
      },
      destroy() {
        tunnel.close();
      },
    };
  };
}
