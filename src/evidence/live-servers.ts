/**
 * The local servers of the live comparison page (/live/compare/): a
 * WebSocket server that refuses or accepts by path, and the relay through
 * which the page's copy of OUR WebSocket reaches it.
 *
 *   node src/evidence/live-servers.ts [--server-port 9403] [--relay-port 9404]
 *
 * Paths of the server (all on 127.0.0.1):
 *   /refuse/<status>   refuses the handshake with that status (400–599, 3xx with a Location)
 *   /echo              accepts and echoes every message
 *   anything else      404
 */
import { parseArgs } from 'node:util';
import { listen } from '../node/server.ts';
import type { Refusal, RunningServer } from '../node/server.ts';
import { startTcpRelay } from '../node/tcp-relay.ts';
import type { TcpRelay } from '../node/tcp-relay.ts';

export interface LiveServers {
  server: RunningServer;
  relay: TcpRelay;
  /** The refusing URL the page uses by default. */
  refusingUrl: string;
  close(): Promise<void>;
}

/** The status a path asks for, or undefined to accept. */
export function refusalFor(resourceName: string, echoUrl: string): Refusal | undefined {
  const path = new URL(resourceName, 'http://localhost').pathname;
  if (path === '/echo') return undefined;
  const match = /^\/refuse\/([1-5][0-9][0-9])$/.exec(path);
  const status = match === null ? 404 : Number(match[1]);
  if (status === 101) return { status: 400, body: 'Refusing with 101 is not a refusal\n' };
  return {
    status,
    ...(status >= 300 && status < 400 && { headers: [['Location', echoUrl]] as Array<[string, string]> }),
    ...(status === 401 && { headers: [['WWW-Authenticate', 'Basic realm="wsspec live"']] as Array<[string, string]> }),
    body: `Refused with ${status}: RFC 6455 asks the server to say why; the WebSocket API keeps it from the script.\n`,
  };
}

export async function startLiveServers(options: { serverPort?: number; relayPort?: number } = {}): Promise<LiveServers> {
  let echoUrl = '';
  const server = await listen({
    ...(options.serverPort !== undefined && { port: options.serverPort }),
    refuse: (handshake) => refusalFor(handshake.resourceName, echoUrl),
  });
  echoUrl = `${server.url}echo`;
  server.wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data) => {
      ws.send(data);
    });
  });
  const relay = await startTcpRelay({ allowPorts: [server.port], ...(options.relayPort !== undefined && { port: options.relayPort }) });
  return {
    server,
    relay,
    refusingUrl: `${server.url}refuse/403`,
    async close() {
      await relay.close();
      await server.close();
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'server-port': { type: 'string', default: '9403' }, 'relay-port': { type: 'string', default: '9404' } } });
  const live = await startLiveServers({ serverPort: Number(values['server-port']), relayPort: Number(values['relay-port']) });
  const page = new URL('http://localhost:4321/live/compare/');
  page.searchParams.set('server', live.refusingUrl);
  page.searchParams.set('relay', live.relay.url);
  console.log(`WebSocket server  ${live.server.url}  (/refuse/<status>, /echo)`);
  console.log(`relay             ${live.relay.url}  (to 127.0.0.1:${live.server.port} only)`);
  console.log(`open              ${page.href}`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void live.close().then(() => process.exit(0));
    });
  }
}
