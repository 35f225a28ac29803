/**
 * An echo server for conformance tools (Autobahn|Testsuite, the interop
 * tests): `npm run echo-server -- --port <p>` binds 127.0.0.1, prints
 * `ws://127.0.0.1:<p>/` once it listens, echoes every text and binary
 * message as it came, and answers the closing handshake.
 *
 *   --port <p>              port to listen on (default 9001; 0 picks a free one)
 *   --max-message-size <n>  largest message accepted, in bytes (default 16 MiB)
 */
import { parseArgs } from 'node:util';
import { State } from '../protocol/index.ts';
import { listen } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9001' },
    'max-message-size': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port ${values.port}`);
  process.exit(2);
}
const maxMessageSize = values['max-message-size'] === undefined ? undefined : Number(values['max-message-size']);

const server = await listen({
  port,
  host: '127.0.0.1',
  ...(maxMessageSize !== undefined && { maxMessageSize }),
});
server.wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    if (ws.readyState === State.OPEN) ws.send(data);
  });
  ws.on('error', () => {});
});
console.log(server.url);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
