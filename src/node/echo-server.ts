/**
 * An echo server for conformance tools (Autobahn|Testsuite, the interop
 * tests): `npm run echo-server -- --port <p>` binds 127.0.0.1, prints
 * `ws://127.0.0.1:<p>/` once it listens, echoes every text and binary
 * message as it came, and answers the closing handshake.
 *
 *   --port <p>              port to listen on (default 9001; 0 picks a free one)
 *   --max-message-size <n>  largest message accepted, in bytes (default 16 MiB)
 *   --deflate               accept permessage-deflate (RFC 7692), compressing every message
 */
import { parseArgs } from 'node:util';
import { serverDeflate } from './deflate.ts';
import { listen } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9001' },
    'max-message-size': { type: 'string' },
    deflate: { type: 'boolean', default: false },
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
  ...(values.deflate && serverDeflate({ threshold: 0 })),
});
server.wss.on('connection', (ws) => {
  // Once the closing handshake has started, send() does nothing (and returns false).
  ws.on('message', (data) => ws.send(data));
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
