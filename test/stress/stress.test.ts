/**
 * The stress script's attacks (bench/stress.ts) with small counts, against
 * our server in this process: each limit answers with its close code or
 * status, and the server still serves afterwards. No timing assertion:
 * the figures are the script's job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/node/index.ts';
import type { RunningServer } from '../../src/node/index.ts';
import { echoNoRead, emptyContinuations, hugeHead, pingFloodNoRead, slowFrame, slowHead, stillServes } from '../../bench/stress-attacks.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await listen({ handshakeTimeout: 1000, maxFragments: 1000, maxPendingPongs: 8 });
  server.wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data) => ws.send(data));
  });
});
afterAll(async () => {
  await server.close();
});

describe('Our server under the attacks of the stress script [rfc6455#section-10.4-1]', () => {
  it('closes a message of endless empty fragments with 1008, and still serves [rfc6455#section-7.4.1-2.9]', async () => {
    const result = await emptyContinuations(server.port, 5000, 5000);
    expect(result.closeCode).toBe(1008);
    expect(await stillServes(server.port)).toBe(true);
  });

  it('survives a large frame sent one byte per write, and still serves', async () => {
    await slowFrame(server.port, 1024 * 1024, 2, 300);
    expect(await stillServes(server.port)).toBe(true);
  });

  it('survives pings from a peer that never reads, and still serves [rfc6455#section-5.5.2-3]', async () => {
    const result = await pingFloodNoRead(server.port, 20_000, 2000);
    // 1008 once more Pongs are owed than allowed, or nothing owed at all when the kernel took them all.
    expect([1008, null]).toContain(result.closeCode);
    expect(await stillServes(server.port)).toBe(true);
  });

  it('survives echo requests from a peer that never reads, and still serves', async () => {
    await echoNoRead(server.port, 16 * 1024 * 1024, 2000);
    expect(await stillServes(server.port)).toBe(true);
  });

  it('cuts a request head that never completes with 408, and still serves [rfc6455#section-4.2.1-2]', async () => {
    const result = await slowHead(server.port, 4000);
    expect(result.status).toBe('HTTP/1.1 408 ');
    expect(await stillServes(server.port)).toBe(true);
  });

  it('answers every oversized request head with 431, and still serves [rfc6455#section-10.7-1]', async () => {
    const result = await hugeHead(server.port, 256 * 1024, 5);
    expect(result).toMatchObject({ answered: 5, status: 'HTTP/1.1 431 Request Header Fields Too Large' });
    expect(await stillServes(server.port)).toBe(true);
  });
});
