/**
 * wss: our client over node:tls against our server on an HTTPS server,
 * with a certificate made for the test by openssl (skipped without it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, open, WebSocketServer } from '../../src/node/index.ts';
import type { CloseInfo } from '../../src/node/index.ts';
import { within } from './support.ts';

function makeCertificate(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'wsspec-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const credentials = makeCertificate();
let https: Server;
let port: number;
const servernames: Array<string | false> = [];
/** For each connection the server accepted: whether its socket was a TLS socket that had completed its handshake. */
const encrypted: boolean[] = [];

beforeAll(async () => {
  if (credentials === null) return;
  https = createServer(credentials);
  let lastSocket: TLSSocket | null = null;
  https.on('upgrade', (req) => (lastSocket = req.socket as TLSSocket));
  const wss = new WebSocketServer().attach(https);
  wss.on('connection', (ws) => {
    servernames.push(lastSocket?.servername ?? false);
    encrypted.push(lastSocket?.encrypted === true && lastSocket.getProtocol() !== null);
    ws.on('message', (data) => ws.send(data));
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  port = (https.address() as AddressInfo).port;
});
afterAll(async () => {
  if (credentials === null) return;
  https.closeAllConnections();
  await new Promise((resolve) => https.close(resolve));
});

describe.skipIf(credentials === null)('wss: over TLS [rfc6455#section-4.1-4.5.1, rfc6455#section-10.6-1]', () => {
  it('performs the TLS handshake before the opening handshake, then exchanges messages', async () => {
    const ws = await open(`wss://127.0.0.1:${port}/`, { tls: { ca: credentials!.cert } });
    const echoed = within<string | Uint8Array>(5000, 'echo', (resolve) => ws.once('message', resolve));
    ws.send('over TLS');
    expect(await echoed).toBe('over TLS');
    ws.close(1000);
    expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1000, reason: '', wasClean: true });
  });

  it('our server on an HTTPS server completes the TLS handshake first and answers the opening handshake through the TLS session [rfc6455#section-4.2.2-2.1, rfc6455#section-10.6-1]', async () => {
    const before = encrypted.length;
    const ws = await open(`wss://127.0.0.1:${port}/`, { tls: { ca: credentials!.cert } });
    // The 101 was read from the TLS session, and the server's socket was a TLS socket with a session.
    expect(encrypted.slice(before)).toEqual([true]);
    const echoed = within<string | Uint8Array>(5000, 'echo', (resolve) => ws.once('message', resolve));
    ws.send(new Uint8Array([1, 2, 3]));
    expect(await echoed).toEqual(new Uint8Array([1, 2, 3]));
    ws.close(1000);
    await within(5000, 'close', (resolve) => ws.once('close', resolve));
  });

  it('sends the host name by Server Name Indication [rfc6455#section-4.1-4.5.2]', async () => {
    const ws = await open(`wss://127.0.0.1:${port}/`, { tls: { ca: credentials!.cert, servername: 'localhost' } });
    expect(servernames.at(-1)).toBe('localhost');
    ws.close();
    await within(5000, 'close', (resolve) => ws.once('close', resolve));
  });

  it('fails the connection when the certificate cannot be verified, with 1006 [rfc6455#section-4.1-4.5.1]', async () => {
    const ws = connect(`wss://127.0.0.1:${port}/`);
    const error = within<Error>(5000, 'error', (resolve) => ws.once('error', resolve));
    expect(await within<CloseInfo>(5000, 'close', (resolve) => ws.once('close', resolve))).toEqual({ code: 1006, reason: '', wasClean: false });
    expect((await error).message).toMatch(/self[- ]signed|certificate/i);
  });
});
