/**
 * Garbage collection: a WebSocket whose connection is not closed is never
 * collected (its open transport holds it), whatever the script still
 * references. Measured in a child Node process with `--expose-gc`
 * (fixtures/gc-probe.ts), with a control that must be collected.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Probe {
  readyState: number;
  bufferedAmount: number;
  collected: boolean;
}

const PROBE = fileURLToPath(new URL('./fixtures/gc-probe.ts', import.meta.url));

function runProbe(): Promise<Record<'connecting' | 'open' | 'queued' | 'closing' | 'closed', Probe>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', PROBE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') reject(new Error(`the probe exited with ${code}: ${err}`));
      else resolve(JSON.parse(line) as Record<'connecting' | 'open' | 'queued' | 'closing' | 'closed', Probe>);
    });
  });
}

describe('Garbage collection', () => {
  it('keeps the object while CONNECTING, OPEN (with data queued or not) and CLOSING, and only then lets it go [whatwg#garbage-collection-1, whatwg#garbage-collection-2, whatwg#garbage-collection-3, whatwg#garbage-collection-4]', async () => {
    const probe = await runProbe();
    // The control: once the connection is closed, nothing holds the object, and the probe sees it collected.
    expect(probe.closed).toEqual({ readyState: 3, bufferedAmount: 0, collected: true });
    expect(probe.connecting).toEqual({ readyState: 0, bufferedAmount: 0, collected: false });
    expect(probe.open).toEqual({ readyState: 1, bufferedAmount: 0, collected: false });
    expect(probe.queued.readyState).toBe(1);
    expect(probe.queued.bufferedAmount).toBeGreaterThan(0);
    expect(probe.queued.collected).toBe(false);
    expect(probe.closing).toEqual({ readyState: 2, bufferedAmount: 0, collected: false });
  });
});
