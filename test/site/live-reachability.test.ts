import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpUrlOf, missingServersMessage, probe } from '../../src/site/components/live/reachability.ts';

describe('the live comparison knows when its local servers are missing', () => {
  let server: Server;
  let port: number;
  let closedPort: number;
  beforeAll(async () => {
    // A port that was just free: listen on 0, note it, close it.
    const scratch = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => scratch.once('listening', resolve));
    closedPort = (scratch.address() as AddressInfo).port;
    await new Promise((resolve) => scratch.close(resolve));
    // A WebSocket server answers a plain request with a refusal, as src/node/server.ts does.
    server = createServer((_request, response) => response.writeHead(426).end()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('probes the http URL of a ws URL', () => {
    expect(httpUrlOf('ws://127.0.0.1:9403/refuse/403')).toBe('http://127.0.0.1:9403/');
    expect(httpUrlOf('wss://example.org/x')).toBe('https://example.org/');
    expect(httpUrlOf('http://127.0.0.1/')).toBeNull();
    expect(httpUrlOf('not a url')).toBeNull();
  });

  it('finds a listening server reachable even though it refuses the request', async () => {
    expect(await probe(`ws://127.0.0.1:${port}/refuse/403`)).toBe('reachable');
  });

  it('finds a port nobody listens on unreachable', async () => {
    expect(await probe(`ws://127.0.0.1:${closedPort}/`)).toBe('unreachable');
  });

  it('counts a probe that times out as unknown, not missing', async () => {
    const hanging = (() => new Promise((_resolve, reject) => setTimeout(() => reject(new DOMException('timed out', 'TimeoutError')), 5))) as typeof fetch;
    expect(await probe('ws://127.0.0.1:9/', { fetch: hanging })).toBe('unknown');
  });

  it('says which server is missing and how to start them, and nothing when both answer', () => {
    const message = missingServersMessage({ url: 'ws://127.0.0.1:9403/refuse/403', state: 'unreachable' }, { url: 'ws://127.0.0.1:9404/', state: 'unreachable' });
    expect(message).toContain('the WebSocket server (ws://127.0.0.1:9403/refuse/403) or at the relay (ws://127.0.0.1:9404/)');
    expect(message).toContain('npm run live-servers');
    expect(missingServersMessage({ url: 's', state: 'reachable' }, { url: 'r', state: 'unreachable' })).toMatch(/^Nothing answered at the relay \(r\)/);
    expect(missingServersMessage({ url: 's', state: 'reachable' }, { url: 'r', state: 'unknown' })).toBeNull();
  });
});
