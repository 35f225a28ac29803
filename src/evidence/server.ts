/**
 * The scenario server: one TCP server on 127.0.0.1 that plays every
 * server behaviour of the catalogue, by path:
 *
 *   GET /                    (no Upgrade) a blank HTML page, the origin of the browser runs
 *   /s/<scenario id>         the scenario's behaviour (scenarios.ts)
 *   /target                  accepts and echoes: where the redirects point
 *
 * It reads the request head with the protocol core's RequestReader and
 * writes everything else by hand, so that it can break every rule a
 * client must catch (a wrong Sec-WebSocket-Accept, a masked frame…).
 * After a 101 the sans-I/O `Connection` (server role) reads the client's
 * frames and answers the closing handshake.
 *
 * What the server received is logged per run (`begin(run)` → `log(run)`):
 * the WebSocket requests (path and offered subprotocols), then each
 * frame's kind and content. A connection that starts with a TLS record is
 * logged as "tls client hello" and closed.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Connection, getHeader, getHeaderValues, RequestReader, WEBSOCKET_GUID } from '../protocol/index.ts';
import type { ConnectionEvent, HttpRequest } from '../protocol/index.ts';
import { describeBinary, describeText } from './format.ts';
import type { Scenario, ServerAction, ServerBehaviour } from './scenarios.ts';

export interface ScenarioServer {
  port: number;
  /** A port nothing listens on. */
  closedPort: number;
  /** Templates of the driver's URLs: ws, wss, http, https, closed. */
  urls: Record<string, string>;
  /** `http://127.0.0.1:<port>/`, a blank page to run browser scripts from. */
  pageUrl: string;
  /** Starts logging under `run` (connections opened from now on). */
  begin(run: string): void;
  /** What the server received during `run`, in order. */
  log(run: string): string[];
  close(): Promise<void>;
}

/** The blank page (its empty icon link spares a /favicon.ico request, and its 404 in the console). */
const PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>wsspec scenarios</title><p>Scenario runs happen here.</p></html>\n';
const TARGET: ServerBehaviour = { kind: 'accept' };

export interface ScenarioServerOptions {
  /** Scripts the blank page includes (the WebKit console session's bridge, engines/webkit-console.ts). */
  pageScripts?: readonly string[];
}

export async function startScenarioServer(catalogue: readonly Scenario[], options: ScenarioServerOptions = {}): Promise<ScenarioServer> {
  const page = (options.pageScripts ?? []).reduce((html, src) => html.replace('</html>', `<script src="${src}"></script></html>`), PAGE);
  const byId = new Map(catalogue.map((scenario) => [scenario.id, scenario]));
  const logs = new Map<string, string[]>();
  const sockets = new Set<Socket>();
  let current = '';
  let port = 0;

  const server: Server = createServer((socket) => {
    const run = current;
    const log = (line: string): void => {
      const lines = logs.get(run);
      if (lines !== undefined) lines.push(line);
    };
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    const reader = new RequestReader();
    let first = true;
    const onData = (chunk: Buffer): void => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (first) {
        first = false;
        // A TLS handshake record (content type 22): a wss: client on a plain port.
        if (bytes[0] === 0x16) {
          log('tls client hello');
          socket.destroy();
          return;
        }
      }
      let result;
      try {
        result = reader.push(bytes);
      } catch {
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (result === null) return;
      socket.off('data', onData);
      handle(socket, result.request, result.rest, log);
    };
    socket.on('data', onData);
  });

  function urls(): Record<string, string> {
    return {
      ws: `ws://127.0.0.1:${port}`,
      wss: `wss://127.0.0.1:${port}`,
      http: `http://127.0.0.1:${port}`,
      https: `https://127.0.0.1:${port}`,
      closed: `ws://127.0.0.1:${closedPort}`,
    };
  }

  function handle(socket: Socket, request: HttpRequest, rest: Uint8Array, log: (line: string) => void): void {
    const path = new URL(request.target, 'http://localhost').pathname;
    const upgrade = getHeader(request.headers, 'upgrade');
    if (upgrade === null) {
      // Not a WebSocket request: the page (for GET /), or 404.
      const found = path === '/';
      const body = found ? page : 'Not Found\n';
      socket.end(
        `HTTP/1.1 ${found ? '200 OK' : '404 Not Found'}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      socket.resume();
      return;
    }
    const protocols = getHeaderValues(request.headers, 'sec-websocket-protocol').join(', ');
    log(`request ${path}${protocols === '' ? '' : ` protocols=${protocols}`}`);
    let behaviour: ServerBehaviour | undefined;
    if (path === '/target') behaviour = TARGET;
    else if (path.startsWith('/s/')) behaviour = byId.get(path.slice(3))?.server;
    if (behaviour === undefined || behaviour.kind === 'none') {
      refuse(socket, 404, 'Not Found', [], 'No such scenario\n');
      return;
    }
    switch (behaviour.kind) {
      case 'refuse':
        refuse(socket, behaviour.status, behaviour.reason, behaviour.headers ?? [], behaviour.body ?? '');
        return;
      case 'redirect': {
        const location = behaviour.location.replace(/\{(\w+)\}/g, (whole, name: string) => urls()[name] ?? whole);
        refuse(socket, behaviour.status, behaviour.reason, [['Location', location]], '');
        return;
      }
      case 'raw':
        socket.end(Buffer.from(behaviour.response, 'latin1'));
        socket.resume();
        return;
      case 'close-before-response':
        socket.end();
        socket.resume();
        return;
      case 'accept':
        void accept(socket, request, rest, behaviour, log);
        return;
    }
  }

  /** A complete response, then a half-close; what the client still sends is read and dropped. */
  function refuse(socket: Socket, status: number, reason: string, headers: ReadonlyArray<readonly [string, string]>, body: string): void {
    const fields = [...headers.map(([name, value]) => `${name}: ${value}\r\n`), `Content-Length: ${Buffer.byteLength(body)}\r\n`, 'Connection: close\r\n'];
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${fields.join('')}\r\n${body}`);
    socket.resume();
  }

  async function accept(
    socket: Socket,
    request: HttpRequest,
    rest: Uint8Array,
    behaviour: Extract<ServerBehaviour, { kind: 'accept' }>,
    log: (line: string) => void,
  ): Promise<void> {
    const key = getHeader(request.headers, 'sec-websocket-key') ?? '';
    const accept = createHash('sha1')
      .update(behaviour.accept === 'wrong' ? `${key}x` : key + WEBSOCKET_GUID)
      .digest('base64');
    const offered = getHeaderValues(request.headers, 'sec-websocket-protocol').flatMap((value) => value.split(',').map((item) => item.trim()));
    const protocol = typeof behaviour.protocol === 'string' ? behaviour.protocol : behaviour.protocol !== undefined ? (offered[0] ?? null) : null;
    const omit = new Set(behaviour.omit ?? []);
    const fields = [
      ...(omit.has('Upgrade') ? [] : ['Upgrade: websocket']),
      ...(omit.has('Connection') ? [] : ['Connection: Upgrade']),
      `Sec-WebSocket-Accept: ${accept}`,
      ...(protocol === null ? [] : [`Sec-WebSocket-Protocol: ${protocol}`]),
      ...(behaviour.extensions === undefined ? [] : [`Sec-WebSocket-Extensions: ${behaviour.extensions}`]),
    ];
    socket.write(`HTTP/1.1 101 Switching Protocols\r\n${fields.map((field) => `${field}\r\n`).join('')}\r\n`);

    const connection = new Connection('server');
    const echo = behaviour.echo !== false;
    let ended = false;
    /** Writes what the connection queued and handles its events, until neither is left (an echo queues more). */
    const flush = (): void => {
      for (;;) {
        for (const chunk of connection.dataToSend()) if (!socket.destroyed && !ended) socket.write(chunk);
        if (connection.shouldCloseTransport() && !ended) {
          ended = true;
          socket.end();
        }
        const events = connection.events();
        if (events.length === 0) return;
        for (const event of events) onEvent(event);
      }
    };
    const onEvent = (event: ConnectionEvent): void => {
      switch (event.type) {
        case 'text':
          log(`text ${JSON.stringify(describeText(event.data))}`);
          if (echo && connection.state === 1) connection.sendText(event.data);
          return;
        case 'binary':
          log(`binary ${describeBinary(event.data)}`);
          if (echo && connection.state === 1) connection.sendBinary(event.data.slice());
          return;
        case 'ping':
          log(`ping ${JSON.stringify(new TextDecoder().decode(event.data))}`);
          return;
        case 'pong':
          log(`pong ${JSON.stringify(new TextDecoder().decode(event.data))}`);
          return;
        case 'close':
          log(event.code === 1005 ? 'close (empty body)' : `close ${event.code} ${JSON.stringify(event.reason)}`);
          return;
        case 'error':
          log(`error ${event.error.code}`);
          return;
        default:
          return;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      connection.receiveData(new Uint8Array(chunk));
      flush();
    });
    socket.on('end', () => {
      connection.receiveEof();
      flush();
      if (!ended) {
        ended = true;
        socket.end();
      }
    });
    socket.on('close', () => {
      connection.receiveEof();
      flush();
    });
    if (rest.length > 0) {
      connection.receiveData(rest);
      flush();
    }
    for (const action of behaviour.then ?? []) {
      if (socket.destroyed || ended) return;
      await perform(socket, connection, action);
      flush();
    }
  }

  async function perform(socket: Socket, connection: Connection, action: ServerAction): Promise<void> {
    switch (action.do) {
      case 'send-text':
        if (connection.state === 1) connection.sendText(action.text);
        return;
      case 'send-binary':
        if (connection.state === 1) connection.sendBinary(new Uint8Array(action.bytes));
        return;
      case 'send-raw':
        socket.write(Buffer.from(action.hex, 'hex'));
        return;
      case 'ping':
        if (connection.state === 1) connection.sendPing(new TextEncoder().encode(action.text));
        return;
      case 'close':
        if (connection.state === 1) connection.close(action.code, action.reason ?? '');
        return;
      case 'end':
        socket.end();
        return;
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'sleep':
        await new Promise((resolve) => setTimeout(resolve, action.ms));
        return;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const closedPort = await freePort();

  return {
    port,
    closedPort,
    urls: urls(),
    pageUrl: `http://127.0.0.1:${port}/`,
    begin(run) {
      current = run;
      logs.set(run, []);
    },
    log(run) {
      return [...(logs.get(run) ?? [])];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago (listened on, then closed). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
